"""Instellingen → Kluis: change the passphrase and make a new recovery code, through the dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.store.errors import WrongPassphrase, WrongRecoveryCode
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.settings_page import ChangePassphraseDialog, NewRecoveryCodeDialog
from tests.gui.shell.test_shell import PASSPHRASE, _make_window, _type, _unlock

NEW_PASSPHRASE = "groene giraf leest de krant in de tram"


def _open_window(tmp_path, qtbot):
    code = Vault(tmp_path / "data", kdf=TEST_KDF).create(PASSPHRASE)
    window, vault = _make_window(tmp_path, qtbot)
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    return window, vault, code


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_change_passphrase_dialog(tmp_path, qtbot):
    window, vault, _code = _open_window(tmp_path, qtbot)
    dialog = ChangePassphraseDialog(window.main_area.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    _type(qtbot, dialog.old, PASSPHRASE)
    _type(qtbot, dialog.new, NEW_PASSPHRASE)
    _type(qtbot, dialog.repeat, NEW_PASSPHRASE + " x")
    assert not ok.isEnabled() and "niet gelijk" in dialog.advice.text()
    _type(qtbot, dialog.repeat, NEW_PASSPHRASE)
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        _ok(dialog)
    assert window.is_unlocked, "changing the passphrase keeps the vault open"
    Vault(tmp_path / "data", kdf=TEST_KDF).unlock(NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        Vault(tmp_path / "data", kdf=TEST_KDF).unlock(PASSPHRASE)


def test_change_passphrase_with_a_wrong_old_one_says_so_and_changes_nothing(tmp_path, qtbot):
    window, _vault, _code = _open_window(tmp_path, qtbot)
    dialog = ChangePassphraseDialog(window.main_area.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.old, "dit is niet de goede zin")
    _type(qtbot, dialog.new, NEW_PASSPHRASE)
    _type(qtbot, dialog.repeat, NEW_PASSPHRASE)
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.isEnabled(), timeout=10000)
    assert "wachtwoordzin" in dialog.message.text().lower()
    Vault(tmp_path / "data", kdf=TEST_KDF).unlock(PASSPHRASE).close()


def test_new_recovery_code_dialog_shows_the_code_like_the_first_run(tmp_path, qtbot):
    window, _vault, old_code = _open_window(tmp_path, qtbot)
    dialog = NewRecoveryCodeDialog(window.main_area.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.code.isVisible() and not dialog.print_button.isVisible()
    _type(qtbot, dialog.passphrase, PASSPHRASE)
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.code.isVisible(), timeout=10000)
    shown = dialog.code.text()
    assert len(shown.splitlines()) >= 2, "four groups per line, as written down on paper"
    assert dialog.code.font().fixedPitch() or dialog.code.font().bold()
    assert dialog.print_button.isVisible()
    new_code = shown.replace("\n", "-")
    Vault(tmp_path / "data", kdf=TEST_KDF).unlock_with_recovery(new_code).close()
    with pytest.raises(WrongRecoveryCode):
        Vault(tmp_path / "data", kdf=TEST_KDF).unlock_with_recovery(old_code)
