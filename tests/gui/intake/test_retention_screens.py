"""Retention on screen: the Start page notice, keeping a case longer, deleting a case with a
typed confirmation, the term in the settings. Real vault, real widgets, scripted clock."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.preferences import Preferences
from app.shipped import load_shipped
from app.store import audit
from app.store.retention import RetentionStore
from app.ui.context import AppContext
from app.ui.intake import IntakeSection
from app.ui.intake.retention import (
    DeleteCaseDialog,
    ExtendDialog,
    RetentionSettingsGroup,
)
from app.ui.main_window import HomeSection
from tests.unit.retention.helpers import CLOSED_ON, full_case, rows_for

SHIPPED = load_shipped()


def _context(vault_session, tmp_path, clock) -> AppContext:
    return AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=clock,
        shipped=SHIPPED,
    )


def _code(connection, intake_id: int) -> str:
    return connection.execute("SELECT case_code FROM intake WHERE id = ?", (intake_id,)).fetchone()[
        0
    ]


def _home(qtbot, context) -> HomeSection:
    home = HomeSection(context, [], [])
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    return home


def _when_modal(qtbot, action) -> list[BaseException]:
    """Run ``action(dialog)`` on the modal dialog as soon as it is open; a failure closes
    the dialog (so the test does not hang) and is returned for the test to raise."""
    failures: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        try:
            action(dialog)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
            dialog.reject()

    QTimer.singleShot(0, run)
    return failures


def test_the_start_page_gives_notice_thirty_days_ahead(qtbot, vault_session, tmp_path):
    clock = FixedClock(today=CLOSED_ON)
    case = full_case(vault_session.connection, clock)
    code = _code(vault_session.connection, case)
    clock.set(today=date(2026, 12, 31))  # 31 days before 31 January 2027
    home = _home(qtbot, _context(vault_session, tmp_path, clock))
    assert not home.retention_notice.isVisible()

    clock.set(today=date(2027, 1, 1))
    home.refresh()
    notice = home.retention_notice
    assert notice.isVisible()
    texts = " ".join(label.text() for label in notice.findChildren(type(notice.heading)))
    assert f"{code} wordt op 31 januari 2027 verwijderd" in texts
    assert notice.rows[case].isVisible()


def test_keeping_a_case_longer_needs_a_reason_and_moves_the_date(qtbot, vault_session, tmp_path):
    clock = FixedClock(today=CLOSED_ON)
    case = full_case(vault_session.connection, clock)
    clock.set(today=date(2027, 1, 20))
    home = _home(qtbot, _context(vault_session, tmp_path, clock))
    seen = {}

    def fill(dialog) -> None:
        assert isinstance(dialog, ExtendDialog)
        seen["ok_before"] = dialog.ok_button.isEnabled()
        dialog.months.setValue(2)
        qtbot.keyClicks(dialog.reason, "Klacht loopt nog")
        seen["ok_after"] = dialog.ok_button.isEnabled()
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter: the default button

    failures = _when_modal(qtbot, fill)
    qtbot.mouseClick(home.retention_notice.rows[case], Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]

    assert seen == {"ok_before": False, "ok_after": True}
    assert home.retention_notice.dialog.new_date == date(2027, 3, 31)
    [scheduled] = RetentionStore(vault_session.connection, clock=clock).schedule()
    assert (scheduled.deletion, scheduled.reason) == (date(2027, 3, 31), "Klacht loopt nog")
    assert not home.retention_notice.isVisible()  # no longer within 30 days
    [event] = audit.list_events(vault_session.connection, event="retention.extended")
    assert event.detail == ""


def test_the_start_page_says_in_one_line_what_the_unlock_deleted(qtbot, vault_session, tmp_path):
    vault_session.retention_deleted = 2
    home = _home(qtbot, _context(vault_session, tmp_path, FixedClock(today=CLOSED_ON)))
    line = home.retention_notice.unlock_label
    assert line.isVisible()
    assert line.text() == (
        "Bij het ontgrendelen zijn 2 afgesloten gesprekken verwijderd: de bewaartermijn was "
        "voorbij."
    )


def test_deleting_a_case_needs_its_code_typed_and_removes_everything(
    qtbot, vault_session, tmp_path
):
    clock = FixedClock(today=CLOSED_ON)
    connection = vault_session.connection
    gone = full_case(connection, clock, close=False)
    kept = full_case(connection, clock, close=False)
    code = _code(connection, gone)
    section = IntakeSection(_context(vault_session, tmp_path, clock))
    qtbot.addWidget(section)
    section.show()
    section.show_list()
    page = section.list_page
    row = next(i for i, s in enumerate(page.summaries) if s.id == gone)
    page.table.selectRow(row)
    assert page.delete_button.isEnabled()
    seen = {}

    def confirm(dialog) -> None:
        assert isinstance(dialog, DeleteCaseDialog)
        assert dialog.focusWidget() is dialog.code
        qtbot.keyClicks(dialog.code, "GC-0000-XXXX")
        seen["wrong"] = dialog.delete_button.isEnabled()
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # a wrong code: nothing happens
        seen["still_open"] = dialog.isVisible()
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, code.lower())
        seen["right"] = dialog.delete_button.isEnabled()
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)

    failures = _when_modal(qtbot, confirm)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]

    assert seen == {"wrong": False, "still_open": True, "right": True}
    assert page.delete_dialog.deleted
    assert set(rows_for(connection, gone).values()) == {0}
    assert rows_for(connection, kept)["intake"] == 1
    assert [s.id for s in page.summaries] == [kept]
    assert len(audit.list_events(connection, event="case.deleted")) == 1


def test_escape_cancels_the_deletion(qtbot, vault_session, tmp_path):
    clock = FixedClock(today=CLOSED_ON)
    case = full_case(vault_session.connection, clock)
    code = _code(vault_session.connection, case)
    from app.store.intakes import IntakeRepository

    dialog = DeleteCaseDialog(IntakeRepository(vault_session.connection, clock=clock), case, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.deleted
    assert rows_for(vault_session.connection, case)["intake"] == 1


def test_the_term_setting_never_goes_past_the_organisations_maximum(qtbot, vault_session, tmp_path):
    clock = FixedClock(today=CLOSED_ON)
    RetentionStore(vault_session.connection, clock=clock).set_maximum(6)
    group = RetentionSettingsGroup(_context(vault_session, tmp_path, clock))
    qtbot.addWidget(group)
    assert group.months.maximum() == 6
    assert group.months.value() == 6
    assert "hoogstens 6 maanden" in group.explain.text()
    group.months.setValue(4)
    group.save()
    assert RetentionStore(vault_session.connection).policy().term == 4
    assert group.status.text() == "De bewaartermijn is opgeslagen."
