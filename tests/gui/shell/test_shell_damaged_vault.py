"""A damaged vault in the window: the lock screen (never the first-run screen), one line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.run import build_gui

PASSPHRASE = "paarse olifant fietst langs de gracht"


def test_a_one_byte_vault_is_refused_on_the_lock_screen_and_kept(tmp_path, qtbot):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    db = data_dir / "vault.db"
    db.write_bytes(db.read_bytes()[:1])
    _app, window = build_gui(data_dir, language="nl", vault=Vault(data_dir, kdf=TEST_KDF))
    qtbot.addWidget(window)
    window.show()
    assert window.first_run is None, "a damaged vault must not offer to make a new one"
    assert window.stack.currentWidget() is window.lock_screen
    screen = window.lock_screen
    screen.secret.clear()
    qtbot.keyClicks(screen.secret, PASSPHRASE)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: screen.message.isVisible() and not screen.busy.isVisible(), timeout=10000
    )
    assert "onvolledig" in screen.message.text()
    assert "\n" not in screen.message.text().strip()
    assert not window.is_unlocked
    assert db.stat().st_size == 1
