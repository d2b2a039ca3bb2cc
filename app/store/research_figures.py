"""Anonymous Geldclinic figures for the signal export, read-only from other areas' tables.

Intakes (0002, table ``intake``) and referral letters (0004, table ``referral``) belong to other
parts of the app; this module only counts them with ``GROUP BY`` and never returns anything
about one person. The export suppresses small counts like every other table.

What is counted for a period [start, end]:

- ``intakes_by_age_band`` / ``intakes_by_contract_type``: conversations held (not drafts)
  whose conversation date falls in the period, by the answer given ('onbekend' when not
  answered or "weet ik niet");
- ``routes_advised``: how often each route was advised in those conversations;
- ``letters_by_outcome``: referral letters produced in the period, by their current status.

When the tables do not exist in this vault, :func:`clinic_counts` returns ``None`` and the
export says that there are no Geldclinic figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.core.concepts.age import AgeBand
from app.core.concepts.contract import INTAKE_ANSWERS

Connection = Any
UNKNOWN = "onbekend"
_INTAKE_CONTRACTS = {c.value for c in INTAKE_ANSWERS}
_AGE_BANDS = {a.value for a in AgeBand}


def _tables(connection: Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(r[0]) for r in rows}


def _grouped(connection: Connection, sql: str, params: tuple, allowed: set[str] | None) -> dict:
    counts: dict[str, int] = {}
    for key, n in connection.execute(sql, params).fetchall():
        name = str(key) if isinstance(key, str) and key else UNKNOWN
        if allowed is not None and name not in allowed:
            name = UNKNOWN
        counts[name] = counts.get(name, 0) + int(n)
    return counts


def clinic_counts(
    connection: Connection, start: dt.date, end: dt.date
) -> dict[str, dict[str, int]] | None:
    """Counts per breakdown for [start, end], or None when this vault has no intake tables."""
    tables = _tables(connection)
    if "intake" not in tables:
        return None
    period = (start.isoformat(), end.isoformat())
    held = "status != 'concept' AND conversation_date BETWEEN ? AND ?"
    result = {
        "intakes_by_age_band": _grouped(
            connection,
            f"SELECT json_extract(data, '$.age_band'), count(*) FROM intake WHERE {held} "
            "GROUP BY 1",
            period,
            _AGE_BANDS,
        ),
        "intakes_by_contract_type": _grouped(
            connection,
            f"SELECT json_extract(data, '$.contract'), count(*) FROM intake WHERE {held} "
            "GROUP BY 1",
            period,
            _INTAKE_CONTRACTS,
        ),
        "routes_advised": _grouped(
            connection,
            "SELECT json_extract(route.value, '$.id'), count(DISTINCT intake.id) "
            "FROM intake, json_each(intake.advice, '$.routes') AS route "
            f"WHERE intake.advice IS NOT NULL AND json_valid(intake.advice) AND {held} "
            "GROUP BY 1",
            period,
            None,
        ),
    }
    if "referral" in tables:
        result["letters_by_outcome"] = _grouped(
            connection,
            "SELECT status, count(*) FROM referral "
            "WHERE produced_on IS NOT NULL AND produced_on BETWEEN ? AND ? GROUP BY 1",
            period,
            None,
        )
    # Route ids are at most 64 characters in an export; longer ones count as 'onbekend'.
    routes = result["routes_advised"]
    for key in [k for k in routes if len(k) > 64]:
        routes[UNKNOWN] = routes.get(UNKNOWN, 0) + routes.pop(key)
    return result
