"""The vault as the user meets it: create, unlock, change secrets, refuse damage."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading

import pytest

from app.fileio import WriteError
from app.store import audit, keyslots
from app.store.errors import (
    DataDirReadOnly,
    DiskFull,
    NotAVault,
    VaultAlreadyExists,
    VaultDatabaseMissing,
    VaultIncomplete,
    VaultLocked,
    VaultNotFound,
    VaultTampered,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from app.store.vault import Vault

NEW_PASSPHRASE = "nieuwe fictieve zin met regen"


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _fill(session, rows=400):
    connection = session.connection
    connection.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [(f"sleutel{i}", "Fictieve waarde " * 20) for i in range(rows)],
    )
    connection.commit()


def test_create_makes_a_private_folder_with_two_files(make_vault, tmp_path):
    vault = make_vault(tmp_path / "nieuw" / "map")
    assert sorted(p.name for p in vault.data_dir.iterdir()) == ["keyslots.json", "vault.db"]
    assert stat.S_IMODE(vault.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(vault.keyslot_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(vault.db_path.stat().st_mode) == 0o600
    assert not vault.db_path.read_bytes().startswith(b"SQLite format 3")


def test_create_refuses_an_existing_vault_and_overwrites_nothing(make_vault, vault_passphrase):
    vault = make_vault()
    before = _snapshot(vault.data_dir)
    with pytest.raises(VaultAlreadyExists):
        Vault(vault.data_dir, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    assert _snapshot(vault.data_dir) == before


@pytest.mark.parametrize("leftover", ["vault.db", "keyslots.json"])
def test_create_refuses_when_part_of_a_vault_is_there(tmp_path, vault_passphrase, leftover):
    (tmp_path / leftover).write_bytes(b"oud")
    with pytest.raises(VaultAlreadyExists):
        Vault(tmp_path, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    assert (tmp_path / leftover).read_bytes() == b"oud"


def test_create_refuses_a_weak_passphrase(tmp_path):
    vault = Vault(tmp_path / "v", kdf=keyslots.TEST_KDF)
    with pytest.raises(WeakPassphrase) as caught:
        vault.create("welkom123")
    assert "tekens" in str(caught.value)
    assert not vault.exists()


def test_unlock_of_an_empty_folder_says_there_is_no_vault(tmp_path):
    with pytest.raises(VaultNotFound):
        Vault(tmp_path / "leeg", kdf=keyslots.TEST_KDF).unlock("wat dan ook hier")
    assert not (tmp_path / "leeg").exists()


def test_missing_database_is_named_and_not_recreated(make_vault, vault_passphrase):
    vault = make_vault()
    vault.db_path.unlink()
    with pytest.raises(VaultDatabaseMissing):
        vault.unlock(vault_passphrase)
    assert not vault.db_path.exists()


def test_change_passphrase_old_stops_working_data_stays(make_vault, vault_passphrase):
    vault = make_vault()
    with vault.unlock(vault_passphrase) as session:
        _fill(session, rows=3)
    db_before = vault.db_path.read_bytes()
    vault.change_passphrase(vault_passphrase, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_passphrase)
    with vault.unlock(NEW_PASSPHRASE) as session:
        count = session.connection.execute("SELECT count(*) FROM settings").fetchone()[0]
        assert count == 3
        events = [e.event for e in audit.list_events(session.connection)]
        assert "vault.passphrase_changed" in events
    assert len(db_before) > 0
    # the recovery code still works
    vault.unlock_with_recovery(vault.recovery_code).close()


def test_change_passphrase_with_a_wrong_old_one_changes_nothing(make_vault, vault_passphrase):
    vault = make_vault()
    before = _snapshot(vault.data_dir)
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("dit is niet de oude zin", NEW_PASSPHRASE)
    assert _snapshot(vault.data_dir) == before


def test_change_passphrase_refuses_a_weak_new_one(make_vault, vault_passphrase):
    vault = make_vault()
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(vault_passphrase, "aaaaaaaaaaaaaaaa")
    vault.unlock(vault_passphrase).close()


def test_new_recovery_code_replaces_the_old_one(make_vault, vault_passphrase):
    vault = make_vault()
    old_code = vault.recovery_code
    new_code = vault.new_recovery_code(vault_passphrase)
    assert new_code != old_code
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(old_code)
    vault.unlock_with_recovery(new_code).close()
    vault.unlock(vault_passphrase).close()


def test_forgotten_passphrase_is_reset_with_the_recovery_code(make_vault, vault_passphrase):
    vault = make_vault()
    vault.reset_passphrase(vault.recovery_code, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_passphrase)
    vault.unlock(NEW_PASSPHRASE).close()


def test_a_plain_sqlite_file_is_not_a_vault(make_vault, vault_passphrase):
    vault = make_vault()
    vault.db_path.unlink()
    plain = sqlite3.connect(vault.db_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = vault.db_path.read_bytes()
    with pytest.raises(NotAVault) as caught:
        vault.unlock(vault_passphrase)
    assert "geen kluis" in str(caught.value)
    assert vault.db_path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"dit is een tekstbestand\n"])
def test_other_files_are_not_a_vault(make_vault, vault_passphrase, content):
    vault = make_vault()
    vault.db_path.write_bytes(content)
    with pytest.raises(VaultIncomplete) as caught:
        vault.unlock(vault_passphrase)
    assert "onvolledig" in str(caught.value)
    assert vault.db_path.read_bytes() == content


def test_a_database_of_another_vault_is_refused(make_vault, vault_passphrase):
    first, second = make_vault(), make_vault()
    second.db_path.write_bytes(first.db_path.read_bytes())
    before = _snapshot(second.data_dir)
    with pytest.raises((NotAVault, VaultTampered)):
        second.unlock(vault_passphrase)
    assert _snapshot(second.data_dir) == before


def _flip_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def test_tampered_first_page_is_reported(make_vault, vault_passphrase):
    vault = make_vault()
    _flip_byte(vault.db_path, 200)
    before = vault.db_path.read_bytes()
    with pytest.raises(VaultTampered) as caught:
        vault.unlock(vault_passphrase)
    assert "beschadigd" in str(caught.value)
    assert vault.db_path.read_bytes() == before


def test_tampered_page_is_found_by_the_check(make_vault, vault_passphrase):
    vault = make_vault()
    with vault.unlock(vault_passphrase) as session:
        _fill(session)
    assert vault.check(passphrase=vault_passphrase).healthy
    size = vault.db_path.stat().st_size
    assert size >= 8 * 4096
    _flip_byte(vault.db_path, size - 4096 + 100)  # inside the last page
    report = vault.check(passphrase=vault_passphrase)
    assert not report.healthy
    assert any("Versleuteling" in line for line in report.problems)


def test_check_reports_health_in_dutch(make_vault, vault_passphrase):
    vault = make_vault()
    report = vault.check(recovery_code=vault.recovery_code)
    assert report.healthy
    assert report.schema_version >= 1
    assert any("onbeschadigd" in line for line in report.lines)


def _failing_write(error_number):
    def write_app_file(path, data, **kwargs):
        raise WriteError("schrijven mislukt") from OSError(error_number, os.strerror(error_number))

    return write_app_file


@pytest.mark.parametrize(
    ("error_number", "expected"),
    [(errno.ENOSPC, DiskFull), (errno.EACCES, DataDirReadOnly), (errno.EROFS, DataDirReadOnly)],
)
def test_failed_slot_write_on_create_leaves_no_half_vault(
    tmp_path, monkeypatch, vault_passphrase, error_number, expected
):
    monkeypatch.setattr(keyslots, "write_app_file", _failing_write(error_number))
    vault = Vault(tmp_path / "v", kdf=keyslots.TEST_KDF)
    with pytest.raises(expected):
        vault.create(vault_passphrase)
    assert not vault.exists()


@pytest.mark.parametrize(
    ("error_number", "expected"), [(errno.ENOSPC, DiskFull), (errno.EACCES, DataDirReadOnly)]
)
def test_failed_slot_write_on_passphrase_change_keeps_the_old_slot(
    make_vault, monkeypatch, vault_passphrase, error_number, expected
):
    vault = make_vault()
    before = vault.keyslot_path.read_bytes()
    monkeypatch.setattr(keyslots, "write_app_file", _failing_write(error_number))
    with pytest.raises(expected) as caught:
        vault.change_passphrase(vault_passphrase, NEW_PASSPHRASE)
    assert str(caught.value)
    monkeypatch.undo()
    assert vault.keyslot_path.read_bytes() == before
    vault.unlock(vault_passphrase).close()


def test_write_failure_errors_have_distinct_dutch_messages():
    assert "vol" in str(DiskFull())
    assert "alleen-lezen" in str(DataDirReadOnly())
    assert str(DiskFull()) != str(DataDirReadOnly())


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_is_named_on_create(tmp_path, vault_passphrase):
    folder = tmp_path / "alleenlezen"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DataDirReadOnly):
            Vault(folder, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_read_only_folder_is_named_on_create_even_as_root(tmp_path, monkeypatch, vault_passphrase):
    folder = tmp_path / "alleenlezen"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if p == folder and mode & os.W_OK else real_access(p, mode),
    )
    with pytest.raises(DataDirReadOnly):
        Vault(folder, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    assert list(folder.iterdir()) == []


def test_session_close_locks_every_connection_and_wipes_the_key(vault_session):
    worker_connection = vault_session.connect()
    key = vault_session._key
    vault_session.close()
    assert vault_session.closed
    assert key == bytearray(32)
    with pytest.raises(VaultLocked):
        vault_session.connection  # noqa: B018
    with pytest.raises(VaultLocked):
        vault_session.connect()
    with pytest.raises(Exception, match="closed"):
        worker_connection.execute("SELECT 1")


def test_worker_thread_gets_its_own_connection(vault_session):
    results = []

    def work():
        connection = vault_session.connect()
        try:
            connection.execute("INSERT INTO settings VALUES ('uit_thread', 'ja')")
            connection.commit()
            results.append(connection.execute("PRAGMA temp_store").fetchone()[0])
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [2]
    row = vault_session.connection.execute("SELECT value FROM settings WHERE key = 'uit_thread'")
    assert row.fetchone() == ("ja",)


def test_audit_log_records_unlocks_without_personal_data(make_vault, vault_passphrase):
    vault = make_vault()
    vault.unlock(vault_passphrase).close()
    with vault.unlock_with_recovery(vault.recovery_code) as session:
        events = audit.list_events(session.connection)
    names = [e.event for e in events]
    assert names[:3] == ["vault.unlocked_with_recovery", "vault.unlocked", "vault.created"]
    assert all(e.detail == "" for e in events)
