"""The Signalen screens read plainly: the preview shows its counts whole, the dashboard's axis
has whole numbers, the line has a legend, weeks are labelled."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.core.signals import IsoWeek, Signal, Source
from app.store.signals import SignalRepository, SignalSettings, save_settings
from tests.gui.signals.test_signals_gui import make_section


def shot(widget, name: str) -> None:
    if shots := os.environ.get("H13_SHOTS"):
        widget.grab().save(str(Path(shots) / name))


def test_the_export_preview_shows_the_counts_column_whole(qtbot, vault_session, tmp_path):
    save_settings(vault_session.connection, SignalSettings((), 10, "schoonmaak"))
    SignalRepository(vault_session.connection).add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 27)] * 2,
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path)
    section.resize(1000, 700)
    panel = section.export_panel
    section.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10000)
    qtbot.wait(50)
    shot(section, "export-preview.png")
    table = panel.preview
    # The last column (totals) fits in the visible table without scrolling sideways.
    last = table.columnCount() - 1
    right = table.columnViewportPosition(last) + table.columnWidth(last)
    assert right <= table.viewport().width()
    flat = [cell for row in panel.preview_cells() for cell in row]
    assert "Categorie-id" not in flat and "Controlesom (SHA-256)" not in flat


def test_the_dashboard_axis_counts_in_whole_numbers_and_labels_the_weeks(
    qtbot, vault_session, tmp_path
):
    from PySide6.QtCharts import QValueAxis

    SignalRepository(vault_session.connection).add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in (40, 44, 44, 47)],
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path)
    section.resize(1000, 800)
    dashboard = section.dashboard
    section.tabs.setCurrentWidget(dashboard)
    chart = dashboard.chart
    y_axis = next(a for a in chart.axes() if isinstance(a, QValueAxis))
    assert y_axis.tickType() == QValueAxis.TickType.TicksDynamic
    assert y_axis.tickInterval() == 1 and y_axis.max() == 2
    assert chart.legend().isVisible()
    assert {s.name() for s in chart.series()} >= {"Verloop"}
    shot(section, "dashboard-13.png")

    dashboard.range_choice.setCurrentIndex(dashboard.range_choice.findData(52))
    qtbot.wait(50)
    from PySide6.QtCharts import QCategoryAxis

    x_axis = next(a for a in chart.axes() if isinstance(a, QCategoryAxis))
    shown = x_axis.categoriesLabels()
    assert 4 <= len(shown) <= 13
    assert all(label.startswith("wk ") for label in shown)
    shot(section, "dashboard-52.png")
