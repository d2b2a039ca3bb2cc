"""Instellingen > Signalen: departments to choose from, minimum cell size k, sector."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.localized import active_language
from app.core.signals import MAX_DEPARTMENT_LENGTH, SignalError, validate_department_name
from app.core.suppression import MIN_K
from app.i18n import _
from app.store.drafts import SIGNAL_SETTINGS, DraftStore
from app.store.signals import SignalSettings, load_settings, save_settings
from app.ui.autosave import Autosave
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, plain_label


class SignalSettingsGroup(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Signalen"), parent)
        self.setObjectName("signalSettings")
        self.context = context
        settings = load_settings(context.session.connection)
        catalogue = context.shipped.catalogue_in(active_language())
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Afdelingen om uit te kiezen bij een signaal. Gebruik grote afdelingen: "
                    "bij kleine afdelingen worden aantallen in een export toch afgeschermd."
                )
            )
        )
        self.departments = QListWidget()
        self.departments.setObjectName("departmentList")
        self.departments.addItems(list(settings.departments))
        self.departments.setMaximumHeight(140)
        layout.addWidget(self.departments)
        row = QHBoxLayout()
        self.new_department = QLineEdit()
        self.new_department.setObjectName("newDepartment")
        self.new_department.setMaxLength(MAX_DEPARTMENT_LENGTH)
        self.new_department.setPlaceholderText(_("Naam van de afdeling"))
        self.new_department.returnPressed.connect(self.add_department)
        add = QPushButton(_("&Toevoegen"))
        add.setObjectName("addDepartment")
        add.clicked.connect(self.add_department)
        remove = QPushButton(_("&Weghalen"))
        remove.setObjectName("removeDepartment")
        remove.clicked.connect(self.remove_department)
        row.addWidget(self.new_department, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addLayout(row)

        form = QFormLayout()
        self.k = QSpinBox()
        self.k.setObjectName("minimumCellSize")
        self.k.setRange(MIN_K, 100)
        self.k.setValue(settings.k)
        self.k.setToolTip(
            _(
                "Een aantal kleiner dan dit getal gaat nooit mee in een export: het kan "
                "naar een persoon wijzen. Minstens {n}."
            ).format(n=MIN_K)
        )
        form.addRow(_("&Kleinste aantal dat een export toont:"), self.k)
        self.sector = QComboBox()
        self.sector.setObjectName("sectorChoice")
        self.sector.addItem(_("Nog niet gekozen"), None)
        for sector in catalogue.sectors:
            self.sector.addItem(sector.label, sector.id)
        self.sector.setCurrentIndex(max(0, self.sector.findData(settings.sector)))
        form.addRow(_("&Sector van de organisatie:"), self.sector)
        layout.addLayout(form)
        save = QPushButton(_("Signaalinstellingen &opslaan"))
        save.setObjectName("saveSignalSettings")
        save.clicked.connect(self.save)
        layout.addWidget(save)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)

        # Changes not yet saved with the button are a draft in the vault, kept across a lock.
        self.drafts = DraftStore(context.session.connection, clock=context.clock)
        self.autosave = Autosave(self._save_draft, self._draft_report, self)
        self._restore_draft()
        model = self.departments.model()
        model.rowsInserted.connect(self.autosave.changed)
        model.rowsRemoved.connect(self.autosave.changed)
        self.new_department.textChanged.connect(self.autosave.changed)
        self.k.valueChanged.connect(self.autosave.changed)
        self.sector.currentIndexChanged.connect(self.autosave.changed)

    def _save_draft(self) -> None:
        if getattr(self.context.session, "closed", False):
            return
        current = self.current()
        self.drafts.save(
            SIGNAL_SETTINGS,
            {
                "departments": list(current.departments),
                "k": current.k,
                "sector": current.sector,
                "typing": self.new_department.text(),
            },
        )

    def _draft_report(self, problem: str | None) -> None:
        if problem is None:
            self.banner.clear_message()
        else:
            self.banner.show_error(problem)

    def _restore_draft(self) -> None:
        draft = self.drafts.load(SIGNAL_SETTINGS)
        if draft is None:
            return
        data = draft.data
        departments = data.get("departments")
        if isinstance(departments, list):
            self.departments.clear()
            self.departments.addItems([str(d) for d in departments])
        if isinstance(data.get("k"), int):
            self.k.setValue(data["k"])
        index = self.sector.findData(data.get("sector"))
        if index >= 0:
            self.sector.setCurrentIndex(index)
        if isinstance(data.get("typing"), str):
            self.new_department.setText(data["typing"])

    def save_work(self) -> bool:
        return self.autosave.flush()

    def add_department(self) -> None:
        try:
            name = validate_department_name(self.new_department.text())
        except SignalError as error:
            self.banner.show_error(str(error))
            return
        existing = [self.departments.item(i).text() for i in range(self.departments.count())]
        if name in existing:
            self.banner.show_error(_("Deze afdeling staat al in de lijst."))
            return
        self.departments.addItem(name)
        self.new_department.clear()
        self.banner.clear_message()

    def remove_department(self) -> None:
        row = self.departments.currentRow()
        if row >= 0:
            self.departments.takeItem(row)

    def current(self) -> SignalSettings:
        return SignalSettings(
            departments=tuple(
                self.departments.item(i).text() for i in range(self.departments.count())
            ),
            k=self.k.value(),
            sector=self.sector.currentData(),
        )

    def save(self) -> bool:
        try:
            save_settings(self.context.session.connection, self.current(), clock=self.context.clock)
        except ValueError as error:
            self.banner.show_error(str(error))
            return False
        if not self.new_department.text().strip():
            self.autosave.mark_saved()
            self.drafts.discard(SIGNAL_SETTINGS)
        self.banner.show_info(_("De signaalinstellingen zijn opgeslagen."))
        return True
