"""Money, dates, weeks and numbers in the conventions of the active language (Babel).

Never build these with f-strings: ``format_money(Decimal("1234.56"))`` gives ``"€ 1.234,56"`` in
Dutch and ``"€1,234.56"`` in English.

Note: Babel (CLDR) puts a NO-BREAK SPACE (U+00A0) between the euro sign and the amount, so a
wrapped label or PDF paragraph never separates them. In tests compare with the helper's own
output (``format_money(x) in text``) or normalise with ``text.replace("\\xa0", " ")``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale, dates, numbers

from app.i18n import current_language, current_translator, translator

# Whose conventions each UI language follows. The pseudo-locale ``xx`` formats like Dutch.
_LOCALES = {
    "nl": "nl_NL",
    "en": "en_GB",
    "tr": "tr_TR",
    "pl": "pl_PL",
    "ar": "ar",
    "xx": "nl_NL",
}
_CENT = Decimal("0.01")


def locale_for(language: str | None = None) -> Locale:
    """The Babel locale used to format for ``language`` (default: the active language)."""
    code = language or current_language()
    return Locale.parse(_LOCALES.get(code, "nl_NL"))


def _to_decimal(amount: Decimal | int | float) -> Decimal:
    if isinstance(amount, Decimal):
        return amount
    if isinstance(amount, float):
        # repr() gives the shortest exact-looking text, so 0.1 stays 0.1, not 0.1000000000000000055
        return Decimal(repr(amount))
    return Decimal(int(amount))


def format_money(
    amount: Decimal | int | float, *, cents: bool = True, language: str | None = None
) -> str:
    """``€ 1.234,56`` (nl). ``cents=False`` rounds to whole euros: ``€ 1.235``.

    Rounds half up (0,005 → 0,01), as people expect from money on paper.
    """
    value = _to_decimal(amount)
    locale = locale_for(language)
    if cents:
        value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
        return numbers.format_currency(value, "EUR", locale=locale)
    value = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    pattern = locale.currency_formats["standard"].pattern
    whole = pattern.split(";")[0].replace("#,##0.00", "#,##0")
    return numbers.format_currency(value, "EUR", format=whole, locale=locale, currency_digits=False)


def format_number(
    value: Decimal | int | float, *, decimals: int | None = None, language: str | None = None
) -> str:
    """``1.234,5`` (nl). With ``decimals`` the number is shown with exactly that many."""
    locale = locale_for(language)
    if decimals is None:
        return numbers.format_decimal(value, locale=locale)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return numbers.format_decimal(rounded, format=pattern, locale=locale)


def format_percent(
    fraction: Decimal | int | float, *, decimals: int = 0, language: str | None = None
) -> str:
    """``format_percent(0.25)`` → ``25%``. The argument is a fraction, not a percentage."""
    locale = locale_for(language)
    pattern = locale.percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals)
    return numbers.format_percent(
        fraction, format=pattern, locale=locale, decimal_quantization=True
    )


def format_date(day: _dt.date, *, weekday: bool = False, language: str | None = None) -> str:
    """``29 november 2026`` (nl); with ``weekday=True``: ``zondag 29 november 2026``."""
    if isinstance(day, _dt.datetime):
        day = day.date()
    return dates.format_date(day, "full" if weekday else "long", locale=locale_for(language))


def format_date_short(day: _dt.date, *, language: str | None = None) -> str:
    """``29-11-2026`` (nl), ``29/11/2026`` (en)."""
    if isinstance(day, _dt.datetime):
        day = day.date()
    locale = locale_for(language)
    # CLDR "short" uses two-digit years in some locales; a letter needs the full year.
    pattern = locale.date_formats["short"].pattern
    if "yyyy" not in pattern and "y" in pattern:
        pattern = pattern.replace("yy", "y")
    return dates.format_date(day, pattern, locale=locale)


def format_time(moment: _dt.time | _dt.datetime, *, language: str | None = None) -> str:
    """``14:05`` (nl)."""
    return dates.format_time(moment, "short", locale=locale_for(language))


def format_datetime(moment: _dt.datetime, *, language: str | None = None) -> str:
    """``29 november 2026 14:05`` (nl): long date with a short time, in local conventions."""
    locale = locale_for(language)
    joiner = str(locale.datetime_formats.get("medium", "{1} {0}"))
    if "{0}" not in joiner or "{1}" not in joiner:
        joiner = "{1} {0}"
    return joiner.replace("{1}", format_date(moment, language=language)).replace(
        "{0}", format_time(moment, language=language)
    )


def format_week(iso_year: int, iso_week: int, *, language: str | None = None) -> str:
    """``week 48, 2026`` (nl). Plain digits: never ``2.026``."""
    t = translator(language) if language else current_translator()
    return t.gettext("week {week}, {year}").format(week=iso_week, year=iso_year)


def format_month(year: int, month: int, *, language: str | None = None) -> str:
    """``november 2026`` (nl), for report periods."""
    locale = locale_for(language)
    return dates.format_skeleton("yMMMM", _dt.date(year, month, 1), locale=locale)
