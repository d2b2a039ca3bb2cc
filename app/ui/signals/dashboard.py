"""Dashboard: counts per week or month and per category, a trend chart, departments, and the
share of signals followed by an offered conversation. Only on this laptop, for the advisor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.signal_tables import DashboardFigures
from app.core.signals import Catalogue, Granularity, IsoWeek
from app.documents.signal_export import period_label, whole_number_step
from app.i18n import _, ngettext
from app.store.signals import SignalRepository, load_dashboard
from app.ui.widgets import plain_label

RANGES = (
    (13, "Laatste 13 weken"),
    (26, "Laatste 26 weken"),
    (52, "Laatste 52 weken"),
)


_LABELLED_PERIODS = 13  # more periods than this: only every n-th gets a label


def label_blocks(labels: list[str]) -> list[tuple[int, str]]:
    """(last index of the block, label of its first period) for blocks of equal length, at
    most about 13 blocks."""
    step = -(-len(labels) // _LABELLED_PERIODS)
    return [
        (min(start + step, len(labels)) - 1, labels[start]) for start in range(0, len(labels), step)
    ]


class DashboardPanel(QWidget):
    def __init__(
        self,
        repository: SignalRepository,
        catalogue: Catalogue,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signalDashboard")
        self.repository = repository
        self.catalogue = catalogue
        self.today = today
        self.figures: DashboardFigures | None = None

        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.range_choice = QComboBox()
        self.range_choice.setObjectName("dashboardRange")
        for weeks, label in RANGES:
            self.range_choice.addItem(_(label), weeks)
        self.granularity_choice = QComboBox()
        self.granularity_choice.setObjectName("dashboardGranularity")
        for granularity in (Granularity.WEEK, Granularity.MONTH):
            self.granularity_choice.addItem(granularity.label(), granularity.value)
        range_label = QLabel(_("&Periode:"))
        range_label.setBuddy(self.range_choice)
        controls.addWidget(range_label)
        controls.addWidget(self.range_choice)
        step_label = QLabel(_("&Indeling:"))
        step_label.setBuddy(self.granularity_choice)
        controls.addWidget(step_label)
        controls.addWidget(self.granularity_choice)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.summary = plain_label("")
        self.summary.setObjectName("dashboardSummary")
        layout.addWidget(self.summary)
        layout.addWidget(
            plain_label(
                _("Dit overzicht ziet alleen u. In een export worden kleine aantallen afgeschermd.")
            )
        )

        self.chart = QChart()
        self.chart.legend().setVisible(True)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setTitle(_("Signalen per periode"))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("trendChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(160)  # fits 1366x768 at 125 %

        self.category_table = QTableWidget()
        self.category_table.setObjectName("categoryTable")
        self.category_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.department_table = QTableWidget(0, 2)
        self.department_table.setObjectName("departmentTable")
        self.department_table.setHorizontalHeaderLabels([_("Afdeling"), _("Signalen")])
        self.department_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # both columns as wide as their titles and contents; on a small screen the table
        # scrolls rather than cutting a title off
        header = self.department_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.category_table)
        lower.addWidget(self.department_table)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(lower)
        layout.addWidget(split, 1)

        self.range_choice.currentIndexChanged.connect(self.reload)
        self.granularity_choice.currentIndexChanged.connect(self.reload)
        self.reload()

    def window_weeks(self) -> tuple[IsoWeek, IsoWeek]:
        last = IsoWeek.of(self.today())
        weeks = int(self.range_choice.currentData())
        first = IsoWeek.of(last.monday() - dt.timedelta(weeks=weeks - 1))
        return first, last

    def reload(self) -> None:
        first, last = self.window_weeks()
        granularity = Granularity(self.granularity_choice.currentData())
        figures = load_dashboard(self.repository.connection, first, last, granularity)
        self.figures = figures
        self._show_summary(figures)
        self._show_chart(figures, granularity)
        self._show_tables(figures, granularity)

    def _show_summary(self, figures: DashboardFigures) -> None:
        from app.i18n.formatting import format_percent

        if not figures.total:
            self.summary.setText(_("In deze periode zijn nog geen signalen vastgelegd."))
            return
        share = figures.conversation_share or 0.0
        self.summary.setText(
            ngettext(
                "{total} signaal in deze periode. Bij {yes} daarvan is een gesprek aangeboden "
                "({share}).",
                "{total} signalen in deze periode. Bij {yes} daarvan is een gesprek aangeboden "
                "({share}).",
                figures.total,
            ).format(total=figures.total, yes=figures.conversation_yes, share=format_percent(share))
        )

    def _short(self, key: str, granularity: Granularity) -> str:
        if granularity == Granularity.WEEK:
            return _("wk {n}").format(n=int(key.split("W")[1]))
        return period_label(key)

    def _show_chart(self, figures: DashboardFigures, granularity: Granularity) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        labels = [self._short(p, granularity) for p in figures.periods]
        bars = QBarSet(_("Signalen per periode"))
        bars.append([float(v) for v in figures.per_period])
        bar_series = QBarSeries()
        bar_series.append(bars)
        line = QLineSeries()
        line.setName(_("Verloop"))
        for index, value in enumerate(figures.per_period):
            line.append(index, value)
        self.chart.addSeries(bar_series)
        self.chart.addSeries(line)
        x_axis: QAbstractAxis
        if len(labels) <= _LABELLED_PERIODS:
            x_axis = QBarCategoryAxis()
            x_axis.append(labels)
        else:
            # 52 labels side by side are each cut to "…": label blocks of a few weeks.
            x_axis = QCategoryAxis()
            x_axis.setRange(-0.5, len(labels) - 0.5)
            for start, label in label_blocks(labels):
                x_axis.append(label, start + 0.5)  # the block ends after its last period
            x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        largest = max([0, *figures.per_period])
        step = whole_number_step(max(1, largest))
        # Whole-number ticks only (counts): 0, 1, 2 - never 0, 0, 1, 1, 2.
        y_axis.setRange(0, max(step, -(-largest // step) * step))
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(step)
        y_axis.setLabelFormat("%d")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (bar_series, line):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _show_tables(self, figures: DashboardFigures, granularity: Granularity) -> None:
        periods = [self._short(p, granularity) for p in figures.periods]
        table = self.category_table
        table.clear()
        table.setColumnCount(len(periods) + 2)
        table.setRowCount(len(figures.categories))
        table.setHorizontalHeaderLabels([_("Signaal"), *periods, _("Totaal")])
        for row, category in enumerate(figures.categories):
            table.setItem(row, 0, QTableWidgetItem(self.catalogue.label(category)))
            values = [*figures.per_category_period[row], figures.per_category[row]]
            for column, value in enumerate(values, start=1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        departments = sorted(figures.departments.items(), key=lambda item: -item[1])
        self.department_table.setRowCount(len(departments))
        for row, (name, count) in enumerate(departments):
            label = _("Niet ingevuld") if name == "onbekend" else name
            self.department_table.setItem(row, 0, QTableWidgetItem(label))
            self.department_table.setItem(row, 1, QTableWidgetItem(str(count)))
