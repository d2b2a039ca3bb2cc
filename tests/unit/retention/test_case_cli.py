"""``vindplaats case delete`` / ``retention`` / ``term`` on a real vault."""

from __future__ import annotations

import io
from datetime import date

import pytest

from app.cli import case_delete_cmd, main
from app.clock import FixedClock
from app.store import audit
from app.store.keyslots import TEST_KDF
from app.store.retention import RetentionStore
from app.store.vault import UnlockThrottle, Vault
from tests.conftest import TEST_PASSPHRASE
from tests.unit.retention.helpers import CLOSED_ON, full_case, rows_for


@pytest.fixture
def vault_dir(make_vault, monkeypatch):
    vault = make_vault()
    monkeypatch.setattr(
        case_delete_cmd,
        "_vault",
        lambda args: Vault(vault.data_dir, TEST_KDF, throttle=UnlockThrottle(), clock=args.clock),
    )
    return vault


def _run(monkeypatch, *argv: str, today: date = CLOSED_ON, stdin: str = TEST_PASSPHRASE + "\n"):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["case", *argv], clock=FixedClock(today=today))


def test_case_delete_with_yes_removes_everything(vault_dir, monkeypatch, capsys):
    session = vault_dir.unlock(TEST_PASSPHRASE)
    case = full_case(session.connection, FixedClock(today=CLOSED_ON), close=False)
    code = session.connection.execute(
        "SELECT case_code FROM intake WHERE id = ?", (case,)
    ).fetchone()[0]
    session.close()

    assert _run(monkeypatch, "delete", code.lower(), "--yes") == 0
    assert capsys.readouterr().out.strip() == f"Gesprek {code} is helemaal verwijderd."

    session = vault_dir.unlock(TEST_PASSPHRASE)
    try:
        assert set(rows_for(session.connection, case).values()) == {0}
        assert len(audit.list_events(session.connection, event="case.deleted")) == 1
    finally:
        session.close()


def test_case_delete_without_yes_or_with_an_unknown_code_says_so_in_one_line(
    vault_dir, monkeypatch, capsys
):
    assert _run(monkeypatch, "delete", "GC-2026-ZZZZ") == 2
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [
        "vindplaats: fout: Verwijderen kan niet ongedaan worden. "
        "Geef --yes om zonder vraag te verwijderen."
    ]
    assert _run(monkeypatch, "delete", "GC-2026-ZZZZ", "--yes") == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "vindplaats: fout: Er is geen gesprek met code GC-2026-ZZZZ."
    ]


def test_term_and_maximum_and_the_schedule(vault_dir, monkeypatch, capsys):
    session = vault_dir.unlock(TEST_PASSPHRASE)
    full_case(session.connection, FixedClock(today=CLOSED_ON))
    session.close()

    assert _run(monkeypatch, "term", "--maximum", "6") == 0
    assert "Bewaartermijn: 6 maanden" in capsys.readouterr().out
    assert _run(monkeypatch, "term", "--months", "9") == 2
    assert "niet langer zijn dan 6 maanden" in capsys.readouterr().err
    assert _run(monkeypatch, "term", "--months", "3") == 0
    capsys.readouterr()
    assert _run(monkeypatch, "retention") == 0
    out = capsys.readouterr().out
    assert "Bewaartermijn: 3 maanden na het afsluiten. Maximum van de organisatie: 6" in out
    assert "wordt verwijderd op 30 april 2026" in out


def test_the_unlock_says_in_one_line_what_retention_deleted(vault_dir, monkeypatch, capsys):
    session = vault_dir.unlock(TEST_PASSPHRASE)
    full_case(session.connection, FixedClock(today=CLOSED_ON))
    full_case(session.connection, FixedClock(today=CLOSED_ON))
    session.close()
    assert _run(monkeypatch, "retention", today=date(2027, 2, 1)) == 0
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [
        "2 afgesloten gesprekken zijn verwijderd: de bewaartermijn was voorbij."
    ]
    assert "Er zijn geen afgesloten gesprekken." in captured.out


def test_case_extend_reads_the_reason_from_stdin(vault_dir, monkeypatch, capsys):
    session = vault_dir.unlock(TEST_PASSPHRASE)
    case = full_case(session.connection, FixedClock(today=CLOSED_ON))
    code = session.connection.execute(
        "SELECT case_code FROM intake WHERE id = ?", (case,)
    ).fetchone()[0]
    session.close()
    stdin = f"{TEST_PASSPHRASE}\nBezwaar loopt nog\n"
    assert _run(monkeypatch, "extend", code, "--months", "2", stdin=stdin) == 0
    assert capsys.readouterr().out.strip() == f"{code} wordt nu op 31 maart 2027 verwijderd."
    assert _run(monkeypatch, "extend", code, stdin=f"{TEST_PASSPHRASE}\n   \n") == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "vindplaats: fout: Schrijf kort waarom dit gesprek langer bewaard blijft."
    ]
    session = vault_dir.unlock(TEST_PASSPHRASE)
    try:
        [scheduled] = RetentionStore(session.connection).schedule()
        assert scheduled.reason == "Bezwaar loopt nog"
    finally:
        session.close()


def test_the_commands_join_a_case_group_made_by_another_module():
    """``case export`` (app.cli.case_cmd) makes the group first on the main line."""
    import argparse

    from app.cli import add_command_group

    parser = argparse.ArgumentParser(prog="vindplaats")
    subparsers = parser.add_subparsers(dest="command")
    other = add_command_group(subparsers, "case", help="gesprek")
    other.add_parser("export")
    case_delete_cmd.register(subparsers)
    assert set(other.choices) == {"export", "delete", "retention", "extend", "term"}
    args = parser.parse_args(["case", "delete", "GC-2026-ABCD", "--yes"])
    assert args.handler is case_delete_cmd._delete
