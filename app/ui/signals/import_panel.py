"""CSV import: choose a file, see line by line what will be read and what is refused, then add."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.signal_import import MAX_FILE_BYTES, ImportPreview, decode_csv, parse_signal_csv
from app.core.signals import Catalogue, IsoWeek, Source
from app.i18n import _, ngettext
from app.store.signals import SignalRepository, load_settings
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, plain_label

_REFUSED = QColor("#fdecea")
# The table shows this many lines; the summary above it counts them all. Filling a table
# item by item is slow, and PySide6 6.12 on Python 3.11 releases None once too often on every
# call that returns nothing: 10,000 lines (40,000 items) crashed the process.
PREVIEW_ROWS = 500


class ImportPanel(QWidget):
    imported = Signal(int)

    def __init__(
        self, context: AppContext, catalogue: Catalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signalImport")
        self.context = context
        self.catalogue = catalogue
        self.preview: ImportPreview | None = None
        self._text = ""
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Hebt u tot nu toe een lijst in Excel bijgehouden? Sla die op als CSV en "
                    "lees hem hier in. Nodig: een kolom 'categorie' en een kolom 'week' of "
                    "'datum' (de dag wordt niet bewaard, alleen de week). Andere kolommen, "
                    "zoals opmerkingen, worden niet gelezen."
                )
            )
        )
        form = QFormLayout()
        self.default_source = QComboBox()
        self.default_source.setObjectName("importDefaultSource")
        self.default_source.addItem(_("Geen: regel weigeren"), None)
        for option in Source:
            self.default_source.addItem(option.label(), option.value)
        self.default_source.currentIndexChanged.connect(self._reparse)
        form.addRow(_("&Bron als die ontbreekt:"), self.default_source)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton(_("Bestand &kiezen..."))
        self.choose_button.setObjectName("chooseCsvButton")
        self.choose_button.clicked.connect(self._choose)
        self.import_button = QPushButton(_("&Inlezen"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.banner = MessageBanner()
        self.banner.setObjectName("importBanner")
        layout.addWidget(self.banner)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("importPreview")
        self.table.setHorizontalHeaderLabels([_("Regel"), _("Week"), _("Signaal"), _("Uitkomst")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("CSV-bestand kiezen"), str(Path.home()), _("CSV-bestanden (*.csv *.txt)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        self.banner.clear_message()
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.banner.show_error(_("Dit bestand is te groot voor een signalenlijst."))
                return
            self._text = decode_csv(path.read_bytes())
        except OSError:
            self.banner.show_error(_("Dit bestand is niet te lezen."))
            return
        self._reparse()

    def _reparse(self) -> None:
        if not self._text:
            return
        source = self.default_source.currentData()
        settings = load_settings(self.context.session.connection)
        self.preview = parse_signal_csv(
            self._text,
            self.catalogue,
            departments=settings.departments,
            current_week=IsoWeek.of(self.context.today()),
            default_source=Source(source) if source else None,
        )
        self._show()

    def _show(self) -> None:
        from app.i18n.formatting import format_week

        preview = self.preview
        assert preview is not None
        shown = preview.lines[:PREVIEW_ROWS]
        self.table.setRowCount(len(shown))
        for row, line in enumerate(shown):
            signal = line.signal
            values = [
                str(line.line),
                format_week(signal.iso_year, signal.iso_week) if signal else "",
                self.catalogue.label(signal.category) if signal else "",
                _("wordt ingelezen")
                if signal
                else _("geweigerd: {reason}").format(reason=line.reason),
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if signal is None:
                    item.setBackground(QBrush(_REFUSED))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        accepted = len(preview.accepted)
        notes = [line for line in preview.report_lines() if not line.startswith(_("Regel"))]
        refused = len(preview.refused)
        summary = ngettext(
            "{n} signaal kan worden ingelezen.", "{n} signalen kunnen worden ingelezen.", accepted
        ).format(n=accepted)
        summary += " " + ngettext("{r} regel geweigerd.", "{r} regels geweigerd.", refused).format(
            r=refused
        )
        if len(preview.lines) > PREVIEW_ROWS:
            note = _("De tabel toont de eerste {n} regels; de telling geldt voor alle regels.")
            notes.append(note.format(n=PREVIEW_ROWS))
        text = "\n".join([summary, *notes])
        if preview.problem and not accepted:
            self.banner.show_error(text)
        else:
            self.banner.show_info(text)
        self.import_button.setEnabled(accepted > 0)
        self.import_button.setText(
            ngettext("&Inlezen ({n} signaal)", "&Inlezen ({n} signalen)", accepted).format(
                n=accepted
            )
        )

    def commit(self) -> int:
        if self.preview is None or not self.preview.accepted:
            return 0
        count = SignalRepository(
            self.context.session.connection, clock=self.context.clock
        ).add_many(self.preview.accepted, logged_in=IsoWeek.of(self.context.today()))
        self.preview = None
        self._text = ""
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        self.banner.show_info(
            ngettext("{n} signaal ingelezen.", "{n} signalen ingelezen.", count).format(n=count)
        )
        self.imported.emit(count)
        return count
