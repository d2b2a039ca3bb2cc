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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from app.core.referral.status import ReferralStatus, legal_term_end
from app.core.route_settings import WgsTerms
from app.i18n import _, directed
from app.i18n.formatting import format_date
from app.ui.widgets import heading, plain_label

log = logging.getLogger(__name__)

CRISIS_COLOUR = "#8a1c1c"
# A referral in one of these states means the municipality (or another recipient) has it.
_HANDED_ON = {ReferralStatus.SENT, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED}


@dataclass(frozen=True)
class DueItem:
    day: date
    crisis: bool
    kind: str  # "crisis_advice", "referral_term", "follow_up"
    case_code: str
    recipient: str = ""
    intake_id: int = 0  # the conversation a click opens

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
            items.append(
                DueItem(
                    end, bool(crisis), "referral_term", str(code), str(recipient), int(intake_id)
                )
            )
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
            items.append(DueItem(min(days), True, "crisis_advice", str(code), "", int(intake_id)))
    for intake_id, code, follow_up in connection.execute(
        "SELECT id, case_code, follow_up FROM intake WHERE follow_up IS NOT NULL "
        "AND follow_up <= ? AND status != 'afgesloten'",
        (last.isoformat(),),
    ).fetchall():
        items.append(
            DueItem(
                date.fromisoformat(follow_up), False, "follow_up", str(code), "", int(intake_id)
            )
        )
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
    """Heading plus one line per item; says so calmly when nothing is due.

    A click on a line, or Enter on it, opens that conversation (``open_requested``)."""

    open_requested = Signal(int)  # intake id

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueList")
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = heading(_("Vandaag en deze week"), level=2)
        layout.addWidget(self.title)
        self.body = QListWidget()
        self.body.setObjectName("dueLines")
        self.body.setAccessibleName(_("Vandaag en deze week"))
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setWordWrap(True)
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setStyleSheet(_LIST_STYLE)
        self.body.itemActivated.connect(self._open)  # Enter (and a double click)
        if not self.body.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.body.itemClicked.connect(self._open)  # one click is enough, as on a link
        self.empty = plain_label(_("Geen termijnen of vervolggesprekken deze week."))
        self.empty.setObjectName("dueEmpty")
        layout.addWidget(self.body)
        layout.addWidget(self.empty)
        self.items: list[DueItem] = []
        self.body.hide()

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
        self.body.clear()
        for item, line in zip(self.items, self.lines(), strict=True):
            entry = QListWidgetItem(directed(f"• {line}"))
            entry.setData(Qt.ItemDataRole.UserRole, item.intake_id)
            entry.setToolTip(_("Klik of druk op Enter om dit gesprek te openen"))
            if item.crisis:
                entry.setForeground(QColor(CRISIS_COLOUR))
            self.body.addItem(entry)
        self.body.setVisible(bool(self.items))
        self.empty.setVisible(not self.items)
        self._fit_height()

    def text(self) -> str:
        """What the block shows, one line per item (or the calm 'nothing due')."""
        if not self.items:
            return self.empty.text()
        return "\n".join(self.body.item(row).text() for row in range(self.body.count()))

    def _fit_height(self) -> None:
        # as high as its lines: the Start page scrolls as a whole, not this list
        height = sum(self.body.sizeHintForRow(row) for row in range(self.body.count()))
        self.body.setFixedHeight(height + 2 * self.body.frameWidth() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()  # wrapped lines take more rows on a narrow window

    def _open(self, entry: QListWidgetItem) -> None:
        intake_id = entry.data(Qt.ItemDataRole.UserRole)
        if intake_id:
            self.open_requested.emit(int(intake_id))


_LIST_STYLE = (
    "QListWidget#dueLines { background: transparent; }"
    " QListWidget#dueLines::item { padding: 2px 0; }"
    " QListWidget#dueLines::item:hover { text-decoration: underline; }"
)
