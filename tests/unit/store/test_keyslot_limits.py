"""keyslots.json is read with limits: any bytes at all give the vault or a VaultError.

A slot with absurd Argon2 parameters is refused before any derivation, says the key-slot
file is damaged (not "wachtwoordzin klopt niet") and does not count as a failed attempt.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store import keyslots
from app.store.errors import KeySlotFileDamaged, VaultError, WrongSecret
from app.store.keyslots import KeySlotFile


def resealed(body: dict) -> bytes:
    """The JSON with a correct checksum, as a deliberate editor would leave it."""
    body = dict(body)
    body.pop("checksum", None)
    body["checksum"] = keyslots.hashlib.sha256(keyslots._canonical(body)).hexdigest()
    return json.dumps(body).encode()


@pytest.fixture
def vault(make_vault):
    return make_vault()


@pytest.fixture
def no_derivation(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("derive_key must not run for this slot")

    monkeypatch.setattr(keyslots, "derive_key", refuse)
    return calls


def edit_slot(vault, field, value, slot=0):
    body = json.loads(vault.keyslot_path.read_text())
    target = body["slots"][slot]
    if field in ("memory_kib", "time_cost", "parallelism", "algorithm"):
        target["kdf"][field] = value
    else:
        target[field] = value
    vault.keyslot_path.write_bytes(resealed(body))


ABSURD = [
    ("memory_kib", 4 * 1024 * 1024),  # 4 GiB: the reported case
    ("memory_kib", keyslots.MAX_MEMORY_KIB + 1024),
    ("time_cost", 64),
    ("time_cost", keyslots.MAX_TIME_COST + 1),
    ("parallelism", 64),
    ("parallelism", keyslots.MAX_PARALLELISM + 1),
    ("memory_kib", -64),
    ("time_cost", 0),
    ("parallelism", 0),
    ("time_cost", True),
    ("memory_kib", 64.0),
    ("memory_kib", "64"),
    ("memory_kib", None),
    ("algorithm", "argon2i"),
    ("salt", "AAAA"),  # 3 bytes
    ("salt", "A" * 24 + "AAAA"),  # 19 bytes
    ("salt", "%%%%%%%%%%%%%%%%%%%%%%=="),  # not base64
    ("salt", 12345),
    ("nonce", "AAAAAAAAAAAA"),  # 9 bytes, not 12
    ("wrapped_key", "AAAA"),
    ("wrapped_key", ["AAAA"]),
    ("created_at", {"jaar": 2026}),
    ("created_at", "x" * 10_000),
]


@pytest.mark.parametrize(("field", "value"), ABSURD, ids=[f"{f}={v!r}"[:40] for f, v in ABSURD])
def test_out_of_range_slot_fields_are_damage_before_any_derivation(
    vault, vault_passphrase, no_derivation, field, value
):
    edit_slot(vault, field, value)
    before = vault.db_path.read_bytes()
    with pytest.raises(KeySlotFileDamaged) as caught:
        vault.unlock(vault_passphrase)
    assert "sleutelbestand" in str(caught.value)
    assert no_derivation == []
    assert vault.failed_attempts == 0
    assert vault.db_path.read_bytes() == before


def test_a_huge_number_is_damage_not_a_python_error(vault, vault_passphrase, no_derivation):
    text = vault.keyslot_path.read_text()
    vault.keyslot_path.write_text(text.replace('"time_cost": 1', '"time_cost": ' + "9" * 5000))
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)
    assert vault.failed_attempts == 0


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b'{"vault_id": "\\udcff", "slots": []}',
        b'{"checksum": "' + b"0" * 64 + b'", "x": ' + b"7" * 5000 + b"}",
        b'{"x": NaN}',
        b'{"x": 1e999}',
        '{"vault_id": "\udcff"}'.encode("utf-8", "surrogatepass"),
        b"\xef\xbb\xbf{}",
        b" " * (keyslots.MAX_FILE_BYTES + 1),
        b"{}" + b" " * 10_000_000,
    ],
    ids=[
        "nested-lists",
        "nested-objects",
        "escaped-lone-surrogate",
        "5000-digits",
        "nan",
        "huge-float",
        "raw-surrogate",
        "bom",
        "just-over-64k",
        "10-mb",
    ],
)
def test_hostile_files_are_damage(vault, vault_passphrase, no_derivation, content):
    vault.keyslot_path.write_bytes(content)
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)
    assert vault.failed_attempts == 0


def test_a_lone_surrogate_with_a_valid_checksum_is_damage(vault, vault_passphrase, no_derivation):
    body = json.loads(vault.keyslot_path.read_text())
    body["vault_id"] = "kluis\udcff"
    vault.keyslot_path.write_bytes(resealed(body))
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)


def test_format_version_true_is_not_version_1(vault, vault_passphrase, no_derivation):
    body = json.loads(vault.keyslot_path.read_text())
    body["format_version"] = True
    vault.keyslot_path.write_bytes(resealed(body))
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)


def test_the_bounds_admit_what_the_app_itself_makes():
    for params in (
        keyslots.PRODUCTION_MINIMUM,
        keyslots.TEST_KDF,
        keyslots.KdfParams(256 * 1024, 12, 4),  # the calibration's ceiling
    ):
        assert params.plausible(), params


def test_a_key_slot_file_that_is_a_folder_is_damage(vault, vault_passphrase):
    vault.keyslot_path.unlink()
    vault.keyslot_path.mkdir()
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)


# --- fuzz: only VaultError subclasses come out ---------------------------------------------

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["passphrase", "recovery", "argon2id", "AAAAAAAAAAAAAAAAAAAAAA=="]),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for name, child in value.items():
            yield from _paths(child, (*prefix, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@pytest.fixture(scope="module")
def real_slot_bytes(tmp_path_factory):
    from app.store.vault import UnlockThrottle, Vault

    made = Vault(tmp_path_factory.mktemp("fuzz") / "v", kdf=keyslots.TEST_KDF)
    made._throttle = UnlockThrottle()
    made.create("fictieve kluis lamp wolk")
    return made.keyslot_path.read_bytes()


def _outcome(data: bytes):
    try:
        return KeySlotFile.from_bytes(data)
    except VaultError as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_slot_files_give_only_vault_errors(real_slot_bytes, data):
    kind = data.draw(st.sampled_from(["bytes", "resealed", "random"]))
    if kind == "random":
        content = data.draw(st.binary(max_size=3000))
    elif kind == "bytes":
        content = bytearray(real_slot_bytes)
        for _ in range(data.draw(st.integers(1, 8))):
            position = data.draw(st.integers(0, len(content) - 1))
            action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
            if action == "flip":
                content[position] ^= data.draw(st.integers(1, 255))
            elif action == "cut":
                del content[position:]
                if not content:
                    break
            else:
                content[position:position] = data.draw(st.binary(min_size=1, max_size=20))
        content = bytes(content)
    else:  # a structural edit with a correct checksum: reaches every field check
        body = json.loads(real_slot_bytes)
        body.pop("checksum")
        for _ in range(data.draw(st.integers(1, 3))):
            paths = list(_paths(body))
            path = data.draw(st.sampled_from(paths[1:]))
            body = _replace(body, path, data.draw(JSON_VALUES))
        try:
            content = resealed(body)
        except (ValueError, UnicodeError):  # the fuzzer's own value cannot be serialised
            return
    outcome = _outcome(content)
    assert isinstance(outcome, KeySlotFile | VaultError)
    if isinstance(outcome, KeySlotFile):
        for slot in outcome.slots.values():
            assert slot.kdf.plausible()
            assert len(slot.salt) == keyslots.SALT_BYTES


@pytest.fixture(scope="module")
def fuzz_vault(tmp_path_factory):
    from app.store.vault import UnlockThrottle, Vault

    made = Vault(tmp_path_factory.mktemp("fuzz-unlock") / "v", kdf=keyslots.TEST_KDF)
    made.create("fictieve kluis lamp wolk")
    return made.data_dir, made.keyslot_path.read_bytes(), UnlockThrottle


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 1500), st.integers(1, 255)), min_size=1))
def test_unlock_with_a_mutated_slot_file_gives_only_vault_errors(fuzz_vault, flips):
    from app.store.vault import Vault

    folder, original, throttle = fuzz_vault
    content = bytearray(original)
    for position, mask in flips:
        content[position % len(content)] ^= mask
    (folder / "keyslots.json").write_bytes(bytes(content))
    vault = Vault(folder, kdf=keyslots.TEST_KDF, throttle=throttle(), sleep=lambda s: None)
    try:
        vault.unlock("fictieve kluis lamp wolk").close()
    except WrongSecret:
        pass  # only when the checksum still matches: the AEAD decides
    except VaultError as error:
        assert str(error)
    finally:
        (folder / "keyslots.json").write_bytes(original)
