"""The Start page's list of what is due today and this week: crisis deadlines first.

- crisis deadlines of conversations (the advice's first-conversation date at the municipality)
  that have no sent referral yet, and of sent crisis referrals (the Wgs term from sending);
- the legal term of other sent referrals;
- follow-up conversations.

Anything already past its date is listed too (it is the most urgent). Dates come from the one
clock (``AppContext.today``) and the Wgs terms from routes.yaml (``rules.settings.terms``).
A self-contained block on the Start page (app.ui.main_window.HomeSection).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.referral.status import ReferralStatus, legal_term_end
from app.core.route_settings import WgsTerms
from app.i18n import _, directed
from app.i18n.formatting import format_date
from app.ui.widgets import heading, plain_label

log = logging.getLogger(__name__)

# A referral in one of these states means the municipality (or another recipient) has it.
_HANDED_ON = {ReferralStatus.SENT, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED}


@dataclass(frozen=True)
class DueItem:
    day: date
    crisis: bool
    kind: str  # "crisis_advice", "referral_term", "follow_up"
    case_code: str
    recipient: str = ""

    def sort_key(self) -> tuple[int, date, str]:
        return (0 if self.crisis else 1, self.day, self.case_code)


def end_of_week(today: date) -> date:
    """The Sunday of today's ISO week."""
    return today + timedelta(days=6 - today.weekday())


def due_items(connection, today: date, terms: WgsTerms | None) -> list[DueItem]:
    """Everything due up to the end of this week (and anything overdue), crisis first."""
    last = end_of_week(today)
    items: list[DueItem] = []
    handed_on: set[int] = set()
    rows = connection.execute(
        "SELECT r.intake_id, i.case_code, r.recipient_name, r.status, r.status_since, r.crisis "
        "FROM referral r JOIN intake i ON i.id = r.intake_id"
    ).fetchall()
    for intake_id, code, recipient, status, since, crisis in rows:
        state = ReferralStatus(status)
        if state in _HANDED_ON:
            handed_on.add(int(intake_id))
        if state is not ReferralStatus.SENT or terms is None:
            continue
        end = legal_term_end(date.fromisoformat(since), crisis=bool(crisis), terms=terms)
        if end <= last:
            items.append(DueItem(end, bool(crisis), "referral_term", str(code), str(recipient)))
    for intake_id, code, advice in connection.execute(
        "SELECT id, case_code, advice FROM intake "
        "WHERE status != 'afgesloten' AND advice IS NOT NULL"
    ).fetchall():
        if int(intake_id) in handed_on:
            continue
        try:
            stored = json.loads(advice)
        except (TypeError, ValueError):
            log.warning("stored advice of intake %s is not JSON", intake_id)
            continue
        if not stored.get("crisis"):
            continue
        days = [
            date.fromisoformat(route["deadline"])
            for route in stored.get("routes") or ()
            if isinstance(route, dict) and route.get("deadline")
        ]
        if days and min(days) <= last:
            items.append(DueItem(min(days), True, "crisis_advice", str(code)))
    for code, follow_up in connection.execute(
        "SELECT case_code, follow_up FROM intake WHERE follow_up IS NOT NULL "
        "AND follow_up <= ? AND status != 'afgesloten'",
        (last.isoformat(),),
    ).fetchall():
        items.append(DueItem(date.fromisoformat(follow_up), False, "follow_up", str(code)))
    return sorted(items, key=DueItem.sort_key)


def item_text(item: DueItem, today: date) -> str:
    when = _("vandaag") if item.day == today else format_date(item.day, weekday=True)
    if item.kind == "crisis_advice":
        text = _("Crisis – {code}: eerste gesprek bij de gemeente uiterlijk {date}")
    elif item.kind == "referral_term" and item.crisis:
        text = _("Crisis – {code}: {recipient} moet uiterlijk {date} reageren (wettelijke termijn)")
    elif item.kind == "referral_term":
        text = _("{code}: {recipient} moet uiterlijk {date} reageren (wettelijke termijn)")
    else:
        text = _("{code}: vervolggesprek {date}")
    line = text.format(code=item.case_code, recipient=item.recipient, date=when)
    if item.day < today:
        line += " " + _("(over de datum)")
    return line


class DueList(QWidget):
    """Heading plus one line per item; says so calmly when nothing is due."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueList")
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = heading(_("Vandaag en deze week"), level=2)
        layout.addWidget(self.title)
        self.body = plain_label("")
        self.body.setObjectName("dueLines")
        layout.addWidget(self.body)
        self.items: list[DueItem] = []

    def lines(self) -> list[str]:
        today = self.context.today()
        return [item_text(item, today) for item in self.items]

    def refresh(self) -> None:
        rules = self.context.shipped.rules
        terms = rules.settings.terms if rules is not None else None
        try:
            self.items = due_items(self.context.session.connection, self.context.today(), terms)
        except Exception:  # noqa: BLE001 - the start page must still show the rest
            log.exception("due list failed")
            self.items = []
        lines = self.lines()
        if lines:
            # each line its own paragraph: directed() per line keeps Arabic right to left
            self.body.setText("\n".join(directed(f"• {line}") for line in lines))
        else:
            self.body.setText(directed(_("Geen termijnen of vervolggesprekken deze week.")))
        self.body.setStyleSheet("color: #8a1c1c;" if any(i.crisis for i in self.items) else "")
