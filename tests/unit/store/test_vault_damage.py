"""A damaged vault is never mistaken for a new one, and looking at it changes nothing."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date

import pytest
import sqlcipher3

from app.core.intake import Intake
from app.core.signals import IsoWeek, Signal, Source
from app.store import audit, db, keyslots, wal
from app.store.errors import (
    NotAVault,
    VaultAlreadyExists,
    VaultDatabaseMissing,
    VaultError,
    VaultIncomplete,
    VaultTampered,
    WalDamaged,
)
from app.store.intakes import IntakeRepository
from app.store.signals import SignalRepository
from app.store.vault import UnlockThrottle, Vault

PAGE = db.PAGE_BYTES


def fingerprint(folder):
    """Name and sha256 of every file in the folder."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def fill(session, signals=300, intakes=20):
    SignalRepository(session.connection).add_many(
        [Signal("loonbeslag", 2026, 1 + i % 52, Source.ADMINISTRATION) for i in range(signals)],
        logged_in=IsoWeek(2026, 48),
    )
    repo = IntakeRepository(session.connection)
    for _ in range(intakes):
        repo.create(Intake(), today=date(2026, 11, 30))


def signal_count(session):
    return session.connection.execute("SELECT count(*) FROM signal").fetchone()[0]


@pytest.fixture
def filled(make_vault, vault_passphrase):
    vault = make_vault()
    with vault.unlock(vault_passphrase) as session:
        fill(session)
    return vault


def crashed_copy(vault, passphrase, target, *, signals=200):
    """The folder as a kill -9 leaves it: committed rows still only in ``vault.db-wal``."""
    session = vault.unlock(passphrase)
    try:
        session.connection.execute("PRAGMA wal_autocheckpoint = 0")
        fill(session, signals=signals, intakes=5)
        target.mkdir()
        for name in ("vault.db", "vault.db-wal", "keyslots.json"):
            shutil.copyfile(vault.data_dir / name, target / name)
    finally:
        session.close()
    copy = Vault(target, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle(), sleep=lambda s: None)
    copy.recovery_code = vault.recovery_code  # type: ignore[attr-defined]
    return copy


def open_every_way(vault, passphrase):
    """Unlock (passphrase and recovery code) and check; return what each raised or gave."""
    outcomes = []
    for attempt in (
        lambda: vault.unlock(passphrase),
        lambda: vault.unlock_with_recovery(vault.recovery_code),
        lambda: vault.check(passphrase=passphrase),
    ):
        try:
            result = attempt()
        except VaultError as error:
            outcomes.append(error)
        else:
            outcomes.append(result)
            if hasattr(result, "close"):
                result.close()
    return outcomes


# --- a file cut short is damage, never a new vault -----------------------------------------


@pytest.mark.parametrize("size", [0, 1, 100, PAGE - 1, PAGE + 1, 3 * PAGE + 17])
def test_a_cut_short_vault_is_never_opened_as_a_new_one(filled, vault_passphrase, size):
    filled.db_path.write_bytes(filled.db_path.read_bytes()[:size])
    before = fingerprint(filled.data_dir)
    outcomes = open_every_way(filled, vault_passphrase)
    assert all(isinstance(outcome, VaultIncomplete) for outcome in outcomes), outcomes
    assert "onvolledig" in str(outcomes[0])
    assert fingerprint(filled.data_dir) == before


@pytest.mark.parametrize("pages", [1, 2, "half", "one short"])
def test_a_vault_cut_at_a_page_boundary_is_damage(filled, vault_passphrase, pages):
    data = filled.db_path.read_bytes()
    count = len(data) // PAGE
    keep = {"half": count // 2, "one short": count - 1}.get(pages, pages)
    filled.db_path.write_bytes(data[: int(keep) * PAGE])
    before = fingerprint(filled.data_dir)
    for outcome in open_every_way(filled, vault_passphrase):
        if isinstance(outcome, VaultError):
            assert isinstance(outcome, VaultTampered)
        else:
            assert not outcome.healthy
    assert fingerprint(filled.data_dir) == before


def test_a_one_byte_vault_db_was_reported_healthy_before(filled, vault_passphrase):
    """The reported case: 1 byte used to open as a new empty vault, "De kluis is in orde"."""
    filled.db_path.write_bytes(filled.db_path.read_bytes()[:1])
    with pytest.raises(VaultIncomplete):
        filled.check(passphrase=vault_passphrase)
    assert filled.db_path.stat().st_size == 1
    with pytest.raises(VaultAlreadyExists):
        Vault(filled.data_dir, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    assert filled.db_path.stat().st_size == 1


def test_a_database_without_tables_is_damage_not_a_new_vault(filled, vault_passphrase):
    with filled.unlock(vault_passphrase) as session:
        key = bytes(session._key)
    filled.db_path.unlink()
    empty = sqlcipher3.connect(str(filled.db_path))
    empty.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    empty.execute("PRAGMA user_version = 7")  # writes page 1, no tables
    empty.close()
    assert filled.db_path.stat().st_size == PAGE
    before = fingerprint(filled.data_dir)
    outcomes = open_every_way(filled, vault_passphrase)
    assert all(isinstance(outcome, VaultIncomplete) for outcome in outcomes), outcomes
    assert fingerprint(filled.data_dir) == before


def test_key_slots_without_their_database_are_never_initialised(filled, vault_passphrase):
    filled.db_path.unlink()
    before = fingerprint(filled.data_dir)
    for outcome in open_every_way(filled, vault_passphrase):
        assert isinstance(outcome, VaultDatabaseMissing)
    with pytest.raises(VaultAlreadyExists):
        Vault(filled.data_dir, kdf=keyslots.TEST_KDF).create(vault_passphrase)
    assert fingerprint(filled.data_dir) == before


def test_create_never_takes_over_a_database_file_that_appears_meanwhile(tmp_path):
    target = tmp_path / "vault.db"
    target.write_bytes(b"x")
    with pytest.raises(VaultAlreadyExists):
        db.open_database(target, b"\1" * 32, create=True)
    assert target.read_bytes() == b"x"


def test_a_leftover_log_without_its_database_blocks_a_new_vault(tmp_path, vault_passphrase):
    folder = tmp_path / "kluis"
    folder.mkdir()
    (folder / "vault.db-wal").write_bytes(b"oude log")
    vault = Vault(folder, kdf=keyslots.TEST_KDF)
    assert vault.exists()
    with pytest.raises(VaultAlreadyExists):
        vault.create(vault_passphrase)
    with pytest.raises(VaultIncomplete):
        vault.unlock(vault_passphrase)
    assert sorted(p.name for p in folder.iterdir()) == ["vault.db-wal"]


# --- damage inside: one message, no traceback, nothing written -----------------------------


def flip(path, offset, mask=0x55):
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("page", [1, 2, 3])
def test_damage_in_an_early_page_is_one_vault_error(filled, vault_passphrase, page):
    """Page 2 used to give a raw sqlcipher3.DatabaseError from the migrations."""
    flip(filled.db_path, (page - 1) * PAGE + 500)
    before = fingerprint(filled.data_dir)
    for outcome in open_every_way(filled, vault_passphrase):
        if isinstance(outcome, VaultError):
            assert isinstance(outcome, VaultTampered | NotAVault)
        else:
            assert not outcome.healthy
    assert fingerprint(filled.data_dir) == before


def test_unlock_refuses_a_damaged_vault_before_it_writes_anything(filled, vault_passphrase):
    flip(filled.db_path, filled.db_path.stat().st_size - 200)  # the last page
    before = fingerprint(filled.data_dir)
    with pytest.raises(VaultTampered):
        filled.unlock(vault_passphrase)
    assert fingerprint(filled.data_dir) == before  # no audit row, no checkpoint


def test_migrations_run_only_on_a_vault_that_passed(tmp_path, vault_passphrase):
    old_schema = tmp_path / "schema"
    old_schema.mkdir()
    shutil.copy(db.SCHEMA_DIR / "0001_base.sql", old_schema)
    folder = tmp_path / "oud"
    Vault(folder, kdf=keyslots.TEST_KDF, schema_dir=old_schema).create(vault_passphrase)
    vault = Vault(folder, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle())
    flip(vault.db_path, vault.db_path.stat().st_size - 100)
    before = fingerprint(folder)
    with pytest.raises(VaultTampered):
        vault.unlock(vault_passphrase)
    assert fingerprint(folder) == before


def test_check_of_a_damaged_vault_writes_nothing(filled, vault_passphrase):
    flip(filled.db_path, filled.db_path.stat().st_size - 3000)
    before = fingerprint(filled.data_dir)
    report = filled.check(passphrase=vault_passphrase)
    assert not report.healthy
    assert fingerprint(filled.data_dir) == before


def test_check_opens_read_only_and_records_only_a_passed_check(filled, vault_passphrase):
    report = filled.check(passphrase=vault_passphrase)
    assert report.healthy
    assert sorted(p.name for p in filled.data_dir.iterdir()) == ["keyslots.json", "vault.db"]
    with filled.unlock(vault_passphrase) as session:
        events = [event.event for event in audit.list_events(session.connection)]
    assert events[1] == "vault.checked"


def test_check_of_an_older_schema_does_not_migrate_it(tmp_path, vault_passphrase):
    old_schema = tmp_path / "schema"
    old_schema.mkdir()
    shutil.copy(db.SCHEMA_DIR / "0001_base.sql", old_schema)
    folder = tmp_path / "oud"
    Vault(folder, kdf=keyslots.TEST_KDF, schema_dir=old_schema).create(vault_passphrase)
    vault = Vault(folder, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle())
    report = vault.check(passphrase=vault_passphrase)
    assert report.healthy
    assert report.schema_version == 1
    with vault.unlock(vault_passphrase) as session:
        assert db.schema_version(session.connection) > 1


# --- the write-ahead log ----------------------------------------------------------------


def test_a_crashed_vault_with_its_log_is_healthy_and_keeps_its_rows(
    filled, vault_passphrase, tmp_path
):
    copy = crashed_copy(filled, vault_passphrase, tmp_path / "na-crash")
    assert (copy.data_dir / "vault.db-wal").stat().st_size > 2 * PAGE
    report = copy.check(passphrase=vault_passphrase)
    assert report.healthy, report.lines
    with copy.unlock(vault_passphrase) as session:
        assert signal_count(session) == 500


def test_a_damaged_log_is_refused_and_left_as_it_is(filled, vault_passphrase, tmp_path):
    copy = crashed_copy(filled, vault_passphrase, tmp_path / "na-crash")
    wal = copy.data_dir / "vault.db-wal"
    flip(wal, 32 + 24 + 4096 + 24 + 1000)  # inside the second frame's page
    before = fingerprint(copy.data_dir)
    outcomes = open_every_way(copy, vault_passphrase)
    assert all(isinstance(outcome, WalDamaged) for outcome in outcomes), outcomes
    assert "vault.db-wal" in str(outcomes[0])
    assert fingerprint(copy.data_dir) == before


# --- what a crash leaves in the log is not damage -------------------------------------------


def test_a_log_cut_inside_its_last_frame_is_what_a_crash_leaves(filled, vault_passphrase, tmp_path):
    copy = crashed_copy(filled, vault_passphrase, tmp_path / "na-crash")
    wal_path = copy.data_dir / "vault.db-wal"
    wal_path.write_bytes(wal_path.read_bytes()[:-1000])
    assert not wal.wal_is_damaged(wal_path)
    assert copy.check(passphrase=vault_passphrase).healthy


def test_a_restarted_log_with_older_frames_behind_it_is_not_damage(
    filled, vault_passphrase, tmp_path
):
    session = filled.unlock(vault_passphrase)
    try:
        connection = session.connection
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        fill(session, signals=400, intakes=5)
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        fill(session, signals=20, intakes=1)  # starts the log again from its beginning
        data = (filled.data_dir / "vault.db-wal").read_bytes()
        target = tmp_path / "herstart"
        target.mkdir()
        for name in ("vault.db", "vault.db-wal", "keyslots.json"):
            shutil.copyfile(filled.data_dir / name, target / name)
    finally:
        session.close()
    frame = wal.FRAME_HEADER_BYTES + PAGE
    salts = {data[32 + i * frame + 8 : 32 + i * frame + 16] for i in range(len(data) // frame)}
    assert len(salts) >= 2, "the log should hold two generations"
    assert not wal.log_is_damaged(data)
    copy = Vault(target, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle())
    assert copy.check(passphrase=vault_passphrase).healthy
    with copy.unlock(vault_passphrase) as unlocked:
        assert signal_count(unlocked) == 720


def test_a_log_with_only_a_header_or_nothing_is_not_damage():
    assert not wal.log_is_damaged(b"")
    assert not wal.log_is_damaged(b"\0" * 20)
    assert not wal.log_is_damaged(b"\0" * 32)
    assert wal.log_is_damaged(b"\0" * (32 + 24 + PAGE))  # frames behind a broken header
