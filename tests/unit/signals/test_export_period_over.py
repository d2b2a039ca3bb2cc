"""An export covers only a period whose last week is over: exported again later it gives the
same counts, and no day of it is left out quietly."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.export_periods import is_over, period_days, require_period_over
from app.core.signals import SignalError
from app.documents.signal_export import prepare_export
from app.shipped import load_shipped
from app.store.export_inputs import read_export_inputs


def test_the_days_of_a_month_are_its_thursday_weeks():
    assert period_days(dt.date(2026, 12, 1), dt.date(2026, 12, 31)) == (
        dt.date(2026, 11, 30),
        dt.date(2027, 1, 3),
    )
    assert period_days(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == (
        dt.date(2025, 12, 29),
        dt.date(2026, 2, 1),
    )


def test_a_period_is_over_after_the_sunday_of_its_last_week():
    december = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert not is_over(*december, dt.date(2026, 12, 1))
    assert not is_over(*december, dt.date(2027, 1, 3))
    assert is_over(*december, dt.date(2027, 1, 4))


def test_exporting_a_period_that_runs_on_is_refused_in_plain_dutch(vault_session):
    with pytest.raises(SignalError) as caught:
        require_period_over(dt.date(2026, 12, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 1))
    assert str(caught.value) == (
        "Deze periode is nog niet voorbij: de laatste week loopt tot en met 2027-01-03. "
        "Exporteer haar na die zondag, dan telt elke dag mee."
    )
    inputs = read_export_inputs(
        vault_session.connection, dt.date(2026, 11, 1), dt.date(2026, 12, 31)
    )
    with pytest.raises(SignalError):
        prepare_export(inputs, today=dt.date(2026, 12, 1), catalogue=load_shipped().catalogue)
    document = prepare_export(inputs, today=dt.date(2027, 1, 4), catalogue=load_shipped().catalogue)
    assert document["period"]["last_week"] == "2026-W53"
