"""The real ``vindplaats vault`` commands, run as a user or a script would run them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PASSPHRASE = "fictieve kluis lamp wolk"
NEW_PASSPHRASE = "nieuwe fictieve zin met regen"
CODE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$", re.MULTILINE)


def run(*args: str, input: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if home is not None:  # keep the default data folder away from the real one
        env["HOME"] = str(home)
        env["XDG_DATA_HOME"] = str(home / "data")
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
    )


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One vault made by ``vault init`` (production KDF, so made once per module)."""
    folder = tmp_path_factory.mktemp("cli") / "kluis"
    result = run("vault", "init", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    match = CODE.search(result.stdout)
    assert match, result.stdout
    return folder, match.group(0), result


@pytest.fixture
def copy_of(made, tmp_path):
    folder, code, _ = made
    target = tmp_path / "kopie"
    shutil.copytree(folder, target)
    return target, code


def test_init_prints_the_recovery_code_and_makes_the_vault(made):
    folder, code, result = made
    assert "De kluis is aangemaakt" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "vault.db"]
    assert PASSPHRASE not in result.stdout + result.stderr


def test_check_with_the_passphrase_is_healthy(made):
    folder, _, _ = made
    result = run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "De kluis is in orde." in result.stdout


def test_check_with_the_recovery_code_typed_loosely(made):
    folder, code, _ = made
    typed = code.lower().replace("-", " ")
    result = run("vault", "check", "--recovery", "--data-dir", str(folder), input=typed + "\n")
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout


def test_data_dir_before_the_subcommand_works_too(made):
    folder, _, _ = made
    result = run("--data-dir", str(folder), "vault", "check", input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr


def test_wrong_passphrase_is_one_dutch_line_and_changes_nothing(made):
    folder, _, _ = made
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("vault", "check", "--data-dir", str(folder), input="niet de goede zin\n")
    assert "wachtwoordzin klopt niet" in assert_one_line_error(result)
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after.pop("unlock_attempts.json", None) is not None  # the failure is counted
    assert after == before
    assert run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n").returncode == 0


def test_failed_attempts_of_earlier_runs_make_the_cli_wait(made):
    """The count is kept beside the vault: a new process goes on where the last one stopped."""
    import json
    import time

    folder, _, _ = made
    attempts = folder / "unlock_attempts.json"
    attempts.write_text(json.dumps({"format": "vindplaats-unlock-attempts", "failures": 2}))
    started = time.monotonic()
    result = run("vault", "check", "--data-dir", str(folder), input="niet de goede zin\n")
    assert time.monotonic() - started >= 1.0  # the third failure in a row waits a second
    assert "wachtwoordzin klopt niet" in assert_one_line_error(result)
    assert json.loads(attempts.read_text())["failures"] == 3
    assert run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n").returncode == 0
    assert not attempts.exists()


def test_check_of_a_missing_folder(tmp_path):
    result = run("vault", "check", "--data-dir", str(tmp_path / "nergens"), input="x\n")
    assert "geen kluis" in assert_one_line_error(result)
    assert not (tmp_path / "nergens").exists()


def test_check_without_input_explains_itself(made):
    folder, _, _ = made
    result = run("vault", "check", "--data-dir", str(folder), input="")
    assert "standaardinvoer" in assert_one_line_error(result)


def test_init_refuses_an_existing_vault(made):
    folder, _, _ = made
    before = (folder / "keyslots.json").read_bytes()
    result = run("vault", "init", "--data-dir", str(folder), input=NEW_PASSPHRASE + "\n")
    assert "al een kluis" in assert_one_line_error(result)
    assert (folder / "keyslots.json").read_bytes() == before


def test_init_refuses_a_weak_passphrase(tmp_path):
    result = run("vault", "init", "--data-dir", str(tmp_path / "v"), input="welkom123\n")
    assert "tekens" in assert_one_line_error(result)
    assert not (tmp_path / "v").exists()


def test_passwd_changes_the_passphrase(copy_of):
    folder, code = copy_of
    result = run(
        "vault", "passwd", "--data-dir", str(folder), input=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n"
    )
    assert result.returncode == 0, result.stderr
    assert "gewijzigd" in result.stdout
    old = run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert_one_line_error(old)
    new = run("vault", "check", "--data-dir", str(folder), input=NEW_PASSPHRASE + "\n")
    assert new.returncode == 0, new.stderr


def test_passwd_with_a_wrong_old_passphrase(copy_of):
    folder, _ = copy_of
    before = (folder / "keyslots.json").read_bytes()
    result = run(
        "vault",
        "passwd",
        "--data-dir",
        str(folder),
        input=f"verkeerde oude zin\n{NEW_PASSPHRASE}\n",
    )
    assert "klopt niet" in assert_one_line_error(result)
    assert (folder / "keyslots.json").read_bytes() == before


def test_check_of_a_damaged_key_slot_file(copy_of):
    folder, _ = copy_of
    (folder / "keyslots.json").write_text("{kapot")
    result = run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert "sleutelbestand" in assert_one_line_error(result)


def test_check_reports_a_tampered_page_with_exit_1(copy_of):
    folder, _ = copy_of
    db = folder / "vault.db"
    data = bytearray(db.read_bytes())
    assert len(data) >= 3 * 4096
    # Page 3: the audit log's table (migration 0001), a data page. The last page is not
    # always one: a migration that grows the schema may put part of sqlite_master there,
    # and damage to the schema stops the vault from opening at all (exit 2, elsewhere).
    data[2 * 4096 + 50] ^= 0xFF
    db.write_bytes(bytes(data))
    result = run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert result.returncode == 1, result.stderr + result.stdout
    assert "NIET in orde" in result.stdout


@pytest.mark.parametrize(
    "command", [[], ["vault"], ["vault", "init"], ["vault", "check"], ["vault", "passwd"]]
)
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "--help" in result.stdout or "-h" in result.stdout
