"""The headless commands, run as a municipality or advisor would."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.signals import IsoWeek, Signal, Source
from app.store.signals import SignalRepository, SignalSettings, save_settings


def _stdin(monkeypatch, text):
    monkeypatch.setattr("sys.stdin", io.StringIO(text + "\n"))


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    monkeypatch.setattr(
        "app.cli.signals_cmd._open_vault",
        lambda data_dir, clock: Vault(
            data_dir, kdf=TEST_KDF, throttle=UnlockThrottle(), clock=clock
        ),
    )


def test_export_import_and_merge(make_vault, vault_passphrase, tmp_path, monkeypatch, capsys):
    vault = make_vault()
    session = vault.unlock(vault_passphrase)
    save_settings(session.connection, SignalSettings(("Productie",), 10, "productie"))
    this_week = IsoWeek.of(dt.date.today())
    SignalRepository(session.connection).add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 14)] * 2,
        logged_in=this_week,
    )
    session.close()

    csv_file = tmp_path / "oud.csv"
    csv_file.write_bytes(
        "Datum;Categorie;Bron;Afdeling;Opmerking\r\n"
        "05-01-2026;Beslag op het loon;administratie;Productie;Test Persoon belde\r\n"
        "06-01-2026;bestaat niet;collega;;\r\n"
        "2026-01-07;loonbeslag;collega;Magazijn;\r\n".encode("cp1252")
    )
    _stdin(monkeypatch, vault_passphrase)
    assert main(["signals", "import", "--data-dir", str(vault.data_dir), str(csv_file)]) == 0
    out = capsys.readouterr().out
    assert "Kolom 'Opmerking' is niet ingelezen" in out
    assert "Regel 3: geweigerd, de categorie staat niet in de signaalcatalogus" in out
    assert "Regel 4: geweigerd, deze afdeling staat niet in de lijst" in out
    assert "1 signaal ingelezen, 2 regels geweigerd." in out
    assert "Test Persoon" not in out

    exports = []
    for fmt in ("json", "csv", "pdf", "long"):
        target = tmp_path / f"export.{fmt}"
        _stdin(monkeypatch, vault_passphrase)
        code = main(
            [
                "signals",
                "export",
                "--data-dir",
                str(vault.data_dir),
                "--from",
                "2026-01-01",
                "--to",
                "2026-03-31",
                "--format",
                fmt,
                "--out",
                str(target),
                "--per",
                "maand",
            ]
        )
        assert code == 0
        exports.append(target)
    document = json.loads(exports[0].read_text("utf-8"))
    assert document["signals"]["by_period"]["total"] == 27
    assert exports[1].read_bytes().startswith(b"\xef\xbb\xbf")
    assert PdfReader(str(exports[2])).pages
    long_rows = exports[3].read_text("utf-8").splitlines()
    assert long_rows[0].startswith("period,period_start,period_end,sector,measure,")
    assert "2026-01-01/2026-03-31,2026-01-01,2026-03-31,productie,signals,totaal,Totaal,27," in (
        "\n".join(long_rows)
    )

    city = tmp_path / "stad.pdf"
    city_json = tmp_path / "stad.json"
    broken = tmp_path / "kapot.json"
    broken.write_text("{", "utf-8")
    code = main(
        [
            "signals",
            "merge",
            str(exports[0]),
            str(exports[0]),
            str(broken),
            "--out",
            str(city),
            "--json",
            str(city_json),
            "--csv",
            str(tmp_path / "stad.csv"),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "kapot.json: geweigerd, geen geldig JSON-bestand" in out
    assert "export.json: overgeslagen" in out
    assert "1 export samengevoegd, 1 overgeslagen, 1 geweigerd." in out
    assert json.loads(city_json.read_text("utf-8"))["merge"]["exports"] == 1
    assert "samengevoegd overzicht" in PdfReader(str(city)).pages[0].extract_text()


def test_wrong_passphrase_is_one_line(make_vault, tmp_path, monkeypatch, capsys):
    vault = make_vault()
    _stdin(monkeypatch, "verkeerde zin")
    code = main(
        [
            "signals",
            "export",
            "--data-dir",
            str(vault.data_dir),
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
            "--format",
            "json",
            "--out",
            str(tmp_path / "x.json"),
        ]
    )
    assert code == 2
    assert "wachtwoordzin klopt niet" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_merge_refuses_k_below_five(tmp_path, capsys):
    assert main(["signals", "merge", "a.json", "--out", str(tmp_path / "s.pdf"), "--k", "3"]) == 2


def test_a_scripted_clock_stamps_the_import_and_its_audit_entry(
    make_vault, vault_passphrase, tmp_path, monkeypatch, capsys
):
    from app.clock import FixedClock
    from app.store import audit

    vault = make_vault()
    session = vault.unlock(vault_passphrase)
    save_settings(session.connection, SignalSettings(("Productie",), 10, "productie"))
    session.close()
    csv_file = tmp_path / "een.csv"
    csv_file.write_text("Datum;Categorie;Bron\r\n2031-05-05;loonbeslag;collega\r\n", "utf-8")
    clock = FixedClock(dt.datetime(2031, 5, 7, 8, 30, tzinfo=dt.UTC))
    _stdin(monkeypatch, vault_passphrase)
    code = main(
        ["signals", "import", "--data-dir", str(vault.data_dir), str(csv_file)], clock=clock
    )
    assert code == 0, capsys.readouterr().err
    session = vault.unlock(vault_passphrase)
    try:
        (entry,) = audit.list_events(session.connection, event="signals.imported")
        assert entry.at == clock.now() and entry.detail == "1"
        (stored,) = SignalRepository(session.connection).list_signals()
        assert stored.logged_week == IsoWeek(2031, 19)
    finally:
        session.close()
