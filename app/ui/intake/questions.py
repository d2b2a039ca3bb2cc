"""Question widgets for the intake. Each shows the question, why we ask it, and offers
"weet ik niet / wil ik niet zeggen". ``value()`` gives a value, ``UNKNOWN`` or ``None``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.intake import UNKNOWN
from app.core.intake_codec import MAX_AMOUNT
from app.i18n import _
from app.i18n.formatting import amount_example, format_amount, parse_money
from app.ui.intake.labels import UNKNOWN_TEXT
from app.ui.widgets import MAX_FIELD_LENGTH, plain_label, wrapping_check_box


def parse_amount(text: str) -> Decimal | None:
    """Read an amount as people type it in the active language: "1.234,56", "1234,5",
    "€ 850", "1234.56" (nl); "1,234.56" (en). See :func:`app.i18n.formatting.parse_money`.

    Returns None for empty or unreadable text, or above the maximum (the field shows a hint).
    """
    value = parse_money(text)
    return value if value is not None and value <= MAX_AMOUNT else None


def amount_text(value: Decimal) -> str:
    """Amount for an edit field in the active language, without the euro sign: 1.234,50 (nl)."""
    return format_amount(value)


class Question(QWidget):
    """Title, "waarom vragen we dit?", the answer, and the unknown box."""

    changed = Signal()

    def __init__(self, key: str, title: str, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"question_{key}")
        self.title = plain_label(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.why = plain_label(_("Waarom vragen we dit? {why}").format(why=why))
        self.why.setObjectName("why")
        self.why.setStyleSheet("color: #4a5560;")
        self.body = QWidget()
        self.unknown = QCheckBox(_(UNKNOWN_TEXT))
        self.unknown.setObjectName(f"unknown_{key}")
        self.unknown.toggled.connect(self._unknown_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addWidget(self.body)
        layout.addWidget(self.unknown)
        self.setAccessibleName(title)

    def _unknown_toggled(self, checked: bool) -> None:
        self.body.setEnabled(not checked)
        self.changed.emit()

    def value(self) -> Any:
        if self.unknown.isChecked():
            return UNKNOWN
        return self._value()

    def set_value(self, value: Any) -> None:
        self.unknown.blockSignals(True)
        self.unknown.setChecked(value is UNKNOWN)
        self.unknown.blockSignals(False)
        self.body.setEnabled(value is not UNKNOWN)
        self._set(None if value is UNKNOWN else value)

    def _value(self) -> Any:
        raise NotImplementedError

    def _set(self, value: Any) -> None:
        raise NotImplementedError


class ChoiceQuestion(Question):
    def __init__(self, key, title, why, options: Mapping, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"choice_{key}")
        self.combo.addItem(_("— kies —"))
        # Qt turns a StrEnum into a plain str; keep the real values by index.
        self.options: list[Any] = [None, *options]
        for text in options.values():
            self.combo.addItem(_(text))
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.title.setBuddy(self.combo)
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addStretch(1)

    def _value(self) -> Any:
        return self.options[max(self.combo.currentIndex(), 0)]

    def _set(self, value: Any) -> None:
        index = self.options.index(value) if value in self.options else 0
        self.combo.setCurrentIndex(index)


class YesNoQuestion(Question):
    def __init__(self, key, title, why, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.yes = QRadioButton(_("Ja"))
        self.yes.setObjectName(f"yes_{key}")
        self.no = QRadioButton(_("Nee"))
        self.no.setObjectName(f"no_{key}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.group.buttonToggled.connect(lambda *_a: self.changed.emit())
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)

    def _value(self) -> Any:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def _set(self, value: Any) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)


class NumberQuestion(Question):
    def __init__(
        self,
        key,
        title,
        why,
        *,
        minimum: int = 0,
        maximum: int = 200,
        suffix: str | Callable[[int], str] = "",
        parent=None,
    ):
        super().__init__(key, title, why, parent)
        self.minimum = minimum
        self.edit = QLineEdit()
        self.edit.setObjectName(f"number_{key}")
        self.edit.setValidator(QIntValidator(minimum, maximum, self.edit))
        self.edit.setMaximumWidth(120)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.title.setBuddy(self.edit)
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        if suffix:
            # a unit that follows the number ("1 schuldeiser", "3 schuldeisers"): a callable
            # that returns it through ngettext
            unit = plain_label(suffix if isinstance(suffix, str) else suffix(0), wrap=False)
            row.addWidget(unit)
            if callable(suffix):
                self.edit.textChanged.connect(
                    lambda text: unit.setText(suffix(int(text) if text.isdigit() else 0))
                )
        row.addStretch(1)

    def _value(self) -> Any:
        text = self.edit.text().strip()
        if not text.isdigit():
            return None
        number = int(text)
        # The validator lets "0" stand while typing "0..."; below the minimum is no answer.
        return number if number >= self.minimum else None

    def _set(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(int(value)))


class DateQuestion(Question):
    """An optional date: tick "known", then type or pick the day (dd-mm-jjjj)."""

    FIRST = date(2000, 1, 1)  # the range intake.schema.json takes
    LAST = date(2099, 12, 31)

    def __init__(
        self, key, title, why, *, known_text: str, start: date | None = None, parent=None
    ) -> None:
        super().__init__(key, title, why, parent)
        self.known = QCheckBox(known_text)
        self.known.setObjectName(f"known_{key}")
        self.edit = QDateEdit()
        self.edit.setObjectName(f"date_{key}")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd-MM-yyyy")
        self.edit.setDateRange(_qdate(self.FIRST), _qdate(self.LAST))
        first = start if start and self.FIRST <= start <= self.LAST else self.FIRST
        self.edit.setDate(_qdate(first))
        self.edit.setEnabled(False)
        self.edit.setAccessibleName(title)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(lambda _c: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.title.setBuddy(self.known)
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)

    def _value(self) -> Any:
        if not self.known.isChecked():
            return None
        day = self.edit.date()
        return date(day.year(), day.month(), day.day())

    def _set(self, value: Any) -> None:
        self.known.blockSignals(True)
        self.known.setChecked(isinstance(value, date))
        self.known.blockSignals(False)
        self.edit.setEnabled(isinstance(value, date))
        if isinstance(value, date):
            self.edit.blockSignals(True)
            self.edit.setDate(_qdate(value))
            self.edit.blockSignals(False)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MoneyEdit(QLineEdit):
    """An amount field in the notation of the active language (Dutch also reads "1250.50");
    it says so when it cannot read the text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMaxLength(20)
        # one width for every amount, room for "1.250.000,00", so the columns line up
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("000.000.000,00") + 24)
        self.setPlaceholderText(_("bijv. {amount}").format(amount=amount_example()))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textChanged.connect(self._check)

    def amount(self) -> Decimal | None:
        return parse_amount(self.text())

    def set_amount(self, value: Any) -> None:
        self.setText(amount_text(value) if isinstance(value, Decimal) else "")

    def _check(self, text: str) -> None:
        bad = bool(text.strip()) and parse_amount(text) is None
        self.setStyleSheet("QLineEdit { background: #fdecea; }" if bad else "")
        hint = _("Dit bedrag kan ik niet lezen, bijvoorbeeld: {amount}")
        self.setToolTip(hint.format(amount=amount_example()) if bad else "")


class MoneyQuestion(Question):
    def __init__(self, key, title, why, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.edit = MoneyEdit(f"money_{key}")
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.title.setBuddy(self.edit)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(plain_label("€", wrap=False))
        row.addWidget(self.edit)
        row.addStretch(1)
        column.addLayout(row)
        # "take the sum of the amounts above" (the total debt from the arrears), see offer();
        # below the field, where a long text in a longer language still fits
        self.offer_button = QPushButton()
        self.offer_button.setObjectName(f"offer_{key}")
        self.offer_button.hide()
        self.offer_button.clicked.connect(self._take_offer)
        self.edit.textChanged.connect(lambda _t: self._show_offer())
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer_button)
        offer_row.addStretch(1)
        column.addLayout(offer_row)
        self._offered: Decimal | None = None

    def offer(self, amount: Decimal | None) -> None:
        """Offer ``amount`` (a sum of amounts entered elsewhere) with one click."""
        self._offered = amount if amount else None
        self._show_offer()

    def _show_offer(self) -> None:
        amount = self._offered
        if amount is None or self.edit.amount() == amount:
            self.offer_button.hide()
            return
        self.offer_button.setText(
            _("€ {amount} overnemen (de bedragen hierboven samen)").format(
                amount=amount_text(amount)
            )
        )
        self.offer_button.show()

    def _take_offer(self) -> None:
        if self._offered is not None:
            self.edit.set_amount(self._offered)

    def _value(self) -> Any:
        return self.edit.amount()

    def _set(self, value: Any) -> None:
        self.edit.set_amount(value)


class TextQuestion(Question):
    def __init__(self, key, title, why, *, placeholder: str = "", parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName(f"text_{key}")
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaximumHeight(90)
        self.edit.textChanged.connect(self._limit)
        self.title.setBuddy(self.edit)
        row = QVBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)

    def _limit(self) -> None:
        text = self.edit.toPlainText()
        if len(text) > MAX_FIELD_LENGTH:
            self.edit.setPlainText(text[:MAX_FIELD_LENGTH])
        self.changed.emit()

    def _value(self) -> Any:
        text = self.edit.toPlainText().strip()
        return text or None

    def _set(self, value: Any) -> None:
        self.edit.setPlainText(value or "")


class MultiQuestion(Question):
    """Tick what applies; "Geen van deze" means an explicit empty list."""

    def __init__(self, key, title, why, options: Mapping, *, none_text: str, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.boxes: dict[StrEnum, QCheckBox] = {}
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, text in options.items():
            box = wrapping_check_box(_(text))
            box.setObjectName(f"option_{key}_{value}")
            box.toggled.connect(self._option_toggled)
            self.boxes[value] = box
            layout.addWidget(box)
        self.none = QCheckBox(none_text)
        self.none.setObjectName(f"none_{key}")
        self.none.toggled.connect(self._none_toggled)
        layout.addWidget(self.none)

    def set_visible_options(self, visible: set) -> None:
        for value, box in self.boxes.items():
            box.setVisible(value in visible)

    def _option_toggled(self, checked: bool) -> None:
        if checked and self.none.isChecked():
            self.none.setChecked(False)
        self.changed.emit()

    def _none_toggled(self, checked: bool) -> None:
        if checked:
            for box in self.boxes.values():
                box.setChecked(False)
        self.changed.emit()

    def _value(self) -> Any:
        chosen = [value for value, box in self.boxes.items() if box.isChecked()]
        if chosen:
            return chosen
        return [] if self.none.isChecked() else None

    def _set(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(option in chosen)
            box.blockSignals(False)
        self.none.blockSignals(True)
        self.none.setChecked(isinstance(value, list) and not value)
        self.none.blockSignals(False)


class AmountListQuestion(Question):
    """An amount per kind (income sources, fixed costs). Empty rows are left out."""

    def __init__(self, key, title, why, options: Mapping, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.edits: dict[StrEnum, MoneyEdit] = {}
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (value, text) in enumerate(options.items()):
            edit = MoneyEdit(f"amount_{key}_{value}")
            edit.textChanged.connect(lambda _t: self.changed.emit())
            self.edits[value] = edit
            label = QLabel(_(text))
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(plain_label("€", wrap=False), row, 1)
            grid.addWidget(edit, row, 2)
        grid.setColumnStretch(3, 1)

    def _value(self) -> Any:
        rows = [(kind, edit.amount()) for kind, edit in self.edits.items()]
        filled = [(kind, amount) for kind, amount in rows if amount is not None]
        return filled or None

    def _set(self, value: Any) -> None:
        amounts = dict(value) if isinstance(value, list) else {}
        for kind, edit in self.edits.items():
            edit.blockSignals(True)
            edit.set_amount(amounts.get(kind))
            edit.blockSignals(False)
        self.changed.emit()


class ArrearsQuestion(Question):
    """Tick each kind of arrear; the amount is optional (empty = not known)."""

    def __init__(self, key, title, why, options: Mapping, parent=None) -> None:
        super().__init__(key, title, why, parent)
        self.rows: dict[StrEnum, tuple[QCheckBox, MoneyEdit]] = {}
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (value, text) in enumerate(options.items()):
            box = wrapping_check_box(_(text))
            box.setObjectName(f"arrear_{value}")
            edit = MoneyEdit(f"arrear_amount_{value}")
            edit.setPlaceholderText(_("bedrag"))
            edit.setToolTip(_("Leeg laten als het bedrag niet bekend is."))
            edit.setEnabled(False)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._option_toggled)
            edit.textChanged.connect(lambda _t: self.changed.emit())
            grid.addWidget(box, row, 0)
            grid.addWidget(plain_label("€", wrap=False), row, 1)
            grid.addWidget(edit, row, 2)
            self.rows[value] = (box, edit)
        self.none = QCheckBox(_("Geen achterstanden"))
        self.none.setObjectName(f"none_{key}")
        self.none.toggled.connect(self._none_toggled)
        grid.addWidget(self.none, len(options), 0)
        grid.setColumnStretch(3, 1)

    def _option_toggled(self, checked: bool) -> None:
        if checked and self.none.isChecked():
            self.none.setChecked(False)
        self.changed.emit()

    def _none_toggled(self, checked: bool) -> None:
        if checked:
            for box, _edit in self.rows.values():
                box.setChecked(False)
        self.changed.emit()

    def _value(self) -> Any:
        chosen = []
        for kind, (box, edit) in self.rows.items():
            if box.isChecked():
                amount = edit.amount()
                chosen.append((kind, amount if amount is not None else UNKNOWN))
        if chosen:
            return chosen
        return [] if self.none.isChecked() else None

    def _set(self, value: Any) -> None:
        amounts = {kind: amount for kind, amount in value} if isinstance(value, list) else {}
        for kind, (box, edit) in self.rows.items():
            box.blockSignals(True)
            box.setChecked(kind in amounts)
            box.blockSignals(False)
            edit.setEnabled(kind in amounts)
            edit.set_amount(amounts.get(kind))
        self.none.blockSignals(True)
        self.none.setChecked(isinstance(value, list) and not value)
        self.none.blockSignals(False)
