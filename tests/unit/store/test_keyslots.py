"""Key slots: the data key wrapped by the passphrase and by the recovery code."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.store import keyslots
from app.store.errors import (
    KeySlotFileDamaged,
    KeySlotFileMissing,
    MalformedRecoveryCode,
    WrongPassphrase,
    WrongRecoveryCode,
)
from app.store.keyslots import TEST_KDF, KeySlotFile


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _rewrite_slot_file(path, change):
    """Change the JSON and recompute the checksum, as a deliberate tamperer would."""
    body = json.loads(path.read_text())
    body.pop("checksum")
    change(body)
    body["checksum"] = keyslots.hashlib.sha256(keyslots._canonical(body)).hexdigest()
    path.write_text(json.dumps(body))


def test_wrap_and_unwrap_round_trip():
    key = bytes(range(32))
    slot = keyslots.wrap("passphrase", key, b"geheim", TEST_KDF, "vault-a")
    assert keyslots.unwrap(slot, b"geheim", "vault-a") == bytearray(key)
    assert keyslots.unwrap(slot, b"Geheim", "vault-a") is None
    assert keyslots.unwrap(slot, b"geheim", "vault-b") is None


def test_slot_file_survives_serialisation():
    key = bytes(32)
    slot_file = KeySlotFile("v1").with_slot(keyslots.wrap("passphrase", key, b"x", TEST_KDF, "v1"))
    again = KeySlotFile.from_bytes(slot_file.to_bytes())
    assert again == slot_file


def test_passphrase_and_recovery_code_both_open_the_same_vault(make_vault, vault_passphrase):
    vault = make_vault()
    with vault.unlock(vault_passphrase) as session:
        session.connection.execute("INSERT INTO settings VALUES ('proef', 'waarde')")
        session.connection.commit()
    with vault.unlock_with_recovery(vault.recovery_code) as session:
        row = session.connection.execute("SELECT value FROM settings WHERE key = 'proef'")
        assert row.fetchone() == ("waarde",)


def test_wrong_passphrase_is_refused_and_nothing_changes(make_vault):
    vault = make_vault()
    before = _snapshot(vault.data_dir)
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock("een heel andere wachtwoordzin")
    assert "klopt niet" in str(caught.value)
    assert _snapshot(vault.data_dir) == before


def test_wrong_recovery_code_is_refused_and_nothing_changes(make_vault):
    vault = make_vault()
    before = _snapshot(vault.data_dir)
    wrong = keyslots.generate_recovery_code()
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(wrong)
    with pytest.raises(MalformedRecoveryCode) as caught:
        vault.unlock_with_recovery("ABCD-EFGH")
    assert "herstelcode" in str(caught.value).lower()
    assert _snapshot(vault.data_dir) == before


def test_repeated_failures_wait_longer_and_success_resets(make_vault, vault_passphrase):
    vault = make_vault()
    for _ in range(6):
        with pytest.raises(WrongPassphrase):
            vault.unlock("niet de goede wachtwoordzin")
    assert vault.recorded_delays == [1.0, 2.0, 4.0, 8.0]
    assert vault.failed_attempts == 6
    vault.unlock(vault_passphrase).close()
    assert vault.failed_attempts == 0


def test_unlock_delay_is_capped():
    from app.store.vault import unlock_delay

    assert [unlock_delay(n) for n in range(1, 5)] == [0, 0, 1, 2]
    assert unlock_delay(100) == 30


def test_changed_kdf_parameters_no_longer_open_the_slot(make_vault, vault_passphrase):
    vault = make_vault()

    def raise_time_cost(body):
        body["slots"][0]["kdf"]["time_cost"] = 2

    _rewrite_slot_file(vault.keyslot_path, raise_time_cost)
    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_passphrase)


def test_swapped_slot_kinds_are_refused(make_vault, vault_passphrase):
    vault = make_vault()

    def swap(body):
        first, second = body["slots"]
        first["kind"], second["kind"] = second["kind"], first["kind"]

    _rewrite_slot_file(vault.keyslot_path, swap)
    with pytest.raises(WrongPassphrase):
        vault.unlock(vault_passphrase)
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(vault.recovery_code)


def test_weakened_kdf_below_the_minimum_is_damage(make_vault, vault_passphrase):
    vault = make_vault()

    def weaken(body):
        body["slots"][0]["kdf"]["memory_kib"] = 8

    _rewrite_slot_file(vault.keyslot_path, weaken)
    with pytest.raises(KeySlotFileDamaged):
        vault.unlock(vault_passphrase)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-20],
        lambda data: data.replace(b'"kind": "recovery"', b'"kind": "recoverY"'),
        lambda data: b"\x00\xff" + data,
        lambda data: b"",
        lambda data: b"[]",
    ],
)
def test_damaged_slot_file_gets_its_own_message(make_vault, vault_passphrase, damage):
    vault = make_vault()
    vault.keyslot_path.write_bytes(damage(vault.keyslot_path.read_bytes()))
    db_before = vault.db_path.read_bytes()
    with pytest.raises(KeySlotFileDamaged) as caught:
        vault.unlock(vault_passphrase)
    assert "sleutelbestand" in str(caught.value)
    assert vault.db_path.read_bytes() == db_before


def test_missing_slot_file_gets_its_own_message(make_vault, vault_passphrase):
    vault = make_vault()
    vault.keyslot_path.unlink()
    with pytest.raises(KeySlotFileMissing) as caught:
        vault.unlock(vault_passphrase)
    assert "ontbreekt" in str(caught.value)
    assert not vault.keyslot_path.exists()


def test_recovery_code_looks_like_groups_of_four_from_an_unambiguous_alphabet():
    code = keyslots.generate_recovery_code()
    groups = code.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups)
    assert not set(code) & set("ILOU")
    assert keyslots.RECOVERY_LENGTH * 5 >= 128


@settings(max_examples=100, deadline=None)
@given(
    code=st.text(alphabet=keyslots.RECOVERY_ALPHABET, min_size=28, max_size=28),
    separator=st.sampled_from(["", " ", "-", " - ", "\u2013"]),
    lower=st.booleans(),
)
def test_recovery_code_input_is_normalised(code, separator, lower):
    typed = separator.join(code[i : i + 4] for i in range(0, 28, 4))
    if lower:
        typed = typed.lower()
    assert keyslots.normalise_recovery_code(typed) == code


def test_look_alike_letters_read_as_digits():
    code = "0" * 4 + "1" * 24
    assert keyslots.normalise_recovery_code("oooo-" + "iIlL" * 6) == code


def test_passphrase_is_unicode_normalised():
    composed = "caf\u00e9 lamp wolk fiets"
    decomposed = "cafe\u0301 lamp wolk fiets"
    assert keyslots.passphrase_secret(composed) == keyslots.passphrase_secret(decomposed)


def test_calibration_never_goes_below_the_minimum():
    ticks = iter([0.0, 10.0, 20.0, 30.0])  # pretend the machine is very slow
    params = keyslots.calibrate(
        0.5, minimum=keyslots.KdfParams(64, 1, 1), clock=lambda: next(ticks)
    )
    assert params == keyslots.KdfParams(64, 1, 1)


def test_calibration_on_a_fast_machine_adds_cost():
    # minimum: 0.3 s cold, 0.05 s warm; the scaled candidate takes 0.5 s
    ticks = iter([0.0, 0.3, 1.0, 1.05, 2.0, 2.5])
    params = keyslots.calibrate(
        0.5, minimum=keyslots.KdfParams(1024, 1, 1), clock=lambda: next(ticks)
    )
    assert params.memory_kib > 1024 or params.time_cost > 1
    assert params.at_least(keyslots.KdfParams(1024, 1, 1))
    assert next(ticks, None) is None, "measured the minimum twice and the result once"


def test_calibration_judges_the_machine_by_its_warm_run(monkeypatch):
    """A cold first run (fresh memory) must not make a fast machine look slow."""
    monkeypatch.setattr(keyslots, "derive_key", lambda *args: b"")  # the clock is scripted
    minimum = keyslots.KdfParams(64 * 1024, 3, 4)
    ticks = iter([0.0, 0.6, 1.0, 1.1, 2.0, 2.5])  # 0.6 s cold, 0.1 s warm, candidate 0.5 s
    params = keyslots.calibrate(0.5, minimum=minimum, clock=lambda: next(ticks))
    assert params != minimum and params.memory_kib > minimum.memory_kib


def test_calibration_adds_passes_when_the_candidate_is_still_too_fast(monkeypatch):
    monkeypatch.setattr(keyslots, "derive_key", lambda *args: b"")  # the clock is scripted
    minimum = keyslots.KdfParams(64 * 1024, 3, 4)
    # warm 0.1 s -> 4x memory (256 MiB cap) + more passes; that candidate measures 0.25 s
    ticks = iter([0.0, 0.1, 1.0, 1.1, 2.0, 2.25])
    params = keyslots.calibrate(0.5, minimum=minimum, clock=lambda: next(ticks))
    assert params.memory_kib == 256 * 1024
    assert params.time_cost >= 5, "about twice the passes of the 0.25 s candidate"
