"""Exports that cannot be differenced: whole months only, no overlapping periods that differ,
and the merge refuses one vault's overlapping exports (they would count twice)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from app.cli import main
from app.core.export_periods import (
    ExportedPeriod,
    conflicting_period,
    is_whole_months,
    require_no_differencing,
)
from app.core.signals import IsoWeek, Signal, SignalError, Source
from app.store import db
from app.store.export_periods import exported_periods, issuer_id
from app.store.signals import SignalRepository, SignalSettings, save_settings

D = dt.date
Q1 = ExportedPeriod(D(2026, 1, 1), D(2026, 3, 31))
JAN, FEB, MAR = (
    ExportedPeriod(D(2026, 1, 1), D(2026, 1, 31)),
    ExportedPeriod(D(2026, 2, 1), D(2026, 2, 28)),
    ExportedPeriod(D(2026, 3, 1), D(2026, 3, 31)),
)


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        (D(2026, 1, 1), D(2026, 1, 31), True),
        (D(2026, 2, 1), D(2026, 2, 28), True),
        (D(2024, 2, 1), D(2024, 2, 29), True),
        (D(2026, 1, 1), D(2026, 12, 31), True),
        (D(2026, 1, 2), D(2026, 1, 31), False),
        (D(2026, 1, 1), D(2026, 1, 30), False),
        (D(2026, 2, 1), D(2026, 1, 31), False),
    ],
)
def test_whole_calendar_months_only(start, end, whole):
    assert is_whole_months(start, end) is whole
    if not whole:
        with pytest.raises(SignalError):
            require_no_differencing(start, end, [])


def test_equal_or_disjoint_is_allowed_anything_else_overlapping_is_refused():
    assert conflicting_period(D(2026, 1, 1), D(2026, 3, 31), [Q1]) is None  # the same again
    assert conflicting_period(D(2026, 4, 1), D(2026, 6, 30), [Q1]) is None  # next quarter
    assert conflicting_period(D(2026, 1, 1), D(2026, 4, 30), [Q1]) == Q1  # Jan-Mar vs Jan-Apr
    assert conflicting_period(D(2026, 2, 1), D(2026, 2, 28), [Q1]) == Q1  # a part of it
    # a union of whole earlier months: the quarter minus the months gives back hidden counts
    assert conflicting_period(D(2026, 1, 1), D(2026, 3, 31), [JAN, FEB, MAR]) == JAN
    with pytest.raises(SignalError, match="door de twee van elkaar af te trekken"):
        require_no_differencing(D(2026, 1, 1), D(2026, 4, 30), [Q1])


# --- the vault remembers (migration 0006) ----------------------------------------------------


def test_migration_0006_applies_after_the_others(vault_session):
    versions = [m.version for m in db.available_migrations()]
    assert 6 in versions and versions == sorted(versions)
    applied = [
        row[0]
        for row in vault_session.connection.execute(
            "SELECT version FROM schema_version ORDER BY version"
        )
    ]
    assert applied == versions
    assert exported_periods(vault_session.connection) == []
    first = issuer_id(vault_session.connection)
    assert issuer_id(vault_session.connection) == first and len(first) == 36


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


@pytest.fixture
def filled_vault(make_vault, vault_passphrase):
    vault = make_vault()
    session = vault.unlock(vault_passphrase)
    save_settings(session.connection, SignalSettings(("Productie",), 10, "productie"))
    SignalRepository(session.connection).add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 27)] * 2,
        logged_in=IsoWeek(2026, 48),
    )
    session.close()
    return vault


def export(monkeypatch, vault, passphrase, start, end, out):
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    args = ["signals", "export", "--data-dir", str(vault.data_dir), "--from", start, "--to", end]
    return main([*args, "--format", "json", "--out", str(out), "--per", "maand"])


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_cli_refuses_a_period_that_could_be_differenced(
    filled_vault, vault_passphrase, tmp_path, monkeypatch, capsys
):
    q1 = tmp_path / "q1.json"
    assert export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-03-31", q1) == 0
    capsys.readouterr()
    longer = tmp_path / "jan-apr.json"
    code = export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-04-30", longer)
    assert code == 2 and not longer.exists()
    line = one_line(capsys.readouterr().err)
    assert "overlapt met een eerdere export (januari 2026 t/m maart 2026)" in line
    half = tmp_path / "half.json"
    code = export(monkeypatch, filled_vault, vault_passphrase, "2026-01-15", "2026-03-31", half)
    assert code == 2
    assert "hele kalendermaanden of kwartalen" in one_line(capsys.readouterr().err)
    again = tmp_path / "q1-opnieuw.json"
    code = export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-03-31", again)
    assert code == 0
    q2 = tmp_path / "q2.json"
    assert export(monkeypatch, filled_vault, vault_passphrase, "2026-04-01", "2026-06-30", q2) == 0
    capsys.readouterr()
    # the same numbers, not a difference
    first, second = (json.loads(p.read_text("utf-8")) for p in (q1, again))
    assert first["signals"] == second["signals"]
    assert first["organisation"]["issuer"] == second["organisation"]["issuer"]

    # the merge: the second Q1 export of this vault would count twice; Q2 adds up
    city = tmp_path / "stad.pdf"
    code = main(["signals", "merge", str(q1), str(again), str(q2), "--out", str(city)])
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "q1-opnieuw.json: geweigerd, van dezelfde werkgever telt al q1.json mee voor een "
        "overlappende periode (januari 2026 t/m maart 2026); samen zouden ze dubbel tellen"
    ) in out
    assert "2 exports samengevoegd, 0 overgeslagen, 1 geweigerd." in out


def test_merge_accepts_the_same_period_from_two_vaults(
    make_vault, vault_passphrase, tmp_path, monkeypatch, capsys
):
    paths = []
    for name in ("a", "b"):
        vault = make_vault(tmp_path / f"kluis-{name}")
        session = vault.unlock(vault_passphrase)
        SignalRepository(session.connection).add_many(
            [Signal("loonbeslag", 2026, w, Source.COLLEAGUE) for w in range(1, 14)],
            logged_in=IsoWeek(2026, 48),
        )
        session.close()
        out = tmp_path / f"{name}.json"
        assert export(monkeypatch, vault, vault_passphrase, "2026-01-01", "2026-03-31", out) == 0
        paths.append(str(out))
    capsys.readouterr()
    assert main(["signals", "merge", *paths, "--out", str(tmp_path / "stad.pdf")]) == 0
    assert "2 exports samengevoegd, 0 overgeslagen, 0 geweigerd." in capsys.readouterr().out


def test_a_new_sector_or_department_list_does_not_reopen_an_overlapping_period(
    filled_vault, vault_passphrase, tmp_path, monkeypatch, capsys
):
    """Every export holds the sector and the department breakdown of its period, so the rule
    is about the period alone: after the employer changes its sector and departments, an
    overlapping period is still refused, and the merge still counts the vault once."""
    q1 = tmp_path / "q1.json"
    assert export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-03-31", q1) == 0
    session = filled_vault.unlock(vault_passphrase)
    save_settings(session.connection, SignalSettings(("Kantoor", "Magazijn"), 10, "logistiek"))
    session.close()
    capsys.readouterr()
    longer = tmp_path / "jan-apr.json"
    code = export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-04-30", longer)
    assert code == 2 and not longer.exists()
    assert "overlapt met een eerdere export" in one_line(capsys.readouterr().err)
    again = tmp_path / "q1-logistiek.json"
    code = export(monkeypatch, filled_vault, vault_passphrase, "2026-01-01", "2026-03-31", again)
    assert code == 0
    first, second = (json.loads(p.read_text("utf-8")) for p in (q1, again))
    assert first["organisation"]["sector"] == "productie"
    assert second["organisation"]["sector"] == "logistiek"
    assert (
        second["signals"]["breakdowns"]["department"]["keys"]
        != (first["signals"]["breakdowns"]["department"]["keys"])
    )
    capsys.readouterr()
    code = main(["signals", "merge", str(q1), str(again), "--out", str(tmp_path / "stad.pdf")])
    out = capsys.readouterr().out
    assert code == 0
    assert "q1-logistiek.json: geweigerd, van dezelfde werkgever telt al q1.json mee" in out
