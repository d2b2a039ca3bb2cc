"""Signal exports that may leave the laptop: JSON (schema-checked), CSV for Dutch Excel, PDF.

One export *document* (a plain dict, see ``resources/schemas/signal-export.schema.json``) is
built once from the vault's rows (the caller reads them, ``app.store.export_inputs``); the
preview in the GUI, the JSON, the CSV and the PDF are all made from that same document, so
the preview shows exactly what will be written. Suppressed counts
are ``null`` in JSON and ``x`` in CSV/PDF.

``content_sha256`` is a SHA-256 over the canonical JSON of the document without that field.
It reveals accidental or careless edits (a changed number in a text editor); it is not a
signature: someone who edits on purpose can recompute it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app import __version__
from app.core.concepts.age import AgeBand
from app.core.concepts.contract import SIGNAL_VALUES, ContractType
from app.core.referral.status import OUTCOME_LABELS
from app.core.signal_tables import CLINIC_GROUPS, SIGNAL_BREAKDOWNS, SignalTables
from app.core.signals import Catalogue, Granularity, IsoWeek, Source
from app.core.suppression import OneWayTable, TwoWayTable
from app.fileio import UserFiles
from app.i18n import N_, _
from app.i18n.messages import TranslatableError

if TYPE_CHECKING:
    from app.store.export_inputs import ExportInputs

SCHEMA_VERSION = "1.0"
KIND = "vindplaats.signal-export"
CITY_KIND = "vindplaats.city-merge"
SUPPRESSED_MARK = "x"
FORMATS = ("json", "csv", "pdf", "long")


class ExportInvalid(TranslatableError, ValueError):
    """An export file is not valid or was changed: one marked Dutch sentence, translated by
    ``str(error)`` when shown (app.i18n.messages)."""


# One compiled check per schema object (the caller passes ShippedData.schema("signal-export"),
# which is one object for the life of the app).
_CHECKS: dict[int, tuple[Mapping[str, Any], Callable[[Any], bool]]] = {}


def _schema_check(schema: Mapping[str, Any]) -> Callable[[Any], bool]:
    """The export schema compiled to plain Python (see app.core.schema_check): the same
    answer as jsonschema, about twenty times faster, which a merge of thousands needs."""
    kept = _CHECKS.get(id(schema))
    if kept is not None and kept[0] is schema:
        return kept[1]
    from app.core.schema_check import compile_schema

    check = compile_schema(schema)
    _CHECKS[id(schema)] = (schema, check)
    return check


# --------------------------------------------------------------------------- labels

BREAKDOWN_TITLES = {
    "source": N_("Bron van het signaal"),
    "department": N_("Afdeling"),
    "age_band": N_("Leeftijd"),
    "contract_type": N_("Soort contract"),
    "conversation_offered": N_("Gesprek aangeboden"),
    "intakes_by_age_band": N_("Geldclinic-gesprekken naar leeftijd"),
    "intakes_by_contract_type": N_("Geldclinic-gesprekken naar soort contract"),
    "routes_advised": N_("Geadviseerde routes"),
    "letters_by_outcome": N_("Verwijsbrieven naar uitkomst"),
    "sector": N_("Sector"),
}
_YES_NO = {"ja": N_("Ja"), "nee": N_("Nee"), "onbekend": N_("Niet ingevuld")}
# The labels of referral outcomes live with ReferralStatus; keys are its stable values.
_OUTCOMES = {status.value: text for status, text in OUTCOME_LABELS.items()}


def period_label(key: str) -> str:
    """A readable label for a period key (``2026-W05``, ``2026-02``, ``2026-Q1``)."""
    from app.i18n.formatting import format_month, format_week

    year_text, _sep, rest = key.partition("-")
    try:
        if rest.startswith("W"):
            return format_week(int(year_text), int(rest[1:]))
        if rest.startswith("Q"):
            return _("kwartaal {quarter}, {year}").format(quarter=rest[1:], year=year_text)
        return format_month(int(year_text), int(rest))
    except ValueError:
        return key


def describe_period(start: dt.date, end: dt.date) -> str:
    """``januari 2026`` or ``januari 2026 t/m maart 2026`` (whole months)."""
    from app.i18n.formatting import format_month

    first = format_month(start.year, start.month)
    if (start.year, start.month) == (end.year, end.month):
        return first
    return _("{first} t/m {last}").format(first=first, last=format_month(end.year, end.month))


def key_label(
    dimension: str,
    key: str,
    catalogue: Catalogue | None = None,
    route_names: Mapping[str, str] | None = None,
) -> str:
    """The Dutch label of a key in a breakdown (source, age band, ...); an advised route by
    its name from ``route_names`` (route id -> name, see :func:`route_names`)."""
    if key == "onbekend":
        return _("Niet ingevuld")
    if dimension == "routes_advised" and route_names:
        return route_names.get(key, key)
    try:
        if dimension == "source":
            return Source(key).label()
        if dimension in ("age_band", "intakes_by_age_band"):
            return AgeBand(key).label()
        if dimension in ("contract_type", "intakes_by_contract_type"):
            return ContractType(key).label()
    except ValueError:
        return key
    if dimension == "conversation_offered":
        return _(_YES_NO.get(key, key))
    if dimension == "letters_by_outcome" and key in _OUTCOMES:
        return _(_OUTCOMES[key])
    if dimension == "category" and catalogue is not None:
        return catalogue.label(key)
    if dimension == "sector":
        if key == "kleine-sectoren":
            return _("Sectoren met minder dan drie werkgevers (samen)")
        if catalogue is not None:
            return catalogue.sector_label(key)
    return key


def route_names(rules: Any) -> dict[str, str]:
    """Route id -> the route's name, from the shipped rules (``ShippedData.rules``)."""
    return {route.id: route.name for route in (rules.routes if rules is not None else ())}


def whole_number_step(largest: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 times a power of ten giving about ``ticks`` whole-number ticks up
    to ``largest`` (counts are whole: an axis never reads 0.5 or runs from 0 to 0.01)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if largest <= step * factor * ticks:
                return step * factor
        step *= 10


def breakdown_title(name: str) -> str:
    return _(BREAKDOWN_TITLES.get(name, name))


# --------------------------------------------------------------------------- document


def _two_way(table: TwoWayTable) -> dict[str, Any]:
    return {
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": [list(row) for row in table.cells],
        "row_totals": list(table.row_totals),
        "column_totals": list(table.column_totals),
        "total": table.total,
    }


def _one_way(table: OneWayTable) -> dict[str, Any]:
    return {"keys": list(table.keys), "counts": list(table.counts), "total": table.total}


def build_document(
    tables: SignalTables,
    *,
    start: dt.date,
    end: dt.date,
    sector: str | None,
    catalogue: Catalogue,
    created: dt.date,
    clinic_available: bool,
    export_id: str | None = None,
    issuer: str | None = None,
) -> dict[str, Any]:
    """The export as a dict, with its content hash. ``issuer``: the vault's anonymous issuer
    id (app.store.export_periods), so a merge can tell two exports of one vault apart."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "export_id": export_id or str(uuid.uuid4()),
        "created_week": str(IsoWeek.of(created)),
        "generator": f"vindplaats {__version__}",
        "period": {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "first_week": str(tables.first_week),
            "last_week": str(tables.last_week),
            "granularity": str(tables.granularity),
        },
        "organisation": {"sector": sector or "onbekend", **({"issuer": issuer} if issuer else {})},
        "suppression": {
            "k": tables.k,
            "zeros_published": True,
            "complementary": True,
            "method": "primary <k, complementary until no hidden count follows from totals",
        },
        "catalogue": {
            "version": catalogue.version,
            "categories": [{"id": c.id, "group": c.group} for c in catalogue.categories],
        },
        "signals": {
            "by_period": _two_way(tables.by_period),
            "breakdowns": {name: _one_way(tables.breakdowns[name]) for name in SIGNAL_BREAKDOWNS},
        },
        "geldclinic": {
            "available": clinic_available,
            "tables": {name: _one_way(table) for name, table in tables.clinic.items()},
        },
    }
    document["content_sha256"] = content_hash(document)
    return document


def canonical_bytes(document: Mapping[str, Any]) -> bytes:
    body = {key: value for key, value in document.items() if key != "content_sha256"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def content_hash(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def to_json_bytes(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# An export of a large employer over a year is ~100 kB; a city merge of many is larger.
EXPORT_MAX_BYTES = 5_000_000


def parse_document(
    data: bytes, *, schema: Mapping[str, Any], allow_city: bool = False
) -> dict[str, Any]:
    """Read and check an export file against ``schema`` (the shipped signal-export schema);
    raise ExportInvalid with a Dutch reason."""
    from app.core.bounded import InputError, loads_json

    try:
        document = loads_json(data, max_bytes=EXPORT_MAX_BYTES)
    except InputError as error:
        raise ExportInvalid(
            N_("geen geldig JSON-bestand ({problem})"), problem=str(error).rstrip(".")
        ) from None
    if isinstance(document, dict) and document.get("kind") == CITY_KIND and not allow_city:
        raise ExportInvalid(N_("dit is al een samenvoeging, geen export van een werkgever"))
    if not isinstance(document, dict) or document.get("kind") not in (KIND, CITY_KIND):
        raise ExportInvalid(N_("geen signalenexport van Vindplaats")) from None
    if document.get("schema_version") != SCHEMA_VERSION:
        raise ExportInvalid(N_("onbekende versie van het exportformaat")) from None
    if not _schema_check(schema)(document):
        raise ExportInvalid(N_("het bestand past niet bij het exportformaat"))
    if content_hash(document) != document.get("content_sha256"):
        raise ExportInvalid(N_("de controlesom klopt niet: het bestand is na de export veranderd"))
    try:
        _check_consistency(document)
    except (ValueError, TypeError, KeyError):
        raise ExportInvalid(N_("de inhoud van het bestand klopt niet")) from None
    return document


def _is_count(value: object) -> bool:
    return value is None or (type(value) is int and value >= 0)


def _check_counts(table: Mapping[str, Any]) -> None:
    values: list[object] = [table["total"]]
    for name in ("counts", "row_totals", "column_totals"):
        values.extend(table.get(name) or ())
    for row in table.get("cells") or ():
        values.extend(row)
    if not all(_is_count(v) for v in values):
        raise ExportInvalid(N_("het bestand past niet bij het exportformaat"))


def _check_consistency(document: Mapping[str, Any]) -> None:
    """Shapes the schema cannot express: matrix sizes, published sums that must add up."""
    table = document["signals"]["by_period"]
    _check_counts(table)
    for part in (document["signals"]["breakdowns"], document["geldclinic"]["tables"]):
        for one in part.values():
            _check_counts(one)
    if "merge" in document:
        _check_counts(document["merge"]["by_sector"])
    rows, columns = table["rows"], table["columns"]
    if len(table["cells"]) != len(rows) or len(table["row_totals"]) != len(rows):
        raise ExportInvalid(N_("de tabel met signalen is niet compleet"))
    if any(len(row) != len(columns) for row in table["cells"]) or len(
        table["column_totals"]
    ) != len(columns):
        raise ExportInvalid(N_("de tabel met signalen is niet compleet"))
    granularity = Granularity(document["period"]["granularity"])
    for key in columns:
        if _granularity_of(key) != granularity:
            raise ExportInvalid(N_("de perioden in de tabel passen niet bij de indeling"))
    if len(set(columns)) != len(columns) or len(set(rows)) != len(rows):
        raise ExportInvalid(N_("de tabel met signalen noemt iets twee keer"))
    IsoWeek.parse(document["period"]["first_week"])
    IsoWeek.parse(document["period"]["last_week"])
    dt.date.fromisoformat(document["period"]["from"])
    dt.date.fromisoformat(document["period"]["to"])
    for part in (document["signals"]["breakdowns"], document["geldclinic"]["tables"]):
        for one in part.values():
            if len(one["keys"]) != len(one["counts"]):
                raise ExportInvalid(N_("een uitsplitsing is niet compleet"))


def _granularity_of(key: str) -> Granularity:
    """The granularity of a period key; raises ValueError when the key is not a real period."""
    year_text, _sep, rest = key.partition("-")
    year = int(year_text)
    if rest.startswith("W"):
        IsoWeek(year, int(rest[1:]))
        return Granularity.WEEK
    if rest.startswith("Q"):
        if not 1 <= int(rest[1:]) <= 4:
            raise ValueError(key)
        return Granularity.QUARTER
    if not 1 <= int(rest) <= 12:
        raise ValueError(key)
    return Granularity.MONTH


# --------------------------------------------------------------------------- CSV

_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return SUPPRESSED_MARK
    text = str(value)
    if text.startswith(_CSV_FORMULA_START):
        return "'" + text  # Excel must never run a cell as a formula
    return text


def _counted_days(period: Mapping[str, Any]) -> list[str]:
    """Monday of the first week and Sunday of the last: the days every table of the export
    counts (the Geldclinic figures too)."""
    first = IsoWeek.parse(period["first_week"]).monday()
    last = IsoWeek.parse(period["last_week"]).monday() + dt.timedelta(days=6)
    return [first.isoformat(), last.isoformat()]


def csv_sections(
    document: Mapping[str, Any],
    catalogue: Catalogue,
    route_names: Mapping[str, str] | None = None,
) -> list[tuple[str, list[list[str]]]]:
    """The export as titled blocks of rows; the CSV and the GUI preview both use this."""
    period = document["period"]
    suppression = document["suppression"]
    sections: list[tuple[str, list[list[str]]]] = []
    sections.append(
        (
            _("Vindplaats - anonieme signalen"),
            [
                [_("Kenmerk van de export"), document["export_id"]],
                [_("Periode"), period["from"], period["to"]],
                [_("Weken"), period["first_week"], period["last_week"]],
                [_("Dagen (signalen en Geldclinic)"), *_counted_days(period)],
                [_("Sector"), key_label("sector", document["organisation"]["sector"], catalogue)],
                [_("Kleinste aantal dat getoond wordt"), str(suppression["k"])],
                [
                    _("Afgeschermd"),
                    _("{mark} = niet getoond (klein aantal, of af te leiden uit totalen)").format(
                        mark=SUPPRESSED_MARK
                    ),
                ],
                [_("Controlenummer"), document["content_sha256"]],
            ],
        )
    )
    table = document["signals"]["by_period"]
    granularity = Granularity(period["granularity"])
    header = [_("Code"), _("Categorie")] + list(table["columns"]) + [_("Totaal")]
    rows = [header]
    for key, cells, total in zip(table["rows"], table["cells"], table["row_totals"], strict=True):
        rows.append([key, catalogue.label(key)] + [_cell(v) for v in cells] + [_cell(total)])
    rows.append(
        ["", _("Totaal")] + [_cell(v) for v in table["column_totals"]] + [_cell(table["total"])]
    )
    sections.append((_("Signalen per categorie") + " - " + granularity.label().lower(), rows))
    for name, one in document["signals"]["breakdowns"].items():
        sections.append((breakdown_title(name), _one_way_rows(name, one, catalogue)))
    clinic = document["geldclinic"]
    if clinic["available"]:
        for name, one in clinic["tables"].items():
            sections.append(
                (breakdown_title(name), _one_way_rows(name, one, catalogue, route_names))
            )
    else:
        sections.append(
            (_("Geldclinic"), [[_("Geen cijfers over Geldclinic-gesprekken in deze export.")]])
        )
    return sections


def _one_way_rows(
    name: str,
    one: Mapping[str, Any],
    catalogue: Catalogue,
    route_names: Mapping[str, str] | None = None,
) -> list[list[str]]:
    rows = [[_("Code"), breakdown_title(name), _("Aantal")]]
    for key, value in zip(one["keys"], one["counts"], strict=True):
        label = key_label(name, key, catalogue, route_names)
        rows.append([_cell(key), _cell(label), _cell(value)])
    rows.append(["", _("Totaal"), _cell(one["total"])])
    return rows


def to_csv_bytes(
    document: Mapping[str, Any],
    catalogue: Catalogue,
    extra_sections: Sequence[tuple[str, list[list[str]]]] = (),
    route_names: Mapping[str, str] | None = None,
) -> bytes:
    """CSV for Dutch Excel: ``;`` as separator, UTF-8 with BOM, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for title, rows in [*csv_sections(document, catalogue, route_names), *extra_sections]:
        writer.writerow([title])
        writer.writerows(rows)
        writer.writerow([])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- writing


def render(
    document: Mapping[str, Any],
    fmt: str,
    catalogue: Catalogue,
    route_names: Mapping[str, str] | None = None,
) -> bytes:
    if fmt == "json":
        return to_json_bytes(document)
    if fmt == "csv":
        return to_csv_bytes(document, catalogue, route_names=route_names)
    if fmt == "pdf":
        from app.documents.signal_report import render_pdf

        return render_pdf(document, catalogue, route_names=route_names)
    if fmt == "long":  # the tidy long CSV for research tools (one row per published number)
        from app.documents.signal_long import to_long_csv_bytes

        return to_long_csv_bytes(document, catalogue, route_names)
    raise ValueError(f"unknown format {fmt!r}")


def write_export(
    document: Mapping[str, Any],
    fmt: str,
    path,
    catalogue: Catalogue,
    *,
    files: UserFiles,
    route_names: Mapping[str, str] | None = None,
) -> bytes:
    files.check(path)
    data = render(document, fmt, catalogue, route_names)
    files.write(path, data)
    return data


# --------------------------------------------------------------------------- from the vault


def prepare_export(
    inputs: ExportInputs,
    *,
    today: dt.date,
    catalogue: Catalogue,
    granularity: Granularity | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Build the export document from the vault's rows (read by the caller through
    ``app.store.export_inputs.read_export_inputs``); nothing is read or written here."""
    from app.core.export_periods import require_no_differencing, require_period_over
    from app.core.signal_tables import (
        build_signal_tables,
        hidden_share_by_granularity,
        suggest_granularity,
    )

    start, end = inputs.start, inputs.end
    # Whole months only, and never a period that differs from an overlapping earlier export.
    require_no_differencing(start, end, inputs.exported_periods, describe_period)
    # A period whose last week is not over would give other counts when exported again later:
    # the difference would show what the first export hid. And it would leave out days quietly.
    require_period_over(start, end, today)
    settings = inputs.settings
    first, last = inputs.first_week, inputs.last_week
    week_counts = inputs.week_counts
    if granularity is None:
        shares = hidden_share_by_granularity(week_counts, catalogue.ids(), first, last, settings.k)
        granularity = suggest_granularity(shares)
    clinic = inputs.clinic
    if progress:
        progress(2, 3)
    tables = build_signal_tables(
        week_counts,
        inputs.breakdowns,
        catalogue.ids(),
        first,
        last,
        granularity,
        settings.k,
        breakdown_keys={
            "source": [s.value for s in Source],
            "department": list(settings.departments),
            "age_band": [a.value for a in AgeBand],
            "contract_type": [c.value for c in SIGNAL_VALUES],
            "conversation_offered": ["ja", "nee"],
        },
        clinic=clinic or {},
        clinic_keys={
            "intakes_by_age_band": [a.value for a in AgeBand],
            "intakes_by_contract_type": [c.value for c in ContractType],  # enum order: stable
            "letters_by_outcome": list(_OUTCOMES),
        },
    )
    document = build_document(
        tables,
        start=start,
        end=end,
        sector=settings.sector,
        catalogue=catalogue,
        created=today,
        clinic_available=clinic is not None,
        issuer=inputs.issuer,
    )
    if progress:
        progress(3, 3)
    return document


__all__ = [
    "CLINIC_GROUPS",
    "ExportInvalid",
    "build_document",
    "csv_sections",
    "parse_document",
    "prepare_export",
    "render",
    "to_csv_bytes",
    "to_json_bytes",
    "write_export",
]
