"""Retention dates with a scripted clock: closing + term, the notice window, extensions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.clock import FixedClock
from app.core import retention
from app.core.retention import RetentionError, RetentionPolicy
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.retention import RetentionStore


def test_a_closed_case_is_deleted_twelve_months_after_closing_by_default():
    assert RetentionPolicy().term == 12
    assert retention.deletion_date(date(2026, 3, 15), 12) == date(2027, 3, 15)
    # the 31st becomes the last day of a shorter month, leap years included
    assert retention.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert retention.add_months(date(2027, 2, 28), 12) == date(2028, 2, 28)
    assert retention.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_the_advisor_may_choose_shorter_but_never_longer_than_the_maximum():
    policy = RetentionPolicy(maximum=6)
    assert policy.term == 6  # the default (12) is capped by the organisation's maximum
    assert policy.with_months(3).term == 3
    with pytest.raises(RetentionError) as refused:
        policy.with_months(9)
    assert "6 maanden" in str(refused.value)
    # a lower maximum shortens a term chosen earlier
    assert RetentionPolicy(months=10).with_maximum(4) == RetentionPolicy(4, 4)
    with pytest.raises(RetentionError):
        RetentionPolicy().with_months(0)


def test_the_notice_window_is_the_thirty_days_before_the_deletion():
    deletion = date(2027, 3, 15)
    assert not retention.in_notice(deletion, deletion - timedelta(days=31))
    assert retention.in_notice(deletion, deletion - timedelta(days=30))
    assert retention.in_notice(deletion, deletion - timedelta(days=1))
    assert not retention.in_notice(deletion, deletion)
    assert retention.is_due(deletion, deletion)
    assert not retention.is_due(deletion, deletion - timedelta(days=1))


def test_an_extension_needs_a_reason_and_a_sensible_number_of_months():
    with pytest.raises(RetentionError):
        retention.clean_reason("   ")
    with pytest.raises(RetentionError):
        retention.extended_until(date(2027, 1, 1), date(2026, 12, 1), 0)
    assert retention.extended_until(date(2027, 1, 1), date(2026, 12, 1), 3) == date(2027, 4, 1)
    # an overdue case (not yet deleted) is extended from today
    assert retention.extended_until(date(2027, 1, 1), date(2027, 2, 10), 1) == date(2027, 3, 10)


def test_the_schedule_follows_the_clock_from_closing_to_notice_to_extension(vault_session):
    clock = FixedClock(today=date(2026, 3, 15))
    connection = vault_session.connection
    intakes = IntakeRepository(connection, clock=clock)
    record = intakes.create(today=clock.today())
    intakes.set_status(record.id, IntakeStatus.CLOSED)
    store = RetentionStore(connection, clock=clock)

    [case] = store.schedule()
    assert (case.closed_on, case.deletion, case.extended) == (
        date(2026, 3, 15),
        date(2027, 3, 15),
        False,
    )
    clock.set(today=date(2027, 2, 12))  # 31 days ahead: no notice yet
    assert store.upcoming(clock.today()) == []
    clock.set(today=date(2027, 2, 13))  # 30 days ahead: notice
    assert [c.case_code for c in store.upcoming(clock.today())] == [record.case_code]

    until = store.extend(record.id, 3, "  Klacht nog in behandeling ", today=clock.today())
    assert until == date(2027, 6, 15)
    [case] = store.schedule()
    assert (case.deletion, case.reason) == (date(2027, 6, 15), "Klacht nog in behandeling")
    assert store.upcoming(clock.today()) == []
    # the audit log records that an extension happened, nothing about the case or the reason
    row = connection.execute(
        "SELECT event, detail FROM audit_log WHERE event = 'retention.extended'"
    ).fetchall()
    assert [tuple(r) for r in row] == [("retention.extended", "")]


def test_a_shorter_term_moves_the_date_and_reopening_stops_the_clock(vault_session):
    clock = FixedClock(today=date(2026, 3, 15))
    connection = vault_session.connection
    intakes = IntakeRepository(connection, clock=clock)
    record = intakes.create(today=clock.today())
    intakes.set_status(record.id, IntakeStatus.CLOSED)
    store = RetentionStore(connection, clock=clock)
    store.set_maximum(6)
    assert store.schedule()[0].deletion == date(2026, 9, 15)
    with pytest.raises(RetentionError):
        store.set_term(7)
    store.set_term(2)
    assert store.policy() == RetentionPolicy(2, 6)
    assert store.schedule()[0].deletion == date(2026, 5, 15)
    intakes.set_status(record.id, IntakeStatus.OPEN)
    assert store.schedule() == []
    clock.set(today=date(2026, 4, 1))
    intakes.set_status(record.id, IntakeStatus.CLOSED)  # closed again: the term starts again
    assert store.schedule()[0].deletion == date(2026, 6, 1)


def test_closing_twice_keeps_the_first_closing_day(vault_session):
    clock = FixedClock(today=date(2026, 3, 15))
    intakes = IntakeRepository(vault_session.connection, clock=clock)
    record = intakes.create(today=clock.today())
    intakes.set_status(record.id, IntakeStatus.CLOSED)
    clock.set(today=date(2026, 5, 1))
    intakes.set_status(record.id, IntakeStatus.CLOSED)
    store = RetentionStore(vault_session.connection, clock=clock)
    assert store.schedule()[0].closed_on == date(2026, 3, 15)
