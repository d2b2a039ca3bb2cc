"""kill -9 while the passphrase is being changed: the vault opens with exactly one of them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.store import keyslots
from app.store.errors import WrongPassphrase
from app.store.vault import UnlockThrottle, Vault

FIRST = "fictieve kluis lamp wolk"
SECOND = "nieuwe fictieve zin met regen"

CHANGER = textwrap.dedent(
    """
    import sys
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    vault = Vault(sys.argv[1], kdf=TEST_KDF, throttle=UnlockThrottle())
    current, other = sys.argv[2], sys.argv[3]
    print("klaar", flush=True)
    while True:
        vault.change_passphrase(current, other)
        current, other = other, current
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("run_ms", [5, 20, 45, 80, 130, 200])
def test_kill_during_passphrase_changes_leaves_exactly_one_passphrase(tmp_path, run_ms):
    folder = tmp_path / "kluis"
    Vault(folder, kdf=keyslots.TEST_KDF).create(FIRST)
    child = subprocess.Popen(
        [sys.executable, "-c", CHANGER, str(folder), FIRST, SECOND],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"klaar"
        time.sleep(run_ms / 1000)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    opened = []
    for passphrase in (FIRST, SECOND):
        vault = Vault(folder, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle())
        try:
            vault.unlock(passphrase).close()
        except WrongPassphrase:
            continue
        opened.append(passphrase)
    assert len(opened) == 1, opened
    report = Vault(folder, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle()).check(
        passphrase=opened[0]
    )
    assert report.healthy, report.lines
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # the atomic writer's temp file (cleaned at start: not ours)
