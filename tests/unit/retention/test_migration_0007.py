"""0007 on a vault made before it: cases closed earlier get a closing day and a term."""

from __future__ import annotations

import shutil
from datetime import date

from app.clock import FixedClock
from app.store import db
from app.store.keyslots import TEST_KDF
from app.store.retention import RetentionStore
from app.store.vault import UnlockThrottle, Vault
from tests.conftest import TEST_PASSPHRASE


def test_cases_closed_before_0007_count_from_their_last_change(tmp_path):
    old_schema = tmp_path / "schema"
    old_schema.mkdir()
    for migration in db.available_migrations():
        if migration.version < 7:
            shutil.copy(migration.path, old_schema / migration.path.name)
    clock = FixedClock(today=date(2026, 2, 10))
    before = Vault(
        tmp_path / "kluis", TEST_KDF, throttle=UnlockThrottle(), schema_dir=old_schema, clock=clock
    )
    before.create(TEST_PASSPHRASE)
    session = before.unlock(TEST_PASSPHRASE)
    stamp = clock.now().isoformat(timespec="seconds")
    with session.connection:
        session.connection.execute(
            "INSERT INTO intake (case_code, status, data, conversation_date, created_at, "
            "updated_at) VALUES ('GC-2026-ABCD', 'afgesloten', '{}', '2026-02-01', ?, ?)",
            (stamp, stamp),
        )
        session.connection.execute(
            "INSERT INTO intake (case_code, status, data, conversation_date, created_at, "
            "updated_at) VALUES ('GC-2026-EFGH', 'open', '{}', '2026-02-01', ?, ?)",
            (stamp, stamp),
        )
    session.close()

    after = Vault(tmp_path / "kluis", TEST_KDF, throttle=UnlockThrottle(), clock=clock)
    session = after.unlock(TEST_PASSPHRASE)
    try:
        assert db.schema_version(session.connection) >= 7
        [case] = RetentionStore(session.connection, clock=clock).schedule()
        assert (case.case_code, case.closed_on, case.deletion) == (
            "GC-2026-ABCD",
            date(2026, 2, 10),
            date(2027, 2, 10),
        )
    finally:
        session.close()
