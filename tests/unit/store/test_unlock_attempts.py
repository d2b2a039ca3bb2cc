"""Failed unlock attempts are counted beside the vault: a restart does not reset the delay."""

from __future__ import annotations

import json

import pytest

from app.store import keyslots
from app.store.errors import WrongPassphrase, WrongRecoveryCode
from app.store.layout import ATTEMPTS_NAME
from app.store.vault import UnlockThrottle, Vault

WRONG = "niet de goede wachtwoordzin"


def _start(folder, slept):
    """The app as it starts: a fresh throttle on the vault's own attempts file."""
    return Vault(
        folder,
        kdf=keyslots.TEST_KDF,
        sleep=slept.append,
        throttle=UnlockThrottle(path=folder / ATTEMPTS_NAME),
    )


def test_a_restart_does_not_reset_the_delay(make_vault, vault_passphrase):
    folder = make_vault().data_dir
    slept: list[float] = []
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            _start(folder, slept).unlock(WRONG)  # a new process each time
    assert slept == [1.0]
    restarted = _start(folder, slept)
    assert restarted.failed_attempts == 3
    with pytest.raises(WrongRecoveryCode) as caught:
        restarted.unlock_with_recovery(keyslots.generate_recovery_code())
    assert caught.value.failed_attempts == 4
    assert slept == [1.0, 2.0]
    body = json.loads((folder / ATTEMPTS_NAME).read_text())
    assert body == {"format": "vindplaats-unlock-attempts", "failures": 4}
    _start(folder, slept).unlock(vault_passphrase).close()
    assert not (folder / ATTEMPTS_NAME).exists()
    with pytest.raises(WrongPassphrase):
        _start(folder, slept).unlock(WRONG)
    assert slept == [1.0, 2.0]  # counting starts again after a success


def test_the_default_vault_counts_in_the_data_folder(make_vault, vault_passphrase):
    folder = make_vault().data_dir
    slept: list[float] = []
    vault = Vault(folder, kdf=keyslots.TEST_KDF, sleep=slept.append)
    with pytest.raises(WrongPassphrase):
        vault.unlock(WRONG)
    assert json.loads((folder / ATTEMPTS_NAME).read_text())["failures"] == 1
    vault.unlock(vault_passphrase).close()
    assert not (folder / ATTEMPTS_NAME).exists()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": "x", "failures": 9}',
        b'{"format": "vindplaats-unlock-attempts", "failures": -3}',
        b"\xff" * 10_000,
    ],
)
def test_a_damaged_attempts_file_counts_as_none(tmp_path, content):
    (tmp_path / ATTEMPTS_NAME).write_bytes(content)
    throttle = UnlockThrottle(path=tmp_path / ATTEMPTS_NAME)
    assert throttle.failures == 0
    assert throttle.failed(lambda seconds: None) == 1


def test_removing_the_file_mid_session_does_not_reset_the_count(tmp_path):
    throttle = UnlockThrottle(path=tmp_path / ATTEMPTS_NAME)
    slept: list[float] = []
    for _ in range(3):
        throttle.failed(slept.append)
    (tmp_path / ATTEMPTS_NAME).unlink()
    throttle.failed(slept.append)
    assert slept == [1.0, 2.0]


def test_a_read_only_folder_still_counts_in_the_process(tmp_path):
    throttle = UnlockThrottle(path=tmp_path / "niet-er" / ATTEMPTS_NAME)
    slept: list[float] = []
    for _ in range(4):
        throttle.failed(slept.append)
    assert slept == [1.0, 2.0]
    assert not (tmp_path / "niet-er").exists()
