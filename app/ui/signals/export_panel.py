"""Export: choose a period, see exactly what will leave (hidden cells as x), then write it.

The preview and the file come from one export document built off the GUI thread; any change
to the choices drops the preview, so what is written is always what was shown.
"""

from __future__ import annotations

import datetime as dt
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
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

from app.core.export_periods import is_over, month_choices, month_end, period_days, quarter_of
from app.core.signals import Catalogue, Granularity
from app.documents.signal_export import SUPPRESSED_MARK, csv_sections, route_names
from app.i18n import N_, _
from app.i18n.formatting import format_month
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, plain_label
from app.ui.worker import Task, run_task

FORMATS = (
    ("pdf", N_("PDF-rapport")),
    ("csv", N_("CSV voor Excel")),
    ("json", N_("JSON voor de gemeente")),
    ("long", N_("Lange CSV voor onderzoek")),
)
_SUFFIXES = {"long": "-lang.csv"}
_HIDDEN = QColor("#fde2c8")
PICKER_YEARS = 3  # months offered: from January three years ago to this month


_LABEL_COLUMN_MAX = 300  # a long code or category name is cut here (the full text is in the file)
_COLUMN_MAX = 200


def _is_count(text: str) -> bool:
    return text.isdigit()


class ExportPanel(QWidget):
    def __init__(
        self, context: AppContext, catalogue: Catalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signalExport")
        self.context = context
        self.catalogue = catalogue
        self.document: dict[str, Any] | None = None
        self.shares: dict[Granularity, float] = {}
        self.written: Path | None = None
        self._task: Task | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Een export bevat alleen aantallen. Aantallen die te klein zijn om te "
                    "tonen (zie Instellingen > Signalen), en aantallen waarmee die terug te "
                    "rekenen zijn, worden afgeschermd ({mark}). Bekijk eerst het voorbeeld: "
                    "precies dat wordt opgeslagen."
                ).format(mark=SUPPRESSED_MARK)
            )
        )
        form = QFormLayout()
        # Exports cover whole calendar months or quarters (app.core.export_periods): the
        # pickers offer months, and a quarter fills in both.
        today = context.today()
        # Only months that are over, up to the Sunday of their last week (the current week is
        # never left out silently: a period holding it is not offered until it has ended).
        months = [
            (first, last)
            for first, last in month_choices(dt.date(today.year - PICKER_YEARS, 1, 1), today)
            if is_over(first, last, today)
        ]
        self.start = QComboBox()
        self.start.setObjectName("exportFrom")
        self.end = QComboBox()
        self.end.setObjectName("exportTo")
        for first, last in months:
            label = format_month(first.year, first.month)
            # ISO text as item data: findData() compares it reliably (a date object is not)
            self.start.addItem(label, first.isoformat())
            self.end.addItem(label, last.isoformat())
        self.quarter = QComboBox()
        self.quarter.setObjectName("exportQuarter")
        self.quarter.addItem(_("Kies een kwartaal..."), None)
        for first, _last in months:
            if first.month % 3 == 1:
                start, end = quarter_of(first)
                if not is_over(start, end, today):
                    continue
                self.quarter.addItem(
                    _("kwartaal {quarter}, {year}").format(
                        quarter=(first.month - 1) // 3 + 1, year=first.year
                    ),
                    f"{start.isoformat()}/{end.isoformat()}",
                )
        # by default: from January to the last month that is over (or that month's January)
        if months:
            last_whole = months[-1][1]
            self.select_period(dt.date(last_whole.year, 1, 1), last_whole)
        form.addRow(_("&Van (maand):"), self.start)
        form.addRow(_("&Tot en met (maand):"), self.end)
        form.addRow(_("Of een &kwartaal:"), self.quarter)
        self.granularity = QComboBox()
        self.granularity.setObjectName("exportGranularity")
        self.granularity.addItem(_("Automatisch: zo fijn als veilig kan"), None)
        for option in Granularity:
            self.granularity.addItem(option.label(), option.value)
        form.addRow(_("&Indeling:"), self.granularity)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for key, label in FORMATS:
            self.format.addItem(_(label), key)
        form.addRow(_("&Bestandssoort:"), self.format)
        layout.addLayout(form)
        self.coverage = plain_label("")
        self.coverage.setObjectName("exportCoverage")
        layout.addWidget(self.coverage)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("&Voorbeeld tonen"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.make_preview)
        self.save_button = QPushButton(_("&Opslaan..."))
        self.save_button.setObjectName("saveExportButton")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_file)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.banner = MessageBanner()
        self.banner.setObjectName("exportBanner")
        layout.addWidget(self.banner)
        self.advice = plain_label("")
        self.advice.setObjectName("granularityAdvice")
        layout.addWidget(self.advice)
        self.preview = QTableWidget()
        self.preview.setObjectName("exportPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().hide()
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)  # a long name ends in "…" (full text in its tooltip)
        layout.addWidget(self.preview, 1)

        for widget in (self.start, self.end):
            widget.currentIndexChanged.connect(self._invalidate)
        self.quarter.activated.connect(self._quarter_chosen)
        self.granularity.currentIndexChanged.connect(self._invalidate)
        for widget in (self.start, self.end):
            widget.currentIndexChanged.connect(self._show_coverage)
        self._show_coverage()

    # -- period -------------------------------------------------------------------------------

    def select_period(self, start: dt.date, end: dt.date) -> None:
        """Show [start, end] in the month pickers (the months that hold these days)."""
        first = self.start.findData(dt.date(start.year, start.month, 1).isoformat())
        last = self.end.findData(month_end(end).isoformat())
        if first >= 0:
            self.start.setCurrentIndex(first)
        if last >= 0:
            self.end.setCurrentIndex(last)

    def _show_coverage(self) -> None:
        """Say plainly which weeks and days are in, and that the Geldclinic counts the same."""
        if self.start.count() == 0:
            self.coverage.setText(_("Er is nog geen hele maand voorbij om te exporteren."))
            self.preview_button.setEnabled(False)
            return
        start, end = self.period()
        self.coverage.setText(coverage_text(start, end))

    def period(self) -> tuple[dt.date, dt.date]:
        return (
            dt.date.fromisoformat(self.start.currentData()),
            dt.date.fromisoformat(self.end.currentData()),
        )

    def _quarter_chosen(self, index: int) -> None:
        chosen = self.quarter.itemData(index)
        if chosen:
            start, end = (dt.date.fromisoformat(part) for part in chosen.split("/"))
            self.select_period(start, end)

    # -- preview ------------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self.document = None
        self.save_button.setEnabled(False)
        self.preview.setRowCount(0)
        self.advice.setText("")

    def make_preview(self) -> None:
        from app.core.signals import SignalError

        if self.start.count() == 0:
            return
        start, end = self.period()
        choice = self.granularity.currentData()
        granularity = Granularity(choice) if choice else None
        session = self.context.session
        today = self.context.today()
        self._invalidate()
        self.banner.clear_message()
        self.preview_button.setEnabled(False)

        def work() -> tuple[dict[str, Any], dict[Granularity, float]]:
            from app.core.signal_tables import hidden_share_by_granularity
            from app.core.signals import weeks_in_range
            from app.documents.signal_export import prepare_export
            from app.store.export_inputs import read_export_inputs

            with closing(session.connect()) as connection:
                inputs = read_export_inputs(connection, start, end)
            document = prepare_export(
                inputs, today=today, granularity=granularity, catalogue=self.catalogue
            )
            first, last = weeks_in_range(start, end)
            shares = hidden_share_by_granularity(
                inputs.week_counts, self.catalogue.ids(), first, last, inputs.settings.k
            )
            return document, shares

        def done(result) -> None:
            self.preview_button.setEnabled(True)
            self.document, self.shares = result
            self._show_preview()

        def failed(error: BaseException) -> None:
            self.preview_button.setEnabled(True)
            if isinstance(error, SignalError):
                self.banner.show_error(str(error))
            else:
                self.banner.show_error(_("Het voorbeeld kon niet worden gemaakt."))

        self._task = run_task(work, done, failed)

    def _show_preview(self) -> None:
        from app.i18n.formatting import format_percent

        assert self.document is not None
        sections = csv_sections(
            self.document, self.catalogue, route_names(self.context.shipped.rules)
        )
        rows: list[tuple[list[str], bool]] = []
        for title, block in sections:
            rows.append(([title], True))
            rows.extend((line, False) for line in block)
            rows.append(([], False))
        width = max(len(line) for line, _title in rows)
        self.preview.clear()
        self.preview.clearSpans()
        self.preview.setColumnCount(width)
        self.preview.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        metrics = self.preview.fontMetrics()
        widths = [0] * width
        # Kept in the file for the municipality, out of sight on screen: a random id and a
        # checksum mean nothing to the advisor.
        out_of_sight = {_("Kenmerk van de export"), _("Controlenummer")}
        for row, (line, is_title) in enumerate(rows):
            # A title, or a label with one long value: spread over the row, so it does not
            # widen a column of counts and push the totals out of view.
            spread_from = 0 if is_title or len(line) == 1 else (1 if len(line) == 2 else None)
            if spread_from is not None and width - spread_from > 1:
                self.preview.setSpan(row, spread_from, 1, width - spread_from)
            for column, text in enumerate(line):
                item = QTableWidgetItem(text)
                if is_title:
                    item.setFont(bold)
                elif column >= 2 and (_is_count(text) or line[0] == _("Code")):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                elif column == 1:
                    item.setToolTip(text)  # a long name is cut in the column
                if text == SUPPRESSED_MARK and not is_title:
                    item.setBackground(QBrush(_HIDDEN))
                    item.setToolTip(_("Afgeschermd: dit aantal gaat niet mee."))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.preview.setItem(row, column, item)
                if spread_from is None or column < spread_from:
                    widths[column] = max(widths[column], metrics.horizontalAdvance(text) + 18)
            if line and line[0] in out_of_sight and not is_title:
                self.preview.setRowHidden(row, True)
        for column, pixels in enumerate(widths):
            limit = _LABEL_COLUMN_MAX if column < 2 else _COLUMN_MAX
            self.preview.setColumnWidth(column, max(40, min(pixels, limit)))
        chosen = Granularity(self.document["period"]["granularity"])
        hidden = self.shares.get(chosen, 0.0)
        advice = _("Indeling: {choice}. Afgeschermd: {share} van de cellen met signalen.").format(
            choice=chosen.label().lower(), share=format_percent(hidden)
        )
        coarser = [
            g
            for g in (Granularity.MONTH, Granularity.QUARTER)
            if self.shares.get(g, 1.0) < hidden and _order(g) > _order(chosen)
        ]
        if hidden > 0.25 and coarser:
            advice += " " + _(
                "Veel aantallen zijn te klein. Kies een grovere indeling ({options})."
            ).format(options=", ".join(g.label().lower() for g in coarser))
        self.advice.setText(advice)
        self.save_button.setEnabled(True)

    def preview_cells(self) -> list[list[str]]:
        """The preview as text rows (what the user sees), for checks and tests."""
        result = []
        for row in range(self.preview.rowCount()):
            line = []
            for column in range(self.preview.columnCount()):
                item = self.preview.item(row, column)
                line.append(item.text() if item else "")
            while line and not line[-1]:
                line.pop()
            result.append(line)
        return result

    # -- writing ------------------------------------------------------------------------------

    def _choose_file(self) -> None:
        fmt = self.format.currentData()
        suffix = _SUFFIXES.get(fmt, "." + fmt)
        suggested = str(Path.home() / f"signalen-export{suffix}")
        path, _filter = QFileDialog.getSaveFileName(self, _("Export opslaan"), suggested)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the previewed document (never a new one) in the chosen format."""
        if self.document is None:
            return
        document = self.document
        fmt = str(self.format.currentData())
        session = self.context.session
        catalogue = self.catalogue
        files = self.context.user_files()
        clock = self.context.clock
        names = route_names(self.context.shipped.rules)
        self.save_button.setEnabled(False)

        def work() -> Path:
            from app.documents.signal_export import write_export
            from app.store import audit
            from app.store.export_periods import record_export

            write_export(document, fmt, path, catalogue, files=files, route_names=names)
            with closing(session.connect()) as connection:
                record_export(connection, document)
                audit.record(connection, "signals.exported", fmt, clock=clock)
            return path

        def done(written: Path) -> None:
            self.written = written
            self.save_button.setEnabled(True)
            self.banner.show_info(_("De export is opgeslagen: {name}").format(name=written.name))

        def failed(error: BaseException) -> None:
            from app.fileio import WriteError

            self.save_button.setEnabled(True)
            if isinstance(error, WriteError):
                self.banner.show_error(str(error))
            else:
                self.banner.show_error(_("De export kon niet worden opgeslagen."))

        self._task = run_task(work, done, failed)


def coverage_text(start: dt.date, end: dt.date) -> str:
    """ "In deze export: week 49 van 2026 tot en met week 53 van 2026 ..." (or why not)."""
    from app.core.signals import SignalError, weeks_in_range
    from app.i18n.formatting import format_date

    try:
        first, last = weeks_in_range(start, end)
        monday, sunday = period_days(start, end)
    except SignalError as error:
        return str(error)
    return _(
        "In deze export: week {first} van {first_year} tot en met week {last} van {last_year}, "
        "dat is van {monday} tot en met {sunday}. Een week hoort bij de maand van haar "
        "donderdag. De Geldclinic-cijfers tellen dezelfde dagen."
    ).format(
        first=first.week,
        first_year=first.year,
        last=last.week,
        last_year=last.year,
        monday=format_date(monday, weekday=True),
        sunday=format_date(sunday, weekday=True),
    )


def _order(granularity: Granularity) -> int:
    return {Granularity.WEEK: 0, Granularity.MONTH: 1, Granularity.QUARTER: 2}[granularity]
