"""Training mode: a short, shown passphrase, and no fictional vault left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.ui.demo import DEMO_PASSPHRASE, DEMO_PREFIX, remove_stale_demo_folders

ROOT = Path(__file__).resolve().parents[3]


def test_the_demo_passphrase_is_short_enough_to_type_in_front_of_a_group() -> None:
    assert len(DEMO_PASSPHRASE) <= 16 and DEMO_PASSPHRASE.replace(" ", "").isalpha()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_folders_of_ended_training_sessions_are_removed(tmp_path) -> None:
    left = tmp_path / f"{DEMO_PREFIX}achtergebleven"
    (left / "kluis").mkdir(parents=True)
    (left / "eigenaar.pid").write_text(str(_dead_pid()))
    running = tmp_path / f"{DEMO_PREFIX}loopt-nog"
    (running / "kluis").mkdir(parents=True)
    (running / "eigenaar.pid").write_text(str(os.getppid()))  # alive: the test runner's parent
    other = tmp_path / "iets-anders"
    other.mkdir()
    assert remove_stale_demo_folders(tmp_path) == [left]
    assert not left.exists() and running.exists() and other.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_removes_the_demo_folder(tmp_path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    env["XDG_DATA_HOME"] = str(tmp_path / "gegevens")
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            folders = list(tmp_path.glob(DEMO_PREFIX + "*"))
            if folders and (folders[0] / "eigenaar.pid").exists():
                break
            assert process.poll() is None, "the demo stopped by itself"
            time.sleep(0.2)
        else:
            pytest.fail("no demo folder appeared")
        time.sleep(3)  # seeded and shown
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not list(tmp_path.glob(DEMO_PREFIX + "*")), "the demo folder is removed"
