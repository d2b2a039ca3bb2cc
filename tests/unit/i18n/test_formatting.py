"""Money, dates and weeks look the way a Dutch (or English, Polish...) reader expects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.i18n import set_language
from app.i18n.formatting import (
    format_date,
    format_date_short,
    format_money,
    format_month,
    format_number,
    format_percent,
    format_week,
)

NBSP = "\xa0"


@pytest.fixture(autouse=True)
def _dutch():
    set_language("nl")
    yield
    set_language("nl")


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_money_in_dutch():
    assert plain(format_money(Decimal("1234.56"))) == "€ 1.234,56"
    assert plain(format_money(1234)) == "€ 1.234,00"
    assert plain(format_money(0.1)) == "€ 0,10"
    assert plain(format_money(Decimal("0.005"))) == "€ 0,01"  # half up, as on paper
    assert plain(format_money(Decimal("2499.5"), cents=False)) == "€ 2.500"


def test_money_keeps_euro_sign_and_amount_together():
    assert NBSP in format_money(Decimal("1234.56"))


def test_money_follows_the_active_language():
    set_language("en")
    assert format_money(Decimal("1234.56")) == "€1,234.56"
    assert plain(format_money(Decimal("1234.56"), language="pl")) == "1 234,56 €"


def test_dates_in_dutch():
    day = dt.date(2026, 11, 29)
    assert format_date(day) == "29 november 2026"
    assert format_date(day, weekday=True) == "zondag 29 november 2026"
    assert format_date_short(day) == "29-11-2026"
    assert format_month(2026, 11) == "november 2026"
    assert format_date(day, language="tr") == "29 Kasım 2026"


def test_week_has_no_thousands_separator():
    assert format_week(2026, 48) == "week 48, 2026"


def test_numbers_and_percentages():
    assert format_number(1234.5) == "1.234,5"
    assert format_number(2, decimals=1) == "2,0"
    assert format_percent(0.25) == "25%"
    assert format_percent(Decimal("0.255"), decimals=1) == "25,5%"


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False))
def test_money_round_trips_through_dutch_notation(amount):
    text = plain(format_money(amount))
    digits = text.replace("€ ", "").replace(".", "").replace(",", ".")
    assert Decimal(digits) == amount
