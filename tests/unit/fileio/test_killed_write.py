"""A process killed (SIGKILL) inside the atomic-write window: the next start cleans up.

Before, a hidden ``.brief.pdf.*.tmp`` with the whole letter in plaintext stayed behind for
good. Now the output folder is remembered (before the temp file exists) and swept at start.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.fileio import TEMP_SUFFIX
from app.preferences import MAX_OUTPUT_FOLDERS, PreferencesStore
from tests.unit.referral.factories import intake_data, make_consent, minimum_fields

ROOT = Path(__file__).resolve().parents[3]

# The real CLI, paused right after the letter's temp file is written and fsynced.
PAUSE_IN_THE_WINDOW = """
import os, sys, time
real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    name = os.readlink(f"/proc/self/fd/{fd}")
    if name.endswith(".vindplaats-tmp") and "/uit/" in name:
        print("IN-WINDOW", flush=True)
        time.sleep(120)
os.fsync = fsync
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env(home: Path) -> dict[str, str]:
    return dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"))


def _letter_args(tmp_path: Path) -> list[str]:
    from app.core.consent import consent_to_json

    intake = tmp_path / "intake.json"
    consent = tmp_path / "toestemming.json"
    intake.write_text(json.dumps(intake_data()), "utf-8")
    consent.write_text(json.dumps(consent_to_json(make_consent(minimum_fields("shv")))), "utf-8")
    return [str(intake), "--consent", str(consent), "--today", "2026-11-27"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the fd")
def test_sigkill_inside_the_write_window_is_cleaned_up_at_the_next_start(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    out = tmp_path / "uit"
    out.mkdir()
    letter = out / "brief.pdf"
    letter.write_bytes(b"%PDF- de vorige brief, volledig")
    previous = letter.read_bytes()
    args = ["--data-dir", str(data_dir), "referral", "render", *_letter_args(tmp_path)]

    process = subprocess.Popen(
        [sys.executable, "-c", PAUSE_IN_THE_WINDOW, *args, "--out", str(letter)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path / "home"),
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "IN-WINDOW", process.stderr.read()
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    leftovers = list(out.glob(f".brief.pdf.*{TEMP_SUFFIX}"))
    assert len(leftovers) == 1
    assert leftovers[0].read_bytes().startswith(b"%PDF")  # the whole new letter was in it
    assert stat.S_IMODE(leftovers[0].stat().st_mode) == 0o600
    assert letter.read_bytes() == previous
    assert PreferencesStore(data_dir).load().recent_output_folders == [str(out)]

    # A minute later the next start (any command) finds it. A younger one may belong to a
    # write that is still busy in another window, so the sweep leaves those alone.
    earlier = time.time() - 120
    os.utime(leftovers[0], (earlier, earlier))
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "vault", "check"],
        capture_output=True,
        text=True,
        env=_env(tmp_path / "home"),
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == [letter]
    assert letter.read_bytes() == previous


def test_output_folders_are_remembered_newest_first_and_capped(tmp_path):
    from app.fileio import UserFiles

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    store = PreferencesStore(data_dir)
    files = UserFiles(data_dir, remember_folder=store.remember_output_folder)
    folders = [tmp_path / f"map{n}" for n in range(MAX_OUTPUT_FOLDERS + 5)]
    for folder in folders:
        folder.mkdir()
        files.write(folder / "Test Persoon.pdf", b"x")
    files.write(folders[3] / "nog een.pdf", b"x")
    saved = json.loads((data_dir / "voorkeuren.json").read_text("utf-8"))
    remembered = saved["recent_output_folders"]
    assert len(remembered) == MAX_OUTPUT_FOLDERS
    assert remembered[0] == str(folders[3])
    assert remembered[1] == str(folders[-1])
    assert str(folders[0]) not in remembered
    assert not any("Persoon" in entry or ".pdf" in entry for entry in remembered)  # no names


def test_no_data_folder_is_created_just_to_remember(tmp_path):
    from app.fileio import UserFiles

    data_dir = tmp_path / "nooit-gebruikt"
    store = PreferencesStore(data_dir)
    UserFiles(data_dir, remember_folder=store.remember_output_folder).write(
        tmp_path / "stad.pdf", b"x"
    )
    assert not data_dir.exists()


def test_a_hostile_list_in_the_preferences_is_trimmed(tmp_path):
    (tmp_path / "voorkeuren.json").write_text(
        json.dumps({"recent_output_folders": [1, None, "x" * 5000, "/ok", "/ok", *["/a"] * 50]}),
        "utf-8",
    )
    assert PreferencesStore(tmp_path).load().recent_output_folders == ["/ok", "/a"]
