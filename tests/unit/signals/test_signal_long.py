"""The tidy long CSV: loads in the csv module and in DuckDB, its totals are the JSON's, and no
suppressed count can be worked out from what it publishes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random

import pytest

from app.cli import main
from app.core.signal_tables import build_signal_tables
from app.core.signals import Granularity, IsoWeek, WeekCount
from app.documents.signal_export import build_document, to_json_bytes
from app.documents.signal_long import LONG_COLUMNS, TOTAL, period_bounds, to_long_csv_bytes
from app.shipped import load_shipped
from tests.unit.signals.test_suppression import determined_unknowns

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

CAT = SHIPPED.catalogue
CATEGORIES = ("loonbeslag", "stress-en-spanning", "voorschot-of-betaaldatum", "scheiding")


def crafted_export(seed: int, sector: str, granularity=Granularity.QUARTER, weeks=26):
    """An employer with uneven counts: some cells small (suppressed), some large."""
    rng = random.Random(seed)
    counts = []
    for category in CATEGORIES:
        rate = rng.choice((0, 0, 1, 3, 6))
        for week in range(1, weeks + 1):
            n = rng.randint(0, rate)
            if n:
                counts.append(WeekCount(category, 2026, week, n))
    total = sum(c.count for c in counts)
    small = min(rng.randint(0, 4), total)
    tables = build_signal_tables(
        counts,
        {
            "source": {"medewerker": total - small, "collega": small},
            "age_band": {"18_27": small, "28_45": total - small},
            "contract_type": {"vast": total},
            "conversation_offered": {"ja": total // 2, "nee": total - total // 2},
            "department": {"Afdeling A": total},
        },
        CAT.ids(),
        IsoWeek(2026, 1),
        IsoWeek(2026, weeks),
        granularity,
        10,
        clinic={"intakes_by_age_band": {"18_27": 3, "28_45": 12}},
    )
    return build_document(
        tables,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
        sector=sector,
        catalogue=CAT,
        created=dt.date(2026, 11, 29),
        clinic_available=True,
    )


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lang")
    sectors = ["schoonmaak"] * 4 + ["productie"] * 3 + ["horeca"]
    paths = []
    for index, sector in enumerate(sectors):
        path = folder / f"export-{index}.json"
        path.write_bytes(to_json_bytes(crafted_export(index, sector)))
        paths.append(str(path))
    out = folder / "stad.pdf"
    args = ["signals", "merge", *paths, "--out", str(out)]
    args += ["--json", str(folder / "stad.json"), "--long", str(folder / "stad-lang.csv")]
    assert main(args) == 0
    city = json.loads((folder / "stad.json").read_text("utf-8"))
    return city, folder / "stad-lang.csv"


def read_rows(path):
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == LONG_COLUMNS
        return list(reader)


def value(row):
    assert row["suppressed"] in ("true", "false")
    if row["suppressed"] == "true":
        assert row["count"] == ""
        return None
    return int(row["count"])


def test_csv_module_reads_exactly_the_json(merged):
    city, path = merged
    rows = read_rows(path)
    table = city["signals"]["by_period"]
    whole = f"{city['period']['from']}/{city['period']['to']}"
    signals = {(r["period"], r["category"]): value(r) for r in rows if r["measure"] == "signals"}
    for i, category in enumerate(table["rows"]):
        for j, period in enumerate(table["columns"]):
            assert signals.pop((period, category)) == table["cells"][i][j]
        assert signals.pop((whole, category)) == table["row_totals"][i]
    for j, period in enumerate(table["columns"]):
        assert signals.pop((period, TOTAL)) == table["column_totals"][j]
    assert signals.pop((whole, TOTAL)) == table["total"]
    assert signals == {}
    assert any(r["suppressed"] == "true" for r in rows)  # the crafted exports do hide cells
    ids = " ".join(city["merge"]["export_ids"])
    assert all(r["export_ids"] == ids and r["k"] == "10" for r in rows)
    assert {r["sector"] for r in rows if r["measure"] == "signals"} == {"alle"}
    sector_rows = [r for r in rows if r["measure"] == "signals_by_sector"]
    by_sector = city["merge"]["by_sector"]
    assert {r["sector"] for r in sector_rows} == set(by_sector["rows"])
    labels = {r["category"]: r["category_label"] for r in rows if r["measure"] == "signals"}
    assert labels["loonbeslag"] == CAT.label("loonbeslag") and labels[TOTAL] == "Totaal"
    for row in rows:
        start, end = (dt.date.fromisoformat(row[k]) for k in ("period_start", "period_end"))
        if "/" not in row["period"]:
            assert (start, end) == period_bounds(row["period"])


def test_duckdb_loads_it_and_sums_per_quarter_and_category(merged):
    duckdb = pytest.importorskip("duckdb")
    city, path = merged
    con = duckdb.connect()
    # per period: every cell of the JSON table comes back (README_QUERY below sums quarters)
    result = con.execute(
        "SELECT period, category, sum(count) AS signals, bool_or(suppressed) AS incomplete "
        f"FROM read_csv_auto('{path}') WHERE measure = 'signals' AND category <> 'totaal' "
        "AND period NOT LIKE '%/%' GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    table = city["signals"]["by_period"]
    expected = {}
    for i, category in enumerate(table["rows"]):
        for j, period in enumerate(table["columns"]):
            expected[(period, category)] = table["cells"][i][j]
    assert {(p, c): s for p, c, s, _hidden in result} == expected
    assert all(hidden == (s is None) for _p, _c, s, hidden in result)
    types = dict(
        con.execute(f"DESCRIBE SELECT * FROM read_csv_auto('{path}')").fetchall()[i][:2]
        for i in range(len(LONG_COLUMNS))
    )
    assert types["count"] in ("BIGINT", "INTEGER") and types["suppressed"] == "BOOLEAN"
    assert types["period_start"] == "DATE" and types["k"] in ("BIGINT", "INTEGER")
    grand = con.execute(
        f"SELECT count FROM read_csv_auto('{path}') "
        "WHERE measure = 'signals' AND category = 'totaal' AND period LIKE '%/%'"
    ).fetchone()[0]
    assert grand == table["total"]
    # the published cells add up to the published totals wherever nothing is hidden
    if all(v is not None for row in table["cells"] for v in row):
        assert sum(s for *_rest, s, _h in result) == table["total"]


def _readme_query() -> str:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text("utf-8")
    block = readme.split("```sql\n", 1)[1].split("```", 1)[0].strip()
    assert "\n" not in block and "'*-lang.csv'" in block  # one line, over all long files
    return block


@pytest.mark.parametrize("granularity", list(Granularity))
def test_the_readme_query_sums_signals_per_quarter_and_category(tmp_path, granularity):
    """The README's one line, run as printed over every ``*-lang.csv`` in a folder, gives the
    JSON's signals per quarter and category, whatever granularity the merge came out at."""
    duckdb = pytest.importorskip("duckdb")
    from app.core.signals import Granularity as G
    from app.documents.merge import coarsen

    sectors = ["schoonmaak"] * 3 + ["productie"] * 3
    paths = []
    for index, sector in enumerate(sectors):
        path = tmp_path / f"export-{index}.json"
        path.write_bytes(to_json_bytes(crafted_export(index + 20, sector, granularity)))
        paths.append(str(path))
    args = ["signals", "merge", *paths, "--out", str(tmp_path / "stad.pdf")]
    args += ["--json", str(tmp_path / "stad.json"), "--long", str(tmp_path / "stad-lang.csv")]
    assert main(args) == 0
    city = json.loads((tmp_path / "stad.json").read_text("utf-8"))
    assert city["period"]["granularity"] == str(granularity)

    query = _readme_query().replace("'*-lang.csv'", f"'{tmp_path}/*-lang.csv'")
    result = duckdb.connect().execute(query).fetchall()

    table = city["signals"]["by_period"]
    known: dict[tuple[str, str], list[int]] = {}
    hidden: dict[tuple[str, str], bool] = {}
    for i, category in enumerate(table["rows"]):
        for j, period in enumerate(table["columns"]):
            key = (coarsen(period, G.QUARTER), category)
            value = table["cells"][i][j]
            known.setdefault(key, [])
            if value is not None:
                known[key].append(value)
            hidden[key] = hidden.get(key, False) or value is None
    expected = {k: (sum(v) if v else None, hidden[k]) for k, v in known.items()}
    assert {(q, c): (s, h) for q, c, s, h in result} == expected
    assert {q for q, *_rest in result} == {"2026-Q1", "2026-Q2"}


def _entries(rows, measure, sector=None):
    return {
        (r["sector"], r["period"], r["category"]): value(r)
        for r in rows
        if r["measure"] == measure and (sector is None or r["sector"] == sector)
    }


def test_no_suppressed_count_can_be_recomputed(merged):
    """Everything the long file publishes, as one system of linear equations: the signals by
    period, the signals by sector (they share the category totals and the grand total) and the
    one-way breakdowns (they share the grand total). No hidden entry may be fixed by it."""
    city, path = merged
    rows = read_rows(path)
    whole = f"{city['period']['from']}/{city['period']['to']}"
    values: dict[tuple, int | None] = {}
    equations: list[list[tuple[tuple, int]]] = []
    signals = _entries(rows, "signals")
    periods = sorted({p for (_s, p, _c) in signals if p != whole})
    categories = sorted({c for (_s, _p, c) in signals if c != TOTAL})

    def entry(period, category):
        return ("signals", period, category)

    for (_s, p, c), v in signals.items():
        values[entry(p, c)] = v
    for c in [*categories, TOTAL]:
        equations.append([(entry(p, c), 1) for p in periods] + [(entry(whole, c), -1)])
    for p in [*periods, whole]:
        equations.append([(entry(p, c), 1) for c in categories] + [(entry(p, TOTAL), -1)])
    sectors = sorted({r["sector"] for r in rows if r["measure"] == "signals_by_sector"})
    for (s, _p, c), v in _entries(rows, "signals_by_sector").items():
        values[("sector", s, c)] = v
    for s in sectors:
        equations.append([(("sector", s, c), 1) for c in categories] + [(("sector", s, TOTAL), -1)])
    for c in [*categories, TOTAL]:  # a category's sectors add up to its city total
        equations.append([(("sector", s, c), 1) for s in sectors] + [(entry(whole, c), -1)])
    for name in ("source", "age_band", "contract_type", "conversation_offered"):
        one = _entries(rows, name)
        keys = [c for (_s, _p, c) in one if c != TOTAL]
        for (_s, _p, c), v in one.items():
            values[(name, c)] = v
        assert one[("alle", whole, TOTAL)] == signals[("alle", whole, TOTAL)]
        equations.append([((name, c), 1) for c in keys] + [(entry(whole, TOTAL), -1)])
    hidden = [key for key, v in values.items() if v is None]
    assert hidden, "the crafted exports must hide something, or this test proves nothing"
    assert determined_unknowns(equations, hidden) == set()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_employer_export_long_has_no_recomputable_cell(seed):
    document = crafted_export(seed, "zorg", granularity=Granularity.MONTH)
    reader = csv.DictReader(io.StringIO(to_long_csv_bytes(document, CAT).decode("utf-8")))
    rows = list(reader)
    assert {r["export_ids"] for r in rows} == {document["export_id"]}
    assert {r["sector"] for r in rows} == {"zorg"}
    assert "department" in {r["measure"] for r in rows}
    table = document["signals"]["by_period"]
    published = sum(v is not None for row in table["cells"] for v in row)
    cells = [r for r in rows if r["measure"] == "signals" and "/" not in r["period"]]
    assert sum(r["suppressed"] == "false" for r in cells if r["category"] != TOTAL) == published


def test_formula_text_is_neutralised():
    document = crafted_export(4, "zorg")
    document["signals"]["breakdowns"]["department"]["keys"] = ["=HYPERLINK(1)"]
    rows = list(csv.DictReader(io.StringIO(to_long_csv_bytes(document, CAT).decode("utf-8"))))
    assert "'=HYPERLINK(1)" in {r["category"] for r in rows}
