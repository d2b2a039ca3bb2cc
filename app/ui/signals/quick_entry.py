"""Quick entry of one signal: category, week (this week preselected), source; extras folded.

Three steps at most: open (Ctrl+Shift+S), pick a category (click or arrows), save (Enter or
double-click on the category). Nothing typed freely: every field is a fixed choice.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.concepts.age import AgeBand
from app.core.concepts.contract import SIGNAL_VALUES, ContractType
from app.core.signals import Catalogue, IsoWeek, Signal, Source
from app.i18n import _
from app.ui.widgets import plain_label

WEEKS_BACK = 12  # an advisor may log something seen in the last few weeks, never later


class QuickEntryDialog(QDialog):
    def __init__(
        self,
        catalogue: Catalogue,
        departments: tuple[str, ...],
        today: dt.date,
        *,
        source: Source = Source.OWN_OBSERVATION,
        signal: Signal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickEntry")
        self.setWindowTitle(_("Signaal vastleggen") if signal is None else _("Signaal wijzigen"))
        self.catalogue = catalogue
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(_("Wat hebt u gezien? Geen namen: alleen de soort signaal en de week."))
        )

        self.categories = QListWidget()
        self.categories.setObjectName("categoryList")
        self.categories.setAccessibleName(_("Soort signaal"))
        for group in catalogue.groups:
            header = QListWidgetItem(group.label)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.categories.addItem(header)
            for category in catalogue.active():
                if category.group != group.id:
                    continue
                item = QListWidgetItem("   " + category.label)
                item.setData(Qt.ItemDataRole.UserRole, category.id)
                item.setToolTip(category.why)
                self.categories.addItem(item)
        self.categories.setMinimumHeight(260)
        self.categories.itemDoubleClicked.connect(lambda _item: self.accept())
        self.categories.itemSelectionChanged.connect(self._category_changed)
        self.categories.installEventFilter(self)
        layout.addWidget(self.categories, 1)
        self.why = plain_label("")
        self.why.setObjectName("categoryWhy")
        layout.addWidget(self.why)

        form = QFormLayout()
        self.week = QComboBox()
        self.week.setObjectName("weekChoice")
        current = IsoWeek.of(today)
        week = current
        from app.i18n.formatting import format_week

        for _index in range(WEEKS_BACK + 1):
            label = format_week(week.year, week.week)
            if week == current:
                label = _("deze week ({week})").format(week=label)
            self.week.addItem(label, week.key)
            week = IsoWeek.of(week.monday() - dt.timedelta(days=7))
        form.addRow(_("&Week:"), self.week)

        sources = QWidget()
        source_row = QGridLayout(sources)  # two by two: one row is too wide in longer languages
        source_row.setContentsMargins(0, 0, 0, 0)
        self.source_group = QButtonGroup(self)
        self.source_buttons: dict[Source, QRadioButton] = {}
        for index, option in enumerate(Source):
            button = QRadioButton(option.label())
            button.setObjectName(f"source_{option.value}")
            self.source_group.addButton(button, index)
            self.source_buttons[option] = button
            source_row.addWidget(button, index // 2, index % 2)
        self.source_buttons[source].setChecked(True)
        form.addRow(_("Bron:"), sources)
        layout.addLayout(form)

        self.more_button = QToolButton()
        self.more_button.setObjectName("moreButton")
        self.more_button.setText(_("&Meer gegevens (niet verplicht)"))
        self.more_button.setCheckable(True)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.toggled.connect(self._toggle_more)
        layout.addWidget(self.more_button)
        self.more = QGroupBox()
        more_form = QFormLayout(self.more)
        self.department = QComboBox()
        self.department.setObjectName("departmentChoice")
        self.department.addItem(_("Niet ingevuld"), None)
        for name in departments:
            self.department.addItem(name, name)
        more_form.addRow(_("&Afdeling:"), self.department)
        self.age_band = QComboBox()
        self.age_band.addItem(_("Niet ingevuld"), None)
        for band in AgeBand:
            self.age_band.addItem(band.label(), band.value)
        more_form.addRow(_("&Leeftijd:"), self.age_band)
        self.contract = QComboBox()
        self.contract.addItem(_("Niet ingevuld"), None)
        for contract in SIGNAL_VALUES:
            self.contract.addItem(contract.label(), contract.value)
        more_form.addRow(_("&Contract:"), self.contract)
        self.conversation = QComboBox()
        self.conversation.setObjectName("conversationChoice")
        self.conversation.addItem(_("Niet ingevuld"), None)
        self.conversation.addItem(_("Ja"), True)
        self.conversation.addItem(_("Nee"), False)
        more_form.addRow(_("&Gesprek aangeboden:"), self.conversation)
        self.more.setVisible(False)
        layout.addWidget(self.more)
        if not departments:
            self.department.setEnabled(False)
            self.department.setToolTip(_("Afdelingen stelt u in bij Instellingen."))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            _("&Vastleggen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveSignal")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if signal is not None:
            self._load(signal)
        else:  # start above the first category, so the first arrow key picks it
            self.categories.selectionModel().setCurrentIndex(
                self.categories.model().index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.categories.setFocus()
        # 640 px high where there is room; on 1366x768 at 125 % (614 px) less, so it fits
        screen = (parent.screen() if parent is not None else None) or self.screen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 640
        self.resize(560, max(min(640, room), self.minimumSizeHint().height()))

    def _load(self, signal: Signal) -> None:
        for row in range(self.categories.count()):
            if self.categories.item(row).data(Qt.ItemDataRole.UserRole) == signal.category:
                self.categories.setCurrentRow(row)
        index = self.week.findData(signal.iso_year * 100 + signal.iso_week)
        if index >= 0:
            self.week.setCurrentIndex(index)
        self.source_buttons[Source(signal.source)].setChecked(True)
        for combo, value in (
            (self.department, signal.department),
            (self.age_band, signal.age_band.value if signal.age_band else None),
            (self.contract, signal.contract_type.value if signal.contract_type else None),
            (self.conversation, signal.conversation_offered),
        ):
            position = combo.findData(value)
            combo.setCurrentIndex(max(position, 0))
        if any(
            v is not None
            for v in (
                signal.department,
                signal.age_band,
                signal.contract_type,
                signal.conversation_offered,
            )
        ):
            self.more_button.setChecked(True)

    def _toggle_more(self, shown: bool) -> None:
        self.more.setVisible(shown)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Enter in the list saves (the list would otherwise swallow it as "activate").
        if (
            watched is self.categories
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _selected_id(self) -> str | None:
        items = self.categories.selectedItems()
        if not items:
            return None
        value = items[0].data(Qt.ItemDataRole.UserRole)
        return str(value) if value else None

    def _category_changed(self) -> None:
        category_id = self._selected_id()
        category = self.catalogue.get(category_id) if category_id else None
        self.save_button.setEnabled(category is not None)
        self.why.setText(category.why if category else "")

    def accept(self) -> None:
        if self.result_signal() is None:
            return
        super().accept()

    def select_category(self, category_id: str) -> None:
        for row in range(self.categories.count()):
            if self.categories.item(row).data(Qt.ItemDataRole.UserRole) == category_id:
                self.categories.setCurrentRow(row)
                return

    def chosen_source(self) -> Source:
        for option, button in self.source_buttons.items():
            if button.isChecked():
                return option
        return Source.OWN_OBSERVATION

    def result_signal(self) -> Signal | None:
        category_id = self._selected_id()
        if not category_id:
            return None
        week = IsoWeek.from_key(int(self.week.currentData()))
        age = self.age_band.currentData()
        contract = self.contract.currentData()
        return Signal(
            category=str(category_id),
            iso_year=week.year,
            iso_week=week.week,
            source=self.chosen_source(),
            department=self.department.currentData(),
            age_band=AgeBand(age) if age else None,
            contract_type=ContractType(contract) if contract else None,
            conversation_offered=self.conversation.currentData(),
        )
