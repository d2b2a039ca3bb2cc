"""``vindplaats vault backup`` and ``vault restore``, run as an advisor or a script would."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.unit.cli_vault.test_vault_cli import PASSPHRASE, assert_one_line_error, run

OTHER_PASSPHRASE = "een andere fictieve zin voor twee"


def _hashes(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A vault made by ``vault init`` and a backup made by ``vault backup``."""
    import re

    root = tmp_path_factory.mktemp("backup-cli")
    folder = root / "kluis"
    result = run("vault", "init", "--data-dir", str(folder), input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    code = re.search(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$", result.stdout, re.MULTILINE).group(0)
    usb = root / "usb"
    usb.mkdir()
    out = usb / "kopie.vpbackup"
    made_backup = run(
        "vault", "backup", "--data-dir", str(folder), "--out", str(out), input=PASSPHRASE + "\n"
    )
    return folder, code, out, made_backup


def test_backup_makes_one_verified_file(made):
    _folder, _code, out, result = made
    assert result.returncode == 0, result.stderr
    assert "gemaakt en gecontroleerd" in result.stdout and str(out) in result.stdout
    assert sorted(p.name for p in out.parent.iterdir()) == ["kopie.vpbackup"]
    assert out.read_bytes().startswith(b"VINDPLAATS-BACKUP\x00")
    assert PASSPHRASE not in result.stdout + result.stderr


def test_backup_into_a_folder_chooses_a_name(made, tmp_path):
    folder, _code, _out, _result = made
    result = run(
        "vault",
        "backup",
        "--data-dir",
        str(folder),
        "--out",
        str(tmp_path),
        input=PASSPHRASE + "\n",
    )
    assert result.returncode == 0, result.stderr
    names = [p.name for p in tmp_path.iterdir()]
    assert len(names) == 1 and names[0].startswith("vindplaats-reservekopie-")


def test_backup_with_the_recovery_code(made, tmp_path):
    folder, code, _out, _result = made
    out = tmp_path / "k.vpbackup"
    result = run(
        "vault", "backup", "--recovery", "--data-dir", str(folder), "--out", str(out),
        input=code + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_backup_into_the_data_folder_is_refused(made):
    folder, _code, _out, _result = made
    before = _hashes(folder)
    for target in ("vault.db", "keyslots.json", "kopie.vpbackup"):
        result = run(
            "vault", "backup", "--data-dir", str(folder), "--out", str(folder / target),
            input=PASSPHRASE + "\n",
        )  # fmt: skip
        assert "gegevensmap" in assert_one_line_error(result)
    after = _hashes(folder)
    assert after["keyslots.json"] == before["keyslots.json"]
    assert set(after) == set(before)


def test_backup_with_a_wrong_passphrase(made, tmp_path):
    folder, _code, _out, _result = made
    result = run(
        "vault", "backup", "--data-dir", str(folder), "--out", str(tmp_path / "k.vpbackup"),
        input="niet de goede zin\n",
    )  # fmt: skip
    assert "klopt niet" in assert_one_line_error(result)
    assert list(tmp_path.iterdir()) == []


def test_restore_on_a_new_laptop_then_check(made, tmp_path):
    _folder, _code, out, _result = made
    target = tmp_path / "nieuwe-laptop"
    result = run("vault", "restore", "--data-dir", str(target), str(out), input=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "teruggezet" in result.stdout
    check = run("vault", "check", "--data-dir", str(target), input=PASSPHRASE + "\n")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "De kluis is in orde." in check.stdout


def test_restore_with_the_recovery_code(made, tmp_path):
    _folder, code, out, _result = made
    target = tmp_path / "doel"
    result = run(
        "vault", "restore", "--recovery", "--data-dir", str(target), str(out), input=code + "\n"
    )
    assert result.returncode == 0, result.stderr
    check = run("vault", "check", "--recovery", "--data-dir", str(target), input=code + "\n")
    assert check.returncode == 0, check.stdout + check.stderr


def test_restore_over_a_vault_needs_replace(made, tmp_path):
    _folder, _code, out, _result = made
    target = tmp_path / "bezet"
    made_other = run("vault", "init", "--data-dir", str(target), input=OTHER_PASSPHRASE + "\n")
    assert made_other.returncode == 0
    before = _hashes(target)
    refused = run("vault", "restore", "--data-dir", str(target), str(out), input=PASSPHRASE + "\n")
    assert "--replace" in assert_one_line_error(refused)
    assert _hashes(target) == before
    replaced = run(
        "vault", "restore", "--replace", "--data-dir", str(target), str(out),
        input=PASSPHRASE + "\n",
    )  # fmt: skip
    assert replaced.returncode == 0, replaced.stderr
    assert "vorige kluis is verwijderd" in replaced.stdout
    assert sorted(p.name for p in target.iterdir()) == ["keyslots.json", "vault.db"]
    assert run("vault", "check", "--data-dir", str(target), input=PASSPHRASE + "\n").returncode == 0
    old = run("vault", "check", "--data-dir", str(target), input=OTHER_PASSPHRASE + "\n")
    assert "klopt niet" in assert_one_line_error(old)


def test_damaged_backups_are_refused_in_one_line(made, tmp_path):
    folder, _code, out, _result = made
    good = out.read_bytes()
    target = tmp_path / "kopie-van-kluis"
    shutil.copytree(folder, target)
    before = _hashes(target)
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x40
    for name, data in {
        "leeg": b"",
        "afgebroken": good[:-100],
        "omgedraaid": bytes(flipped),
        "vreemd": (folder / "vault.db").read_bytes(),
    }.items():
        bad = tmp_path / f"{name}.vpbackup"
        bad.write_bytes(data)
        result = run(
            "vault", "restore", "--replace", "--data-dir", str(target), str(bad),
            input=PASSPHRASE + "\n",
        )  # fmt: skip
        assert "geen bruikbare reservekopie" in assert_one_line_error(result), name
        assert _hashes(target) == before, name
    missing = run(
        "vault", "restore", "--data-dir", str(tmp_path / "x"), str(tmp_path / "nergens"),
        input=PASSPHRASE + "\n",
    )  # fmt: skip
    assert "bestaat niet" in assert_one_line_error(missing)


def test_restore_with_a_wrong_passphrase_creates_no_folder(made, tmp_path):
    _folder, _code, out, _result = made
    target = tmp_path / "nog-niet"
    result = run("vault", "restore", "--data-dir", str(target), str(out), input="fout fout\n")
    assert "reservekopie" in assert_one_line_error(result)
    assert not target.exists()


def test_help_of_both_commands():
    for command in ("backup", "restore"):
        result = run("vault", command, "--help")
        assert result.returncode == 0 and "--data-dir" in result.stdout
