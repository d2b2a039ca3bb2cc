"""Exports to merge (signals merge): ExportInvalid only; an accepted export merges."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from app.documents.signal_export import content_hash, to_json_bytes
from tests.fuzz.checks import check_export
from tests.fuzz.strategies import fuzz_settings, mutated, mutated_text
from tests.unit.signals.test_merge import make_export

EXPORT = make_export()
EXPORT_TEXT = to_json_bytes(EXPORT).decode("utf-8")


def rehash(document):
    """A changed export with a matching checksum, so the checks behind the hash run too."""
    if isinstance(document, dict) and "content_sha256" in document:
        try:
            document["content_sha256"] = content_hash(document)
        except (TypeError, ValueError):
            pass
    return document


@fuzz_settings
@given(mutated(EXPORT, max_changes=3).map(rehash))
def test_mutated_export(document):
    try:
        data = json.dumps(document, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return
    check_export(data)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(EXPORT_TEXT)))
def test_raw_and_mutated_text(data):
    check_export(data)
