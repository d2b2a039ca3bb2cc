"""What an export holds: the suppressed tables for one period (pure; no I/O).

The store hands over plain counts (from SQL ``GROUP BY``); this module turns them into the
tables that may leave the laptop, with suppression applied consistently: tables that share a
grand total (all breakdowns of the signals; all breakdowns of the intakes) either all show it
or all hide it, otherwise the hidden one could be read off the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.core.signals import Granularity, IsoWeek, WeekCount, count_by_period, periods_between
from app.core.suppression import (
    OneWayTable,
    TwoWayTable,
    suppress_one_way,
    suppress_two_way,
    suppressed_share,
    validate_k,
)

UNKNOWN = "onbekend"

# The breakdowns of signals that an export carries, in this order. Keys are stable (JSON).
SIGNAL_BREAKDOWNS = ("source", "department", "age_band", "contract_type", "conversation_offered")

# The Geldclinic breakdowns, grouped by what they count (tables in one group share a total).
CLINIC_GROUPS: dict[str, tuple[str, ...]] = {
    "intakes": ("intakes_by_age_band", "intakes_by_contract_type"),
    "routes": ("routes_advised",),
    "letters": ("letters_by_outcome",),
}

# Fine enough to be useful, coarse enough to be safe: the finest granularity whose share of
# hidden cells stays at or below this is suggested.
ACCEPTABLE_HIDDEN_SHARE = 0.25


@dataclass(frozen=True)
class SignalTables:
    first_week: IsoWeek
    last_week: IsoWeek
    granularity: Granularity
    k: int
    by_period: TwoWayTable
    breakdowns: dict[str, OneWayTable]
    clinic: dict[str, OneWayTable] = field(default_factory=dict)
    signal_count: int = 0

    def hidden_share(self) -> float:
        return suppressed_share(self.by_period)


def category_period_matrix(
    week_counts: Sequence[WeekCount],
    categories: Sequence[str],
    first: IsoWeek,
    last: IsoWeek,
    granularity: Granularity,
) -> tuple[list[str], list[str], list[list[int]]]:
    """Rows (every listed category, plus any other that has counts), columns, counts."""
    periods = periods_between(first, last, granularity)
    inside = [w for w in week_counts if first <= IsoWeek(w.iso_year, w.iso_week) <= last]
    counts = count_by_period(inside, granularity)
    rows = list(categories)
    extra = sorted({c for c, _p in counts} - set(rows))
    rows += extra
    row_index = {c: i for i, c in enumerate(rows)}
    col_index = {p: j for j, p in enumerate(periods)}
    matrix = [[0] * len(periods) for _ in rows]
    for (category, period), n in counts.items():
        matrix[row_index[category]][col_index[period]] += n
    return rows, periods, matrix


def suppress_group(
    one_way: Mapping[str, tuple[Sequence[str], Sequence[int]]],
    k: int,
    two_way: tuple[Sequence[str], Sequence[str], Sequence[Sequence[int]]] | None = None,
) -> tuple[TwoWayTable | None, dict[str, OneWayTable]]:
    """Suppress tables that share one grand total, so all show it or all hide it."""
    force = False
    while True:
        main = suppress_two_way(*two_way, k, force_total=force) if two_way is not None else None
        tables = {
            name: suppress_one_way(keys, counts, k, force_total=force)
            for name, (keys, counts) in one_way.items()
        }
        totals = [t.total for t in tables.values()] + ([main.total] if main else [])
        if force or all(t is not None for t in totals) or all(t is None for t in totals):
            return main, tables
        force = True


def _one_way_from(counts: Mapping[str, int], keys: Sequence[str] | None) -> tuple[list, list]:
    order = list(keys) if keys is not None else []
    order += sorted(k for k in counts if k not in order)
    return order, [int(counts.get(k, 0)) for k in order]


def build_signal_tables(
    week_counts: Sequence[WeekCount],
    breakdowns: Mapping[str, Mapping[str, int]],
    categories: Sequence[str],
    first: IsoWeek,
    last: IsoWeek,
    granularity: Granularity,
    k: int,
    *,
    breakdown_keys: Mapping[str, Sequence[str]] | None = None,
    clinic: Mapping[str, Mapping[str, int]] | None = None,
    clinic_keys: Mapping[str, Sequence[str]] | None = None,
) -> SignalTables:
    """All tables of one export, suppressed. ``breakdowns[name]`` maps a key to a count."""
    validate_k(k)
    rows, periods, matrix = category_period_matrix(
        week_counts, categories, first, last, granularity
    )
    keys_for = breakdown_keys or {}
    signal_count = sum(map(sum, matrix))
    one_way = {}
    for name in SIGNAL_BREAKDOWNS:
        counts = dict(breakdowns.get(name, {}))
        missing = signal_count - sum(counts.values())
        if missing > 0:  # signals without this attribute count as "onbekend"
            counts[UNKNOWN] = counts.get(UNKNOWN, 0) + missing
        one_way[name] = _one_way_from(counts, keys_for.get(name))
    main, tables = suppress_group(one_way, k, (rows, periods, matrix))
    assert main is not None
    clinic_tables: dict[str, OneWayTable] = {}
    clinic_counts = clinic or {}
    for names in CLINIC_GROUPS.values():
        present = {
            name: _one_way_from(clinic_counts[name], (clinic_keys or {}).get(name))
            for name in names
            if name in clinic_counts
        }
        if present:
            clinic_tables.update(suppress_group(present, k)[1])
    return SignalTables(
        first_week=first,
        last_week=last,
        granularity=granularity,
        k=k,
        by_period=main,
        breakdowns=tables,
        clinic=clinic_tables,
        signal_count=signal_count,
    )


def hidden_share_by_granularity(
    week_counts: Sequence[WeekCount],
    categories: Sequence[str],
    first: IsoWeek,
    last: IsoWeek,
    k: int,
) -> dict[Granularity, float]:
    result = {}
    for granularity in Granularity:
        rows, periods, matrix = category_period_matrix(
            week_counts, categories, first, last, granularity
        )
        table = suppress_two_way(rows, periods, matrix, k)
        nonzero = sum(1 for row in matrix for v in row if v)
        hidden = table.suppressed_count()
        result[granularity] = min(1.0, hidden / nonzero) if nonzero else 0.0
    return result


def suggest_granularity(shares: Mapping[Granularity, float]) -> Granularity:
    """The finest period whose hidden share is acceptable; else the coarsest."""
    for granularity in (Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER):
        if shares.get(granularity, 1.0) <= ACCEPTABLE_HIDDEN_SHARE:
            return granularity
    return Granularity.QUARTER


# --------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class DashboardFigures:
    """What the advisor sees on the dashboard (only on this laptop; no suppression needed)."""

    periods: tuple[str, ...]
    per_period: tuple[int, ...]
    categories: tuple[str, ...]
    per_category_period: tuple[tuple[int, ...], ...]
    per_category: tuple[int, ...]
    departments: dict[str, int]
    total: int
    conversation_yes: int
    conversation_known: int

    @property
    def conversation_share(self) -> float | None:
        """Share of signals followed by an offered conversation (of those where it is known)."""
        if not self.total:
            return None
        return self.conversation_yes / self.total


def dashboard_figures(
    week_counts: Sequence[WeekCount],
    breakdowns: Mapping[str, Mapping[str, int]],
    first: IsoWeek,
    last: IsoWeek,
    granularity: Granularity,
) -> DashboardFigures:
    rows_present = sorted({w.category for w in week_counts})
    rows, periods, matrix = category_period_matrix(
        week_counts, rows_present, first, last, granularity
    )
    per_period = tuple(sum(matrix[i][j] for i in range(len(rows))) for j in range(len(periods)))
    conversation = breakdowns.get("conversation_offered", {})
    return DashboardFigures(
        periods=tuple(periods),
        per_period=per_period,
        categories=tuple(rows),
        per_category_period=tuple(tuple(r) for r in matrix),
        per_category=tuple(sum(r) for r in matrix),
        departments=dict(breakdowns.get("department", {})),
        total=sum(per_period),
        conversation_yes=int(conversation.get("ja", 0)),
        conversation_known=int(conversation.get("ja", 0)) + int(conversation.get("nee", 0)),
    )
