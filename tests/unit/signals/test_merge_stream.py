"""The merge streams: one export in memory at a time, and the same city figures as merging a
list, in any order and at mixed granularities."""

from __future__ import annotations

import copy
import datetime as dt
import random
import tracemalloc

from app.core.signals import Granularity
from app.documents.merge import merge_documents, merge_files
from app.documents.signal_export import content_hash, to_json_bytes
from app.shipped import load_shipped
from tests.unit.signals.test_signal_long import CAT, crafted_export

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

GRANULARITIES = (Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER)
SECTORS = ("zorg", "zorg", "zorg", "horeca", "productie", "productie", "productie", "schoonmaak")


def exports(n: int) -> list[dict]:
    return [
        crafted_export(i, SECTORS[i % len(SECTORS)], granularity=GRANULARITIES[i % 3], weeks=8 + i)
        for i in range(n)
    ]


def figures(document: dict) -> dict:
    document = copy.deepcopy(document)
    document.pop("export_id")
    document.pop("content_sha256")
    return document


def test_streamed_files_give_the_same_city_as_a_list_in_any_order(tmp_path):
    documents = exports(12)
    paths = []
    for index, document in enumerate(documents):
        path = tmp_path / f"export-{index}.json"
        path.write_bytes(to_json_bytes(document))
        paths.append(path)
    created = dt.date(2026, 12, 1)
    streamed = merge_files(paths, CAT, schema=EXPORT_SCHEMA, created=created).document
    assert streamed is not None
    assert streamed["period"]["granularity"] == "quarter"  # the coarsest of the inputs
    shuffled = documents[:]
    random.Random(5).shuffle(shuffled)
    assert figures(streamed) == figures(merge_documents(shuffled, CAT, created=created))
    for k in (5, 20):
        again = merge_files(
            list(reversed(paths)), CAT, schema=EXPORT_SCHEMA, k=k, created=created
        ).document
        assert figures(again) == figures(merge_documents(documents, CAT, k=k, created=created))


def _peak_bytes(paths) -> int:
    tracemalloc.start()
    try:
        result = merge_files(paths, CAT, schema=EXPORT_SCHEMA, created=dt.date(2026, 12, 1))
        assert len(result.accepted) == len(paths)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_exports(tmp_path):
    template = crafted_export(3, "zorg", granularity=Granularity.MONTH)
    paths = []
    for index in range(60):
        document = copy.deepcopy(template)
        document["export_id"] = f"00000000-0000-4000-8000-{index:012d}"
        document["content_sha256"] = content_hash(document)
        path = tmp_path / f"export-{index:02d}.json"
        path.write_bytes(to_json_bytes(document))
        paths.append(path)
    _peak_bytes(paths[:2])  # caches (schema validator, catalogue) are not the merge's memory
    few, many = _peak_bytes(paths[:10]), _peak_bytes(paths)
    one_document = len(to_json_bytes(template)) * 4  # parsed, a document is a few times its file
    # holding all 60 would add 50 documents; streaming adds only their ids and names
    assert many - few < 5 * one_document, (few, many)
