"""The two exercises of a case: "Welke signalen zie je?" and "Welke route zou je adviseren?".

Each choice is a row: a check box, and after checking a verdict with the explanation right
under it, so feedback sits next to the answer it is about (also on a projector).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.localized import active_language
from app.core.routes import Route, RuleSet
from app.core.signals import Catalogue, Category
from app.core.training import (
    RouteExerciseResult,
    SignalExerciseResult,
    TrainingCase,
    Verdict,
    route_options,
    score_routes,
    score_signals,
    signal_options,
)
from app.i18n import _
from app.i18n.formatting import format_date
from app.ui.widgets import plain_label

VERDICT_COLOURS = {
    Verdict.CORRECT: "#1b6e3a",
    Verdict.MISSED: "#a23b12",
    Verdict.EXTRA: "#555555",
}
VERDICT_MARKS = {Verdict.CORRECT: "✓", Verdict.MISSED: "!", Verdict.EXTRA: "–"}


class _ClickLabel(QLabel):
    """The text of a choice: wraps (a check box cannot) and toggles its box when clicked."""

    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ChoiceRow(QWidget):
    """A check box and its wrapping text, with room for a verdict and an explanation under it."""

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"choice-{key}")
        self.check = QCheckBox()
        self.check.setObjectName(f"check-{key}")
        self.check.setAccessibleName(text)
        self.text = _ClickLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setText(text)
        self.text.setBuddy(self.check)
        self.text.clicked.connect(self._toggle)
        self.verdict = plain_label("")
        self.verdict.setObjectName("verdict")
        self.verdict.hide()
        self.detail = plain_label("")
        self.detail.setObjectName("detail")
        self.detail.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.check, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 0, 1)
        layout.addWidget(self.verdict, 1, 1)
        layout.addWidget(self.detail, 2, 1)
        layout.setColumnStretch(1, 1)

    def _toggle(self) -> None:
        if self.check.isEnabled():
            self.check.toggle()
            self.check.setFocus()

    def show_verdict(self, verdict: Verdict, headline: str, detail: str) -> None:
        colour = VERDICT_COLOURS[verdict]
        self.verdict.setText(f"{VERDICT_MARKS[verdict]} {headline}")
        self.verdict.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.verdict.setAccessibleName(headline)
        self.verdict.show()
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setProperty("verdict", verdict.value)

    def clear_verdict(self) -> None:
        self.verdict.hide()
        self.detail.hide()
        self.setProperty("verdict", "")


class _Exercise(QWidget):
    """Shared frame: a question, a scroll area with rows, a result line and two buttons."""

    checked = Signal(object)

    def __init__(self, question: str, check_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, ChoiceRow] = {}
        self.case: TrainingCase | None = None
        self.answered = False
        self.question = plain_label(question)
        self.question.setProperty("role", "question")
        self.summary = plain_label("")
        self.summary.setObjectName("exerciseSummary")
        self.summary.setProperty("role", "summary")
        self.summary.setStyleSheet(
            "QLabel { background: #e8f2fb; color: #12395c; border: 1px solid #bcd7ef;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.summary.hide()
        self.check_button = QPushButton(check_text)
        self.check_button.setObjectName("checkButton")
        self.check_button.setDefault(False)
        self.check_button.clicked.connect(self.check_answer)
        self.again_button = QPushButton(_("&Opnieuw proberen"))
        self.again_button.setObjectName("againButton")
        self.again_button.clicked.connect(self.reset)
        self.again_button.hide()

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(4, 4, 4, 4)
        self.body_layout.addWidget(self.summary)
        # The blocks (group boxes, the facts) side by side in columns: one on a desk, more on a
        # projector, so a wide screen with large letters still shows everything at once.
        self.columns = QHBoxLayout()
        self.columns.setSpacing(12)
        self.body_layout.addLayout(self.columns, 1)
        self._blocks: list[QWidget] = []
        self._column_count = 0
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll_area = scroll

        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def _add_block(self, block: QWidget) -> None:
        self._blocks.append(block)

    def set_columns(self, count: int) -> None:
        """Spread the blocks over ``count`` columns, in reading order, about equally high."""
        count = max(1, min(count, len(self._blocks) or 1))
        if count == self._column_count:
            return
        self._column_count = count
        while self.columns.count():
            item = self.columns.takeAt(0)
            column = item.layout() if item is not None else None
            if column is not None:
                while column.count():
                    column.takeAt(0)
                column.deleteLater()
        for block in self._blocks:
            block.ensurePolished()
        heights = [max(1, block.sizeHint().height()) for block in self._blocks]
        share = sum(heights) / count
        layouts = [QVBoxLayout() for _ in range(count)]
        done = 0
        for position, (block, height) in enumerate(zip(self._blocks, heights, strict=True)):
            index = min(count - 1, int((done + height / 2) / share))
            # no column stays empty: at most one new column per block, the last ones filled
            index = max(min(index, position), count - (len(self._blocks) - position))
            layouts[index].addWidget(block)
            done += height
        for index, column in enumerate(layouts):
            column.addStretch(1)
            self.columns.addLayout(column, self._column_stretch(index, count))

    def _column_stretch(self, index: int, count: int) -> int:
        return 1

    def chosen(self) -> list[str]:
        return [key for key, row in self.rows.items() if row.check.isChecked()]

    def set_choice(self, key: str, checked: bool = True) -> None:
        self.rows[key].check.setChecked(checked)

    def set_case(self, case: TrainingCase | None) -> None:
        self.case = case
        for row in self.rows.values():
            row.check.blockSignals(True)
            row.check.setChecked(False)
            row.check.blockSignals(False)
        self.reset()
        self.check_button.setEnabled(case is not None)

    def reset(self) -> None:
        self.answered = False
        for row in self.rows.values():
            row.clear_verdict()
        self.summary.hide()
        self.again_button.hide()
        self.check_button.show()

    def _add_row(self, row: ChoiceRow) -> None:
        self.rows[row.key] = row
        # Changing an answer after the check takes the old feedback away.
        row.check.toggled.connect(self._answer_changed)

    def _answer_changed(self) -> None:
        if self.answered:
            self.reset()

    def _finish(self, summary: str) -> None:
        self.answered = True
        self.summary.setText(summary)
        self.summary.show()
        self.check_button.hide()
        self.again_button.show()
        self.again_button.setFocus()
        self.scroll_area.verticalScrollBar().setValue(0)

    def check_answer(self) -> None:
        raise NotImplementedError


class SignalExercise(_Exercise):
    """Tick the signals you see in the story; feedback per signal with the catalogue's why."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            _(
                "Welke signalen zie je in dit verhaal? Vink aan wat een werkgever of "
                "vertrouwenspersoon kan opmerken."
            ),
            _("&Controleren"),
            parent,
        )
        self.setObjectName("signalExercise")
        self.catalogue = catalogue
        self.result: SignalExerciseResult | None = None
        options = signal_options(catalogue)
        for group in catalogue.groups:
            members = [c for c in options if c.group == group.id]
            if not members:
                continue
            box = QGroupBox(group.label)
            box_layout = QVBoxLayout(box)
            for category in members:
                row = ChoiceRow(category.id, category.label)
                self._add_row(row)
                box_layout.addWidget(row)
            self._add_block(box)
        self.set_columns(1)

    def check_answer(self) -> None:
        if self.case is None:
            return
        result = score_signals(self.case, self.chosen(), self.catalogue)
        self.result = result
        for item in result.feedback:
            self.rows[item.category.id].show_verdict(
                item.verdict, _verdict_word(item.verdict, signal=True), _signal_detail(item)
            )
        summary = result.summary()
        missed = [i.category.label for i in result.feedback if i.verdict is Verdict.MISSED]
        if missed:
            summary += "\n" + _("Gemist: {items}.").format(items="; ".join(missed))
        summary += "\n\n" + _("Zo zou je het gesprek kunnen beginnen: “{opener}”").format(
            opener=self.case.opener
        )
        self._finish(summary)
        self.checked.emit(result)


class RouteExercise(_Exercise):
    """Tick the routes you would advise; compared with the real rules engine."""

    def __init__(
        self, rules: RuleSet, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _(
                "Stel: na het gesprek weet je wat hieronder bij ‘Het gesprek’ staat. Welke "
                "hulp zou je adviseren? Kies een of meer routes."
            ),
            _("&Vergelijken met het advies"),
            parent,
        )
        self.setObjectName("routeExercise")
        self.rules = rules.localized(active_language())  # names and reasons as on screen
        rules = self.rules
        self.today = today
        self.result: RouteExerciseResult | None = None
        self.facts = plain_label("")
        self.facts.setObjectName("caseFacts")
        self._add_block(self.facts)
        box = QGroupBox(_("Routes"))
        self.route_grid = QGridLayout(box)
        self._route_rows: list[ChoiceRow] = []
        for route in route_options(rules):
            row = ChoiceRow(route.id, _route_text(route))
            self._add_row(row)
            self._route_rows.append(row)
        self._route_columns = 0
        self._add_block(box)
        self.set_columns(1)

    def _column_stretch(self, index: int, count: int) -> int:
        # the routes, in two columns of their own, get twice the room of the facts
        return 2 if index == 1 and self._route_columns == 2 else 1

    def set_columns(self, count: int) -> None:
        """The facts beside the routes from two columns on; from three, the routes in two."""
        inner = 2 if count >= 3 else 1
        self._route_columns = inner
        self._column_count = 0  # lay out again: the stretch depends on the inner columns
        super().set_columns(min(count, 2))
        for position, row in enumerate(self._route_rows):
            self.route_grid.removeWidget(row)
            self.route_grid.setRowStretch(position, 0)
        self.route_grid.setRowStretch(len(self._route_rows), 0)
        per_column = -(-len(self._route_rows) // inner)
        for position, row in enumerate(self._route_rows):
            self.route_grid.addWidget(row, position % per_column, position // per_column)
        self.route_grid.setRowStretch(per_column, 1)

    def set_case(self, case: TrainingCase | None) -> None:
        super().set_case(case)
        self.facts.setText(_intake_facts(case) if case is not None else "")

    def check_answer(self) -> None:
        if self.case is None:
            return
        result = score_routes(self.case, self.chosen(), self.rules, self.today())
        self.result = result
        for item in result.feedback:
            lines: list[str] = []
            if item.first:
                lines.append(_("Dit is de eerste route van het advies."))
            lines.extend(_("omdat: {reason}").format(reason=reason) for reason in item.reasons)
            if item.deadline is not None:
                lines.append(_("Uiterlijk: {date}").format(date=format_date(item.deadline)))
            if item.verdict is Verdict.EXTRA:
                lines.append(_("De regels adviseren deze route niet voor dit gesprek."))
                lines.append(item.route.explanation)
            if item.route.unverified and item.verdict is not Verdict.EXTRA:
                lines.append(_("Te bevestigen door de gemeente."))
            self.rows[item.route.id].show_verdict(
                item.verdict, _verdict_word(item.verdict, signal=False), "\n".join(lines)
            )
        self._finish(result.summary())
        self.checked.emit(result)


def _verdict_word(verdict: Verdict, *, signal: bool) -> str:
    if verdict is Verdict.CORRECT:
        return _("Goed gezien") if signal else _("Goed gekozen")
    if verdict is Verdict.MISSED:
        return _("Gemist") if signal else _("Ook geadviseerd")
    return _("Niet in dit verhaal") if signal else _("Niet geadviseerd")


def _signal_detail(item) -> str:
    category: Category = item.category
    lines = []
    if item.where:
        lines.append(_("In het verhaal: {text}").format(text=item.where))
    lines.append(_("Waarom het ertoe doet: {text}").format(text=category.why))
    if category.caution and item.verdict is not Verdict.EXTRA:
        lines.append(_("Let op: {text}").format(text=category.caution))
    return "\n".join(lines)


def _route_text(route: Route) -> str:
    return f"{route.name} — {route.organisation}"


def _intake_facts(case: TrainingCase) -> str:
    """The conversation in plain lines, so the trainee has what the engine has."""
    from app.core.concepts import age, arrears, contract, household, label, life_areas, threats
    from app.i18n.formatting import format_money

    intake = case.intake
    lines = [_("Het gesprek:")]
    question = intake.help_question
    if isinstance(question, str) and question:
        lines.append(_("Hulpvraag: “{text}”").format(text=question))
    band = intake.effective_age_band
    if band is not None:
        lines.append(_("Leeftijd: {value}").format(value=label(age.LABELS, band)))
    if intake.household in household.LABELS:
        lines.append(
            _("Huishouden: {value}").format(value=label(household.LABELS, intake.household))
        )
    if intake.contract in contract.INTAKE_LABELS:
        lines.append(
            _("Werk: {value}").format(value=label(contract.INTAKE_LABELS, intake.contract))
        )
    if intake.own_business is True:
        lines.append(_("Heeft naast de baan een eigen bedrijf."))
    if isinstance(intake.arrears, list) and intake.arrears:
        parts = []
        for arrear in intake.arrears:
            text = label(arrears.LABELS, arrear.kind)
            if isinstance(arrear.amount, Decimal):
                text += f" ({format_money(arrear.amount)})"
            parts.append(text)
        lines.append(_("Achterstanden: {items}").format(items="; ".join(parts)))
    elif intake.has_debts is False:
        lines.append(_("Geen schulden of achterstanden."))
    if isinstance(intake.creditor_count, int) and intake.creditor_count:
        lines.append(_("Aantal schuldeisers: {n}").format(n=intake.creditor_count))
    flags = [
        (intake.wage_garnishment, _("beslag op het loon")),
        (intake.bank_garnishment, _("beslag op de bankrekening")),
        (intake.bailiff, _("een deurwaarder")),
        (intake.collection_agency, _("een incassobureau")),
        (intake.business_debt, _("schulden van het eigen bedrijf")),
        (intake.food_shortage, _("soms te weinig geld voor eten")),
    ]
    present = [text for value, text in flags if value is True]
    if present:
        lines.append(_("Er is: {items}").format(items=", ".join(present)))
    budget = intake.budget
    if budget is not None:
        lines.append(
            _("Na de vaste lasten blijft per maand over: {amount}").format(
                amount=format_money(budget)
            )
        )
    for threat in intake.present_threats:
        lines.append(label(threats.LABELS, threat))
    if isinstance(intake.life_areas, list) and intake.life_areas:
        areas = ", ".join(label(life_areas.LABELS, a).lower() for a in intake.life_areas)
        lines.append(_("Speelt ook: {items}").format(items=areas))
    return "\n".join(lines)
