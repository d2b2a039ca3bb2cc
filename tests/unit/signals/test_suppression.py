"""Small-cell suppression: nothing small is published, nothing hidden can be recomputed."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.suppression import (
    MIN_K,
    suppress_one_way,
    suppress_two_way,
    validate_k,
)


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix]
    rank = 0
    width = len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col] / rows[rank][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def determined_unknowns(equations: list[list[tuple[int, int]]], unknowns: list[int]) -> set[int]:
    """Independent check by linear algebra: which unknown entries are fixed by the equations.

    Each equation is a list of (entry, coefficient) summing to a published constant.
    """
    if not unknowns:
        return set()
    position = {entry: i for i, entry in enumerate(unknowns)}
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(unknowns)
        for entry, coefficient in equation:
            if entry in position:
                row[position[entry]] += coefficient
        if any(row):
            matrix.append(row)
    if not matrix:
        return set()
    base = _rank(matrix)
    fixed = set()
    for entry, i in position.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[i] = Fraction(1)
        if _rank(matrix + [unit]) == base:
            fixed.add(entry)
    return fixed


def two_way_exposure(table) -> set:
    m, n = len(table.rows), len(table.columns)
    values = {}
    for i in range(m):
        for j in range(n):
            values[(i, j)] = table.cells[i][j]
        values[(i, "T")] = table.row_totals[i]
    for j in range(n):
        values[("T", j)] = table.column_totals[j]
    values[("T", "T")] = table.total
    equations = []
    for i in list(range(m)) + ["T"]:
        equations.append([((i, j), 1) for j in range(n)] + [((i, "T"), -1)])
    for j in list(range(n)) + ["T"]:
        equations.append([((i, j), 1) for i in range(m)] + [(("T", j), -1)])
    unknowns = [entry for entry, value in values.items() if value is None]
    return determined_unknowns(equations, unknowns)


counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=6)


@st.composite
def tables(draw):
    m = draw(st.integers(1, 5))
    n = draw(st.integers(1, 6))
    cells = [[draw(counts) for _ in range(n)] for _ in range(m)]
    return cells


@settings(max_examples=200, deadline=None)
@given(cells=tables(), k=st.integers(MIN_K, 12))
def test_two_way_publishes_nothing_small_and_nothing_recomputable(cells, k):
    m, n = len(cells), len(cells[0])
    table = suppress_two_way([f"r{i}" for i in range(m)], [f"c{j}" for j in range(n)], cells, k)
    published = [v for row in table.cells for v in row] + list(table.row_totals)
    published += list(table.column_totals) + [table.total]
    assert all(v is None or v == 0 or v >= k for v in published)
    assert two_way_exposure(table) == set()
    # what is published is the truth
    for i in range(m):
        for j in range(n):
            assert table.cells[i][j] in (None, cells[i][j])


@settings(max_examples=200, deadline=None)
@given(values=st.lists(counts, min_size=1, max_size=8), k=st.integers(MIN_K, 12))
def test_one_way_publishes_nothing_small_and_nothing_recomputable(values, k):
    table = suppress_one_way([f"k{i}" for i in range(len(values))], values, k)
    assert all(v is None or v == 0 or v >= k for v in [*table.counts, table.total])
    entries = list(range(len(values))) + ["T"]
    shown = list(table.counts) + [table.total]
    unknowns = [e for e, v in zip(entries, shown, strict=True) if v is None]
    equation = [(i, 1) for i in range(len(values))] + [("T", -1)]
    assert determined_unknowns([equation], unknowns) == set()


def test_lone_small_cell_in_a_row_takes_the_next_smallest_with_it():
    table = suppress_two_way(["a"], ["w1", "w2", "w3"], [[3, 12, 40]], 10)
    assert table.cells[0] == (None, None, 40)
    assert table.row_totals == (55,)


def test_zero_is_published_and_a_lone_row_total_is_protected():
    table = suppress_one_way(["a", "b", "c"], [0, 4, 20], 10)
    assert table.counts[0] == 0
    assert table.counts[1] is None
    assert table.counts[2] is None  # otherwise 24 - 20 - 0 gives the 4 back
    assert table.total == 24


def test_forced_total_is_hidden_and_still_safe():
    table = suppress_one_way(["a", "b"], [20, 30], 10, force_total=True)
    assert table.total is None
    assert table.counts.count(None) >= 1


@pytest.mark.parametrize("k", [4, 0, -1, 4.5, True])
def test_k_below_five_is_refused(k):
    with pytest.raises(ValueError, match="minstens 5"):
        validate_k(k)


@settings(max_examples=150, deadline=None)
@given(cells=tables(), k=st.integers(MIN_K, 12), data=st.data())
def test_already_unknown_cells_stay_hidden_and_protected(cells, k, data):
    from app.core.suppression import suppress_two_way_known

    m, n = len(cells), len(cells[0])
    unknown = data.draw(st.sets(st.tuples(st.integers(0, m - 1), st.integers(0, n - 1))))
    shown = [[None if (i, j) in unknown else cells[i][j] for j in range(n)] for i in range(m)]
    table = suppress_two_way_known(
        [f"r{i}" for i in range(m)],
        [f"c{j}" for j in range(n)],
        shown,
        [sum(row) for row in cells],
        [sum(cells[i][j] for i in range(m)) for j in range(n)],
        sum(map(sum, cells)),
        k,
    )
    for i, j in unknown:
        assert table.cells[i][j] is None
    published = [v for row in table.cells for v in row] + list(table.row_totals)
    assert all(v is None or v == 0 or v >= k for v in published)
    assert two_way_exposure(table) == set()
