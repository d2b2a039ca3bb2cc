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
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
from app.i18n import _, ngettext

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


def iter_exports(
    paths: Iterable[Path], result: MergeResult, *, schema: Mapping[str, Any]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Read and check the files one at a time; refusals and skips go into ``result``.

    A generator, so a merge holds one export in memory at a time, however many there are.
    """
    seen: set[str] = set()
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
            document = parse_document(data, schema=schema)
        except ExportInvalid as error:
            result.refused.append(
                _("{name}: geweigerd, {reason}").format(name=name, reason=str(error))
            )
            continue
        del data
        if document["export_id"] in seen:
            result.skipped.append(
                _("{name}: overgeslagen, deze export is al meegeteld (zelfde export-id)").format(
                    name=name
                )
            )
            continue
        seen.add(document["export_id"])
        yield name, document


def read_exports(
    paths: Sequence[Path], *, schema: Mapping[str, Any]
) -> tuple[list[tuple[str, dict[str, Any]]], MergeResult]:
    """Read and check the files; returns the good ones and a result holding the refusals."""
    result = MergeResult(document=None)
    good: list[tuple[str, dict[str, Any]]] = []
    for name, document in iter_exports(paths, result, schema=schema):
        good.append((name, document))
        result.accepted.append(name)
    return good, result


class _IssuerPeriods:
    """Periods already counted per exporting vault (``organisation.issuer``)."""

    def __init__(self) -> None:
        self.periods: dict[str, list[tuple[dt.date, dt.date, str]]] = {}

    def double_count(self, name: str, document: Mapping[str, Any]) -> str | None:
        """A Dutch refusal line when this vault's export overlaps one already counted."""
        from app.core.export_periods import overlaps
        from app.documents.signal_export import describe_period

        issuer = document["organisation"].get("issuer")
        if not issuer:
            return None  # an export without an issuer id (older Vindplaats): cannot tell
        start = dt.date.fromisoformat(document["period"]["from"])
        end = dt.date.fromisoformat(document["period"]["to"])
        earlier = self.periods.setdefault(issuer, [])
        for other_start, other_end, other_name in earlier:
            if overlaps(start, end, other_start, other_end):
                return _(
                    "{name}: geweigerd, van dezelfde werkgever telt al {other} mee voor een "
                    "overlappende periode ({period}); samen zouden ze dubbel tellen"
                ).format(
                    name=name, other=other_name, period=describe_period(other_start, other_end)
                )
        earlier.append((start, end, name))
        return None


class _OneWaySum:
    """Running sums of one-way tables: keys in order of first appearance."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.sums: dict[str, int | None] = {}
        self.total: int | None = 0

    def add(self, table: Mapping[str, Any]) -> None:
        for key, value in zip(table["keys"], table["counts"], strict=True):
            if key not in self.sums:
                self.keys.append(key)
                self.sums[key] = 0
            self.sums[key] = _add(self.sums[key], value)
        self.total = _add(self.total, table["total"])

    def counts(self) -> list[int | None]:
        return [self.sums[key] for key in self.keys]


class CityAccumulator:
    """The city-wide sums, built one export at a time (:meth:`add`), then suppressed once
    (:meth:`finish`). Its size depends on the catalogue, the periods and the sectors, never on
    the number of exports (apart from their ids, which the merged document lists).

    Periods are summed at each export's own granularity and brought to the coarsest one at
    the end; since a sum does not depend on the order of adding (and an unknown stays
    unknown), this gives the same numbers as coarsening first.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.rows: list[str] = [c.id for c in catalogue.categories]
        self._known_rows = set(self.rows)
        self.target: Granularity | None = None
        self.cells: dict[tuple[str, str], int | None] = {}
        self.row_totals: dict[str, int | None] = {}
        self.column_totals: dict[str, int | None] = {}
        self.total: int | None = 0
        self.sector_cells: dict[tuple[str, str], int | None] = {}
        self.sector_totals: dict[str, int | None] = {}
        self.per_sector: dict[str, int] = {}
        self.breakdowns = {name: _OneWaySum() for name in CITY_BREAKDOWNS}
        self.clinic: dict[str, _OneWaySum] = {}
        self.clinic_available = False
        self.export_ids: list[str] = []
        self.period: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.export_ids)

    def add(self, document: Mapping[str, Any]) -> None:
        granularity = Granularity(document["period"]["granularity"])
        if self.target is None or _ORDER[granularity] > _ORDER[self.target]:
            self.target = granularity
        table = document["signals"]["by_period"]
        columns = table["columns"]
        for i, category in enumerate(table["rows"]):
            if category not in self._known_rows:
                self.rows.append(category)
                self._known_rows.add(category)
            row_total = table["row_totals"][i]
            self.row_totals[category] = _add(self.row_totals.get(category, 0), row_total)
            row = table["cells"][i]
            for j, period in enumerate(columns):
                key = (category, period)
                self.cells[key] = _add(self.cells.get(key, 0), row[j])
        for j, period in enumerate(columns):
            value = table["column_totals"][j]
            self.column_totals[period] = _add(self.column_totals.get(period, 0), value)
        self.total = _add(self.total, table["total"])

        sector = document["organisation"]["sector"]
        self.per_sector[sector] = self.per_sector.get(sector, 0) + 1
        for i, category in enumerate(table["rows"]):
            key = (sector, category)
            self.sector_cells[key] = _add(self.sector_cells.get(key, 0), table["row_totals"][i])
        self.sector_totals[sector] = _add(self.sector_totals.get(sector, 0), table["total"])

        for name, summed in self.breakdowns.items():
            if name in document["signals"]["breakdowns"]:
                summed.add(document["signals"]["breakdowns"][name])
        for name, one in document["geldclinic"]["tables"].items():
            self.clinic.setdefault(name, _OneWaySum()).add(one)
        self.clinic_available = self.clinic_available or bool(document["geldclinic"]["available"])

        period = document["period"]
        for name, pick in (("from", min), ("to", max), ("first_week", min), ("last_week", max)):
            value = period[name]
            self.period[name] = pick(self.period[name], value) if name in self.period else value
        self.export_ids.append(document["export_id"])

    def finish(
        self,
        *,
        created: dt.date,
        k: int = DEFAULT_K,
        min_exports_per_sector: int = MIN_EXPORTS_PER_SECTOR,
    ) -> dict[str, Any]:
        """The city-wide document (same shape as an export, plus a ``merge`` part)."""
        validate_k(k)
        if self.target is None:
            raise ValueError("nothing to merge")
        target = self.target
        catalogue = self.catalogue
        rows = self.rows

        def sector_of(sector: str) -> str:
            # A sector with very few employers would show one employer's own figures.
            return sector if self.per_sector[sector] >= min_exports_per_sector else SMALL_SECTORS

        # -- categories x periods, at the coarsest granularity ------------------------------
        coarse = {period: coarsen(period, target) for period in self.column_totals}
        cells: dict[tuple[str, str], int | None] = {}
        for (category, period), value in self.cells.items():
            key = (category, coarse[period])
            cells[key] = _add(cells.get(key, 0), value)
        column_totals: dict[str, int | None] = {}
        for period, value in self.column_totals.items():
            column_totals[coarse[period]] = _add(column_totals.get(coarse[period], 0), value)
        row_totals = self.row_totals
        total = self.total
        ordered = sorted(column_totals)

        # -- sector x category ---------------------------------------------------------------
        sectors = sorted({sector_of(s) for s in self.per_sector})
        sector_cells: dict[tuple[str, str], int | None] = {}
        sector_totals: dict[str, int | None] = {}
        exports_per_sector: dict[str, int] = {}
        for (sector, category), value in self.sector_cells.items():
            key = (sector_of(sector), category)
            sector_cells[key] = _add(sector_cells.get(key, 0), value)
        for sector, value in self.sector_totals.items():
            shown = sector_of(sector)
            sector_totals[shown] = _add(sector_totals.get(shown, 0), value)
            exports_per_sector[shown] = exports_per_sector.get(shown, 0) + self.per_sector[sector]

        # Both city tables share the category totals (and the grand total): what one hides,
        # the other must hide too, or the hidden number could be read off the other table.
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

        # -- one-way breakdowns ----------------------------------------------------------------
        breakdowns: dict[str, Any] = {}
        for name in CITY_BREAKDOWNS:
            summed = self.breakdowns[name]
            breakdowns[name] = _one_way_dict(
                suppress_one_way_known(summed.keys, summed.counts(), summed.total, k)
            )
        if by_period.total is None:  # tables that share the grand total agree on hiding it
            for name in CITY_BREAKDOWNS:
                table = breakdowns[name]
                breakdowns[name] = _one_way_dict(
                    suppress_one_way_known(table["keys"], table["counts"], None, k)
                )
        clinic_tables: dict[str, Any] = {}
        for name in sorted(self.clinic):
            summed = self.clinic[name]
            clinic_tables[name] = _one_way_dict(
                suppress_one_way_known(summed.keys, summed.counts(), summed.total, k)
            )

        document: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "kind": CITY_KIND,
            "export_id": str(uuid.uuid4()),
            "created_week": str(IsoWeek.of(created)),
            "generator": f"vindplaats {__version__}",
            "period": {
                "from": self.period["from"],
                "to": self.period["to"],
                "first_week": self.period["first_week"],
                "last_week": self.period["last_week"],
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
            "geldclinic": {"available": self.clinic_available, "tables": clinic_tables},
            "merge": {
                "exports": len(self.export_ids),
                "export_ids": sorted(self.export_ids),
                "exports_per_sector": {s: exports_per_sector[s] for s in sectors},
                "by_sector": _two_way_dict(by_sector),
            },
        }
        document["content_sha256"] = content_hash(document)
        return document


def merge_documents(
    documents: Iterable[Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    created: dt.date,
    k: int = DEFAULT_K,
    min_exports_per_sector: int = MIN_EXPORTS_PER_SECTOR,
) -> dict[str, Any]:
    """The city-wide document (same shape as an export, plus a ``merge`` part)."""
    validate_k(k)
    city = CityAccumulator(catalogue)
    for document in documents:
        city.add(document)
    return city.finish(k=k, created=created, min_exports_per_sector=min_exports_per_sector)


def merge_files(
    paths: Iterable[Path],
    catalogue: Catalogue,
    *,
    schema: Mapping[str, Any],
    created: dt.date,
    k: int = DEFAULT_K,
    min_exports_per_sector: int = MIN_EXPORTS_PER_SECTOR,
) -> MergeResult:
    """Read, check and add the exports one at a time (streaming), then suppress once."""
    validate_k(k)
    result = MergeResult(document=None)
    city = CityAccumulator(catalogue)
    seen = _IssuerPeriods()
    for name, document in iter_exports(paths, result, schema=schema):
        problem = seen.double_count(name, document)
        if problem is not None:
            result.refused.append(problem)
            continue
        city.add(document)
        result.accepted.append(name)
        del document
    if len(city):
        result.document = city.finish(
            k=k, created=created, min_exports_per_sector=min_exports_per_sector
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
            ngettext(
                "Samengevoegd uit {n} export van werkgevers ({sectors}).",
                "Samengevoegd uit {n} exports van werkgevers ({sectors}).",
                merge["exports"],
            ).format(n=merge["exports"], sectors=per_sector),
            _(
                "Een aantal is onbekend (x) als een werkgever het in de eigen export al had "
                "afgeschermd; de gemeente rekent nooit een afgeschermd aantal terug."
            ),
        ],
    )
