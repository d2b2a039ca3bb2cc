"""The signal log in the vault: add, change or delete (same ISO week only), list, count.

Counting happens in SQL (``GROUP BY``) so the dashboard stays fast over 100,000 signals; only
small aggregates reach Python. Settings of the signal log (departments, k, sector) live in the
vault's ``settings`` table (0001) under ``signals.*`` keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.core.concepts.age import AgeBand
from app.core.concepts.contract import ContractType
from app.core.signals import (
    IsoWeek,
    Signal,
    SignalError,
    Source,
    WeekCount,
    validate_department_name,
)
from app.core.suppression import DEFAULT_K, validate_k
from app.i18n import N_, _
from app.store import audit

Connection = Any

BREAKDOWN_COLUMNS = {
    "source": "source",
    "department": "department",
    "age_band": "age_band",
    "contract_type": "contract_type",
    "conversation_offered": "conversation_offered",
}
UNKNOWN = "onbekend"


class SignalLocked(Exception):
    """The signal was logged in an earlier week; ``str(error)`` is Dutch."""

    def __str__(self) -> str:
        return _(
            "Dit signaal is in een eerdere week vastgelegd. Het kan niet meer worden "
            "gewijzigd of verwijderd."
        )


class SignalNotFound(Exception):
    def __str__(self) -> str:
        return _("Dit signaal bestaat niet (meer).")


@dataclass(frozen=True)
class StoredSignal:
    id: int
    signal: Signal
    logged_week: IsoWeek

    def editable_in(self, current_week: IsoWeek) -> bool:
        return self.logged_week == current_week


def _row(signal: Signal) -> tuple:
    return (
        signal.category,
        signal.iso_year * 100 + signal.iso_week,
        str(Source(signal.source)),
        signal.department,
        str(signal.age_band) if signal.age_band is not None else None,
        str(signal.contract_type) if signal.contract_type is not None else None,
        None if signal.conversation_offered is None else int(signal.conversation_offered),
    )


_COLUMNS = "category, week_key, source, department, age_band, contract_type, conversation_offered"


def _signal_from(row: Sequence[Any]) -> Signal:
    week_key = int(row[1])
    return Signal(
        category=str(row[0]),
        iso_year=week_key // 100,
        iso_week=week_key % 100,
        source=Source(row[2]),
        department=row[3],
        age_band=AgeBand(row[4]) if row[4] is not None else None,
        contract_type=ContractType(row[5]) if row[5] is not None else None,
        conversation_offered=None if row[6] is None else bool(row[6]),
    )


class SignalRepository:
    def __init__(self, connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.connection = connection
        self.clock = clock  # stamps the audit entries

    # -- writing -------------------------------------------------------------------------

    def add(self, signal: Signal, *, logged_in: IsoWeek) -> int:
        with self.connection:
            cursor = self.connection.execute(
                f"INSERT INTO signal ({_COLUMNS}, logged_week_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*_row(signal), logged_in.key),
            )
        return int(cursor.lastrowid)

    def add_many(self, signals: Iterable[Signal], *, logged_in: IsoWeek) -> int:
        """Add all in one transaction (CSV import); return how many."""
        rows = [(*_row(s), logged_in.key) for s in signals]
        with self.connection:
            self.connection.executemany(
                f"INSERT INTO signal ({_COLUMNS}, logged_week_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            audit.record(self.connection, "signals.imported", str(len(rows)), clock=self.clock)
        return len(rows)

    def get(self, signal_id: int) -> StoredSignal:
        row = self.connection.execute(
            f"SELECT id, {_COLUMNS}, logged_week_key FROM signal WHERE id = ?", (signal_id,)
        ).fetchone()
        if row is None:
            raise SignalNotFound()
        return StoredSignal(int(row[0]), _signal_from(row[1:8]), IsoWeek.from_key(int(row[8])))

    def _editable(self, signal_id: int, current_week: IsoWeek) -> StoredSignal:
        stored = self.get(signal_id)
        if not stored.editable_in(current_week):
            raise SignalLocked()
        return stored

    def update(self, signal_id: int, signal: Signal, *, current_week: IsoWeek) -> None:
        self._editable(signal_id, current_week)
        with self.connection:
            self.connection.execute(
                "UPDATE signal SET category = ?, week_key = ?, source = ?, department = ?, "
                "age_band = ?, contract_type = ?, conversation_offered = ? WHERE id = ?",
                (*_row(signal), signal_id),
            )

    def delete(self, signal_id: int, *, current_week: IsoWeek) -> StoredSignal:
        """Delete; returns what was deleted so the GUI can offer undo (``restore``)."""
        stored = self._editable(signal_id, current_week)
        with self.connection:
            self.connection.execute("DELETE FROM signal WHERE id = ?", (signal_id,))
        return stored

    def restore(self, stored: StoredSignal) -> int:
        """Undo a delete: put the signal back with its original logged week."""
        with self.connection:
            cursor = self.connection.execute(
                f"INSERT INTO signal (id, {_COLUMNS}, logged_week_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (stored.id, *_row(stored.signal), stored.logged_week.key),
            )
        return int(cursor.lastrowid)

    # -- reading -------------------------------------------------------------------------

    def list_signals(
        self,
        first: IsoWeek | None = None,
        last: IsoWeek | None = None,
        *,
        limit: int = 500,
    ) -> list[StoredSignal]:
        """Newest first."""
        low = first.key if first else 0
        high = last.key if last else 999999
        rows = self.connection.execute(
            f"SELECT id, {_COLUMNS}, logged_week_key FROM signal "
            "WHERE week_key BETWEEN ? AND ? ORDER BY week_key DESC, id DESC LIMIT ?",
            (low, high, int(limit)),
        ).fetchall()
        return [
            StoredSignal(int(r[0]), _signal_from(r[1:8]), IsoWeek.from_key(int(r[8]))) for r in rows
        ]

    def count(self, first: IsoWeek | None = None, last: IsoWeek | None = None) -> int:
        low = first.key if first else 0
        high = last.key if last else 999999
        row = self.connection.execute(
            "SELECT count(*) FROM signal WHERE week_key BETWEEN ? AND ?", (low, high)
        ).fetchone()
        return int(row[0])

    def week_bounds(self) -> tuple[IsoWeek, IsoWeek] | None:
        row = self.connection.execute("SELECT min(week_key), max(week_key) FROM signal").fetchone()
        if row is None or row[0] is None:
            return None
        return IsoWeek.from_key(int(row[0])), IsoWeek.from_key(int(row[1]))

    def week_counts(self, first: IsoWeek, last: IsoWeek) -> list[WeekCount]:
        """Signals per (category, week), from the running tally kept by triggers."""
        rows = self.connection.execute(
            "SELECT key, week_key, n FROM signal_tally "
            "WHERE week_key BETWEEN ? AND ? AND dimension = 'category' AND n > 0",
            (first.key, last.key),
        ).fetchall()
        return [WeekCount(str(c), int(w) // 100, int(w) % 100, int(n)) for c, w, n in rows]

    def breakdowns(self, first: IsoWeek, last: IsoWeek) -> dict[str, dict[str, int]]:
        """Counts per source, department, age band, contract type and "gesprek aangeboden"."""
        rows = self.connection.execute(
            "SELECT dimension, key, sum(n) FROM signal_tally "
            "WHERE week_key BETWEEN ? AND ? AND dimension != 'category' "
            "GROUP BY dimension, key HAVING sum(n) > 0",
            (first.key, last.key),
        ).fetchall()
        result: dict[str, dict[str, int]] = {name: {} for name in BREAKDOWN_COLUMNS}
        for dimension, key, n in rows:
            if dimension in result:
                result[str(dimension)][str(key)] = int(n)
        return result


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class SignalSettings:
    departments: tuple[str, ...] = ()
    k: int = DEFAULT_K
    sector: str | None = None


_KEYS = ("signals.departments", "signals.k", "signals.sector")


def load_settings(connection: Connection) -> SignalSettings:
    placeholders = ", ".join("?" for _ in _KEYS)
    rows = dict(
        connection.execute(
            f"SELECT key, value FROM settings WHERE key IN ({placeholders})", _KEYS
        ).fetchall()
    )
    departments: tuple[str, ...] = ()
    k = DEFAULT_K
    try:
        if "signals.departments" in rows:
            departments = tuple(str(d) for d in json.loads(rows["signals.departments"]))
        if "signals.k" in rows:
            k = validate_k(int(rows["signals.k"]))
    except (ValueError, TypeError):
        pass  # a damaged setting falls back to the safe default
    sector = rows.get("signals.sector") or None
    return SignalSettings(departments=departments, k=k, sector=sector)


def save_settings(
    connection: Connection, settings: SignalSettings, *, clock: Clock = SYSTEM_CLOCK
) -> None:
    validate_k(settings.k)
    departments = [validate_department_name(d) for d in settings.departments]
    if len(set(departments)) != len(departments):
        raise SignalError(N_("Elke afdeling mag maar één keer in de lijst staan."))
    values = {
        "signals.departments": json.dumps(departments, ensure_ascii=False),
        "signals.k": str(settings.k),
        "signals.sector": settings.sector or "",
    }
    with connection:
        connection.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )
        audit.record(connection, "signals.settings_changed", f"k={settings.k}", clock=clock)


def load_dashboard(connection: Connection, first: IsoWeek, last: IsoWeek, granularity):
    """Dashboard figures for [first, last], counted in SQL (two indexed GROUP BY queries)."""
    from app.core.signal_tables import dashboard_figures

    repo = SignalRepository(connection)
    return dashboard_figures(
        repo.week_counts(first, last), repo.breakdowns(first, last), first, last, granularity
    )
