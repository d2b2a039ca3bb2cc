"""Exports read back as a user or the municipality would: JSON, CSV in Excel, PDF."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from app.core.concepts.age import AgeBand
from app.core.signals import Granularity, IsoWeek, Signal, Source
from app.documents.signal_export import (
    ExportInvalid,
    parse_document,
    prepare_export,
    to_csv_bytes,
    to_json_bytes,
    write_export,
)
from app.fileio import UserFiles
from app.shipped import load_shipped
from app.store.export_inputs import read_export_inputs
from app.store.signals import SignalRepository, SignalSettings, save_settings

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def filled(vault_session):
    conn = vault_session.connection
    save_settings(conn, SignalSettings(("Schoonmaak Noord", "Kantoor"), 10, "schoonmaak"))
    repo = SignalRepository(conn)
    signals = []
    for week in range(1, 27):
        signals += [Signal("loonbeslag", 2026, week, Source.ADMINISTRATION)] * 3
        signals += [
            Signal(
                "stress-en-spanning",
                2026,
                week,
                Source.OWN_OBSERVATION,
                "Schoonmaak Noord",
                AgeBand.FROM_18_TO_27,
                None,
                True,
            )
        ]
    signals += [Signal("scheiding", 2026, 3, Source.EMPLOYEE, "Kantoor")] * 2
    repo.add_many(signals, logged_in=IsoWeek(2026, 48))
    return conn


def test_json_export_round_trips_and_hides_small_counts(filled, tmp_path):
    doc = prepare_export(
        read_export_inputs(filled, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=TODAY,
        granularity=Granularity.MONTH,
    )
    path = tmp_path / "export.json"
    write_export(doc, "json", path, SHIPPED.catalogue, files=UserFiles())
    back = parse_document(schema=EXPORT_SCHEMA, data=path.read_bytes())
    assert back == doc
    table = back["signals"]["by_period"]
    published = [v for row in table["cells"] for v in row if v is not None]
    assert all(v == 0 or v >= 10 for v in published)
    row = table["rows"].index("scheiding")
    assert table["row_totals"][row] is None  # 2 signals: hidden
    assert back["organisation"]["sector"] == "schoonmaak"
    assert back["geldclinic"]["tables"]["intakes_by_age_band"]["total"] == 0
    assert "Kantoor" in back["signals"]["breakdowns"]["department"]["keys"]
    text = path.read_text("utf-8")
    assert "2026-01-" not in text.replace('"from": "2026-01-01"', "")


def test_a_changed_number_is_detected(filled):
    doc = prepare_export(
        read_export_inputs(filled, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=TODAY,
    )
    doc["signals"]["by_period"]["total"] = 999
    with pytest.raises(ExportInvalid, match="controlesom"):
        parse_document(schema=EXPORT_SCHEMA, data=to_json_bytes(doc))
    with pytest.raises(ExportInvalid):
        parse_document(schema=EXPORT_SCHEMA, data=b'{"kind": "iets"')


def test_csv_opens_in_dutch_excel(filled, tmp_path):
    doc = prepare_export(
        read_export_inputs(filled, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=TODAY,
        granularity=Granularity.QUARTER,
    )
    data = to_csv_bytes(doc, SHIPPED.catalogue)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Code;Categorie;2026-Q1;2026-Q2;Totaal" in text
    assert "loonbeslag;Beslag op het loon;39;39;78" in text
    assert "scheiding;Gaat scheiden of uit elkaar;x;0;x" in text
    assert "\r\n" in text


def test_pdf_report_has_charts_and_tables(filled, tmp_path):
    doc = prepare_export(
        read_export_inputs(filled, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=TODAY,
        granularity=Granularity.MONTH,
    )
    path = tmp_path / "rapport.pdf"
    write_export(doc, "pdf", path, SHIPPED.catalogue, files=UserFiles())
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Anonieme signalen van geldzorgen" in text
    assert "Beslag op het loon" in text
    assert doc["export_id"] in text.replace("\n", "")


def test_schema_is_valid_json_schema():
    import jsonschema

    from app.paths import resource_path

    schema = json.loads(resource_path("schemas", "signal-export.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
