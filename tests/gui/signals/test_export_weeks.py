"""The export says which weeks and days it holds, offers only periods that are over, and the
Geldclinic figures count exactly the days of the signal weeks (by the scripted clock)."""

from __future__ import annotations

import csv
import datetime as dt
import json

from PySide6.QtCore import Qt

from app.core.signals import IsoWeek, Signal, Source
from app.store.signals import SignalRepository
from tests.gui.signals.test_signals_gui import make_section

TUESDAY_W49 = dt.date(2026, 12, 1)


def add_intakes(conn, day: str, count: int, first: int) -> None:
    for n in range(first, first + count):
        conn.execute(
            "INSERT INTO intake (case_code, status, data, conversation_date, created_at, "
            "updated_at) VALUES (?, 'open', ?, ?, ?, ?)",
            (
                f"GC-2026-{n:04d}",
                json.dumps({"age_band": "18_27", "contract": "oproep"}),
                day,
                "2026-11-01T10:00:00+00:00",
                "2026-11-01T10:00:00+00:00",
            ),
        )
    conn.commit()


def test_only_periods_that_are_over_and_the_screen_names_the_weeks(qtbot, vault_session, tmp_path):
    section = make_section(qtbot, vault_session, tmp_path, today=TUESDAY_W49)
    panel = section.export_panel
    ends = [panel.end.itemData(i) for i in range(panel.end.count())]
    # on Tuesday of week 49 December is not over: it is not offered, so today's week is never
    # left out without a word
    assert ends[-1] == "2026-11-30"
    assert panel.period() == (dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    assert not any(
        panel.quarter.itemText(i) == "kwartaal 4, 2026" for i in range(panel.quarter.count())
    )
    panel.select_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert panel.coverage.text() == (
        "In deze export: week 45 van 2026 tot en met week 48 van 2026, dat is van maandag "
        "2 november 2026 tot en met zondag 29 november 2026. Een week hoort bij de maand van "
        "haar donderdag. De Geldclinic-cijfers tellen dezelfde dagen."
    )


def test_december_comes_once_its_last_week_has_ended(qtbot, vault_session, tmp_path):
    sunday = make_section(qtbot, vault_session, tmp_path, today=dt.date(2027, 1, 3))
    assert sunday.export_panel.end.itemData(sunday.export_panel.end.count() - 1) == "2026-11-30"
    monday = make_section(qtbot, vault_session, tmp_path, today=dt.date(2027, 1, 4))
    panel = monday.export_panel
    assert panel.end.itemData(panel.end.count() - 1) == "2026-12-31"
    panel.select_period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert "week 49 van 2026 tot en met week 53 van 2026" in panel.coverage.text()
    assert "zondag 3 januari 2027" in panel.coverage.text()


def test_geldclinic_figures_count_the_days_of_the_signal_weeks(qtbot, vault_session, tmp_path):
    conn = vault_session.connection
    add_intakes(conn, "2026-11-01", 10, 0)  # Sunday of week 44: October's week
    add_intakes(conn, "2026-11-29", 10, 100)  # Sunday of week 48: November
    add_intakes(conn, "2026-11-30", 10, 200)  # Monday of week 49: December's week
    SignalRepository(conn).add_many(
        [Signal("loonbeslag", 2026, week, Source.ADMINISTRATION) for week in (45, 46, 47, 48)] * 5,
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path, today=TUESDAY_W49)
    panel = section.export_panel
    section.tabs.setCurrentWidget(panel)
    panel.select_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    panel.format.setCurrentIndex(panel.format.findData("csv"))
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10000)
    ages = panel.document["geldclinic"]["tables"]["intakes_by_age_band"]
    assert ages["total"] == 10  # only the Sunday of week 48; not 1 or 30 November
    assert panel.document["period"]["first_week"] == "2026-W45"
    assert panel.document["period"]["last_week"] == "2026-W48"

    target = tmp_path / "november.csv"
    panel.save_to(target)
    qtbot.waitUntil(lambda: panel.written == target, timeout=10000)
    rows = list(csv.reader(target.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert ["Dagen (signalen en Geldclinic)", "2026-11-02", "2026-11-29"] in rows

    from io import BytesIO

    from pypdf import PdfReader

    from app.documents.signal_export import render

    pdf = render(panel.document, "pdf", panel.catalogue)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert (
        "Geteld zijn de dagen van maandag 2026-11-02 tot en met zondag 2026-11-29 (hele weken; "
        "een week hoort bij de maand van haar donderdag). De Geldclinic-cijfers tellen "
        "dezelfde dagen."
    ) in text
