"""The tidy long CSV of a signal export or a city merge: one row per published number.

For research tools (DuckDB, pandas, R, Excel's Power Query): UTF-8 without BOM, comma as
separator, one header line, LF line ends, no metadata lines. The columns are documented in
``resources/schemas/signal-long.md``; :data:`LONG_COLUMNS` is their order.

Every row is a number the export (or merge) publishes, in the same place: nothing is added,
nothing is recomputed. A suppressed number has an empty ``count`` and ``suppressed`` true, so
the file holds exactly what the JSON holds and no suppressed count can be worked out from it
any more than from the JSON.

Totals are rows too, with category ``totaal``; a number over the whole export period (the
breakdowns, the totals per category) has the period as an ISO interval (``2026-01-01/
2026-06-30``) instead of a period key. Summing ``count`` over rows of one measure therefore
needs ``category <> 'totaal'``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from typing import Any

from app.core.signals import Catalogue, IsoWeek
from app.documents.signal_export import _CSV_FORMULA_START, key_label
from app.i18n import _

LONG_COLUMNS = (
    "period",
    "period_start",
    "period_end",
    "sector",
    "measure",
    "category",
    "category_label",
    "count",
    "suppressed",
    "k",
    "export_ids",
)
TOTAL = "totaal"  # the category of a total row; never a category or breakdown key
CITY_SECTOR = "alle"
SECTOR_MEASURE = "signals_by_sector"


def _text(value: str) -> str:
    # A department name is the advisor's own text: never let Excel run it as a formula.
    return "'" + value if value.startswith(_CSV_FORMULA_START) else value


def period_bounds(key: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period key: an ISO week (Monday-Sunday), a calendar month or a
    calendar quarter. (A week is counted in the month or quarter of its Thursday.)"""
    year_text, _sep, rest = key.partition("-")
    year = int(year_text)
    if rest.startswith("W"):
        monday = IsoWeek(year, int(rest[1:])).monday()
        return monday, monday + dt.timedelta(days=6)
    if rest.startswith("Q"):
        first_month = (int(rest[1:]) - 1) * 3 + 1
        last_month = first_month + 2
    else:
        first_month = last_month = int(rest)
    last_day = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


def _iso_bounds(key: str) -> tuple[str, str]:
    first, last = period_bounds(key)
    return first.isoformat(), last.isoformat()


def long_rows(
    document: Mapping[str, Any],
    catalogue: Catalogue,
    route_names: Mapping[str, str] | None = None,
) -> Iterator[dict[str, str]]:
    """The rows of the long table, in a stable order (signals, breakdowns, Geldclinic, sectors)."""
    period = document["period"]
    whole = (period["from"], period["to"])
    whole_key = f"{whole[0]}/{whole[1]}"
    k = str(document["suppression"]["k"])
    is_city = "merge" in document
    sector = CITY_SECTOR if is_city else document["organisation"]["sector"]
    ids = " ".join(document["merge"]["export_ids"] if is_city else [document["export_id"]])
    total_label = _("Totaal")

    def row(
        key: str,
        bounds: tuple[str, str],
        where: str,
        measure: str,
        category: str,
        label: str,
        value: int | None,
    ) -> dict[str, str]:
        return {
            "period": key,
            "period_start": bounds[0],
            "period_end": bounds[1],
            "sector": where,
            "measure": measure,
            "category": _text(category),
            "category_label": _text(label),
            "count": "" if value is None else str(value),
            "suppressed": "true" if value is None else "false",
            "k": k,
            "export_ids": ids,
        }

    table = document["signals"]["by_period"]
    columns = [(c, _iso_bounds(c)) for c in table["columns"]]
    for i, category in enumerate(table["rows"]):
        label = catalogue.label(category)
        for j, (key, bounds) in enumerate(columns):
            yield row(key, bounds, sector, "signals", category, label, table["cells"][i][j])
    for j, (key, bounds) in enumerate(columns):
        yield row(key, bounds, sector, "signals", TOTAL, total_label, table["column_totals"][j])
    for i, category in enumerate(table["rows"]):
        label = catalogue.label(category)
        yield row(whole_key, whole, sector, "signals", category, label, table["row_totals"][i])
    yield row(whole_key, whole, sector, "signals", TOTAL, total_label, table["total"])

    one_way = list(document["signals"]["breakdowns"].items())
    if document["geldclinic"]["available"]:
        one_way += list(document["geldclinic"]["tables"].items())
    for name, one in one_way:
        for key, value in zip(one["keys"], one["counts"], strict=True):
            yield row(
                whole_key,
                whole,
                sector,
                name,
                key,
                key_label(name, key, catalogue, route_names),
                value,
            )
        yield row(whole_key, whole, sector, name, TOTAL, total_label, one["total"])

    if is_city:
        by_sector = document["merge"]["by_sector"]
        for i, where in enumerate(by_sector["rows"]):
            for j, category in enumerate(by_sector["columns"]):
                value = by_sector["cells"][i][j]
                label = catalogue.label(category)
                yield row(whole_key, whole, where, SECTOR_MEASURE, category, label, value)
            value = by_sector["row_totals"][i]
            yield row(whole_key, whole, where, SECTOR_MEASURE, TOTAL, total_label, value)


def to_long_csv_bytes(
    document: Mapping[str, Any],
    catalogue: Catalogue,
    route_names: Mapping[str, str] | None = None,
) -> bytes:
    """The long table as CSV: UTF-8 (no BOM), comma, one header line, LF."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LONG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(long_rows(document, catalogue, route_names))
    return buffer.getvalue().encode("utf-8")
