"""Hostile files through the real command line: a non-zero exit, one line, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[2] / "fuzz" / "corpus"
CONSENT = Path(__file__).parents[3] / "resources" / "consent" / "voorbeeld-toestemming.json"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_refusal(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[:500]
    assert lines[0].startswith("vindplaats: fout: ")


@pytest.mark.parametrize(
    "name",
    [
        "total-debt-1e27.json",
        "arrear-1e27.json",
        "deep-nesting.json",
        "digits-5000.json",
        "lone-surrogate.json",
        "field-name-newlines.json",
    ],
)
def test_advise_refuses_hostile_intakes(name):
    assert_one_line_refusal(run("advise", str(CORPUS / "intake" / name)))


@pytest.mark.parametrize(
    "name", ["fact-as-list.yaml", "fact-name-newlines.yaml", "deep-nesting.yaml"]
)
def test_rules_check_refuses_hostile_rules(name):
    result = run("rules", "check", "--rules", str(CORPUS / "rules" / name))
    assert_one_line_refusal(result)
    assert result.returncode == 2


def test_rules_check_reports_hostile_scenarios_one_line_each():
    files = sorted(str(p) for p in (CORPUS / "scenario").iterdir())
    result = run("rules", "check", *files)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(files) + 1  # rules ok, one line per scenario, the count


@pytest.mark.parametrize(
    ("intake", "consent"),
    [
        (CORPUS / "intake" / "total-debt-1e27.json", CONSENT),
        (CORPUS / "intake" / "lone-surrogate.json", CONSENT),
        (CONSENT, CORPUS / "consent" / "purpose-100k.json"),
        (CONSENT, CORPUS / "consent" / "lone-surrogate.json"),
        (CONSENT, CORPUS / "consent" / "deep-nesting.json"),
    ],
)
def test_referral_render_refuses_hostile_files(tmp_path, intake, consent):
    if intake == CONSENT:  # a valid intake beside the hostile consent
        intake = tmp_path / "intake.json"
        intake.write_text(json.dumps({"schema_version": "1.0", "help_question": "Hulp"}))
    out = tmp_path / "brief.pdf"
    result = run("referral", "render", str(intake), "--consent", str(consent), "--out", str(out))
    assert_one_line_refusal(result)
    assert not out.exists()


def test_signals_merge_refuses_hostile_exports(tmp_path):
    files = sorted(str(p) for p in (CORPUS / "export").iterdir())
    result = run("signals", "merge", *files, "--out", str(tmp_path / "stad.pdf"))
    assert_one_line_refusal(result)
    refused = result.stdout.splitlines()
    assert len(refused) == len(files) and all("geweigerd" in line for line in refused)


def test_signals_import_refuses_an_oversize_file(tmp_path):
    big = tmp_path / "groot.csv"
    big.write_bytes(b"week;categorie\n" + b"2026-W05;loonbeslag\n" * 200_000)
    assert_one_line_refusal(run("signals", "import", str(big), stdin="zin\n"))


def test_signals_import_refuses_hostile_lines(make_vault, vault_passphrase, monkeypatch, capsys):
    # In-process (the vault seam takes cheap KDF parameters, which a real process refuses).
    import io

    from app.cli import main
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    monkeypatch.setattr(
        "app.cli.signals_cmd._open_vault",
        lambda data_dir, clock: Vault(
            data_dir, kdf=TEST_KDF, throttle=UnlockThrottle(), clock=clock
        ),
    )
    vault = make_vault()
    for path in sorted((CORPUS / "signal_csv").iterdir()):
        monkeypatch.setattr("sys.stdin", io.StringIO(vault_passphrase + "\n"))
        args = ["signals", "import", "--data-dir", str(vault.data_dir), str(path)]
        assert main([*args, "--alleen-controleren"]) == 0, path.name
        captured = capsys.readouterr()
        assert captured.err == ""
        assert captured.out.splitlines() == [
            captured.out.splitlines()[0],
            "0 signalen zou ik inlezen, 1 regel geweigerd.",
        ]
        assert captured.out.startswith("Regel 2: geweigerd, "), path.name
