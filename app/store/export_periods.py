"""The periods this vault has exported (table ``export_period``, migration 0006), and the
vault's anonymous export issuer id.

The issuer id is a random UUID made once per vault and written into every export
(``organisation.issuer``): it names no one, but lets the municipality's merge see that two
exports come from the same vault and refuse overlapping periods (counted twice otherwise).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from app.core.export_periods import ExportedPeriod

Connection = Any
ISSUER_KEY = "signals.export_issuer"


def issuer_id(connection: Connection) -> str:
    """The vault's export issuer id; made (and kept) on first use."""
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (ISSUER_KEY,)).fetchone()
    if row is not None:
        return str(row[0])
    value = str(uuid.uuid4())
    with connection:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (ISSUER_KEY, value),
        )
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (ISSUER_KEY,)).fetchone()
    return str(row[0])


def exported_periods(connection: Connection) -> list[ExportedPeriod]:
    rows = connection.execute(
        "SELECT period_from, period_to, sector, export_id FROM export_period "
        "ORDER BY period_from, period_to, id"
    ).fetchall()
    return [
        ExportedPeriod(dt.date.fromisoformat(a), dt.date.fromisoformat(b), sector, export_id)
        for a, b, sector, export_id in rows
    ]


def record_export(connection: Connection, document: Mapping[str, Any]) -> None:
    """Remember the period of an export that was written (call after writing it)."""
    period = document["period"]
    with connection:
        connection.execute(
            "INSERT INTO export_period (period_from, period_to, sector, export_id, exported_week) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                period["from"],
                period["to"],
                document["organisation"]["sector"],
                document["export_id"],
                document["created_week"],
            ),
        )
