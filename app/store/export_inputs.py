"""What a signal export is made from, read from the vault in one place.

The documents layer (``app.documents.signal_export.prepare_export``) receives these rows and
never opens the database itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.core.export_periods import ExportedPeriod
from app.core.signals import IsoWeek, WeekCount, weeks_in_range
from app.store.db import Connection
from app.store.signals import SignalSettings


@dataclass(frozen=True)
class ExportInputs:
    """The vault's rows for one export period [start, end]."""

    start: dt.date
    end: dt.date
    first_week: IsoWeek
    last_week: IsoWeek
    exported_periods: list[ExportedPeriod]
    settings: SignalSettings
    week_counts: list[WeekCount]
    breakdowns: dict[str, dict[str, int]]
    clinic: dict[str, dict[str, int]] | None  # None: this vault has no intake tables
    issuer: str


def read_export_inputs(
    connection: Connection,
    start: dt.date,
    end: dt.date,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ExportInputs:
    """Read the counts, settings and earlier export periods for [start, end]."""
    from app.store import research_figures
    from app.store.export_periods import exported_periods, issuer_id
    from app.store.signals import SignalRepository, load_settings

    periods = exported_periods(connection)
    settings = load_settings(connection)
    repo = SignalRepository(connection)
    first, last = weeks_in_range(start, end)
    if progress:
        progress(0, 3)
    week_counts = repo.week_counts(first, last)
    breakdowns = repo.breakdowns(first, last)
    if progress:
        progress(1, 3)
    # the Geldclinic figures count the same days as the signal weeks (Monday to Sunday)
    clinic = research_figures.clinic_counts(
        connection, first.monday(), last.monday() + dt.timedelta(days=6)
    )
    return ExportInputs(
        start=start,
        end=end,
        first_week=first,
        last_week=last,
        exported_periods=periods,
        settings=settings,
        week_counts=week_counts,
        breakdowns=breakdowns,
        clinic=clinic,
        issuer=issuer_id(connection),
    )
