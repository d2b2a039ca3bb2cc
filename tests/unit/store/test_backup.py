"""Backup and restore on real SQLCipher vaults: one verified file, and a restore that never
leaves the data folder half-changed."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.store import backup, db
from app.store.backup import (
    BackupRefused,
    BackupTargetRefused,
    BackupTooNew,
    BackupVerificationFailed,
    BackupWrongPassphrase,
    BackupWrongRecoveryCode,
    RestoreTargetOccupied,
    VaultInUse,
    make_backup,
    read_backup,
    restore_backup,
)
from app.store.errors import VaultError, VaultTampered
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from tests.conftest import TEST_PASSPHRASE

MARKER = "Test Persoon PLAINTEXT-MARKER-4711"
CLOCK = datetime(2026, 11, 30, 9, 15, 0, tzinfo=UTC)


def _fill(session, rows: int = 300) -> None:
    connection = session.connection
    with connection:
        connection.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [(f"test.{i}", f"{MARKER} {i}") for i in range(rows)],
        )


def _hashes(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _restore(source: Path, folder: Path, **kwargs):
    kwargs.setdefault("minimum_kdf", TEST_KDF)
    if "recovery_code" not in kwargs:
        kwargs.setdefault("passphrase", TEST_PASSPHRASE)
    return restore_backup(source, folder, **kwargs)


@pytest.fixture
def made(make_vault, tmp_path):
    """A vault with rows, and a verified backup of it in its own folder."""
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    _fill(session)
    counts = backup.table_counts(session.connection)
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    result = make_backup(session, out_dir / "kopie.vpbackup", clock=FixedClock(CLOCK))
    yield vault, session, result, counts
    session.close()


# --- making ------------------------------------------------------------------------------


def test_a_backup_is_one_checked_file_next_to_nothing_else(made):
    vault, session, result, counts = made
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["kopie.vpbackup"]
    data = result.path.read_bytes()
    assert data.startswith(backup.MAGIC)
    assert result.size == len(data)
    contents = read_backup(result.path)
    manifest = contents.manifest
    assert manifest.created_at == CLOCK
    assert manifest.tables == counts and manifest.tables["settings"] >= 300
    assert manifest.vault_id == json.loads(vault.keyslot_path.read_text())["vault_id"]
    assert manifest.schema_version == db.schema_version(session.connection)
    assert contents.keyslots == vault.keyslot_path.read_bytes()


def test_the_snapshot_is_encrypted_and_opens_only_with_the_data_key(made, tmp_path):
    _vault, session, result, _counts = made
    data = result.path.read_bytes()
    assert MARKER.encode() not in data
    assert b"SQLite format 3" not in data
    database = read_backup(result.path).database
    copy = tmp_path / "snapshot.db"
    copy.write_bytes(database)
    with pytest.raises(VaultTampered):
        db.open_database(copy, os.urandom(32), migrate=False)
    connection = db.open_database(copy, backup.session_key(session), migrate=False)
    try:
        value = connection.execute("SELECT value FROM settings WHERE key = 'test.7'").fetchone()
        assert value[0] == f"{MARKER} 7"
    finally:
        connection.close()


def test_the_vault_remembers_when_and_where_the_last_verified_backup_was_made(made):
    _vault, session, result, _counts = made
    last = backup.last_backup(session.connection)
    assert last is not None
    assert last.at == CLOCK and last.folder == str(result.path.parent)
    events = [
        row[0] for row in session.connection.execute("SELECT event FROM audit_log").fetchall()
    ]
    assert "vault.backup_made" in events


def test_a_backup_inside_the_data_folder_is_refused(make_vault):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    try:
        before = _hashes(vault.data_dir)
        for target in (vault.data_dir / "kopie.vpbackup", vault.data_dir / "vault.db"):
            with pytest.raises(BackupTargetRefused):
                make_backup(session, target)
        assert _hashes(vault.data_dir) == before
    finally:
        session.close()


def test_cancelling_removes_every_partial_file_and_keeps_an_older_backup(make_vault, tmp_path):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    _fill(session)
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    target = out_dir / "kopie.vpbackup"
    target.write_bytes(b"older backup")

    class Stop(Exception):
        pass

    for stop_at in (0, 10, 40, 55, 70, 95):
        seen: list[int] = []

        def progress(done, total, stop_at=stop_at, seen=seen):
            seen.append(done)
            if done >= stop_at:
                raise Stop

        with pytest.raises(Stop):
            make_backup(session, target, progress=progress)
        assert sorted(p.name for p in out_dir.iterdir()) == ["kopie.vpbackup"], stop_at
        assert target.read_bytes() == b"older backup"
    session.close()


def test_a_backup_that_fails_verification_is_removed_and_reported(
    make_vault, tmp_path, monkeypatch
):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    monkeypatch.setattr(backup, "_check_database_file", lambda *args: False)
    with pytest.raises(BackupVerificationFailed) as caught:
        make_backup(session, out_dir / "kopie.vpbackup")
    assert "verwijderd" in str(caught.value) and "\n" not in str(caught.value)
    assert list(out_dir.iterdir()) == []
    assert backup.last_backup(session.connection) is None
    session.close()


def test_stale_temp_files_of_a_killed_backup_are_removed_by_the_next(made):
    _vault, session, result, _counts = made
    folder = result.path.parent
    stale = folder / f"{backup.TEMP_PREFIX}0123456789abcdef.snapshot.tmp"
    stale.write_bytes(b"x")
    other = folder / "eigen-bestand.tmp"
    other.write_bytes(b"y")
    make_backup(session, folder / "tweede.vpbackup")
    assert not stale.exists() and other.exists()


# --- restoring ---------------------------------------------------------------------------


def test_restore_into_a_new_folder_opens_with_the_same_passphrase(made, tmp_path):
    _vault, _session, result, counts = made
    folder = tmp_path / "nieuwe-laptop" / "Vindplaats"
    restored = _restore(result.path, folder)
    assert not restored.replaced and restored.created_at == CLOCK
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "vault.db"]
    session = Vault(folder, kdf=TEST_KDF).unlock(TEST_PASSPHRASE)
    try:
        tables = backup.table_counts(session.connection)
        assert tables["settings"] == counts["settings"] + 2  # + when/where of the last backup
        value = session.connection.execute(
            "SELECT value FROM settings WHERE key = 'test.299'"
        ).fetchone()[0]
        assert value == f"{MARKER} 299"
        last = backup.last_backup(session.connection)
        assert last is not None and last.at == CLOCK
    finally:
        session.close()


def test_restore_with_the_recovery_code(made, tmp_path):
    vault, _session, result, _counts = made
    folder = tmp_path / "leeg"
    folder.mkdir()
    _restore(result.path, folder, recovery_code=vault.recovery_code.lower())
    Vault(folder, kdf=TEST_KDF).unlock_with_recovery(vault.recovery_code).close()


def test_a_wrong_secret_changes_nothing_not_even_the_folder(made, tmp_path):
    vault, _session, result, _counts = made
    folder = tmp_path / "bestaat-niet"
    with pytest.raises(BackupWrongPassphrase) as caught:
        _restore(result.path, folder, passphrase="niet de goede zin hoor")
    assert "reservekopie" in str(caught.value)
    wrong_code = "0000-0000-0000-0000-0000-0000-0000"
    with pytest.raises(BackupWrongRecoveryCode):
        _restore(result.path, folder, recovery_code=wrong_code)
    assert not folder.exists()


def test_restore_over_a_vault_needs_replace(made, make_vault):
    _vault, _session, result, _counts = made
    other = make_vault()
    before = _hashes(other.data_dir)
    with pytest.raises(RestoreTargetOccupied) as caught:
        _restore(result.path, other.data_dir)
    assert "--replace" in str(caught.value)
    assert _hashes(other.data_dir) == before


def test_restore_with_replace_puts_the_backup_in_place_and_removes_the_old_vault(made, make_vault):
    _vault, _session, result, counts = made
    other = make_vault(passphrase="een andere fictieve zin voor twee")
    restored = _restore(result.path, other.data_dir, replace=True)
    assert restored.replaced
    assert sorted(p.name for p in other.data_dir.iterdir()) == ["keyslots.json", "vault.db"]
    session = Vault(other.data_dir, kdf=TEST_KDF).unlock(TEST_PASSPHRASE)
    try:
        assert backup.table_counts(session.connection)["settings"] == counts["settings"] + 2
    finally:
        session.close()


@pytest.mark.parametrize("failing_step", ["place_keyslots", "final_check", "rename_aside"])
def test_a_restore_that_fails_midway_puts_the_current_vault_back_exactly(
    made, make_vault, monkeypatch, failing_step
):
    _vault, _session, result, _counts = made
    other = make_vault(passphrase="een andere fictieve zin voor twee")
    session = other.unlock("een andere fictieve zin voor twee")
    session.connection.execute("INSERT INTO settings VALUES ('x', 'y')")
    session.connection.commit()
    session.close()
    before = _hashes(other.data_dir)
    if failing_step == "place_keyslots":
        real = backup._replace

        def replace(source, target, retries=20):
            if target.name == "keyslots.json":
                raise OSError(5, "I/O error")
            real(source, target, retries)

        monkeypatch.setattr(backup, "_replace", replace)
    elif failing_step == "final_check":

        def final_check(*args):
            raise VaultError("kapot")

        monkeypatch.setattr(backup, "_final_check", final_check)
    else:
        real_rename = os.rename

        def rename(source, target):
            if Path(source).name == "vault.db":
                raise PermissionError(13, "in use")
            real_rename(source, target)

        monkeypatch.setattr(backup.os, "rename", rename)
    with pytest.raises(VaultError):
        _restore(result.path, other.data_dir, replace=True)
    assert _hashes(other.data_dir) == before
    other.unlock("een andere fictieve zin voor twee").close()


def test_restore_refuses_while_another_process_has_the_vault_open(made, make_vault, tmp_path):
    _vault, _session, result, _counts = made
    other = make_vault()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from app.store.keyslots import TEST_KDF; "
            "from app.store.vault import Vault; "
            f"s = Vault({str(other.data_dir)!r}, kdf=TEST_KDF).unlock({TEST_PASSPHRASE!r}); "
            "print('open', flush=True); sys.stdin.readline(); s.close()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        assert backup.vault_in_use(other.data_dir)
        with pytest.raises(VaultInUse):
            _restore(result.path, other.data_dir, replace=True)
    finally:
        holder.communicate("\n", timeout=30)
    assert not backup.vault_in_use(other.data_dir)
    _restore(result.path, other.data_dir, replace=True)


# --- refusing bad files ------------------------------------------------------------------


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("vault.db", b"x" * 4096)
    return buffer.getvalue()


def _plain_sqlite(path: Path) -> bytes:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return path.read_bytes()


def _rechecksum(data: bytes, manifest: dict | str) -> bytes:
    """A container with another manifest but valid checksums (a crafted file)."""
    length = struct.unpack_from(">I", data, len(backup.MAGIC) + 2)[0]
    members = data[backup.HEADER_BYTES + length : -backup.DIGEST_BYTES]
    body = (manifest if isinstance(manifest, str) else json.dumps(manifest)).encode()
    head = backup.MAGIC + struct.pack(">HI", backup.FORMAT_VERSION, len(body)) + body
    return head + members + hashlib.sha256(head + members).digest()


def test_every_kind_of_bad_file_is_refused_in_one_line_and_changes_nothing(
    made, make_vault, tmp_path
):
    vault, _session, result, _counts = made
    good = result.path.read_bytes()
    other = make_vault()
    before = _hashes(other.data_dir)
    manifest = read_backup(result.path).manifest.to_json()
    bad_files = {
        "empty": b"",
        "random": os.urandom(20000),
        "zip": _zip_bytes(),
        "sqlite": _plain_sqlite(tmp_path / "plain.db"),
        "raw vault": vault.db_path.read_bytes(),
        "keyslots": vault.keyslot_path.read_bytes(),
        "magic only": backup.MAGIC,
        "new format": backup.MAGIC + struct.pack(">HI", 99, 0) + good[backup.HEADER_BYTES :],
        "deep manifest": _rechecksum(good, {"a": [[[[[[[[[[1]]]]]]]]]]}),
        "huge count": _rechecksum(good, {**manifest, "tables": {"settings": 10**40}}),
        "5000 digits": _rechecksum(
            good,
            json.dumps(manifest).replace(
                f'"schema_version": {manifest["schema_version"]}',
                '"schema_version": ' + "9" * 5000,
            ),
        ),
        "lone surrogate": _rechecksum(good, {**manifest, "app_version": "\udcff"}),
        "other vault id": _rechecksum(good, {**manifest, "vault_id": "ab" * 16}),
    }
    for size in (1, 17, 18, 24, 100, len(good) // 2, len(good) - 1):
        bad_files[f"truncated {size}"] = good[:size]
    for position in (0, 20, 30, 200, len(good) // 2, len(good) - 40, len(good) - 1):
        flipped = bytearray(good)
        flipped[position] ^= 0x01
        bad_files[f"flipped {position}"] = bytes(flipped)
    for name, data in bad_files.items():
        path = tmp_path / "slecht.vpbackup"
        path.write_bytes(data)
        for replace in (False, True):
            with pytest.raises(VaultError) as caught:
                _restore(path, other.data_dir, replace=replace)
            message = str(caught.value)
            assert "\n" not in message and "niets veranderd" in message, name
            if replace:
                assert isinstance(caught.value, BackupRefused), name
        assert _hashes(other.data_dir) == before, name
        fresh = tmp_path / "nieuw"
        with pytest.raises(BackupRefused):
            _restore(path, fresh)
        assert not fresh.exists(), name


def test_a_backup_from_a_newer_vindplaats_says_so(made, tmp_path):
    _vault, _session, result, _counts = made
    manifest = read_backup(result.path).manifest.to_json()
    path = tmp_path / "nieuwer.vpbackup"
    path.write_bytes(_rechecksum(result.path.read_bytes(), {**manifest, "schema_version": 999}))
    with pytest.raises(BackupTooNew):
        _restore(path, tmp_path / "doel")
    assert not (tmp_path / "doel").exists()


def test_a_crafted_database_with_valid_checksums_is_refused(made, tmp_path):
    """Checksums say nothing about the content: the restore still opens and checks it."""
    _vault, _session, result, _counts = made
    contents = read_backup(result.path)
    database = bytearray(contents.database)
    database[5000] ^= 0xFF
    manifest = contents.manifest
    members = {"keyslots.json": contents.keyslots, "vault.db": bytes(database)}
    crafted = backup.Manifest(
        created_at=manifest.created_at,
        vault_id=manifest.vault_id,
        schema_version=manifest.schema_version,
        tables=manifest.tables,
        members=tuple(
            backup.Member(name, len(data), hashlib.sha256(data).hexdigest())
            for name, data in members.items()
        ),
    )
    path = tmp_path / "gemaakt.vpbackup"
    path.write_bytes(backup.build_container(crafted, members))
    folder = tmp_path / "doel"
    with pytest.raises(BackupRefused):
        _restore(path, folder)
    assert not folder.exists()


@pytest.fixture(scope="module")
def sample_backup(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("sample")
    vault = Vault(folder / "kluis", kdf=TEST_KDF)
    vault.create(TEST_PASSPHRASE)
    session = vault.unlock(TEST_PASSPHRASE)
    try:
        result = make_backup(session, folder / "kopie.vpbackup")
    finally:
        session.close()
    return result.path.read_bytes()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_backup_files_never_give_a_traceback(sample_backup, data):
    raw = bytearray(sample_backup)
    kind = data.draw(st.sampled_from(["flip", "truncate", "insert", "splice", "head"]))
    if kind == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] ^= data.draw(st.integers(1, 255))
    elif kind == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif kind == "insert":
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    elif kind == "splice":
        raw = raw[: backup.HEADER_BYTES] + bytearray(data.draw(st.binary(max_size=4096)))
    else:
        raw[: backup.HEADER_BYTES] = data.draw(
            st.binary(min_size=backup.HEADER_BYTES, max_size=backup.HEADER_BYTES)
        )
    mutated = bytes(raw)
    try:
        backup.parse_container(mutated)
    except BackupRefused as error:
        assert "\n" not in str(error)
    else:
        assert mutated == sample_backup


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(alphabet=st.characters(codec="utf-8") | st.just("\udcff"), max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(sorted(backup.Manifest.__dataclass_fields__) + ["format"]), value=_json
)
def test_crafted_manifests_with_valid_checksums_never_give_a_traceback(sample_backup, field, value):
    manifest = backup.parse_container(sample_backup).manifest.to_json()
    manifest[field] = value
    try:
        text = json.dumps(manifest)
    except (ValueError, UnicodeEncodeError):
        return
    try:
        backup.parse_container(_rechecksum(sample_backup, json.loads(text)))
    except BackupRefused:
        pass


# --- reminder settings -------------------------------------------------------------------


def test_reminder_days_default_bounds_and_overdue(vault_session):
    connection = vault_session.connection
    assert backup.reminder_days(connection) == backup.DEFAULT_REMINDER_DAYS == 7
    backup.set_reminder_days(connection, 14)
    assert backup.reminder_days(connection) == 14
    with pytest.raises(ValueError):
        backup.set_reminder_days(connection, 0)
    connection.execute("UPDATE settings SET value = '²' WHERE key = ?", (backup.KV_REMINDER_DAYS,))
    assert backup.reminder_days(connection) == 7
    assert backup.backup_overdue(None, date(2026, 12, 1), 7)
    last = backup.LastBackup(at=datetime(2026, 11, 24, 12, tzinfo=UTC), folder="/media/usb")
    assert not backup.backup_overdue(last, date(2026, 12, 1), 7)
    assert backup.backup_overdue(last, date(2026, 12, 1) + timedelta(days=1), 7)


# --- a restore killed midway ---------------------------------------------------------------

_KILLER = """
import os, sys
from app.store import backup
from app.store.keyslots import TEST_KDF

step, source, folder, passphrase = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
kind, _, number = step.partition(":")
calls = {"rename": 0, "replace": 0}


def counting(name, real):
    def wrapper(*args, **kwargs):
        calls[name] += 1
        if kind == name and calls[name] == int(number):
            os._exit(9)
        return real(*args, **kwargs)

    return wrapper


backup.os.rename = counting("rename", os.rename)
backup._replace = counting("replace", backup._replace)
real_rmtree = backup.shutil.rmtree


def rmtree(*args, **kwargs):
    if kind == "rmtree":
        os._exit(9)
    return real_rmtree(*args, **kwargs)


backup.shutil.rmtree = rmtree
backup.restore_backup(source, folder, passphrase=passphrase, replace=True, minimum_kdf=TEST_KDF)
"""


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("rename:1", "old"),
        ("rename:2", "old"),
        ("replace:1", "old"),
        ("replace:2", "old"),
        ("rmtree:1", "new"),
    ],
)
def test_a_restore_killed_midway_is_undone_or_finished_on_the_next_try(
    made, make_vault, tmp_path, step, expected
):
    _vault, _session, result, counts = made
    other_passphrase = "een andere fictieve zin voor twee"
    other = make_vault(passphrase=other_passphrase)
    before = _hashes(other.data_dir)
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            _KILLER,
            step,
            str(result.path),
            str(other.data_dir),
            TEST_PASSPHRASE,
        ],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 9, child.stderr
    outcome = backup.recover_interrupted_restore(other.data_dir)
    assert outcome == ("undone" if expected == "old" else "finished")
    assert not any(p.name.startswith("vorige-kluis-") for p in other.data_dir.iterdir())
    # Besides the old vault, only temp files of the killed restore; the next one removes them.
    if expected == "old":
        now = _hashes(other.data_dir)
        staged = {name for name in now if name not in before}
        assert all(name.startswith(backup.TEMP_PREFIX) for name in staged)
        assert {name: now[name] for name in before} == before
        other.unlock(other_passphrase).close()
        _restore(result.path, other.data_dir, replace=True)
        assert sorted(p.name for p in other.data_dir.iterdir()) == ["keyslots.json", "vault.db"]
    else:
        session = Vault(other.data_dir, kdf=TEST_KDF).unlock(TEST_PASSPHRASE)
        assert backup.table_counts(session.connection)["settings"] == counts["settings"] + 2
        session.close()


# --- while the vault is in use -------------------------------------------------------------


def test_locking_during_a_backup_leaves_no_file_behind(make_vault, tmp_path):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    _fill(session)
    out_dir = tmp_path / "usb"
    out_dir.mkdir()

    def progress(done, total):
        if done >= 40:
            session.close()  # what auto-lock does while the worker runs

    with pytest.raises(VaultError):
        make_backup(session, out_dir / "kopie.vpbackup", progress=progress)
    assert list(out_dir.iterdir()) == []


def test_a_backup_while_another_connection_keeps_writing_is_still_verified(make_vault, tmp_path):
    import threading

    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    _fill(session, rows=2000)
    stop = threading.Event()
    written = {"n": 0}

    def writer():
        connection = session.connect()
        try:
            while not stop.is_set():
                with connection:
                    connection.execute(
                        "INSERT INTO audit_log (at, event) VALUES ('2026-12-01', 'test.write')"
                    )
                written["n"] += 1
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        out_dir = tmp_path / "usb"
        out_dir.mkdir()
        before = written["n"]
        result = make_backup(session, out_dir / "kopie.vpbackup")
        during = written["n"] - before
    finally:
        stop.set()
        thread.join()
    assert during > 0, "the writer went on during the backup"
    contents = read_backup(result.path)
    assert contents.manifest.tables["settings"] == 2000
    # The verification compared these counts with the snapshot itself; restore checks them too.
    restored = _restore(result.path, tmp_path / "terug")
    assert restored.tables["audit_log"] == contents.manifest.tables["audit_log"]
    session.close()


def test_a_full_disk_is_one_line_and_leaves_no_temp_file(made, monkeypatch):
    import errno

    from app.fileio import WriteError

    _vault, session, result, _counts = made

    def full(path, data, **kwargs):
        Path(path).write_bytes(data[:10])  # a partial temp file, as a full disk leaves it
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as error:
            raise WriteError("schijf vol") from error

    monkeypatch.setattr(backup, "write_atomic", full)
    with pytest.raises(VaultError) as caught:
        make_backup(session, result.path.parent / "tweede.vpbackup")
    assert "schijf is vol" in str(caught.value)
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["kopie.vpbackup"]


def test_every_vault_error_that_mentions_a_backup_says_how_to_restore_one():
    from app.store import errors

    mentioning = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type)
        and issubclass(cls, errors.VaultError)
        and "reservekopie" in cls.default_message.lower()
    ]
    assert len(mentioning) >= 4
    for cls in mentioning:
        text = str(cls())
        assert "Reservekopie terugzetten" in text and "vindplaats vault restore" in text, cls
        assert "\n" not in text
