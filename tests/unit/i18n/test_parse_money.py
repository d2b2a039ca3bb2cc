"""Amounts are read and shown in the notation of the active language (Babel), and the other
separator is accepted where that is unambiguous."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.i18n.formatting import amount_example, format_amount, parse_money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250,00", "1250.00"),
        ("1250,5", "1250.50"),
        ("€ 850,-", "850.00"),
        ("1.250", "1250.00"),  # Dutch thousands
        ("1250.50", "1250.50"),  # the other separator: not three digits, so a decimal mark
        ("1,250.00", "1250.00"),  # both separators: the last one is the decimal mark
        ("12.345.678", "12345678.00"),
        ("1 250,00", "1250.00"),
    ],
)
def test_dutch_notation(text, amount):
    assert parse_money(text, language="nl") == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,250.00", "1250.00"),
        ("1250.5", "1250.50"),
        ("1,250", "1250.00"),  # English thousands
        ("1250,50", "1250.50"),  # the other separator, unambiguous
        ("1.250,00", "1250.00"),
        ("€1,340.00", "1340.00"),
    ],
)
def test_english_notation(text, amount):
    assert parse_money(text, language="en") == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "-5", "0,005", "1,,2", "12,34,5"])
def test_unreadable_amounts(text):
    assert parse_money(text, language="nl") is None
    assert parse_money(text, language="en") is None


def test_ambiguous_three_decimals_are_not_guessed():
    # "1,250" is 1,25 in Dutch with three decimals: not an amount; in English it is 1250.
    assert parse_money("1,250", language="nl") is None
    assert parse_money("1.250", language="en") is None


def test_polish_and_arabic_digits():
    assert parse_money("1 250,00", language="pl") == Decimal("1250.00")
    grouped = format_amount(Decimal("1340"), grouped=True, language="pl")
    assert parse_money(grouped, language="pl") == 1340
    assert parse_money("١٢٥٠٫٥", language="ar") == Decimal("1250.50")


@pytest.mark.parametrize("language", ["nl", "en", "tr", "pl", "ar"])
def test_shown_amounts_read_back(language):
    for grouped in (False, True):
        shown = format_amount(Decimal("1340"), grouped=grouped, language=language)
        assert parse_money(shown, language=language) == Decimal("1340.00")
    assert parse_money(amount_example(language), language=language) == Decimal("1250.00")


def test_hint_and_amount_follow_the_locale():
    assert format_amount(Decimal("1340"), language="nl") == "1340,00"
    assert format_amount(Decimal("1340"), language="en") == "1340.00"
    assert format_amount(Decimal("1340"), grouped=True, language="nl") == "1.340,00"
    assert format_amount(Decimal("1340"), grouped=True, language="en") == "1,340.00"
    assert amount_example("en") == "1,250.00"
    assert amount_example("nl") == "1.250,00"
