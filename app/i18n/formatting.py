"""Money, dates, weeks and numbers in the conventions of the active language (Babel).

Never build these with f-strings: ``format_money(Decimal("1234.56"))`` gives ``"€ 1.234,56"`` in
Dutch and ``"€1,234.56"`` in English.

Note: Babel (CLDR) puts a NO-BREAK SPACE (U+00A0) between the euro sign and the amount, so a
wrapped label or PDF paragraph never separates them. In tests compare with the helper's own
output (``format_money(x) in text``) or normalise with ``text.replace("\\xa0", " ")``.
"""

from __future__ import annotations

import datetime as _dt
import re
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


# Digits and separators people may type that Babel's Latin-digit locales do not use.
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬",  # Arabic-Indic and Persian digits, Arabic decimal and group
    "01234567890123456789.,",
)
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'", "’")  # group marks, as in "1 250" (pl)
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


def parse_money(text: str, *, language: str | None = None) -> Decimal | None:
    """Read an amount as typed in the active language; ``None`` when it cannot be read.

    Babel's ``parse_decimal`` reads the locale's own notation (``1.250,00`` in Dutch,
    ``1,250.00`` in English, ``1 250,00`` in Polish). The other separator is accepted where
    that is unambiguous: with both ``.`` and ``,`` the last one is the decimal mark; a single
    separator followed by other than three digits (``1250.5`` in Dutch, ``1250,50`` in English)
    is a decimal mark. A single separator followed by exactly three digits keeps the locale's
    meaning (``1.250`` is 1250 in Dutch, 1.25 in English). A euro sign, ``EUR`` and a closing
    ``,-`` are ignored; negative amounts and more than two decimals are not money here.
    """
    locale = locale_for(language)
    decimal_mark = numbers.get_decimal_symbol(locale)
    group_mark = numbers.get_group_symbol(locale)
    cleaned = text.translate(_DIGITS).replace("€", "").replace("EUR", "").replace("eur", "")
    if group_mark not in ".,":  # a space-like group mark (pl): spaces group the digits
        for space in _SPACES:
            cleaned = cleaned.replace(space, "X")
        cleaned = cleaned.strip("X")
    else:
        for space in _SPACES:
            cleaned = cleaned.replace(space, "")
    for ending in (",-", ".-", ",--", ".--"):
        if cleaned.endswith(ending):
            cleaned = cleaned[: -len(ending)]
    if not cleaned or not re.fullmatch(r"[\d.,X]+", cleaned):
        return None
    last_dot, last_comma = cleaned.rfind("."), cleaned.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_at = max(last_dot, last_comma)
    else:
        mark = "." if last_dot >= 0 else "," if last_comma >= 0 else ""
        decimal_at = -1
        if mark and cleaned.count(mark) == 1:
            after = len(cleaned) - cleaned.index(mark) - 1
            if mark == decimal_mark or after != 3:
                decimal_at = cleaned.index(mark)
    whole, fraction = (
        (cleaned[:decimal_at], cleaned[decimal_at + 1 :]) if decimal_at >= 0 else (cleaned, "")
    )
    if not whole:
        whole = "0"
    if not fraction.isdigit() and fraction:
        return None
    if len(fraction) > 2:
        return None
    grouped = whole.replace(".", "X").replace(",", "X")
    if "X" in grouped and not _GROUPED.match(grouped):
        return None
    if not grouped.replace("X", "").isdigit():
        return None
    # In the locale's own notation, so Babel checks it as it would any typed number.
    local = grouped.replace("X", group_mark) + (decimal_mark + fraction if fraction else "")
    try:
        value = numbers.parse_decimal(local, locale=locale, strict=True)
    except numbers.NumberFormatError:
        return None
    return value.quantize(_CENT)


def format_amount(value: Decimal, *, grouped: bool = False, language: str | None = None) -> str:
    """An amount for an edit field, without the euro sign: ``1340,00`` (nl), ``1340.00`` (en);
    ``grouped=True``: ``1.340,00`` (nl), ``1,340.00`` (en)."""
    locale = locale_for(language)
    rounded = _to_decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    return numbers.format_decimal(rounded, format="#,##0.00" if grouped else "0.00", locale=locale)


def amount_example(language: str | None = None) -> str:
    """An example amount in the locale's notation for hints: ``1.250,00`` (nl), ``1,250.00``."""
    return format_amount(Decimal("1250"), grouped=True, language=language)
