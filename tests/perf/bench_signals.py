"""Signal benchmarks (run by tests/perf/bench.py, or alone; not collected by pytest).

    /work/venv/bin/python tests/perf/bench_signals.py

Keys: dashboard_100k_ms (<= 150), export_1m_ms (<= 3000), merge_200_ms (<= 2000),
sqlcipher_vs_sqlite_ratio (target <= 1.25). Each timing is the median of a few runs.

:func:`run_merge_scale` (``bench.py --only merge``) gives merge_500_ms, merge_1000_ms and
merge_5000_ms (target <= 10000) with the merge's peak memory: each size in a fresh process,
ru_maxrss before and after the merge, so the growth shows whether memory follows the number of
exports (it should not: the merge streams them). One run per size; 5,000 takes a while.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSPHRASE = "benchmark fictieve zin met genoeg woorden"
RUNS = 5


def _signals(count: int, seed: int = 7):
    from app.core.concepts.age import AgeBand
    from app.core.concepts.contract import SIGNAL_VALUES
    from app.core.signals import IsoWeek, Source
    from app.shipped import load_shipped

    ids = load_shipped().catalogue.ids()
    rng = random.Random(seed)
    sources = [s.value for s in Source]
    ages = [None, *[a.value for a in AgeBand]]
    contracts = [None, *[c.value for c in SIGNAL_VALUES]]
    departments = [None, "Schoonmaak Noord", "Productie", "Kantoor", "Logistiek"]
    weeks = [y * 100 + w for y in (2025, 2026) for w in range(1, 53)]
    logged = IsoWeek(2026, 48).key
    for _ in range(count):
        yield (
            rng.choice(ids),
            rng.choice(weeks),
            rng.choice(sources),
            rng.choice(departments),
            rng.choice(ages),
            rng.choice(contracts),
            rng.choice((None, 0, 1)),
            logged,
        )


_INSERT = (
    "INSERT INTO signal (category, week_key, source, department, age_band, contract_type, "
    "conversation_offered, logged_week_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _fill(connection, count: int) -> None:
    with connection:
        connection.executemany(_INSERT, _signals(count))


def _vault(folder: Path):
    from app.store.keyslots import TEST_KDF
    from app.store.vault import Vault

    vault = Vault(folder, kdf=TEST_KDF)
    vault.create(PASSPHRASE)
    return vault.unlock(PASSPHRASE)


def _median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def bench_dashboard(workdir: Path) -> float:
    from app.core.signals import Granularity, IsoWeek
    from app.store.signals import load_dashboard

    session = _vault(workdir / "dash")
    try:
        _fill(session.connection, 100_000)
        first, last = IsoWeek(2025, 1), IsoWeek(2026, 52)
        load_dashboard(session.connection, first, last, Granularity.WEEK)  # warm the cache
        return _median_ms(lambda: load_dashboard(session.connection, first, last, Granularity.WEEK))
    finally:
        session.close()


def bench_export(workdir: Path) -> float:
    from app.core.signals import Granularity
    from app.documents.signal_export import prepare_export, write_export
    from app.fileio import UserFiles
    from app.shipped import load_shipped
    from app.store.export_inputs import read_export_inputs

    session = _vault(workdir / "export")
    catalogue = load_shipped().catalogue
    out = workdir / "export.json"
    try:
        _fill(session.connection, 1_000_000)

        def export() -> None:
            document = prepare_export(
                read_export_inputs(session.connection, dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
                today=dt.date(2026, 12, 31),
                granularity=Granularity.WEEK,
                catalogue=catalogue,
            )
            write_export(document, "json", out, catalogue, files=UserFiles(workdir / "export"))

        export()
        return _median_ms(export, runs=3)
    finally:
        session.close()


def bench_merge(workdir: Path) -> float:
    from app.core.signal_tables import build_signal_tables
    from app.core.signals import Granularity, IsoWeek, WeekCount
    from app.documents.merge import merge_files
    from app.documents.signal_export import build_document, to_json_bytes
    from app.shipped import load_shipped

    catalogue = load_shipped().catalogue
    sectors = [s.id for s in catalogue.sectors]
    rng = random.Random(3)
    folder = workdir / "merge"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(200):
        counts = [
            WeekCount(c, 2026, w, rng.choice((0, 0, 1, 2, 5, 12)))
            for c in catalogue.ids()
            for w in range(1, 53)
        ]
        total = sum(c.count for c in counts)
        tables = build_signal_tables(
            counts,
            {"source": {"medewerker": total // 2, "collega": total - total // 2}},
            catalogue.ids(),
            IsoWeek(2026, 1),
            IsoWeek(2026, 52),
            Granularity.MONTH,
            10,
        )
        document = build_document(
            tables,
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 12, 31),
            sector=sectors[index % len(sectors)],
            catalogue=catalogue,
            created=dt.date(2026, 12, 31),
            clinic_available=False,
        )
        path = folder / f"export-{index:03d}.json"
        path.write_bytes(to_json_bytes(document))
        paths.append(path)

    def merge() -> None:
        result = merge_files(
            paths,
            catalogue,
            schema=load_shipped().schema("signal-export"),
            created=dt.date(2026, 12, 31),
        )
        assert result.document is not None and len(result.accepted) == 200
        to_json_bytes(result.document)

    return _median_ms(merge, runs=3)


MERGE_SIZES = (500, 1000, 5000)

_MERGE_CHILD = r"""
import datetime as dt, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from app.documents.merge import merge_files
from app.documents.signal_export import to_json_bytes
from app.shipped import load_shipped
folder, n = Path(sys.argv[2]), int(sys.argv[3])
paths = [folder / f"export-{i:05d}.json" for i in range(n)]
shipped = load_shipped()
catalogue, schema = shipped.catalogue, shipped.schema("signal-export")
merge_files(paths[:3], catalogue, schema=schema, created=dt.date(2026, 12, 31))  # warm caches
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = merge_files(paths, catalogue, schema=schema, created=dt.date(2026, 12, 31))
to_json_bytes(result.document)
ms = (time.perf_counter() - start) * 1000
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert len(result.accepted) == n, result.report_lines()[-3:]
# where the time goes: the export schema check alone, on the first 200 files
from app.documents.signal_export import _schema_check
sample = [json.loads(p.read_bytes()) for p in paths[:200]]
start = time.perf_counter()
for document in sample:
    assert _schema_check(schema)(document)
schema_ms = (time.perf_counter() - start) * 1000 / len(sample)
print(json.dumps({"ms": ms, "before_mb": before / 1024, "peak_mb": after / 1024,
                  "schema_ms": schema_ms}))
"""


def _scale_exports(folder: Path, count: int) -> int:
    """``count`` realistic employer exports: a year by month, every category, all breakdowns,
    Geldclinic figures in half of them. Made from 40 varied templates with fresh ids."""
    import copy
    import uuid

    from app.core.signal_tables import build_signal_tables
    from app.core.signals import Granularity, IsoWeek, WeekCount
    from app.documents.signal_export import (
        build_document,
        content_hash,
        to_json_bytes,
    )
    from app.shipped import load_shipped

    catalogue = load_shipped().catalogue
    sectors = [s.id for s in catalogue.sectors]
    rng = random.Random(11)
    templates = []
    for index in range(40):
        counts = [
            WeekCount(c, 2026, w, rng.choice((0, 0, 0, 1, 2, 5, 12)))
            for c in catalogue.ids()
            for w in range(1, 53)
        ]
        total = sum(c.count for c in counts)
        third = total // 3
        tables = build_signal_tables(
            counts,
            {
                "source": {"medewerker": third, "collega": total - third},
                "age_band": {"18_27": third, "28_45": total - third},
                "contract_type": {"vast": total - third, "oproep": third},
                "conversation_offered": {"ja": third, "nee": total - third},
                "department": {"Schoonmaak Noord": third, "Kantoor": total - third},
            },
            catalogue.ids(),
            IsoWeek(2026, 1),
            IsoWeek(2026, 52),
            Granularity.MONTH,
            10,
            clinic={"intakes_by_age_band": {"18_27": 4, "28_45": 14}} if index % 2 else None,
        )
        templates.append(
            build_document(
                tables,
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 12, 31),
                sector=sectors[index % len(sectors)],
                catalogue=catalogue,
                created=dt.date(2026, 12, 31),
                clinic_available=bool(index % 2),
            )
        )
    size = 0
    for index in range(count):
        document = copy.deepcopy(templates[index % len(templates)])
        document["export_id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        document["organisation"]["issuer"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        document["content_sha256"] = content_hash(document)
        data = to_json_bytes(document)
        size += len(data)
        (folder / f"export-{index:05d}.json").write_bytes(data)
    return size // count


def run_merge_scale(workdir: Path, sizes=MERGE_SIZES) -> dict[str, object]:
    import subprocess

    folder = workdir / "merge-scale"
    folder.mkdir(parents=True, exist_ok=True)
    average = _scale_exports(folder, max(sizes))
    figures: dict[str, object] = {"merge_export_bytes_avg": average}
    for n in sizes:
        out = subprocess.run(
            [sys.executable, "-c", _MERGE_CHILD, str(ROOT), str(folder), str(n)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        measured = json.loads(out)
        figures[f"merge_{n}_ms"] = round(measured["ms"], 1)
        figures[f"merge_{n}_peak_rss_mb"] = round(measured["peak_mb"], 1)
        figures[f"merge_{n}_rss_growth_mb"] = round(measured["peak_mb"] - measured["before_mb"], 1)
        figures[f"merge_{n}_per_export_ms"] = round(measured["ms"] / n, 2)
        figures[f"merge_{n}_schema_check_per_export_ms"] = round(measured["schema_ms"], 2)
    return figures


def _workload(connection) -> None:
    from app.core.signals import IsoWeek
    from app.store.signals import SignalRepository

    _fill(connection, 100_000)
    repo = SignalRepository(connection)
    first, last = IsoWeek(2025, 1), IsoWeek(2026, 52)
    for _ in range(3):
        repo.week_counts(first, last)
        repo.breakdowns(first, last)


def _plain(path: Path, module, schema: str, cache_size: int):
    connection = module.connect(str(path))
    connection.execute("PRAGMA journal_mode = WAL").fetchall()
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA cache_size = {int(cache_size)}")
    connection.executescript(schema)
    return connection


def bench_ratio(workdir: Path) -> dict[str, float]:
    """The same insert + aggregate workload: vault vs plain sqlite3 (same pragmas and cache).

    Also against the vault's own SQLite build without encryption (sqlcipher3 without a key),
    which isolates the cost of encryption from differences between SQLite versions.
    """
    import sqlcipher3

    from app.store.db import SCHEMA_DIR

    schema = (SCHEMA_DIR / "0003_signals.sql").read_text(encoding="utf-8")
    times: dict[str, list[float]] = {"vault": [], "sqlite3": [], "same_engine": []}
    for run in range(3):
        session = _vault(workdir / f"ratio-vault-{run}")
        cache_size = session.connection.execute("PRAGMA cache_size").fetchone()[0]
        start = time.perf_counter()
        _workload(session.connection)
        times["vault"].append(time.perf_counter() - start)
        session.close()
        for name, module in (("sqlite3", sqlite3), ("same_engine", sqlcipher3)):
            plain = _plain(workdir / f"ratio-{name}-{run}.db", module, schema, cache_size)
            start = time.perf_counter()
            _workload(plain)
            times[name].append(time.perf_counter() - start)
            plain.close()
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}
    return {
        "sqlcipher_vs_sqlite_ratio": round(ms["vault"] / ms["sqlite3"], 2),
        "sqlcipher_vs_same_engine_plain_ratio": round(ms["vault"] / ms["same_engine"], 2),
        "signals_workload_vault_ms": round(ms["vault"], 1),
        "signals_workload_sqlite3_ms": round(ms["sqlite3"], 1),
        "signals_workload_same_engine_plain_ms": round(ms["same_engine"], 1),
    }


def run(tmpdir) -> dict[str, object]:
    workdir = Path(tmpdir)
    workdir.mkdir(parents=True, exist_ok=True)
    return {
        "dashboard_100k_ms": bench_dashboard(workdir),
        "export_1m_ms": bench_export(workdir),
        "merge_200_ms": bench_merge(workdir),
        **bench_ratio(workdir),
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="vindplaats-bench-signals-") as tmp:
        print(json.dumps(run(tmp), indent=2))
