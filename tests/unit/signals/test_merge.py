"""The municipality merges exports of many employers into one city-wide view."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.core.signal_tables import build_signal_tables
from app.core.signals import Granularity, IsoWeek, WeekCount
from app.documents.merge import merge_documents, merge_files
from app.documents.signal_export import (
    build_document,
    content_hash,
    parse_document,
    to_json_bytes,
)
from app.shipped import load_shipped

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

CAT = SHIPPED.catalogue
CREATED = dt.date(2026, 11, 29)


def make_export(
    sector="schoonmaak",
    per_week=4,
    weeks=13,
    granularity=Granularity.MONTH,
    categories=("loonbeslag", "stress-en-spanning"),
):
    counts = [WeekCount(c, 2026, w, per_week) for c in categories for w in range(1, weeks + 1)]
    total = per_week * weeks * len(categories)
    tables = build_signal_tables(
        counts,
        {"source": {"medewerker": total}, "age_band": {"18_27": total}},
        CAT.ids(),
        IsoWeek(2026, 1),
        IsoWeek(2026, weeks),
        granularity,
        10,
    )
    return build_document(
        tables,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 3, 31),
        sector=sector,
        catalogue=CAT,
        created=dt.date(2026, 11, 29),
        clinic_available=False,
    )


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_bytes(to_json_bytes(document))
    return path


def test_merge_sums_skips_duplicates_and_refuses_tampered(tmp_path):
    a = make_export("schoonmaak")
    b = make_export("productie", per_week=6, granularity=Granularity.WEEK)
    tampered = make_export("horeca")
    tampered["signals"]["by_period"]["total"] = 1
    paths = [
        write(tmp_path, "a.json", a),
        write(tmp_path, "a-kopie.json", a),
        write(tmp_path, "b.json", b),
        write(tmp_path, "c.json", tampered),
        tmp_path / "bestaat-niet.json",
    ]
    (tmp_path / "kapot.json").write_bytes(to_json_bytes(a)[:200])
    paths.append(tmp_path / "kapot.json")
    result = merge_files(
        paths, CAT, schema=EXPORT_SCHEMA, created=dt.date(2026, 11, 29), min_exports_per_sector=1
    )
    assert result.accepted == ["a.json", "b.json"]
    assert any("a-kopie.json: overgeslagen" in line for line in result.skipped)
    refused = "\n".join(result.refused)
    assert "c.json: geweigerd, de controlesom klopt niet" in refused
    assert "bestaat-niet.json: geweigerd" in refused
    assert "kapot.json: geweigerd" in refused
    city = result.document
    assert city["period"]["granularity"] == "month"  # the coarsest of the inputs
    table = city["signals"]["by_period"]
    assert table["total"] == 4 * 13 * 2 + 6 * 13 * 2
    sector = city["merge"]["by_sector"]
    assert sector["rows"] == ["productie", "schoonmaak"]
    assert sector["row_totals"] == [156, 104]
    parse_document(schema=EXPORT_SCHEMA, data=to_json_bytes(city), allow_city=True)


def test_city_level_suppression_and_unknown_cells(tmp_path):
    small = make_export("zorg", per_week=1, weeks=13, granularity=Granularity.QUARTER)
    # per quarter: 13 per category, published; total 26
    hidden = make_export("zorg", per_week=1, weeks=4, granularity=Granularity.QUARTER)
    city = merge_documents([small, hidden], CAT, k=20, created=CREATED)
    table = city["signals"]["by_period"]
    published = [v for row in table["cells"] for v in row] + table["row_totals"]
    assert all(v is None or v == 0 or v >= 20 for v in published)


def test_city_pdf_has_sector_breakdown(tmp_path):
    from app.documents.merge import render_city_pdf

    exports = [make_export("schoonmaak"), make_export("productie"), make_export("horeca")]
    city = merge_documents(exports, CAT, min_exports_per_sector=1, created=CREATED)
    reader = PdfReader(io.BytesIO(render_city_pdf(city, CAT)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Schoonmaak" in text and "Productie en industrie" in text


def test_a_sector_of_one_or_two_employers_is_not_shown_on_its_own():
    exports = [make_export("schoonmaak") for _ in range(3)] + [make_export("horeca")]
    city = merge_documents(exports, CAT, created=CREATED)
    assert city["merge"]["by_sector"]["rows"] == ["kleine-sectoren", "schoonmaak"]
    assert city["merge"]["exports_per_sector"] == {"kleine-sectoren": 1, "schoonmaak": 3}


def _rehash(document):
    document["content_sha256"] = content_hash(document)
    return document


BASE = make_export()
BASE_BYTES = to_json_bytes(BASE)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_exports(draw):
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        node = document
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            path.append(key)
            node = node[key]
        target = document
        for key in path[:-1]:
            target = target[key]
        if path:
            target[path[-1]] = draw(json_values)
    return to_json_bytes(_rehash(document)) if draw(st.booleans()) else to_json_bytes(document)


inputs = (
    st.binary(max_size=300)
    | st.integers(0, len(BASE_BYTES)).map(lambda n: BASE_BYTES[:n])
    | mutated_exports()
    | st.just(BASE_BYTES)
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=st.lists(inputs, min_size=1, max_size=4))
def test_merge_never_crashes_on_random_or_truncated_input(tmp_path, files):
    paths = []
    for index, data in enumerate(files):
        path = tmp_path / f"in{index}.json"
        path.write_bytes(data)
        paths.append(path)
    result = merge_files(paths, CAT, schema=EXPORT_SCHEMA, created=dt.date(2026, 11, 29))
    assert len(result.accepted) + len(result.skipped) + len(result.refused) == len(files)
    if result.document is not None:
        json.dumps(result.document)
