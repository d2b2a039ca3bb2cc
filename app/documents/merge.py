"""City-wide view for the municipality: merge signal exports of many employers.

Every input must be a valid, unchanged export (schema, content hash); a file that is not is
refused with one clear line and the merge goes on with the others. An export that was already
read (same export id) is skipped. Exports with different periods or granularities are merged
at the coarsest granularity among them (a week goes to the month/quarter of its Thursday).

A city count is the sum of the employers' published counts. When any employer hid its count
for that cell, the city cell is unknown too: we never guess. Suppression then runs again at
city level (k of the city, never below 5), protecting the unknown cells like suppressed ones.
Because every city number is a sum of numbers that were already published, the merge cannot
reveal anything an employer's export did not.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import __version__
from app.core.bounded import one_line
from app.core.signals import Catalogue, Granularity, IsoWeek
from app.core.suppression import (
    DEFAULT_K,
    OneWayTable,
    TwoWayTable,
    suppress_one_way_known,
    suppress_two_way_known,
    validate_k,
)
from app.documents.signal_export import (
    EXPORT_MAX_BYTES,
    SCHEMA_VERSION,
    ExportInvalid,
    content_hash,
    parse_document,
)
from app.i18n import _

CITY_KIND = "vindplaats.city-merge"
# Department names differ per employer, so a city view makes no sense for them.
CITY_BREAKDOWNS = ("source", "age_band", "contract_type", "conversation_offered")
_ORDER = {Granularity.WEEK: 0, Granularity.MONTH: 1, Granularity.QUARTER: 2}
# Sectors with fewer exports than this are shown together, so no sector row is one employer.
MIN_EXPORTS_PER_SECTOR = 3
SMALL_SECTORS = "kleine-sectoren"


@dataclass
class MergeResult:
    document: dict[str, Any] | None
    accepted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one Dutch line each
    refused: list[str] = field(default_factory=list)  # one Dutch line each

    def report_lines(self) -> list[str]:
        lines = [_("{name}: samengevoegd").format(name=name) for name in self.accepted]
        return lines + self.skipped + self.refused


def coarsen(key: str, target: Granularity) -> str:
    """A period key at a coarser granularity (``2026-W05`` -> ``2026-01`` -> ``2026-Q1``)."""
    year_text, _sep, rest = key.partition("-")
    if rest.startswith("W"):
        return IsoWeek(int(year_text), int(rest[1:])).period(target)
    if rest.startswith("Q") or target == Granularity.MONTH:
        return key
    return f"{year_text}-Q{(int(rest) - 1) // 3 + 1}"


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _sum_one_way(tables: Iterable[Mapping[str, Any]]) -> tuple[list[str], list, int | None]:
    keys: list[str] = []
    sums: dict[str, int | None] = {}
    total: int | None = 0
    for table in tables:
        for key, value in zip(table["keys"], table["counts"], strict=True):
            if key not in sums:
                keys.append(key)
                sums[key] = 0
            sums[key] = _add(sums[key], value)
        total = _add(total, table["total"])
    return keys, [sums[key] for key in keys], total


def _one_way_dict(table: OneWayTable) -> dict[str, Any]:
    return {"keys": list(table.keys), "counts": list(table.counts), "total": table.total}


def _two_way_dict(table: TwoWayTable) -> dict[str, Any]:
    return {
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": [list(r) for r in table.cells],
        "row_totals": list(table.row_totals),
        "column_totals": list(table.column_totals),
        "total": table.total,
    }


def read_exports(paths: Sequence[Path]) -> tuple[list[tuple[str, dict[str, Any]]], MergeResult]:
    """Read and check the files; returns the good ones and a result holding the refusals."""
    result = MergeResult(document=None)
    seen: set[str] = set()
    good: list[tuple[str, dict[str, Any]]] = []
    for path in paths:
        name = one_line(Path(path).name, 80)
        try:
            with Path(path).open("rb") as stream:
                data = stream.read(EXPORT_MAX_BYTES + 1)  # parse_document refuses a larger one
        except OSError:
            result.refused.append(
                _("{name}: geweigerd, het bestand is niet te lezen").format(name=name)
            )
            continue
        try:
            document = parse_document(data)
        except ExportInvalid as error:
            result.refused.append(
                _("{name}: geweigerd, {reason}").format(name=name, reason=str(error))
            )
            continue
        if document["export_id"] in seen:
            result.skipped.append(
                _("{name}: overgeslagen, deze export is al meegeteld (zelfde export-id)").format(
                    name=name
                )
            )
            continue
        seen.add(document["export_id"])
        good.append((name, document))
        result.accepted.append(name)
    return good, result


def merge_documents(
    documents: Sequence[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    k: int = DEFAULT_K,
    created: dt.date | None = None,
    min_exports_per_sector: int = MIN_EXPORTS_PER_SECTOR,
) -> dict[str, Any]:
    """The city-wide document (same shape as an export, plus a ``merge`` part)."""
    validate_k(k)
    per_sector: dict[str, int] = {}
    for document in documents:
        sector = document["organisation"]["sector"]
        per_sector[sector] = per_sector.get(sector, 0) + 1

    def sector_of(document: Mapping[str, Any]) -> str:
        # A sector with very few employers would show one employer's own figures.
        sector = document["organisation"]["sector"]
        return sector if per_sector[sector] >= min_exports_per_sector else SMALL_SECTORS

    if not documents:
        raise ValueError("nothing to merge")
    target = max((Granularity(d["period"]["granularity"]) for d in documents), key=_ORDER.get)

    # -- categories x periods --------------------------------------------------------------
    rows: list[str] = [c.id for c in catalogue.categories]
    columns: set[str] = set()
    cells: dict[tuple[str, str], int | None] = {}
    row_totals: dict[str, int | None] = {}
    column_totals: dict[str, int | None] = {}
    total: int | None = 0
    for document in documents:
        table = document["signals"]["by_period"]
        mapped = [coarsen(c, target) for c in table["columns"]]
        columns.update(mapped)
        for i, category in enumerate(table["rows"]):
            if category not in rows:
                rows.append(category)
            row_totals[category] = _add(row_totals.get(category, 0), table["row_totals"][i])
            for j, period in enumerate(mapped):
                key = (category, period)
                cells[key] = _add(cells.get(key, 0), table["cells"][i][j])
        for j, period in enumerate(mapped):
            column_totals[period] = _add(column_totals.get(period, 0), table["column_totals"][j])
        total = _add(total, table["total"])
    ordered = sorted(columns)

    # -- sector x category -----------------------------------------------------------------
    sectors = sorted({sector_of(d) for d in documents})
    sector_cells: dict[tuple[str, str], int | None] = {}
    sector_totals: dict[str, int | None] = {}
    for document in documents:
        sector = sector_of(document)
        table = document["signals"]["by_period"]
        for i, category in enumerate(table["rows"]):
            key = (sector, category)
            sector_cells[key] = _add(sector_cells.get(key, 0), table["row_totals"][i])
        sector_totals[sector] = _add(sector_totals.get(sector, 0), table["total"])

    # Both city tables share the category totals (and the grand total): what one hides, the
    # other must hide too, or the hidden number could be read off the other table.
    hidden_totals: set[int] = set()
    hide_grand = False
    while True:
        by_period = suppress_two_way_known(
            rows,
            ordered,
            [[cells.get((r, c), 0) for c in ordered] for r in rows],
            [None if i in hidden_totals else row_totals.get(r, 0) for i, r in enumerate(rows)],
            [column_totals.get(c, 0) for c in ordered],
            None if hide_grand else total,
            k,
        )
        by_sector = suppress_two_way_known(
            sectors,
            rows,
            [[sector_cells.get((s, r), 0) for r in rows] for s in sectors],
            [sector_totals.get(s, 0) for s in sectors],
            [
                None if i in hidden_totals or by_period.row_totals[i] is None else t
                for i, t in enumerate(row_totals.get(r, 0) for r in rows)
            ],
            None if by_period.total is None else total,
            k,
        )
        now_hidden = {i for i, t in enumerate(by_period.row_totals) if t is None}
        now_hidden |= {i for i, t in enumerate(by_sector.column_totals) if t is None}
        now_grand = by_period.total is None or by_sector.total is None
        if now_hidden == hidden_totals and now_grand == hide_grand:
            break
        hidden_totals, hide_grand = now_hidden, now_grand

    # -- one-way breakdowns ------------------------------------------------------------------
    breakdowns: dict[str, Any] = {}
    for name in CITY_BREAKDOWNS:
        keys, counts, part_total = _sum_one_way(
            d["signals"]["breakdowns"][name]
            for d in documents
            if name in d["signals"]["breakdowns"]
        )
        breakdowns[name] = _one_way_dict(suppress_one_way_known(keys, counts, part_total, k))
    if by_period.total is None:  # tables that share the grand total agree on hiding it
        for name in CITY_BREAKDOWNS:
            table = breakdowns[name]
            breakdowns[name] = _one_way_dict(
                suppress_one_way_known(table["keys"], table["counts"], None, k)
            )
    clinic_tables: dict[str, Any] = {}
    names = sorted({n for d in documents for n in d["geldclinic"]["tables"]})
    for name in names:
        keys, counts, part_total = _sum_one_way(
            d["geldclinic"]["tables"][name] for d in documents if name in d["geldclinic"]["tables"]
        )
        clinic_tables[name] = _one_way_dict(suppress_one_way_known(keys, counts, part_total, k))

    first = min(d["period"]["first_week"] for d in documents)
    last = max(d["period"]["last_week"] for d in documents)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": CITY_KIND,
        "export_id": str(uuid.uuid4()),
        "created_week": str(IsoWeek.of(created or dt.date.today())),
        "generator": f"vindplaats {__version__}",
        "period": {
            "from": min(d["period"]["from"] for d in documents),
            "to": max(d["period"]["to"] for d in documents),
            "first_week": first,
            "last_week": last,
            "granularity": str(target),
        },
        "organisation": {"sector": "alle"},
        "suppression": {
            "k": k,
            "zeros_published": True,
            "complementary": True,
            "method": "sums of published employer counts; unknown when any employer hid it",
        },
        "catalogue": {
            "version": catalogue.version,
            "categories": [{"id": c.id, "group": c.group} for c in catalogue.categories],
        },
        "signals": {"by_period": _two_way_dict(by_period), "breakdowns": breakdowns},
        "geldclinic": {
            "available": any(d["geldclinic"]["available"] for d in documents),
            "tables": clinic_tables,
        },
        "merge": {
            "exports": len(documents),
            "export_ids": sorted(d["export_id"] for d in documents),
            "exports_per_sector": {
                s: sum(1 for d in documents if sector_of(d) == s) for s in sectors
            },
            "by_sector": _two_way_dict(by_sector),
        },
    }
    document["content_sha256"] = content_hash(document)
    return document


def merge_files(
    paths: Sequence[Path],
    catalogue: Catalogue,
    *,
    k: int = DEFAULT_K,
    created=None,
    min_exports_per_sector: int = MIN_EXPORTS_PER_SECTOR,
) -> MergeResult:
    good, result = read_exports(paths)
    if good:
        result.document = merge_documents(
            [document for _name, document in good],
            catalogue,
            k=k,
            created=created,
            min_exports_per_sector=min_exports_per_sector,
        )
    return result


def sector_rows(document: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The sector breakdown as one-way tables (sector totals), for the PDF and CSV."""
    table = document["merge"]["by_sector"]
    return [
        (
            "sector",
            {"keys": table["rows"], "counts": table["row_totals"], "total": table["total"]},
        )
    ]


def sector_sections(document: Mapping[str, Any], catalogue: Catalogue) -> list:
    """CSV blocks for the city: signals per sector and category, exports per sector."""
    from app.documents.signal_export import SUPPRESSED_MARK, key_label

    def cell(value: int | None) -> str:
        return SUPPRESSED_MARK if value is None else str(value)

    merge = document["merge"]
    table = merge["by_sector"]
    rows = [[_("Sector")] + [catalogue.label(c) for c in table["columns"]] + [_("Totaal")]]
    for index, sector in enumerate(table["rows"]):
        rows.append(
            [key_label("sector", sector, catalogue)]
            + [cell(v) for v in table["cells"][index]]
            + [cell(table["row_totals"][index])]
        )
    rows.append([_("Totaal")] + [cell(v) for v in table["column_totals"]] + [cell(table["total"])])
    exports = [[_("Sector"), _("Aantal exports")]] + [
        [key_label("sector", sector, catalogue), str(n)]
        for sector, n in merge["exports_per_sector"].items()
    ]
    return [
        (_("Signalen per sector en categorie"), rows),
        (_("Samengevoegde exports per sector"), exports),
    ]


def city_csv_bytes(document: Mapping[str, Any], catalogue: Catalogue) -> bytes:
    from app.documents.signal_export import to_csv_bytes

    return to_csv_bytes(document, catalogue, sector_sections(document, catalogue))


def render_city_pdf(document: Mapping[str, Any], catalogue: Catalogue) -> bytes:
    from app.documents.signal_export import key_label
    from app.documents.signal_report import render_pdf

    merge = document["merge"]
    per_sector = ", ".join(
        f"{key_label('sector', sector, catalogue)}: {n}"
        for sector, n in merge["exports_per_sector"].items()
    )
    return render_pdf(
        document,
        catalogue,
        title=_("Signalen van geldzorgen: samengevoegd overzicht"),
        extra=sector_rows(document),
        intro_lines=[
            _("Samengevoegd uit {n} exports van werkgevers ({sectors}).").format(
                n=merge["exports"], sectors=per_sector
            ),
            _(
                "Een aantal is onbekend (x) als een werkgever het in de eigen export al had "
                "afgeschermd; de gemeente rekent nooit een afgeschermd aantal terug."
            ),
        ],
    )
