"""Instellingen → Reservekopie and the Start page reminder, through the real widgets."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel

from app.clock import FixedClock
from app.store import backup
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.backup_panel import BackupPanel
from tests.gui.shell.test_shell import PASSPHRASE, _make_window, _unlock

MADE_AT = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logboek" not in p.parts and p.name != "voorkeuren.json"
    }


def _open(tmp_path, qtbot, **kwargs):
    data_dir = tmp_path / "data"
    if not data_dir.exists():
        Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    window, vault = _make_window(tmp_path, qtbot, **kwargs)
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    return window


def _panel(window) -> BackupPanel:
    window.main_area.show_section("instellingen")
    panel = window.main_area.findChild(BackupPanel, "backupPanel")
    assert panel is not None and panel.isVisible()
    return panel


def _usb(tmp_path) -> Path:
    folder = tmp_path / "usb-stick"
    folder.mkdir(exist_ok=True)
    return folder


def test_make_a_backup_shows_where_and_when_and_the_start_page_knows(tmp_path, qtbot):
    window = _open(tmp_path, qtbot)
    panel = _panel(window)
    assert "nog geen reservekopie" in panel.last_line.text()
    usb = _usb(tmp_path)
    panel.choose_folder = lambda: str(usb)
    panel.make_button.click()
    assert panel.progress.isVisible() and not panel.make_button.isEnabled()
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=20000)
    message = panel.message.text()
    assert "gemaakt en gecontroleerd" in message and str(usb) in message
    files = list(usb.iterdir())
    assert len(files) == 1 and files[0].suffix == backup.SUFFIX
    assert backup.read_backup(files[0]).manifest.tables
    assert str(usb) in panel.last_line.text()
    assert not panel.progress.isVisible() and panel.make_button.isEnabled()
    window.main_area.show_section("start")
    reminder = window.main_area.home.backup_reminder
    assert reminder.isVisible() and "Laatste gecontroleerde reservekopie" in reminder.text()


def test_cancel_removes_the_partial_file(tmp_path, qtbot):
    window = _open(tmp_path, qtbot)
    panel = _panel(window)
    usb = _usb(tmp_path)
    panel.choose_folder = lambda: str(usb)
    panel.make_button.click()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: "afgebroken" in panel.message.text(), timeout=20000)
    assert list(usb.iterdir()) == []
    assert panel.make_button.isEnabled() and not panel.cancel_button.isVisible()
    assert "nog geen reservekopie" in panel.last_line.text()


def test_a_damaged_backup_is_refused_in_one_line_and_nothing_changes(tmp_path, qtbot):
    window = _open(tmp_path, qtbot)
    panel = _panel(window)
    before = _hashes(tmp_path / "data")
    bad = tmp_path / "kapot.vpbackup"
    bad.write_bytes(backup.MAGIC + b"\x00\x01" + b"rommel" * 100)
    asked: list[str] = []
    panel.restore_flow.choose_file = lambda: str(bad)
    panel.restore_flow.confirm = lambda text: asked.append(text) or True
    panel.restore_button.click()
    qtbot.waitUntil(lambda: panel.restore_button.isEnabled(), timeout=20000)
    assert "geen bruikbare reservekopie" in panel.message.text()
    assert "\n" not in panel.message.text()
    assert asked == [], "a refused file never gets as far as the confirmation"
    assert window.is_unlocked
    assert _hashes(tmp_path / "data") == before


def test_restore_confirms_locks_and_brings_back_the_backup(tmp_path, qtbot):
    window = _open(tmp_path, qtbot)
    panel = _panel(window)
    usb = _usb(tmp_path)
    panel.choose_folder = lambda: str(usb)
    panel.make_button.click()
    qtbot.waitUntil(lambda: panel.last_result is not None, timeout=20000)
    made = panel.last_result.path
    connection = window.session.connection
    with connection:
        connection.execute("INSERT INTO settings VALUES ('na.de.kopie', 'weg na terugzetten')")

    asked: list[str] = []
    panel.restore_flow.choose_file = lambda: str(made)
    panel.restore_flow.confirm = lambda text: asked.append(text) or True
    panel.restore_flow.ask_secret = lambda made_at: ("niet de goede zin", False)
    panel.restore_button.click()
    qtbot.waitUntil(lambda: "opent deze reservekopie niet" in panel.message.text(), timeout=20000)
    assert window.is_unlocked, "a wrong secret is said before anything is locked"
    assert str(tmp_path / "data") in asked[0] and "vervangen" in asked[0]

    panel.restore_flow.ask_secret = lambda made_at: (PASSPHRASE, False)
    with qtbot.waitSignal(window.locked, timeout=20000):
        panel.restore_button.click()
    screen = window.lock_screen
    qtbot.waitUntil(lambda: "teruggezet" in screen.message.text(), timeout=20000)
    assert screen.unlock_button.isEnabled()
    assert sorted(p.name for p in (tmp_path / "data").iterdir() if p.name.startswith("v")) == [
        "vault.db"
    ], "the previous vault was removed after the restored one opened"
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    gone = window.session.connection.execute(
        "SELECT count(*) FROM settings WHERE key = 'na.de.kopie'"
    ).fetchone()[0]
    assert gone == 0


def _backup_made_at(tmp_path, when: datetime) -> None:
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf=TEST_KDF)
    vault.create(PASSPHRASE)
    session = vault.unlock(PASSPHRASE)
    try:
        backup.make_backup(session, _usb(tmp_path) / "oud.vpbackup", clock=FixedClock(when))
    finally:
        session.close()


def test_the_start_page_reminds_when_the_last_backup_is_too_old(tmp_path, qtbot):
    _backup_made_at(tmp_path, MADE_AT)
    today = MADE_AT.date() + timedelta(days=10)
    window = _open(tmp_path, qtbot, clock=FixedClock(today=today))
    reminder = window.main_area.home.backup_reminder
    assert reminder.isVisible()
    assert "10 dagen oud" in reminder.text() and str(_usb(tmp_path)) in reminder.text()
    panel = _panel(window)
    assert panel.reminder_days.value() == 7
    panel.reminder_days.setValue(14)
    window.main_area.show_section("start")
    assert "Laatste gecontroleerde reservekopie" in reminder.text()
    assert "dagen oud" not in reminder.text()
    # The setting lives in the vault: it is there after locking and unlocking.
    window.lock()
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    assert not any("reservekopie" in text.lower() for text in texts), "nothing before unlock"
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    assert "dagen oud" not in window.main_area.home.backup_reminder.text()


def test_without_any_backup_the_start_page_says_so(tmp_path, qtbot):
    window = _open(tmp_path, qtbot, clock=FixedClock(today=date(2026, 12, 1)))
    reminder = window.main_area.home.backup_reminder
    assert reminder.isVisible() and "nog geen reservekopie" in reminder.text()


def test_a_vault_that_does_not_open_is_restored_from_the_lock_screen(tmp_path, qtbot):
    _backup_made_at(tmp_path, MADE_AT)
    made = _usb(tmp_path) / "oud.vpbackup"
    (tmp_path / "data" / "keyslots.json").unlink()  # the vault cannot open any more
    window, _vault = _make_window(tmp_path, qtbot)
    screen = window.lock_screen
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: "keyslots.json" in screen.message.text(), timeout=10000)
    assert "Reservekopie terugzetten" in screen.message.text(), "the error points to the restore"
    assert screen.restore_button.isVisible()
    flow = screen.restore_flow()
    asked: list[str] = []
    flow.choose_file = lambda: str(made)
    flow.confirm = lambda text: asked.append(text) or True
    flow.ask_secret = lambda made_at: (PASSPHRASE, False)
    screen.restore_button.click()
    qtbot.waitUntil(lambda: "teruggezet" in screen.message.text(), timeout=20000)
    assert "vervangen" in asked[0]
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)


def test_a_new_laptop_restores_from_the_first_run_screen(tmp_path, qtbot):
    _backup_made_at(tmp_path / "oude-laptop", MADE_AT)
    made = _usb(tmp_path / "oude-laptop") / "oud.vpbackup"
    window, vault = _make_window(tmp_path, qtbot)
    view = window.first_run
    assert window.stack.currentWidget() is view and not vault.exists()
    flow = view.restore_flow()
    asked: list[str] = []
    flow.choose_file = lambda: str(made)
    flow.confirm = lambda text: asked.append(text) or True
    flow.ask_secret = lambda made_at: ("niet de goede zin", False)
    view.restore_button.click()
    qtbot.waitUntil(
        lambda: "opent deze reservekopie niet" in view.welcome_message.text(), timeout=20000
    )
    assert not vault.exists() and window.first_run is view
    assert "wordt teruggezet in" in asked[0]
    flow.ask_secret = lambda made_at: (PASSPHRASE, False)
    view.restore_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_screen, timeout=20000)
    assert "teruggezet" in window.lock_screen.message.text()
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
