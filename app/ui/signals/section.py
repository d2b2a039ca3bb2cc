"""The "Signalen" section: log, dashboard, export and CSV import of anonymous signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.localized import active_language
from app.core.signals import IsoWeek, Source
from app.core.signals import Signal as DomainSignal
from app.documents.signal_export import key_label
from app.i18n import _, ngettext
from app.store.signals import (
    SignalLocked,
    SignalNotFound,
    SignalRepository,
    StoredSignal,
    load_settings,
)
from app.ui.context import AppContext
from app.ui.section import Section
from app.ui.signals.dashboard import DashboardPanel
from app.ui.signals.export_panel import ExportPanel
from app.ui.signals.import_panel import ImportPanel
from app.ui.signals.quick_entry import QuickEntryDialog
from app.ui.widgets import MessageBanner, heading

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+Shift+S"


class SignalsSection(Section):
    signals_changed = Signal()
    # A confirmation for the page the advisor is on, when a signal was logged from elsewhere
    # (the global shortcut or the button on Start): MainArea shows it in its status line.
    done_elsewhere = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("signalsSection")
        # On screen in the UI language; exports and the CSV import use the Dutch catalogue.
        self.catalogue = context.shipped.catalogue_in(active_language())
        self.repository = SignalRepository(context.session.connection, clock=context.clock)
        self._last_source = Source.OWN_OBSERVATION
        self._undo: StoredSignal | None = None
        self._undo_added: int | None = None
        self._entry_open = False

        self.quick_action = QAction(_("Signaal vastleggen"), self)
        self.quick_action.setObjectName("quickSignalAction")
        self.quick_action.setShortcut(QKeySequence(SHORTCUT))
        self.quick_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quick_action.triggered.connect(self.quick_entry)
        self.addAction(self.quick_action)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Signalen")))
        self.banner = MessageBanner()
        self.banner.setObjectName("signalsBanner")
        self.banner.reserve_space(1)  # the tabs below never move when a message appears
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        self.undo_button = QPushButton(_("&Ongedaan maken"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        banner_row.addWidget(self.undo_button)
        layout.addLayout(banner_row)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("signalTabs")
        self.tabs.addTab(self._log_tab(), _("&Logboek"))
        self.dashboard = DashboardPanel(self.repository, self.catalogue, context.today)
        self.tabs.addTab(self.dashboard, _("&Overzicht"))
        self.export_panel = ExportPanel(context, context.shipped.catalogue)
        self.tabs.addTab(self.export_panel, _("&Exporteren"))
        self.import_panel = ImportPanel(context, context.shipped.catalogue)
        self.import_panel.imported.connect(self._after_change)
        self.tabs.addTab(self.import_panel, _("&Inlezen"))
        layout.addWidget(self.tabs, 1)
        self.signals_changed.connect(self.dashboard.reload)
        self.reload()

    # -- Section -----------------------------------------------------------------------------

    def section_title(self) -> str:
        return _("Signalen")

    def global_actions(self) -> list[QAction]:
        return [self.quick_action]

    def home_lines(self) -> list[str]:
        week = self.current_week()
        count = self.repository.count(week, week)
        if not count:
            return []
        return [
            ngettext(
                "Deze week {n} signaal vastgelegd",
                "Deze week {n} signalen vastgelegd",
                count,
            ).format(n=count)
        ]

    def refresh(self) -> None:
        self.reload()
        self.dashboard.reload()

    def current_week(self) -> IsoWeek:
        return IsoWeek.of(self.context.today())

    # -- log tab ------------------------------------------------------------------------------

    def _log_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("&Nieuw signaal (Ctrl+Shift+S)"))
        self.new_button.setObjectName("newSignalButton")
        self.new_button.clicked.connect(self.quick_entry)
        self.edit_button = QPushButton(_("&Wijzigen"))
        self.edit_button.setObjectName("editSignalButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Ve&rwijderen"))
        self.delete_button.setObjectName("deleteSignalButton")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("signalTable")
        self.table.setHorizontalHeaderLabels(
            [_("Week"), _("Signaal"), _("Bron"), _("Afdeling"), _("Gesprek"), _("Aanpassen")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        layout.addWidget(self.table, 1)
        return page

    def reload(self) -> None:
        from app.i18n.formatting import format_week

        rows = self.repository.list_signals(limit=500)
        current = self.current_week()
        self.table.setRowCount(len(rows))
        for row, stored in enumerate(rows):
            signal = stored.signal
            values = [
                format_week(signal.iso_year, signal.iso_week),
                self.catalogue.label(signal.category),
                Source(signal.source).label(),
                signal.department or "",
                key_label(
                    "conversation_offered",
                    {None: "onbekend", True: "ja", False: "nee"}[signal.conversation_offered],
                ),
                _("kan nog deze week") if stored.editable_in(current) else _("vastgezet"),
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, stored.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _selected(self) -> StoredSignal | None:
        items = self.table.selectedItems()
        if not items:
            return None
        try:
            return self.repository.get(int(items[0].data(Qt.ItemDataRole.UserRole)))
        except SignalNotFound:
            return None

    def _update_buttons(self) -> None:
        stored = self._selected()
        editable = stored is not None and stored.editable_in(self.current_week())
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)

    # -- actions ------------------------------------------------------------------------------

    def _dialog(self, signal=None) -> QuickEntryDialog:
        settings = load_settings(self.context.session.connection)
        return QuickEntryDialog(
            self.catalogue,
            settings.departments,
            self.context.today(),
            source=self._last_source,
            signal=signal,
            parent=self.window(),
        )

    def quick_entry(self) -> int | None:
        """Open the quick entry; returns the new signal's id when saved."""
        if self._entry_open:
            return None
        self._entry_open = True
        try:
            return self._quick_entry()
        finally:
            self._entry_open = False

    def _run_dialog(self, signal=None) -> DomainSignal | None:
        """Show the entry dialog; the chosen signal, or None when cancelled."""
        dialog = self._dialog(signal)
        try:
            if dialog.exec() != QuickEntryDialog.DialogCode.Accepted:
                return None
            return dialog.result_signal()
        finally:
            dialog.deleteLater()  # one hidden dialog per entry would pile up otherwise

    def _quick_entry(self) -> int | None:
        signal = self._run_dialog()
        if signal is None:
            return None
        self._last_source = Source(signal.source)
        signal_id = self.repository.add(signal, logged_in=self.current_week())
        self._undo, self._undo_added = None, signal_id
        self._show_done(
            _("Signaal vastgelegd: {label}.").format(label=self.catalogue.label(signal.category))
        )
        self._after_change()
        return signal_id

    def edit_selected(self) -> None:
        stored = self._selected()
        if stored is None:
            return
        signal = self._run_dialog(stored.signal)
        if signal is None:
            return
        try:
            self.repository.update(stored.id, signal, current_week=self.current_week())
        except (SignalLocked, SignalNotFound) as error:
            self.banner.show_error(str(error))
            return
        self.banner.show_info(_("Signaal gewijzigd."))
        self.undo_button.hide()
        self._after_change()

    def delete_selected(self) -> None:
        stored = self._selected()
        if stored is None:
            return
        try:
            deleted = self.repository.delete(stored.id, current_week=self.current_week())
        except (SignalLocked, SignalNotFound) as error:
            self.banner.show_error(str(error))
            return
        self._undo, self._undo_added = deleted, None
        self._show_done(_("Signaal verwijderd."))
        self._after_change()

    def undo(self) -> None:
        if self._undo is not None:
            self.repository.restore(self._undo)
            self.banner.show_info(_("Het signaal is teruggezet."))
        elif self._undo_added is not None:
            try:
                self.repository.delete(self._undo_added, current_week=self.current_week())
            except (SignalLocked, SignalNotFound) as error:
                self.banner.show_error(str(error))
            else:
                self.banner.show_info(_("Het signaal is niet bewaard."))
        self._undo = self._undo_added = None
        self.undo_button.hide()
        self._after_change()

    def _show_done(self, text: str) -> None:
        self.banner.show_info(text)
        self.undo_button.show()
        if not self.isVisible():
            self.done_elsewhere.emit(text)

    def _after_change(self) -> None:
        self.reload()
        self.signals_changed.emit()


def confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, _("Vindplaats"), text)
    return answer == QMessageBox.StandardButton.Yes
