"""The signal log in a real SQLCipher vault."""

from __future__ import annotations

import pytest

from app.core.concepts.age import AgeBand
from app.core.signals import IsoWeek, Signal, Source
from app.core.suppression import DEFAULT_K
from app.store.signals import (
    SignalLocked,
    SignalRepository,
    SignalSettings,
    load_settings,
    save_settings,
)

WEEK = IsoWeek(2026, 48)


def test_add_list_and_count(vault_session):
    repo = SignalRepository(vault_session.connection)
    first = repo.add(Signal("loonbeslag", 2026, 47, Source.ADMINISTRATION), logged_in=WEEK)
    repo.add(
        Signal(
            "scheiding", 2026, 48, Source.EMPLOYEE, "Productie", AgeBand.FROM_18_TO_27, None, True
        ),
        logged_in=WEEK,
    )
    listed = repo.list_signals()
    assert [s.signal.category for s in listed] == ["scheiding", "loonbeslag"]
    assert repo.get(first).signal.iso_week == 47
    counts = repo.week_counts(IsoWeek(2026, 1), IsoWeek(2026, 52))
    assert {(c.category, c.iso_week, c.count) for c in counts} == {
        ("loonbeslag", 47, 1),
        ("scheiding", 48, 1),
    }
    parts = repo.breakdowns(IsoWeek(2026, 1), IsoWeek(2026, 52))
    assert parts["department"] == {"onbekend": 1, "Productie": 1}
    assert parts["conversation_offered"] == {"onbekend": 1, "ja": 1}
    assert repo.week_bounds() == (IsoWeek(2026, 47), IsoWeek(2026, 48))


def test_change_and_delete_only_in_the_same_week(vault_session):
    repo = SignalRepository(vault_session.connection)
    signal_id = repo.add(Signal("loonbeslag", 2026, 48, Source.COLLEAGUE), logged_in=WEEK)
    changed = Signal("lening-bij-werkgever", 2026, 48, Source.COLLEAGUE)
    repo.update(signal_id, changed, current_week=WEEK)
    assert repo.get(signal_id).signal.category == "lening-bij-werkgever"
    with pytest.raises(SignalLocked):
        repo.update(signal_id, changed, current_week=IsoWeek(2026, 49))
    with pytest.raises(SignalLocked):
        repo.delete(signal_id, current_week=IsoWeek(2026, 49))
    deleted = repo.delete(signal_id, current_week=WEEK)
    assert repo.count() == 0
    repo.restore(deleted)
    assert repo.get(signal_id).signal == changed


def test_settings_round_trip_and_k_floor(vault_session):
    conn = vault_session.connection
    assert load_settings(conn) == SignalSettings((), DEFAULT_K, None)
    save_settings(conn, SignalSettings(("Schoonmaak Noord", "Kantoor"), 7, "schoonmaak"))
    assert load_settings(conn) == SignalSettings(("Schoonmaak Noord", "Kantoor"), 7, "schoonmaak")
    with pytest.raises(ValueError):
        save_settings(conn, SignalSettings((), 4, None))
    assert load_settings(conn).k == 7


def test_database_refuses_a_day_or_unknown_source(vault_session):
    conn = vault_session.connection
    with pytest.raises(Exception):  # noqa: B017 - sqlcipher3.IntegrityError
        conn.execute(
            "INSERT INTO signal (category, week_key, source, logged_week_key) "
            "VALUES ('x', 20261129, 'medewerker', 202648)"
        )
    conn.rollback()


def test_running_tally_matches_a_fresh_count(vault_session):
    import random

    from app.core.concepts.contract import ContractType

    conn = vault_session.connection
    repo = SignalRepository(conn)
    rng = random.Random(5)
    ids = []
    for _ in range(60):
        signal = Signal(
            rng.choice(["loonbeslag", "scheiding", "baanverlies"]),
            2026,
            rng.randint(45, 48),
            rng.choice(list(Source)),
            rng.choice([None, "Productie"]),
            rng.choice([None, AgeBand.FROM_28_TO_45]),
            rng.choice([None, ContractType.AGENCY]),
            rng.choice([None, True, False]),
        )
        ids.append(repo.add(signal, logged_in=WEEK))
    for signal_id in ids[:10]:
        repo.delete(signal_id, current_week=WEEK)
    for signal_id in ids[10:20]:
        repo.update(
            signal_id,
            Signal("loonbeslag", 2026, 46, Source.EMPLOYEE, None, None, None, True),
            current_week=WEEK,
        )
    first, last = IsoWeek(2026, 1), IsoWeek(2026, 52)
    fresh = conn.execute("SELECT category, week_key, count(*) FROM signal GROUP BY 1, 2").fetchall()
    assert sorted(
        (c.category, c.iso_year * 100 + c.iso_week, c.count) for c in repo.week_counts(first, last)
    ) == sorted(fresh)
    parts = repo.breakdowns(first, last)
    for column in ("source", "department", "age_band", "contract_type"):
        rows = conn.execute(
            f"SELECT coalesce({column}, 'onbekend'), count(*) FROM signal GROUP BY 1"
        ).fetchall()
        assert parts[column] == dict(rows)
    yes = conn.execute("SELECT count(*) FROM signal WHERE conversation_offered = 1").fetchone()[0]
    assert parts["conversation_offered"].get("ja", 0) == yes
