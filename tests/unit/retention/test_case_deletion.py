"""Deleting a case leaves nothing behind: every table, the log file, after a crash too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from app.clock import FixedClock
from app.store import audit, db
from app.store.intakes import IntakeRepository
from app.store.retention import RetentionStore, delete_case
from tests.conftest import TEST_PASSPHRASE
from tests.unit.retention.helpers import CLOSED_ON, full_case, marker_anywhere, rows_for

REPO = Path(__file__).resolve().parents[3]


def _wal_size(session) -> int:
    path = Path(f"{session.db_path}-wal")
    return path.stat().st_size if path.exists() else 0


def test_every_connection_overwrites_deleted_data(vault_session):
    assert db.REQUIRED_SETTINGS["secure_delete"] == 1
    row = vault_session.connection.execute("PRAGMA secure_delete").fetchone()
    assert row[0] == 1
    worker = vault_session.connect()
    assert worker.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_a_connection_without_secure_delete_is_refused(vault_session, monkeypatch):
    import pytest

    from app.store.errors import UnsafeConnection

    real_read = db.read_settings
    monkeypatch.setattr(db, "read_settings", lambda c: {**real_read(c), "secure_delete": 0})
    with pytest.raises(UnsafeConnection):
        db.verify_settings(vault_session.connection)


def test_deleting_a_case_removes_all_of_it_and_truncates_the_log(vault_session):
    clock = FixedClock(today=CLOSED_ON)
    connection = vault_session.connection
    kept = full_case(connection, clock)
    gone = full_case(connection, clock)
    RetentionStore(connection, clock=clock).extend(gone, 2, "Fictieve reden", today=CLOSED_ON)
    assert _wal_size(vault_session) > 0  # the writes above are in the log

    assert delete_case(connection, gone, clock=clock)

    assert set(rows_for(connection, gone).values()) == {0}
    assert rows_for(connection, kept)["intake"] == 1
    assert rows_for(connection, kept)["consent_record"] == 1
    assert _wal_size(vault_session) == 0
    # the resume point pointed at the deleted case: gone; the other case's drafts stay
    assert connection.execute("SELECT count(*) FROM draft WHERE kind = 'resume'").fetchone()[0] == 0
    assert (
        connection.execute("SELECT count(*) FROM draft WHERE intake_id = ?", (kept,)).fetchone()[0]
        == 1
    )
    # the log keeps only that a deletion happened and when
    [event] = audit.list_events(connection, event="case.deleted")
    assert (event.detail, event.at.date()) == ("", CLOSED_ON)
    assert not delete_case(connection, gone, clock=clock)  # a second time: nothing to delete


def test_after_delete_and_lock_no_row_remains_and_no_log_is_left(make_vault):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    clock = FixedClock(today=CLOSED_ON)
    case = full_case(session.connection, clock)
    IntakeRepository(session.connection, clock=clock).delete(case)
    session.close()
    wal = Path(f"{vault.db_path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert b"GEHEIMMARKER" not in vault.db_path.read_bytes()  # encrypted anyway
    again = vault.unlock(TEST_PASSPHRASE)
    try:
        assert set(rows_for(again.connection, case).values()) == {0}
        assert not marker_anywhere(again.connection)
    finally:
        again.close()


def test_lock_truncates_the_log_even_with_a_worker_connection_open(vault_session):
    clock = FixedClock(today=CLOSED_ON)
    worker = vault_session.connect()
    worker.execute("SELECT count(*) FROM intake").fetchone()
    full_case(vault_session.connection, clock)
    wal = Path(f"{vault_session.db_path}-wal")
    vault_session.close()
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_closed_case_past_its_term_is_deleted_at_unlock(make_vault):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    clock = FixedClock(today=CLOSED_ON)
    old = full_case(session.connection, clock)
    open_case = full_case(session.connection, clock, close=False)
    clock.set(today=date(2026, 6, 1))
    young = full_case(session.connection, clock)
    session.close()

    vault.clock = FixedClock(today=date(2027, 1, 30))  # one day before the deletion date
    session = vault.unlock(TEST_PASSPHRASE)
    assert session.retention_deleted == 0
    assert rows_for(session.connection, old)["intake"] == 1
    session.close()

    vault.clock = FixedClock(today=date(2027, 1, 31))
    session = vault.unlock(TEST_PASSPHRASE)
    try:
        assert session.retention_deleted == 1
        assert set(rows_for(session.connection, old).values()) == {0}
        assert rows_for(session.connection, open_case)["intake"] == 1
        assert rows_for(session.connection, young)["intake"] == 1
        [event] = audit.list_events(session.connection, event="retention.deleted")
        assert event.detail == "1"
        assert _wal_size(session) == 0
    finally:
        session.close()


def test_a_damaged_vault_is_refused_before_anything_is_deleted(make_vault):
    import pytest

    from app.store.errors import VaultError

    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    full_case(session.connection, FixedClock(today=CLOSED_ON))
    session.close()
    data = bytearray(vault.db_path.read_bytes())
    data[-100] ^= 0xFF  # one byte in the last page
    vault.db_path.write_bytes(bytes(data))
    before = vault.db_path.read_bytes()
    vault.clock = FixedClock(today=date(2030, 1, 1))
    with pytest.raises(VaultError):
        vault.unlock(TEST_PASSPHRASE)
    assert vault.db_path.read_bytes() == before


_CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from app.clock import FixedClock
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault
    from app.store.retention import delete_case

    vault = Vault(sys.argv[1], kdf=TEST_KDF, throttle=UnlockThrottle())
    session = vault.unlock(sys.argv[2])
    delete_case(session.connection, int(sys.argv[3]), clock=FixedClock(today=date(2026, 2, 1)))
    print("deleted", flush=True)
    time.sleep(60)
    """
)


def test_a_deletion_holds_when_the_process_is_killed_right_after(make_vault):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    clock = FixedClock(today=CLOSED_ON)
    gone = full_case(session.connection, clock)
    kept = full_case(session.connection, clock)
    session.close()

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(vault.data_dir), TEST_PASSPHRASE, str(gone)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"deleted"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    session = vault.unlock(TEST_PASSPHRASE)
    try:
        assert set(rows_for(session.connection, gone).values()) == {0}
        assert rows_for(session.connection, kept)["intake"] == 1
        assert not any(
            "Hulp" in str(row[0])
            for row in session.connection.execute("SELECT data FROM intake WHERE id = ?", (gone,))
        )
    finally:
        session.close()
