"""After the recovery code: a new passphrase at once, and back where the advisor was.
The recovery panel fits the code; a wrong last block says so; plain words after a typo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton, QTabWidget

from tests.gui.polish.conftest import PASSPHRASE, open_window, unlock

NEW = "groene kikker springt over het hek"


def test_recovery_unlock_offers_a_new_passphrase_and_resumes_the_page(tmp_path, qtbot) -> None:
    window = open_window(tmp_path, qtbot)
    code = window.recovery_code
    unlock(qtbot, window)
    area = window.main_area
    area.show_section("signalen")
    area.section("signalen").findChild(QTabWidget, "signalTabs").setCurrentIndex(2)
    window.lock()

    screen = window.lock_screen
    qtbot.mouseClick(screen.mode_button, Qt.MouseButton.LeftButton)
    need = screen.secret.fontMetrics().horizontalAdvance(code)
    assert screen.secret.width() > need, "the whole recovery code is visible while typed"
    screen.secret.setText(code)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=15000)

    area = window.main_area
    assert area.current_key() == "signalen"
    assert area.section("signalen").findChild(QTabWidget, "signalTabs").currentIndex() == 2

    dialog = window.new_passphrase_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    assert not dialog.old.isVisible(), "the forgotten passphrase is not asked"
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
    assert "nieuwe wachtwoordzin" in area.status_line.text()
    window.lock()
    unlock(qtbot, window, NEW)
    assert window.new_passphrase_dialog is dialog, "not offered after a normal unlock"


def test_a_wrong_passphrase_reads_plainly(tmp_path, qtbot) -> None:
    window = open_window(tmp_path, qtbot)
    window.unlock_with_passphrase(PASSPHRASE + "x")
    qtbot.waitUntil(lambda: "klopt niet" in window.lock_screen.message.text(), timeout=15000)
    assert "niets veranderd" not in window.lock_screen.message.text()
    assert "probeer het nog eens" in window.lock_screen.message.text()


def test_a_wrong_last_block_says_so(tmp_path, qtbot) -> None:
    window = open_window(tmp_path, qtbot, create=False)
    view = window.first_run
    view.show_recovery_code("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345")
    last = view.findChild(QLineEdit, "lastGroup")
    message = view.last_group_message
    view.confirm_box.setChecked(True)
    qtbot.keyClicks(last, "23")
    assert not message.isVisible(), "no complaint while still typing"
    qtbot.keyClicks(last, "46")
    assert message.isVisible() and "klopt niet" in message.text()
    assert not view.findChild(QPushButton, "finishButton").isEnabled()
    last.setText("2345")
    assert not message.isVisible()
    assert view.findChild(QPushButton, "finishButton").isEnabled()
