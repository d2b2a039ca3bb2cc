"""The compiled export check (app.core.schema_check) says exactly what jsonschema says.

The merge reads thousands of exports, so it checks them with the schema compiled to plain
Python instead of jsonschema. These tests hold the two to the same answer, valid or not, on
a hypothesis corpus of changed exports and city merges (``FUZZ_EXAMPLES`` sets how many;
the proof run for issue 13 used 20,000 per test).
"""

from __future__ import annotations

import copy
import datetime as dt

import jsonschema
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from app.core.schema_check import compile_schema
from app.documents.merge import merge_documents
from app.documents.signal_export import _schema_check, parse_document
from app.shipped import load_shipped
from tests.fuzz.strategies import fuzz_settings, json_values, mutated
from tests.unit.signals.test_merge import CAT, make_export

SCHEMA = load_shipped().schema("signal-export")
JSONSCHEMA = jsonschema.Draft202012Validator(SCHEMA)
EXPORT = make_export()
CITY = merge_documents(
    [make_export(sector=s) for s in ("zorg", "zorg", "horeca")], CAT, created=dt.date(2026, 12, 1)
)

# Values on the edges of the schema's rules: they make a mutation land on both sides.
EDGES = [
    None,
    0,
    -1,
    3.0,
    -0.0,
    2.5,
    True,
    False,
    4,
    5,
    5.0,
    "",
    "a",
    "a" * 64,
    "a" * 65,
    "2026-W01",
    "2026-W53",
    "2026-W54",
    "2026-W01\n",
    "2026-01",
    "2026-Q4",
    "2026-Q5",
    "2026-01-01",
    "2026-01-01\n",
    "٢٠٢٦-01-01",
    "zorg",
    "Zorg",
    "x" * 40,
    "x" * 41,
    "vindplaats.signal-export",
    "vindplaats.city-merge",
    "1.0",
    "week",
    "month",
    "0" * 64,
    "0" * 63,
    "00000000-0000-4000-8000-000000000000",
    [],
    {},
    [None],
    [0, 1],
    [[0]],
    {"keys": [], "counts": [], "total": 0},
    {"keys": ["a"], "counts": [1.0], "total": None},
]
# copied: a drawn list or dict is changed further, and EDGES must stay as it is
values = st.one_of(json_values, st.sampled_from(EDGES).map(copy.deepcopy))


def _leaves(document):
    return [copy.deepcopy(v) for v in _walk(document)]


def _walk(node):
    yield node
    if isinstance(node, dict):
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, list):
        for child in node[:3]:
            yield from _walk(child)


@st.composite
def changed(draw, document):
    """``document`` with a few nodes set to edge values, to other parts of itself, or to
    random JSON (the fuzz suite's mutations), so both answers occur often."""
    if draw(st.booleans()):
        return draw(mutated(document, max_changes=3))
    result = copy.deepcopy(document)
    parts = _leaves(document)
    for _ in range(draw(st.integers(1, 3))):
        node = result
        while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)):
            key = draw(
                st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
            )
            if not isinstance(node[key], (dict, list)) or not node[key]:
                node[key] = draw(st.one_of(values, st.sampled_from(parts).map(copy.deepcopy)))
                break
            node = node[key]
        else:
            if isinstance(node, dict):
                action = draw(st.sampled_from(["add", "delete"]))
                if action == "delete" and node:
                    del node[draw(st.sampled_from(sorted(node)))]
                else:
                    node[draw(st.sampled_from(["x", "issuer", "merge", "total"]))] = draw(values)
            elif isinstance(node, list):
                node.append(draw(values))
    return result


def same_answer(document) -> bool:
    compiled = _schema_check(SCHEMA)(document)
    assert compiled == JSONSCHEMA.is_valid(document), (
        f"compiled says {compiled}, jsonschema says {not compiled}: "
        f"{next(iter(JSONSCHEMA.iter_errors(document)), None)}"
    )
    return compiled


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_real_exports_and_city_merges_pass_both():
    assert same_answer(EXPORT)
    assert same_answer(CITY)


@fuzz_settings
@given(changed(EXPORT))
def test_changed_export_same_answer(document):
    event("valid" if same_answer(document) else "invalid")


@fuzz_settings
@given(changed(CITY))
def test_changed_city_merge_same_answer(document):
    event("valid" if same_answer(document) else "invalid")


@pytest.mark.parametrize(
    ("path", "value", "valid"),
    [
        (("signals", "by_period", "total"), 3.0, True),  # an integer in JSON Schema terms
        (("signals", "by_period", "total"), True, False),  # never an integer
        (("signals", "by_period", "total"), -1, False),
        (("signals", "by_period", "total"), None, True),  # suppressed
        (("period", "from"), "2026-01-01\n", True),  # re.search: $ before a final newline
        (("period", "from"), "2026-1-01", False),
        (("suppression", "k"), 4, False),
        (("suppression", "k"), 5.0, True),
        (("organisation", "sector"), "x" * 41, False),
        (("kind",), "vindplaats.city-merge", True),
    ],
)
def test_edges_agree_with_jsonschema(path, value, valid):
    document = copy.deepcopy(EXPORT)
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert same_answer(document) is valid


def test_a_count_like_3_0_still_refused_by_the_export_reader():
    """The schema allows 3.0; the reader's own count check does not (a count is a whole
    number written as one), with one line."""
    from app.documents.signal_export import ExportInvalid, content_hash, to_json_bytes

    document = copy.deepcopy(EXPORT)
    document["signals"]["by_period"]["total"] = float(document["signals"]["by_period"]["total"])
    document["content_sha256"] = content_hash(document)
    with pytest.raises(ExportInvalid, match="klopt niet"):
        parse_document(to_json_bytes(document), schema=SCHEMA)


@pytest.mark.parametrize(
    "schema",
    [
        {"oneOf": [{"type": "string"}]},
        {"patternProperties": {"a": {}}},
        {"type": "decimal"},
        {"$ref": "https://example.org/other.json"},
        {"const": 1},
    ],
)
def test_a_keyword_it_does_not_know_is_refused_when_compiling(schema):
    with pytest.raises(ValueError):
        compile_schema(schema)
