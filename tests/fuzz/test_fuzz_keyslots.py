"""The key slot file (keyslots.json): KeySlotFileDamaged only, for any bytes at all."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from app.store.keyslots import (
    KIND_PASSPHRASE,
    KIND_RECOVERY,
    TEST_KDF,
    KeySlotFile,
    _canonical,
    generate_recovery_code,
    passphrase_secret,
    recovery_secret,
    wrap,
)
from tests.fuzz.checks import check_keyslots
from tests.fuzz.strategies import fuzz_settings, mutated, mutated_text

KEY = bytes(range(32))
VAULT_ID = "0123456789abcdef0123456789abcdef"
SLOTS = KeySlotFile(VAULT_ID).with_slot(
    wrap(KIND_PASSPHRASE, KEY, passphrase_secret("fictieve zin"), TEST_KDF, VAULT_ID)
)
SLOTS = SLOTS.with_slot(
    wrap(KIND_RECOVERY, KEY, recovery_secret(generate_recovery_code()), TEST_KDF, VAULT_ID)
)
VALID = SLOTS.to_bytes()
BODY = json.loads(VALID)


def with_checksum(body):
    """A changed file whose checksum matches, so the checks behind the checksum run too."""
    if isinstance(body, dict):
        body.pop("checksum", None)
        try:
            body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
        except (TypeError, ValueError):
            pass
    return body


def test_the_valid_file_passes():
    check_keyslots(VALID)
    assert KeySlotFile.from_bytes(VALID) == SLOTS


@fuzz_settings
@given(mutated(BODY, max_changes=3).map(with_checksum))
def test_mutated_keyslots(body):
    try:
        data = json.dumps(body, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return
    check_keyslots(data)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(VALID.decode("ascii"))))
def test_raw_and_mutated_text(data):
    check_keyslots(data)
