"""The list of conversations: search by case code, filter by status, today's follow-ups."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.concepts import label
from app.core.localized import active_language
from app.core.routes import RuleSet
from app.i18n import N_, _, ngettext
from app.i18n.formatting import format_date
from app.store.intakes import IntakeRepository, IntakeStatus, IntakeSummary
from app.ui.intake import labels
from app.ui.widgets import heading, plain_label

COLUMNS = (
    N_("Code"),
    N_("Status"),
    N_("Gesprek"),
    N_("Vervolggesprek"),
    N_("Gekozen route"),
)


def follow_up_lines(repository: IntakeRepository, today: date) -> list[str]:
    lines = []
    due = len(repository.follow_ups(today, today))
    if due:
        lines.append(
            ngettext("Vandaag: {n} vervolggesprek", "Vandaag: {n} vervolggesprekken", due).format(
                n=due
            )
        )
    late = len(repository.overdue_follow_ups(today))
    if late:
        lines.append(
            ngettext(
                "{n} vervolggesprek is over de datum",
                "{n} vervolggesprekken zijn over de datum",
                late,
            ).format(n=late)
        )
    return lines


class CaseListPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    export_requested = Signal(int)  # "Gegevens meegeven…" (the employee's own data)

    def __init__(self, repository: IntakeRepository, rules: RuleSet | None, today, parent=None):
        super().__init__(parent)
        self.setObjectName("caseList")
        self.repository = repository
        self.rules = rules
        self.today = today
        self.summaries: list[IntakeSummary] = []

        self.follow_ups = plain_label()
        self.follow_ups.setObjectName("followUps")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Zoek op code, bijv. 7K3F"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(20)
        self.search.textChanged.connect(self.reload)
        search_label = QLabel(_("&Zoeken:"))
        search_label.setBuddy(self.search)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(_("Alle gesprekken"), None)
        for status in IntakeStatus:
            self.status.addItem(label(labels.STATUS, status), status.value)
        self.status.currentIndexChanged.connect(self.reload)
        status_label = QLabel(_("&Status:"))
        status_label.setBuddy(self.status)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("cases")
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.table.activated.connect(lambda _i: self._open())  # Enter opens, too
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = plain_label(_("Nog geen gesprekken. Begin met ‘Nieuw gesprek’."))
        self.empty.setObjectName("emptyText")

        self.new_button = QPushButton(_("&Nieuw gesprek"))
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton(_("&Openen"))
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self._open)
        self.close_button = QPushButton(_("Gesprek a&fsluiten…"))
        self.close_button.setObjectName("closeCaseButton")
        self.close_button.clicked.connect(self._close_case)
        self.export_button = QPushButton(_("&Gegevens meegeven…"))
        self.export_button.setObjectName("exportCaseButton")
        self.export_button.setToolTip(
            _("Alle gegevens van dit gesprek opslaan voor de medewerker (PDF en JSON)")
        )
        self.export_button.clicked.connect(self._export)
        self.delete_button = QPushButton(_("Gesprek ver&wijderen…"))
        self.delete_button.setObjectName("deleteCaseButton")
        self.delete_button.clicked.connect(self._delete_case)

        filters = QHBoxLayout()
        filters.addWidget(search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(status_label)
        filters.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.open_button)
        # The employee's rights on a row of their own, so the rows fit a small screen in a
        # long language (the layout guard measures it at 1093 px and in the pseudo-locale).
        rights = QHBoxLayout()
        rights.addStretch(1)
        rights.addWidget(self.export_button)
        rights.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Gesprekken")))
        layout.addWidget(
            plain_label(
                _(
                    "Elk gesprek heeft een code in plaats van een naam. Schrijf hier geen namen "
                    "op. Een naam komt alleen in een verwijzingsbrief, met toestemming van de "
                    "werknemer."
                )
            )
        )
        layout.addWidget(self.follow_ups)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addLayout(rights)
        self.setTabOrder(self.search, self.status)
        self.setTabOrder(self.status, self.table)
        self.reload()

    def _route_name(self, route_id: str | None, advised: str | None = None) -> str:
        """The route by name; when the advice was followed, the advised route's name."""
        if not route_id:
            if not advised:
                return _("advies gevolgd")
            route_id = advised
        route = self.rules.route(route_id) if self.rules else None
        return route.text_in("name", active_language()) if route else route_id

    def reload(self) -> None:
        today = self.today()
        self.summaries = self.repository.list_cases(
            search=self.search.text(), status=self.status.currentData()
        )
        self.table.setRowCount(len(self.summaries))
        for row, summary in enumerate(self.summaries):
            values = (
                summary.case_code,
                label(labels.STATUS, summary.status),
                format_date(summary.conversation_date),
                format_date(summary.follow_up) if summary.follow_up else "",
                self._route_name(summary.chosen_route, summary.advised_route)
                if summary.status is not IntakeStatus.CONCEPT
                else "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, summary.id)
                if column == 3 and summary.follow_up and summary.follow_up <= today:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.summaries)
        self.table.setVisible(bool(self.summaries))
        lines = follow_up_lines(self.repository, today)
        self.follow_ups.setText("\n".join(lines))
        self.follow_ups.setVisible(bool(lines))
        self._selection_changed()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.summaries[rows[0].row()].id

    def _selection_changed(self) -> None:
        chosen = self.selected_id()
        self.open_button.setEnabled(chosen is not None)
        self.close_button.setEnabled(chosen is not None)
        self.export_button.setEnabled(chosen is not None)
        self.delete_button.setEnabled(chosen is not None)

    def _open(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_requested.emit(chosen)

    def _export(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.export_requested.emit(chosen)

    def _close_case(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        text = _("Dit gesprek afsluiten? Het blijft bewaard en u kunt het later weer openen.")
        from app.ui.intake.retention import closing_note

        note = closing_note(self.repository)
        answer = QMessageBox.question(
            self, _("Gesprek afsluiten"), f"{text} {note}" if note else text
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.repository.set_status(chosen, IntakeStatus.CLOSED)
            self.reload()

    def _delete_case(self) -> None:
        """The employee's right to erasure: the whole case, after typing its code."""
        chosen = self.selected_id()
        if chosen is None:
            return
        from app.ui.intake.retention import DeleteCaseDialog

        code = next(s.case_code for s in self.summaries if s.id == chosen)
        self.delete_dialog = DeleteCaseDialog(self.repository, chosen, code, self)
        if self.delete_dialog.exec() == DeleteCaseDialog.DialogCode.Accepted:
            self.reload()
