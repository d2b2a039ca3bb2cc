"""A signal logged from Start is confirmed on Start, and no control moves when it is."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QTabWidget

from app.ui.signals.quick_entry import QuickEntryDialog


def _log_one(qtbot, section) -> int | None:
    def fill() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QuickEntryDialog) and w.isVisible()
        )
        dialog.findChild(QListWidget, "categoryList").setCurrentRow(1)
        dialog.findChild(QPushButton, "saveSignal").click()

    QTimer.singleShot(200, fill)
    return section.quick_entry()


def test_logging_from_start_is_confirmed_on_start(qtbot, unlocked) -> None:
    area = unlocked.main_area
    area.show_section("start")
    assert not area.status_line.isVisible()
    assert _log_one(qtbot, area.section("signalen")) is not None
    assert area.current_key() == "start"
    assert area.status_line.isVisible()
    assert area.status_line.text().startswith("Signaal vastgelegd:")
    assert "1 signaal" in area.home.lines.text()
    area.show_section("gesprekken")
    assert not area.status_line.isVisible(), "the confirmation belongs to the page it was on"


def test_the_signal_tabs_do_not_move_when_a_message_appears(qtbot, unlocked) -> None:
    area = unlocked.main_area
    area.show_section("signalen")
    section = area.section("signalen")
    tabs = section.findChild(QTabWidget, "signalTabs")
    qtbot.wait(50)
    before = tabs.mapTo(unlocked, tabs.rect().topLeft())
    assert _log_one(qtbot, section) is not None
    qtbot.wait(50)
    assert section.banner.isVisible()
    assert tabs.mapTo(unlocked, tabs.rect().topLeft()) == before
    # ... and the page's own banner is used, not the status line
    assert not area.status_line.isVisible()
