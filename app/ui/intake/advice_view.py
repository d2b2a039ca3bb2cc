"""The advice page: routes with their reasons, deadline and what still needs confirming;
the advisor may choose another route and says why, and may plan a follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.concepts.threats import Threat, ThreatEvent, threat_event
from app.core.localized import active_language
from app.core.routes import Advice, RouteAdvice, RuleSet
from app.core.threat_date import before_term
from app.i18n import _, isolate, ngettext
from app.i18n.formatting import format_date
from app.ui.widgets import MAX_FIELD_LENGTH, MessageBanner, heading, plain_label


class _GrowingColumn(QWidget):
    """A column of word-wrapped cards inside a scroll area that never squeezes them.

    QScrollArea sizes its widget by minimumSizeHint, which ignores height-for-width of
    wrapped labels; so we ask the layout for the height at the current width.
    """

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.heightForWidth(self.width())
            if needed != self.minimumHeight():
                self.setMinimumHeight(needed)


def threat_date_text(event: ThreatEvent, day: date) -> str:
    """ "Datum van de afsluiting: dinsdag 2 december 2026"."""
    when = format_date(day, weekday=True)
    if event is ThreatEvent.CUT_OFF:
        return _("Datum van de afsluiting: {date}").format(date=when)
    if event is ThreatEvent.EVICTION:
        return _("Datum van de ontruiming: {date}").format(date=when)
    if event is ThreatEvent.CANCELLATION:
        return _("Datum van de opzegging: {date}").format(date=when)
    return _("Datum waarop het gebeurt: {date}").format(date=when)


def threat_early_text(event: ThreatEvent, days: int) -> str:
    """The warning when the threat comes before the end of the term."""
    if event is ThreatEvent.CUT_OFF:
        text = ngettext(
            "Let op: de afsluiting is eerder dan de termijn van {n} werkdag.",
            "Let op: de afsluiting is eerder dan de termijn van {n} werkdagen.",
            days,
        )
    elif event is ThreatEvent.EVICTION:
        text = ngettext(
            "Let op: de ontruiming is eerder dan de termijn van {n} werkdag.",
            "Let op: de ontruiming is eerder dan de termijn van {n} werkdagen.",
            days,
        )
    elif event is ThreatEvent.CANCELLATION:
        text = ngettext(
            "Let op: de opzegging is eerder dan de termijn van {n} werkdag.",
            "Let op: de opzegging is eerder dan de termijn van {n} werkdagen.",
            days,
        )
    else:
        text = ngettext(
            "Let op: het gebeurt eerder dan de termijn van {n} werkdag.",
            "Let op: het gebeurt eerder dan de termijn van {n} werkdagen.",
            days,
        )
    return text.format(n=days)


def route_card(route: RouteAdvice, threat_line: str = "") -> QFrame:
    card = QFrame()
    card.setObjectName(f"route_{route.route_id}")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setStyleSheet(
        "QFrame { border: 1px solid #c9d3dc; border-radius: 6px; background: #fbfcfd; }"
        "QLabel { border: none; background: transparent; }"
    )
    layout = QVBoxLayout(card)
    title = heading(_(route.name), level=2)
    layout.addWidget(title)
    layout.addWidget(plain_label(_(route.organisation)))
    if route.pilot:
        text = _(route.pilot_label) if route.pilot_label else _("pilot, te bevestigen")
        pilot = plain_label(text[:1].upper() + text[1:])
        pilot.setObjectName("pilot")
        pilot.setStyleSheet(
            "color: #7a4b00; background: #fff4d6; padding: 4px; border-radius: 3px;"
        )
        layout.addWidget(pilot)
    if route.deadline is not None:
        deadline = plain_label(
            _("Uiterlijk eerste gesprek: {date}").format(
                date=format_date(route.deadline, weekday=True)
            )
        )
        deadline.setObjectName("deadline")
        font = deadline.font()
        font.setBold(True)
        deadline.setFont(font)
        layout.addWidget(deadline)
        if threat_line:
            line = plain_label(threat_line)
            line.setObjectName("threatDate")
            line.setFont(font)
            layout.addWidget(line)
    if route.term is not None:
        source = plain_label(_term_source(route))
        source.setObjectName("termSource")
        layout.addWidget(source)
    if route.instrument is not None and route.instrument.kind is not None:
        instrument = plain_label(_instrument_text(route))
        instrument.setObjectName("instrument")
        layout.addWidget(instrument)
    for reason in route.reasons:
        # isolate(): a Dutch reason, a number or an amount keeps its order in Arabic
        line = plain_label(_("• omdat: {reason}").format(reason=isolate(_(reason.text))))
        line.setObjectName("reason")
        layout.addWidget(line)
    layout.addWidget(plain_label(_(route.explanation)))
    # Each phone number and web address on its own: in Arabic "14 079" stays "14 079".
    contact = [isolate(value) for key, value in route.contact.items() if key != "note"]
    if contact:
        layout.addWidget(plain_label(_("Contact: {contact}").format(contact=" · ".join(contact))))
    if route.contact.get("note"):
        layout.addWidget(plain_label(route.contact["note"]))
    if route.via_helper_only:
        helper = plain_label(
            _(
                "Alleen aan te vragen via een hulpverlener, zoals maatschappelijk werk. "
                "De vertrouwenspersoon telt daarvoor niet."
            )
        )
        helper.setObjectName("helperOnly")
        layout.addWidget(helper)
    if route.unverified:
        note = isolate(_(route.unverified_note)) if route.unverified_note else ""
        mark = plain_label(_("Te bevestigen door de gemeente: {note}").format(note=note).strip())
        mark.setObjectName("unverified")
        mark.setStyleSheet("color: #7a4b00; background: #fff4d6; padding: 4px; border-radius: 3px;")
        layout.addWidget(mark)
    return card


def _term_source(route: RouteAdvice) -> str:
    term = route.term
    if term is None:
        return ""
    if term.source == "wgs":
        return _("Deze termijn staat in de Wet gemeentelijke schuldhulpverlening (Wgs).")
    return _(
        "Deze termijn is een keuze van de gemeente; de Wgs noemt deze situatie niet als "
        "bedreigende situatie."
    )


def _instrument_text(route: RouteAdvice) -> str:
    instrument = route.instrument
    if instrument is None:
        return ""
    kinds = {
        "gift": _("Past: een eenmalige gift."),
        "lening": _("Past: een renteloze lening."),
        "gift_of_lening": _("Past: een eenmalige gift of een renteloze lening."),
    }
    parts = [kinds.get(instrument.kind or "", "")]
    if instrument.room == "navragen":
        parts.append(_("Voor de lening: vraag na hoeveel er per maand over is om af te lossen."))
    elif instrument.room == "te_krap":
        parts.append(_("Voor een lening is er te weinig ruimte om af te lossen."))
    if instrument.amounts_unverified:
        parts.append(_("De bedragen zijn niet bevestigd."))
    return " ".join(part for part in parts if part)


FOLLOW_UP_AFTER = timedelta(days=14)


def default_follow_up(today: date) -> date:
    """The follow-up a new plan starts with: two weeks later, on a working day."""
    from app.core.workdays import next_working_day

    return next_working_day(today + FOLLOW_UP_AFTER)


class AdviceView(QWidget):
    """Shows an :class:`Advice` and collects the advisor's own choice."""

    changed = Signal()

    def __init__(self, rules: RuleSet | None, rules_problem: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("adviceView")
        self.rules = rules
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Advies"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "Dit is een voorstel op basis van het gesprek. Kies samen wat past. "
                    "Bij elke route staat waarom hij wordt voorgesteld."
                )
            )
        )
        self.banner = MessageBanner()
        self.banner.setObjectName("adviceBanner")
        layout.addWidget(self.banner)
        if rules_problem:
            self.banner.show_error(
                _("De routeregels konden niet worden gelezen: {problem}").format(
                    problem=rules_problem
                )
            )

        self.cards = _GrowingColumn()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.cards)
        layout.addWidget(scroll, 1)

        choice = QGroupBox(_("Uw keuze"))
        form = QFormLayout(choice)
        self.route_choice = QComboBox()
        self.route_choice.setObjectName("routeChoice")
        self.route_choice.addItem(_("Het advies volgen"), None)
        for route in rules.routes if rules else ():
            if route.enabled:
                self.route_choice.addItem(route.text_in("name", active_language()), route.id)
        self.route_choice.currentIndexChanged.connect(self._choice_changed)
        form.addRow(_("&Route:"), self.route_choice)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(60)
        self.reason.setPlaceholderText(
            _("Waarom deze route? Bijvoorbeeld: de werknemer kent de maatschappelijk werker al.")
        )
        self.reason.textChanged.connect(self._limit)
        # disabled (the advice is followed): it must not look like a field to type in
        self.reason.setStyleSheet(
            "QPlainTextEdit:disabled { background: palette(window); color: palette(mid); }"
        )
        form.addRow(_("&Waarom:"), self.reason)
        follow = QHBoxLayout()
        self.follow_up = QCheckBox(_("&Vervolggesprek op"))
        self.follow_up.setObjectName("followUpCheck")
        self.follow_up_date = QDateEdit()
        self.follow_up_date.setObjectName("followUpDate")
        self.follow_up_date.setCalendarPopup(True)
        self.follow_up_date.setDisplayFormat("dd-MM-yyyy")
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_date)
        follow.addStretch(1)
        form.addRow(follow)
        layout.addWidget(choice)
        self._choice_changed()
        self.advice: Advice | None = None

    def _limit(self) -> None:
        text = self.reason.toPlainText()
        if len(text) > MAX_FIELD_LENGTH:
            self.reason.setPlainText(text[:MAX_FIELD_LENGTH])

    def _choice_changed(self) -> None:
        other = self.route_choice.currentData() is not None
        self.reason.setEnabled(other)
        self.reason.setPlaceholderText(
            _("Waarom deze route? Bijvoorbeeld: de werknemer kent de maatschappelijk werker al.")
            if other
            else _("Alleen nodig als u een andere route kiest dan het advies.")
        )
        self.changed.emit()

    def show_advice(
        self,
        advice: Advice,
        *,
        threat_date: date | None = None,
        threats: Sequence[Threat] = (),
    ) -> None:
        """Show the routes; ``threat_date`` (with the threats it belongs to) is shown next to
        the term, with a warning when it comes before the term's end."""
        self.advice = advice
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        threat_line = ""
        if advice.crisis:
            crisis = next((r for r in advice.routes if r.deadline is not None), None)
            term_end = crisis.deadline if crisis else None
            when = format_date(term_end, weekday=True) if term_end else ""
            parts = [
                _(
                    "Er is een bedreigende situatie. Neem vandaag nog contact op met de gemeente; "
                    "het eerste gesprek moet uiterlijk {date} zijn."
                ).format(date=when)
            ]
            if threat_date is not None and threats:
                event = threat_event(threats)
                threat_line = threat_date_text(event, threat_date)
                parts.append(threat_line + ".")
                if before_term(threat_date, term_end) and self.rules is not None:
                    parts.append(threat_early_text(event, self.rules.crisis_working_days))
            self.banner.show_error(" ".join(parts))
        else:
            self.banner.clear_message()
        if not advice.routes:
            empty = plain_label(_("Er is geen route die past."))
            self.cards_layout.addWidget(empty)
            empty.show()
        for route in advice.routes:
            card = route_card(route, threat_line if route.deadline is not None else "")
            self.cards_layout.addWidget(card)
            card.show()
        self.cards_layout.addStretch(1)
        self.cards_layout.activate()
        self.cards.fit()

    def set_choice(
        self, route_id: str | None, reason: str | None, follow_up: date | None, today: date
    ) -> None:
        index = self.route_choice.findData(route_id) if route_id else 0
        self.route_choice.setCurrentIndex(max(index, 0))
        self.reason.setPlainText(reason or "")
        self.follow_up.setChecked(follow_up is not None)
        day = follow_up or default_follow_up(today)
        # Never a day in the past to choose; a saved follow-up that is overdue stays as it was.
        earliest = min(today, follow_up) if follow_up else today
        self.follow_up_date.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.follow_up_date.setDate(QDate(day.year, day.month, day.day))

    def chosen_route(self) -> str | None:
        return self.route_choice.currentData()

    def override_reason(self) -> str | None:
        text = self.reason.toPlainText().strip()
        return text or None

    def follow_up_day(self) -> date | None:
        if not self.follow_up.isChecked():
            return None
        value = self.follow_up_date.date()
        return date(value.year(), value.month(), value.day())
