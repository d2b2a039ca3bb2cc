"""Audit log inside the vault: what happened when, never who or what about whom.

``detail`` is for technical context only (a count, a version number): no names, no free text
typed by the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock

Connection = Any


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    event: str
    detail: str


def record(
    connection: Connection, event: str, detail: str = "", *, clock: Clock = SYSTEM_CLOCK
) -> None:
    """Add one entry, stamped by ``clock``. Joins the caller's open transaction, else
    commits right away."""
    if not event or len(event) > 100:
        raise ValueError("event must be a short non-empty name")
    in_transaction = connection.in_transaction
    connection.execute(
        "INSERT INTO audit_log (at, event, detail) VALUES (?, ?, ?)",
        (clock.now().isoformat(timespec="seconds"), event, detail),
    )
    if not in_transaction:
        connection.commit()


def list_events(
    connection: Connection, *, event: str | None = None, limit: int | None = None
) -> list[AuditEvent]:
    """Entries, newest first; optionally only one kind of event and at most ``limit``."""
    sql = "SELECT id, at, event, detail FROM audit_log"
    params: list[object] = []
    if event is not None:
        sql += " WHERE event = ?"
        params.append(event)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [
        AuditEvent(int(row[0]), datetime.fromisoformat(row[1]), str(row[2]), str(row[3]))
        for row in connection.execute(sql, params)
    ]
