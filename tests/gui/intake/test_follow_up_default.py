"""The follow-up date starts two weeks later on a working day, never in the past."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from app.clock import FixedClock
from app.preferences import Preferences
from app.shipped import load_shipped
from app.ui.context import AppContext
from app.ui.intake import IntakeSection


def _section(qtbot, vault_session, tmp_path, today):
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=FixedClock(today=today),
        shipped=load_shipped(),
    )
    section = IntakeSection(context)
    qtbot.addWidget(section)
    section.show()
    return section


def test_a_new_follow_up_starts_two_weeks_later(qtbot, vault_session, tmp_path):
    section = _section(qtbot, vault_session, tmp_path, date(2026, 12, 1))
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    view = section.flow.advice_view
    assert view.follow_up_date.date() == QDate(2026, 12, 15)
    assert view.follow_up_date.minimumDate() == QDate(2026, 12, 1)
    view.follow_up.setChecked(True)
    assert view.follow_up_day() == date(2026, 12, 15)
    # the past cannot be chosen
    view.follow_up_date.setDate(QDate(2026, 11, 20))
    assert view.follow_up_day() == date(2026, 12, 1)


def test_two_weeks_on_a_holiday_moves_to_the_next_working_day(qtbot, vault_session, tmp_path):
    section = _section(qtbot, vault_session, tmp_path, date(2026, 12, 11))  # Friday
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    # 25 December is Christmas, the 26th Boxing Day, then a Sunday: Monday 28 December
    assert section.flow.advice_view.follow_up_date.date() == QDate(2026, 12, 28)


def test_a_saved_overdue_follow_up_is_kept_as_it_was(qtbot, vault_session, tmp_path):
    section = _section(qtbot, vault_session, tmp_path, date(2026, 12, 1))
    record = section.repository.create(today=date(2026, 11, 1))
    section.repository.set_follow_up(record.id, date(2026, 11, 20))
    section.open_intake(record.id)
    assert section.flow.advice_view.follow_up_day() == date(2026, 11, 20)
