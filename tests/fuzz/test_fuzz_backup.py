"""Backup files (.vpbackup) as restore reads them: BackupRefused only (one line)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from app.store import backup
from app.store.backup import Manifest, Member, build_container
from app.store.layout import DB_NAME, KEYSLOT_NAME
from tests.fuzz.checks import check_backup
from tests.fuzz.strategies import fuzz_settings, mutated
from tests.fuzz.test_fuzz_keyslots import VALID as KEYSLOTS

DATABASE = bytes(range(256)) * 4  # two pages of "encrypted" bytes: never decrypted here
MEMBERS = {KEYSLOT_NAME: KEYSLOTS, DB_NAME: DATABASE}
MANIFEST = Manifest(
    created_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC),
    vault_id="0123456789abcdef0123456789abcdef",
    schema_version=6,
    tables={"signal": 12, "intake": 0},
    members=tuple(
        Member(name, len(MEMBERS[name]), hashlib.sha256(MEMBERS[name]).hexdigest())
        for name in backup.MEMBERS
    ),
    app_version="0.9.0",
)
VALID = build_container(MANIFEST, MEMBERS)


def container(manifest: object, members: dict[str, bytes] = MEMBERS) -> bytes | None:
    """A container around any manifest JSON, with a correct overall SHA-256 and header."""
    try:
        body = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode("ascii")
    except (TypeError, ValueError, UnicodeEncodeError):
        return None
    data = backup.MAGIC + backup._HEADER.pack(backup.FORMAT_VERSION, len(body)) + body
    data += members[KEYSLOT_NAME] + members[DB_NAME]
    return data + hashlib.sha256(data).digest()


def resealed(data: bytes) -> bytes:
    """Bytes with the overall checksum made right again (a careful forger)."""
    body = data[: -backup.DIGEST_BYTES] if len(data) > backup.DIGEST_BYTES else data
    return body + hashlib.sha256(body).digest()


def test_the_valid_backup_passes():
    check_backup(VALID)
    assert backup.parse_container(VALID).manifest == MANIFEST


@fuzz_settings
@given(mutated(MANIFEST.to_json(), max_changes=3))
def test_mutated_manifest(manifest):
    data = container(manifest)
    if data is not None:
        check_backup(data)


@fuzz_settings
@given(
    st.integers(0, len(VALID) - 1),
    st.binary(min_size=0, max_size=40),
    st.integers(0, 40),
    st.booleans(),
)
def test_changed_bytes(start, insert, removed, reseal):
    data = VALID[:start] + insert + VALID[start + removed :]
    check_backup(resealed(data) if reseal else data)


@fuzz_settings
@given(st.binary(max_size=400))
def test_raw_bytes(data):
    check_backup(data)
    check_backup(backup.MAGIC + data)
