"""No output the user chooses can land on a vault's own files or in its data folder.

The first two tests run the real commands in a subprocess, as an advisor would type them:
before the guard, ``signals export --out DIR/vault.db`` replaced every record with the export
and ``referral render --out DIR/keyslots.json`` destroyed the key slots, both with exit 0.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.fileio import ProtectedTargetError, UserFiles, WriteError
from tests.unit.referral.factories import intake_data, make_consent, minimum_fields

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, input: str = "", home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def one_line_refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


PASSPHRASE = "fictieve kluis lamp wolk"


@pytest.fixture(scope="module")
def made_vault(tmp_path_factory):
    """A vault made by ``vault init`` (production KDF, so once per module) with signals."""
    from app.core.signals import IsoWeek, Signal, Source
    from app.store.signals import SignalRepository
    from app.store.vault import Vault

    base = tmp_path_factory.mktemp("guard")
    folder = base / "kluis"
    result = run("vault", "init", "--data-dir", str(folder), input=PASSPHRASE + "\n", home=base)
    assert result.returncode == 0, result.stderr
    session = Vault(folder).unlock(PASSPHRASE)
    SignalRepository(session.connection).add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 14)] * 2,
        logged_in=IsoWeek.of(dt.date.today()),
    )
    session.close()
    return folder


@pytest.fixture
def vault_with_signals(made_vault, tmp_path):
    import shutil

    from app.store.vault import Vault

    target = tmp_path / "kluis"
    shutil.copytree(made_vault, target)
    return Vault(target)


@pytest.mark.parametrize("name", ["vault.db", "keyslots.json", "voorkeuren.json", "nieuw.json"])
def test_signals_export_into_the_vault_folder_is_refused(vault_with_signals, tmp_path, name):
    folder = vault_with_signals.data_dir
    before = digests(folder)
    result = run(
        "signals",
        "export",
        "--data-dir",
        str(folder),
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
        "--out",
        str(folder / name),
        input=PASSPHRASE + "\n",
        home=tmp_path / "home",
    )
    line = one_line_refusal(result)
    assert name in line and "kluis" in line
    assert str(folder) not in line  # the file's name, not the folder path
    assert digests(folder) == before
    assert not list(folder.glob(".*tmp"))
    vault_with_signals.unlock(PASSPHRASE).close()


def _letter_files(tmp_path: Path) -> list[str]:
    from app.core.consent import consent_to_json

    intake = tmp_path / "intake.json"
    consent = tmp_path / "toestemming.json"
    intake.write_text(json.dumps(intake_data()), "utf-8")
    consent.write_text(json.dumps(consent_to_json(make_consent(minimum_fields("shv")))), "utf-8")
    return [str(intake), "--consent", str(consent), "--today", "2026-11-27"]


@pytest.mark.parametrize(
    "where",
    ["keyslots.json", "vault.db-wal", "logboek/vindplaats.log", "employee-copy"],
)
def test_referral_render_onto_the_key_slots_is_refused(
    make_vault, vault_passphrase, tmp_path, where
):
    vault = make_vault()
    folder = vault.data_dir
    (folder / "logboek").mkdir(exist_ok=True)
    (folder / "logboek" / "vindplaats.log").write_text("start\n", "utf-8")
    before = digests(folder)
    outside = tmp_path / "uit"
    outside.mkdir()
    if where == "employee-copy":  # the letter is fine, its copy is not: neither is written
        targets = ["--out", str(outside / "brief.pdf"), "--employee-copy", str(folder / "k.pdf")]
    else:
        targets = ["--out", str(folder / where)]
    # No --data-dir at all: the folder holds a vault, and that is enough to refuse.
    result = run("referral", "render", *_letter_files(tmp_path), *targets, home=tmp_path / "home")
    one_line_refusal(result)
    assert digests(folder) == before
    assert not (outside / "brief.pdf").exists()
    vault.unlock(vault_passphrase).close()


def test_data_folder_in_use_is_protected_before_a_vault_exists(tmp_path):
    folder = tmp_path / "nog-leeg"
    folder.mkdir()
    result = run(
        "--data-dir",
        str(folder),
        "referral",
        "render",
        *_letter_files(tmp_path),
        "--out",
        str(folder / "brief.pdf"),
        home=tmp_path / "home",
    )
    one_line_refusal(result)
    assert list(folder.iterdir()) == []


def test_default_data_folder_is_protected(tmp_path):
    home = tmp_path / "home"
    default = home / "data" / "Vindplaats"
    default.mkdir(parents=True)
    result = run(
        "referral",
        "render",
        *_letter_files(tmp_path),
        "--out",
        str(default / "sub" / ".." / "brief.pdf"),
        home=home,
    )
    one_line_refusal(result)
    assert not (default / "brief.pdf").exists()


# --- the guard itself, in-process -------------------------------------------------------------


@pytest.fixture
def vault_folder(tmp_path):
    folder = tmp_path / "kluis"
    folder.mkdir()
    (folder / "vault.db").write_bytes(b"database")
    (folder / "keyslots.json").write_bytes(b"{}")
    return folder


def _refused(files: UserFiles, target: Path) -> str:
    with pytest.raises(ProtectedTargetError) as caught:
        files.write(target, b"export")
    assert isinstance(caught.value, WriteError)
    return str(caught.value)


def test_symlink_into_the_vault_is_refused(vault_folder, tmp_path):
    link = tmp_path / "export.json"
    link.symlink_to(vault_folder / "vault.db")
    message = _refused(UserFiles(), link)
    assert "export.json" in message
    assert (vault_folder / "vault.db").read_bytes() == b"database"


def test_symlinked_folder_and_dotdot_are_resolved(vault_folder, tmp_path):
    (tmp_path / "snelkoppeling").symlink_to(vault_folder, target_is_directory=True)
    _refused(UserFiles(), tmp_path / "snelkoppeling" / "export.json")
    _refused(UserFiles(), tmp_path / "ergens" / ".." / "kluis" / "keyslots.json")
    assert sorted(p.name for p in vault_folder.iterdir()) == ["keyslots.json", "vault.db"]


def test_hard_link_to_a_vault_file_is_refused(vault_folder, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    os.link(vault_folder / "keyslots.json", elsewhere / "export.json")
    _refused(UserFiles(vault_folder), elsewhere / "export.json")
    assert (vault_folder / "keyslots.json").read_bytes() == b"{}"


def test_a_vault_folder_with_only_key_slots_and_its_log_folder(tmp_path):
    folder = tmp_path / "alleen-sleutels"
    (folder / "logboek" / "oud").mkdir(parents=True)
    (folder / "keyslots.json").write_bytes(b"{}")
    names = ("vault.db", "vault.db-shm", "vault.db-journal", "logboek/x.log", "logboek/oud/y")
    for target in names:
        _refused(UserFiles(), folder / target)
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "logboek"]


def test_case_is_ignored_where_the_system_ignores_it(vault_folder, monkeypatch):
    # Windows compares names without case (os.path.normcase); emulate that here.
    import app.fileio as fileio

    monkeypatch.setattr(fileio.os.path, "normcase", lambda p: p.lower())
    data_dir = vault_folder.parent / "Nieuw"
    _refused(UserFiles(data_dir), vault_folder.parent / "NIEUW" / "brief.pdf")


def test_other_folders_are_written(vault_folder, tmp_path):
    remembered: list[Path] = []
    files = UserFiles(vault_folder, remember_folder=remembered.append)
    target = tmp_path / "uitvoer" / "export.json"
    target.parent.mkdir()
    files.write(target, b"export")
    sub = tmp_path / "werk" / "kluis-kopie.txt"  # a name, not a vault: fine elsewhere
    sub.parent.mkdir()
    files.write(sub, b"x")
    assert target.read_bytes() == b"export"
    assert remembered == [target.parent, sub.parent]
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_write_all_checks_every_target_first(vault_folder, tmp_path):
    first = tmp_path / "stad.pdf"
    with pytest.raises(ProtectedTargetError):
        UserFiles().write_all([(first, b"pdf"), (vault_folder / "stad.csv", b"csv")])
    assert not first.exists()


def test_refusal_is_translated(vault_folder):
    from app.i18n import set_language

    set_language("xx")
    try:
        message = _refused(UserFiles(), vault_folder / "vault.db")
    finally:
        set_language("nl")
    assert "is een bestand van de kluis" not in message and "vault.db" in message


def test_a_symlink_loop_is_a_plain_write_error(tmp_path):
    loop = tmp_path / "lus"
    loop.symlink_to(tmp_path / "lus")
    with pytest.raises(WriteError) as caught:
        UserFiles().write(loop / "x.json", b"x")
    assert "x.json" in str(caught.value)


def test_merge_refuses_before_it_reads_or_writes_anything(vault_folder, tmp_path, capsys):
    from app.cli import main

    export = tmp_path / "export.json"
    export.write_text("{}", "utf-8")
    city = tmp_path / "stad.pdf"
    code = main(
        ["signals", "merge", str(export), "--out", str(city), "--csv", str(vault_folder / "s.csv")]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "s.csv" in err[0]
    assert not city.exists()
    assert sorted(p.name for p in vault_folder.iterdir()) == ["keyslots.json", "vault.db"]
