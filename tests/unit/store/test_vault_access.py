"""A folder without access, a read-only folder and a full disk: each its own clear message.

Tests run as root in CI, where chmod does not bite; there the operating system's refusal is
simulated by making ``os`` functions raise ``PermissionError`` for the folder's contents,
as they do for a normal user on a folder with mode 000. The real chmod tests skip as root.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import sqlcipher3

from app.store import db, keyslots, layout
from app.store.errors import DataDirNoAccess, DataDirReadOnly, DiskFull
from app.store.vault import UnlockThrottle, Vault

AS_ROOT = os.geteuid() == 0


def deny_access(monkeypatch, folder: Path) -> None:
    """Behave as the OS does for a user on ``folder`` with mode 000."""
    real_stat, real_access, real_scandir, real_open = os.stat, os.access, os.scandir, os.open

    def inside(path) -> bool:
        if isinstance(path, int):
            return False
        return folder in Path(os.fspath(path)).absolute().parents

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    def stat(path, *args, **kwargs):
        if inside(path):
            refuse(path)
        return real_stat(path, *args, **kwargs)

    def access(path, mode, *args, **kwargs):
        if not isinstance(path, int) and Path(os.fspath(path)).absolute() == folder:
            return False
        if inside(path):
            return False
        return real_access(path, mode, *args, **kwargs)

    def scandir(path="."):
        if Path(os.fspath(path)).absolute() == folder or inside(path):
            refuse(path)
        return real_scandir(path)

    def open_(path, *args, **kwargs):
        if inside(path):
            refuse(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)


def every_way_in(vault: Vault, passphrase: str):
    yield lambda: vault.unlock(passphrase)
    yield lambda: vault.unlock_with_recovery(vault.recovery_code)
    yield lambda: vault.check(passphrase=passphrase)
    yield lambda: vault.change_passphrase(passphrase, "nieuwe fictieve zin met regen")
    yield lambda: Vault(vault.data_dir, kdf=keyslots.TEST_KDF).create(passphrase)


def test_a_folder_without_access_is_named_every_way_in(make_vault, vault_passphrase, monkeypatch):
    vault = make_vault()
    deny_access(monkeypatch, vault.data_dir.absolute())
    assert layout.vault_exists(vault.data_dir), "unknown must not look like 'no vault here'"
    for attempt in every_way_in(vault, vault_passphrase):
        with pytest.raises(DataDirNoAccess) as caught:
            attempt()
        assert "geen toegang" in str(caught.value)
    monkeypatch.undo()
    vault.unlock(vault_passphrase).close()  # nothing was changed


@pytest.mark.skipif(AS_ROOT, reason="root ignores folder permissions")
def test_a_real_folder_with_mode_000(make_vault, vault_passphrase):
    vault = make_vault()
    vault.data_dir.chmod(0)
    try:
        assert layout.vault_exists(vault.data_dir)
        for attempt in every_way_in(vault, vault_passphrase):
            with pytest.raises(DataDirNoAccess):
                attempt()
    finally:
        vault.data_dir.chmod(0o700)
    vault.unlock(vault_passphrase).close()


@pytest.mark.skipif(AS_ROOT, reason="root ignores folder permissions")
def test_a_real_read_only_folder_still_checks_and_says_so_on_unlock(make_vault, vault_passphrase):
    vault = make_vault()
    vault.data_dir.chmod(0o500)
    try:
        assert vault.check(passphrase=vault_passphrase).healthy  # read-only, needs no writing
        with pytest.raises(DataDirReadOnly):
            vault.unlock(vault_passphrase)
    finally:
        vault.data_dir.chmod(0o700)


def test_a_read_only_folder_on_unlock_is_named(make_vault, vault_passphrase, monkeypatch):
    """What SQLite says when it cannot make vault.db-wal in a read-only folder."""
    vault = make_vault()
    real_connect, real_access = sqlcipher3.connect, os.access
    folder = vault.data_dir

    def connect(target, *args, **kwargs):
        if not kwargs.get("uri"):
            raise sqlcipher3.OperationalError("unable to open database file")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(db.sqlcipher3, "connect", connect)
    monkeypatch.setattr(
        os, "access", lambda p, m: False if p == folder and m & os.W_OK else real_access(p, m)
    )
    with pytest.raises(DataDirReadOnly) as caught:
        vault.unlock(vault_passphrase)
    assert "alleen-lezen" in str(caught.value)


def test_a_full_disk_on_unlock_is_named(make_vault, vault_passphrase, monkeypatch):
    vault = make_vault()

    def full(*args, **kwargs):
        raise sqlcipher3.OperationalError("database or disk is full")

    monkeypatch.setattr(db, "run_migrations", full)
    fresh = Vault(vault.data_dir, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle())
    with pytest.raises(DiskFull) as caught:
        fresh.unlock(vault_passphrase)
    assert "vol" in str(caught.value)


def test_the_three_messages_differ():
    texts = {str(DataDirNoAccess()), str(DataDirReadOnly()), str(DiskFull())}
    assert len(texts) == 3
    assert "geen toegang" in str(DataDirNoAccess())
    assert "alleen-lezen" in str(DataDirReadOnly())
    assert "vol" in str(DiskFull())
