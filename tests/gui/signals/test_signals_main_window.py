"""Quick entry from anywhere in the main window: Ctrl+Shift+S, arrow down, Enter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.store.keyslots import TEST_KDF
from app.store.signals import SignalRepository
from app.store.vault import Vault
from app.ui.run import build_gui
from tests.gui.signals.test_signals_gui import with_dialog

PASSPHRASE = "fictieve kluis lamp wolk"


def test_quick_entry_from_the_start_screen(tmp_path, qtbot):
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf=TEST_KDF)
    vault.create(PASSPHRASE)
    _app, window = build_gui(
        data_dir, language="nl", vault=vault, clock=FixedClock(today=dt.date(2026, 11, 25))
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.lock_screen.secret, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=20000)
    assert window.main_area.current_key() == "start"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=15000)

    def keys(dialog):
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Return)

    seen = with_dialog(qtbot, keys)
    qtbot.keyClick(
        window.main_area.nav,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "dialog" in seen, timeout=15000)
    repo = SignalRepository(window.session.connection)
    qtbot.waitUntil(lambda: repo.count() == 1, timeout=15000)
    assert repo.list_signals()[0].signal.iso_week == 48
    window.lock()


def test_locking_while_the_quick_entry_is_open_saves_nothing(tmp_path, qtbot):
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf=TEST_KDF)
    vault.create(PASSPHRASE)
    _app, window = build_gui(data_dir, language="nl", vault=vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.lock_screen.secret, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=20000)
    section = window.main_area.section("signalen")

    def lock_now(dialog):
        dialog.select_category("loonbeslag")
        window.lock()  # auto-lock fires while the dialog is open

    seen = with_dialog(qtbot, lock_now)
    section.quick_action.trigger()
    assert "dialog" in seen
    assert not window.is_unlocked
    assert window.stack.currentWidget() is window.lock_screen
    qtbot.keyClicks(window.lock_screen.secret, PASSPHRASE)
    qtbot.keyClick(window.lock_screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=20000)
    assert SignalRepository(window.session.connection).count() == 0
    window.lock()
