"""The lock screen lets go of the typed secret as soon as it is submitted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.lock_screen import LockScreen

CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345"


def test_the_recovery_code_leaves_the_field_and_its_undo_history(qtbot):
    screen = LockScreen()
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.mode_button, Qt.MouseButton.LeftButton)  # recovery: shown openly
    qtbot.keyClicks(screen.secret, CODE)
    with qtbot.waitSignal(screen.unlock_requested) as emitted:
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    assert emitted.args == [CODE, True]
    assert screen.secret.text() == ""
    assert not screen.secret.isUndoAvailable()
    screen.show_error("De herstelcode klopt niet.")
    assert screen.secret.text() == "" and screen.secret.isEnabled()
