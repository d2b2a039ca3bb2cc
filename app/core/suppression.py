"""Small-cell suppression for everything that leaves the laptop.

Rules (what the municipality gets, and why):

* ``k`` is the minimum cell size: default 10, configurable, never below 5.
* **Primary suppression**: a count from 1 to k-1 is not published. This holds for inner cells
  *and* for totals (a row total of 3 is as small as a cell of 3).
* **Zero is published.** "No signals of this kind" does not point to anyone, and hiding zeros
  would make every sparse table unreadable. Because zeros are published, a zero is only chosen
  as a complementary cell when no non-zero cell can do the job.
* **Complementary suppression**: no suppressed count may be worked out from the published
  numbers and totals. A table is a set of *lines* (a row with its total, a column with its
  total, the totals with the grand total); every entry lies on at most two lines. Seen as a
  graph (lines are nodes, suppressed entries are edges, an entry on one line is an edge to a
  free "ground" node) a suppressed entry can be recomputed exactly when its edge is a *bridge*:
  then the lines on one side of it pin its value down. So we add suppressions until the graph
  of suppressed entries has no bridges: first every line with exactly one suppressed entry gets
  a second one (the smallest other count), then each remaining bridge is closed by suppressing
  the smallest published entry that joins its two sides. Inner cells are preferred over
  totals, totals over the grand total.
* This is *linear* protection: no suppressed value can be computed exactly. It does not
  promise that an interval cannot be narrowed; k is what keeps published counts large.
* Tables that share a grand total (all breakdowns of one export) must agree on it: when one
  suppresses it, the caller runs the others again with ``force_total=True``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.i18n import N_
from app.i18n.messages import TranslatableError

MIN_K = 5
DEFAULT_K = 10


class CellSizeError(TranslatableError, ValueError):
    """A minimum cell size below the floor; ``str(error)`` translates when shown."""


def validate_k(k: int) -> int:
    """Return ``k`` when it is allowed (an integer of at least 5), else raise ValueError."""
    if isinstance(k, bool) or not isinstance(k, int) or k < MIN_K:
        raise CellSizeError(
            N_("Het kleinste aantal dat een export toont, moet minstens {minimum} zijn."),
            minimum=MIN_K,
        )
    return k


# --------------------------------------------------------------------------- generic engine

_GROUND = -1


def _edges(lines_of: Sequence[tuple[int, ...]], ground: int) -> list[tuple[int, int]]:
    edges = []
    for lines in lines_of:
        if len(lines) == 2:
            edges.append((lines[0], lines[1]))
        elif len(lines) == 1:
            edges.append((lines[0], ground))
        elif len(lines) == 0:
            edges.append((ground, ground))  # on no line: can never be recomputed
        else:
            raise ValueError("an entry may lie on at most two lines")
    return edges


def find_bridges(
    suppressed: Sequence[bool], lines_of: Sequence[tuple[int, ...]], line_count: int
) -> list[int]:
    """Indices of suppressed entries that can be recomputed from the published ones."""
    ground = line_count
    edges = _edges(lines_of, ground)
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(line_count + 1)]
    for index, is_suppressed in enumerate(suppressed):
        if not is_suppressed:
            continue
        a, b = edges[index]
        if a == b:
            continue
        adjacency[a].append((b, index))
        adjacency[b].append((a, index))
    order = [-1] * (line_count + 1)
    low = [0] * (line_count + 1)
    bridges: list[int] = []
    counter = 0
    for root in range(line_count + 1):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]  # node, edge used to enter, next idx
        while stack:
            node, via, position = stack[-1]
            if position < len(adjacency[node]):
                stack[-1] = (node, via, position + 1)
                neighbour, edge = adjacency[node][position]
                if edge == via:
                    continue
                if order[neighbour] == -1:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, 0))
                else:
                    low[node] = min(low[node], order[neighbour])
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.append(via)
    return sorted(bridges)


def suppress_entries(
    values: Sequence[int],
    lines_of: Sequence[tuple[int, ...]],
    line_count: int,
    k: int,
    *,
    priority: Sequence[int] | None = None,
    forced: Iterable[int] = (),
) -> list[bool]:
    """Which entries to suppress. ``lines_of[i]`` lists the lines (0..line_count-1) of entry i."""
    validate_k(k)
    count = len(values)
    ranks = list(priority) if priority is not None else [0] * count
    suppressed = [0 < v < k for v in values]
    for index in forced:
        suppressed[index] = True
    ground = line_count
    edges = _edges(lines_of, ground)
    on_line: list[list[int]] = [[] for _ in range(line_count + 1)]
    for index, (a, b) in enumerate(edges):
        on_line[a].append(index)
        if b != a:
            on_line[b].append(index)

    def cost(index: int) -> tuple[int, bool, int, int]:
        return (ranks[index], values[index] == 0, values[index], index)

    while True:
        changed = True
        while changed:  # every line: zero or at least two suppressed entries
            changed = False
            for line in range(line_count):
                members = on_line[line]
                hidden = sum(1 for i in members if suppressed[i])
                if hidden == 1:
                    candidates = [i for i in members if not suppressed[i]]
                    if candidates:
                        suppressed[min(candidates, key=cost)] = True
                        changed = True
        bridges = find_bridges(suppressed, lines_of, line_count)
        if not bridges:
            return suppressed
        bridge = bridges[0]
        side = _component_without(edges, suppressed, bridge, edges[bridge][0], line_count + 1)
        a_side, b_side = edges[bridge]
        candidates = [
            i
            for i in range(count)
            if not suppressed[i]
            and edges[i][0] != edges[i][1]
            and (edges[i][0] in side) != (edges[i][1] in side)
        ]
        if not candidates:  # grow the bridge's neighbourhood instead
            candidates = [
                i for i in range(count) if not suppressed[i] and ({a_side, b_side} & set(edges[i]))
            ]
        if not candidates:
            return suppressed  # nothing left to hide; cannot happen for real tables
        suppressed[min(candidates, key=cost)] = True


def _component_without(
    edges: Sequence[tuple[int, int]],
    suppressed: Sequence[bool],
    removed: int,
    start: int,
    node_count: int,
) -> set[int]:
    adjacency: list[list[int]] = [[] for _ in range(node_count)]
    for index, (a, b) in enumerate(edges):
        if suppressed[index] and index != removed and a != b:
            adjacency[a].append(b)
            adjacency[b].append(a)
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for neighbour in adjacency[node]:
            if neighbour not in seen:
                seen.add(neighbour)
                todo.append(neighbour)
    return seen


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TwoWayTable:
    """A published table: ``None`` means suppressed."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None

    def suppressed_count(self) -> int:
        return sum(v is None for row in self.cells for v in row)


@dataclass(frozen=True)
class OneWayTable:
    keys: tuple[str, ...]
    counts: tuple[int | None, ...]
    total: int | None

    def suppressed_count(self) -> int:
        return sum(v is None for v in self.counts)


def two_way_layout(m: int, n: int) -> tuple[list[tuple[int, ...]], int, list[int]]:
    """Lines and priorities of an m x n table extended with a total row and total column.

    Entry (i, j) with i in 0..m, j in 0..n has index ``i * (n + 1) + j``; i == m is the total
    row, j == n the total column. Line i (0..m) is row i; line m + 1 + j is column j.
    """
    lines_of: list[tuple[int, ...]] = []
    priority: list[int] = []
    for i in range(m + 1):
        for j in range(n + 1):
            lines_of.append((i, m + 1 + j))
            priority.append((i == m) + (j == n))
    return lines_of, (m + 1) + (n + 1), priority


def suppress_two_way(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[int]],
    k: int,
    *,
    force_total: bool = False,
) -> TwoWayTable:
    """Suppress an m x n table of true counts; its totals are computed here."""
    m, n = len(rows), len(columns)
    if any(len(row) != n for row in cells) or len(cells) != m:
        raise ValueError("cells do not match rows and columns")
    row_totals = [sum(row) for row in cells]
    column_totals = [sum(cells[i][j] for i in range(m)) for j in range(n)]
    return suppress_two_way_known(
        rows,
        columns,
        cells,
        row_totals,
        column_totals,
        None if force_total else sum(row_totals),
        k,
    )


def suppress_two_way_known(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[int | None]],
    row_totals: Sequence[int | None],
    column_totals: Sequence[int | None],
    total: int | None,
    k: int,
) -> TwoWayTable:
    """Suppress a table whose ``None`` entries are already unknown (e.g. a merge of exports).

    Known entries must be true counts; unknown ones are kept hidden and protected like any
    other suppressed entry.
    """
    m, n = len(rows), len(columns)
    if any(len(row) != n for row in cells) or len(cells) != m:
        raise ValueError("cells do not match rows and columns")
    if len(row_totals) != m or len(column_totals) != n:
        raise ValueError("totals do not match rows and columns")
    values: list[int] = []
    forced: list[int] = []
    for i in range(m + 1):
        for j in range(n + 1):
            if i < m and j < n:
                value = cells[i][j]
            elif i < m:
                value = row_totals[i]
            elif j < n:
                value = column_totals[j]
            else:
                value = total
            if value is None:
                forced.append(len(values))
                values.append(0)
            else:
                if value < 0:
                    raise ValueError("counts cannot be negative")
                values.append(int(value))
    lines_of, line_count, priority = two_way_layout(m, n)
    width = n + 1
    hidden = suppress_entries(values, lines_of, line_count, k, priority=priority, forced=forced)

    def shown(i: int, j: int) -> int | None:
        index = i * width + j
        return None if hidden[index] else values[index]

    return TwoWayTable(
        rows=tuple(rows),
        columns=tuple(columns),
        cells=tuple(tuple(shown(i, j) for j in range(n)) for i in range(m)),
        row_totals=tuple(shown(i, n) for i in range(m)),
        column_totals=tuple(shown(m, j) for j in range(n)),
        total=shown(m, n),
    )


def suppress_one_way(
    keys: Sequence[str],
    counts: Sequence[int],
    k: int,
    *,
    force_total: bool = False,
) -> OneWayTable:
    """Suppress a list of true counts with their total."""
    if len(counts) != len(keys):
        raise ValueError("counts do not match keys")
    return suppress_one_way_known(keys, counts, None if force_total else sum(counts), k)


def suppress_one_way_known(
    keys: Sequence[str], counts: Sequence[int | None], total: int | None, k: int
) -> OneWayTable:
    """Like :func:`suppress_one_way`, but ``None`` entries are already unknown."""
    n = len(keys)
    if len(counts) != n:
        raise ValueError("counts do not match keys")
    values: list[int] = []
    forced: list[int] = []
    for value in [*counts, total]:
        if value is None:
            forced.append(len(values))
            values.append(0)
        elif value < 0:
            raise ValueError("counts cannot be negative")
        else:
            values.append(int(value))
    lines_of: list[tuple[int, ...]] = [(0,)] * (n + 1)
    priority = [0] * n + [2]
    hidden = suppress_entries(values, lines_of, 1, k, priority=priority, forced=forced)
    return OneWayTable(
        keys=tuple(keys),
        counts=tuple(None if hidden[i] else values[i] for i in range(n)),
        total=None if hidden[n] else values[n],
    )


def suppressed_share(table: TwoWayTable) -> float:
    """Share of the table's inner cells that are hidden (0.0 when the table is empty)."""
    size = sum(len(row) for row in table.cells)
    return table.suppressed_count() / size if size else 0.0
