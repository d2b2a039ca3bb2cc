"""``vindplaats vault check|init|passwd`` on damaged or unreadable vaults, as a user runs them.

One Dutch line on stderr (SQLCipher's own ``ERROR CORE`` lines stay off the terminal), a
non-zero exit, no traceback, and the vault's files exactly as they were.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.unit.cli_vault.test_vault_cli import CODE, PASSPHRASE, run

PAGE = 4096


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def assert_refused(result: subprocess.CompletedProcess) -> str:
    """Non-zero, no traceback, at most one line on stderr; returns that line (or '')."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert "ERROR CORE" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 1, result.stderr
    return lines[0] if lines else ""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-schade") / "kluis"
    result = run("vault", "init", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert CODE.search(result.stdout)
    return folder


@pytest.fixture
def copy_of(made, tmp_path):
    target = tmp_path / "kopie"
    shutil.copytree(made, target)
    return target


def check(folder: Path) -> subprocess.CompletedProcess:
    return run("vault", "check", "--data-dir", str(folder), input=PASSPHRASE + "\n")


def test_a_one_byte_vault_is_not_in_order_and_stays_one_byte(copy_of):
    """Reported: this used to print "De kluis is in orde." over a new, empty vault."""
    db = copy_of / "vault.db"
    db.write_bytes(db.read_bytes()[:1])
    before = fingerprint(copy_of)
    result = check(copy_of)
    assert "onvolledig" in assert_refused(result)
    assert "in orde" not in result.stdout
    assert fingerprint(copy_of) == before
    again = run("vault", "init", "--data-dir", str(copy_of), input=PASSPHRASE + "\n")
    assert "al een kluis" in assert_refused(again)
    assert fingerprint(copy_of) == before


@pytest.mark.parametrize("offset", [100, PAGE + 100, 2 * PAGE + 4000, -30])
def test_damage_in_a_page_is_one_line_and_changes_nothing(copy_of, offset):
    db = copy_of / "vault.db"
    data = bytearray(db.read_bytes())
    data[offset] ^= 0x55
    db.write_bytes(bytes(data))
    before = fingerprint(copy_of)
    result = check(copy_of)
    line = assert_refused(result)
    if result.returncode == 2:
        assert "beschadigd" in line
    else:
        assert result.returncode == 1 and "NIET in orde" in result.stdout
    assert fingerprint(copy_of) == before


def test_a_damaged_key_slot_file_is_one_line(copy_of):
    slots = copy_of / "keyslots.json"
    slots.write_text(slots.read_text().replace('"time_cost": ', '"time_cost": 6'))
    before = fingerprint(copy_of)
    assert "sleutelbestand" in assert_refused(check(copy_of))
    assert fingerprint(copy_of) == before


DENY = textwrap.dedent(
    """
    import errno, os, sys
    from pathlib import Path

    folder = Path(sys.argv[1]).absolute()
    real = {name: getattr(os, name) for name in ("stat", "access", "scandir", "open")}

    def inside(path):
        return not isinstance(path, int) and folder in Path(os.fspath(path)).absolute().parents

    def at(path):
        return not isinstance(path, int) and Path(os.fspath(path)).absolute() == folder

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    def stat(path, *a, **k):
        if inside(path):
            refuse(path)
        return real["stat"](path, *a, **k)

    def access(path, mode, *a, **k):
        return False if inside(path) or at(path) else real["access"](path, mode, *a, **k)

    def scandir(path="."):
        if inside(path) or at(path):
            refuse(path)
        return real["scandir"](path)

    def open_(path, *a, **k):
        if inside(path):
            refuse(path)
        return real["open"](path, *a, **k)

    os.stat, os.access, os.scandir, os.open = stat, access, scandir, open_
    from app.__main__ import main

    sys.exit(main(sys.argv[2:]))
    """
)


@pytest.mark.parametrize("command", ["check", "init", "passwd"])
def test_a_folder_without_access_is_one_line_for_every_command(copy_of, tmp_path, command):
    """Simulated (the suite runs as root, where chmod 000 does not bite)."""
    script = tmp_path / "zonder_toegang.py"
    script.write_text(DENY)
    result = subprocess.run(
        [sys.executable, str(script), str(copy_of), "vault", command, "--data-dir", str(copy_of)],
        input=f"{PASSPHRASE}\nnieuwe fictieve zin met regen\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert "geen toegang" in assert_refused(result)
