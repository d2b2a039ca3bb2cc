"""An unlocked shell window on a real vault (cheap KDF), for the polish tests."""

from __future__ import annotations

import pytest

from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.run import build_gui

PASSPHRASE = "paarse olifant fietst langs de gracht"


def open_window(tmp_path, qtbot, *, language: str = "nl", create: bool = True):
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf=TEST_KDF)
    code = vault.create(PASSPHRASE) if create else None
    _app, window = build_gui(data_dir, language=language, vault=vault)
    qtbot.addWidget(window)
    window.resize(1366, 768 - 40)
    window.show()
    window.recovery_code = code
    return window


def unlock(qtbot, window, passphrase: str = PASSPHRASE) -> None:
    window.unlock_with_passphrase(passphrase)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=15000)


@pytest.fixture
def unlocked(tmp_path, qtbot):
    window = open_window(tmp_path, qtbot)
    unlock(qtbot, window)
    yield window
    window.lock()
