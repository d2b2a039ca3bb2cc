"""Shared hypothesis strategies for the fuzz suite: hostile values and document mutations.

``FUZZ_EXAMPLES`` sets the number of inputs per test (CI default 200); the long run is
``FUZZ_EXAMPLES=100000 .venv/bin/python -m pytest tests/fuzz -p no:cacheprovider``.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Hand-made values that crashed a reader before (issue 12) or sit on a boundary.
NASTY_TEXTS = [
    "",
    " ",
    "²",
    "٣",
    "20266",
    "99999",
    "2026-W²",
    "2026-W53",
    "2027-W53",
    "9" * 5000,
    "1e27",
    "-0",
    "NaN",
    "Infinity",
    "\udcff",
    "\ud800x",
    "a\nb\nc",
    "\x00",
    "\u2028",
    "\u202e",
    "<br/>",
    "&amp;",
    "x" * 5000,
    "unknown",
    "2026-13-45",
    "9999-12-31",
    "0000-00-00",
]
NASTY_NUMBERS = [
    0,
    -1,
    1,
    53,
    168,
    10_000_000,
    10_000_001,
    2**63,
    10**30,
    -(10**30),
    1e27,
    1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    0.005,
    -0.0,
    True,
    False,
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(NASTY_TEXTS),
    st.sampled_from(NASTY_NUMBERS),
)

keys = st.one_of(st.text(max_size=12), st.sampled_from(NASTY_TEXTS))
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=25,
)


def _paths(document: Any) -> list[tuple[Any, ...]]:
    """Every path (keys/indices) into a nested dict/list, the root included."""
    found: list[tuple[Any, ...]] = [()]
    stack: list[tuple[tuple[Any, ...], Any]] = [((), document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            children = list(node.items())
        elif isinstance(node, list):
            children = list(enumerate(node))
        else:
            continue
        for key, child in children:
            found.append((*path, key))
            stack.append(((*path, key), child))
    return found


@st.composite
def mutated(draw: st.DrawFn, document: Any, *, max_changes: int = 3) -> Any:
    """``document`` with one to ``max_changes`` nodes replaced, removed or added."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, max_changes))):
        paths = _paths(result)
        path = draw(st.sampled_from(paths))
        if not path:
            if draw(st.integers(0, 9)) == 0:
                return draw(json_values)
            continue
        parent = result
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add", "grow"]))
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=12), st.sampled_from(NASTY_TEXTS)))] = draw(
                json_values
            )
        # Growth stays within what a file under the readers' size limits can hold: unbounded,
        # repeated growth built documents of gigabytes (the long run was killed at 24 GB).
        elif action == "grow" and isinstance(parent[key], list) and len(parent[key]) <= 10:
            parent[key] = parent[key] * draw(st.integers(2, 60))
        elif action == "grow" and isinstance(parent[key], str) and len(parent[key]) <= 100:
            parent[key] = parent[key] * draw(st.integers(2, 3000))
    return result


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few slices replaced by random or hostile text (raw-input mutation)."""
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            text = draw(st.text(max_size=50))
            continue
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        insert = draw(
            st.one_of(
                st.text(max_size=20),
                st.sampled_from(NASTY_TEXTS),
                st.sampled_from(list('[]{}",:-*&!\\') + ["\\u"]),
                st.sampled_from(["[" * 1000, '{"a":' * 1000, "- " * 500]),
            )
        )
        text = text[:start] + insert + text[end:]
    return text
