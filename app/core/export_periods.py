"""Which periods an anonymous export may cover, so that exports cannot be differenced.

Two exports whose periods overlap but differ (January-March and January-April) give April by
subtraction, including counts that either export kept hidden. So:

* an export covers whole calendar months (a month, a quarter, or several whole months);
* a vault remembers every period it exported, and a new period must be *equal* to each earlier
  period it overlaps (exporting the same period again gives the same tables), or not overlap
  it at all.

A union of earlier periods (January, February and March, and then the first quarter) is
refused too, although it overlaps only whole earlier periods: each monthly export suppressed
its own small cells, and the quarter's published counts minus the published months give back
exactly the counts a month hid. Making that safe needs suppression across all earlier
exports together; until then, choose the quarter from the start or keep to months.

Every export carries the department, source, age and contract breakdowns of the same period,
so the rule for the period covers those breakdowns as well; the sector is remembered with the
period, and the rule holds whatever the sector setting is now (it is the same people).

Pure: no I/O. The vault's list lives in the ``export_period`` table (migration 0006).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.core.signals import SignalError
from app.i18n import N_


@dataclass(frozen=True)
class ExportedPeriod:
    start: dt.date
    end: dt.date
    sector: str = ""
    export_id: str = ""


def iso_period(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} t/m {end.isoformat()}"


Describe = Callable[[dt.date, dt.date], str]


def month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def is_whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == month_end(end) and start <= end


def require_whole_months(start: dt.date, end: dt.date) -> None:
    """Raise SignalError (Dutch) unless [start, end] is one or more whole calendar months."""
    if end < start:
        raise SignalError(N_("De einddatum ligt voor de begindatum."))
    if not is_whole_months(start, end):
        raise SignalError(
            N_(
                "Een export gaat over hele kalendermaanden of kwartalen: begin op de 1e van "
                "een maand en eindig op de laatste dag van een maand."
            )
        )


def overlaps(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> bool:
    return a_start <= b_end and b_start <= a_end


def conflicting_period(
    start: dt.date, end: dt.date, earlier: Iterable[ExportedPeriod]
) -> ExportedPeriod | None:
    """The first earlier period that overlaps [start, end] without being equal to it."""
    for period in sorted(earlier, key=lambda p: (p.start, p.end)):
        if overlaps(start, end, period.start, period.end) and (start, end) != (
            period.start,
            period.end,
        ):
            return period
    return None


def require_no_differencing(
    start: dt.date,
    end: dt.date,
    earlier: Iterable[ExportedPeriod],
    describe: Describe = iso_period,
) -> None:
    """Raise SignalError (Dutch, one line) when the period overlaps an earlier export unequally."""
    require_whole_months(start, end)
    conflict = conflicting_period(start, end, earlier)
    if conflict is None:
        return
    raise SignalError(
        N_(
            "Deze periode overlapt met een eerdere export ({earlier}) maar is niet dezelfde: "
            "door de twee van elkaar af te trekken worden afgeschermde aantallen zichtbaar. "
            "Kies precies die periode, of een periode die er niet mee overlapt."
        ),
        earlier=describe(conflict.start, conflict.end),
    )


def month_choices(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every calendar month from the month of ``first`` to the month of ``last``."""
    months = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        months.append((day, month_end(day)))
        day = month_end(day) + dt.timedelta(days=1)
    return months


def period_days(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days an export of [start, end] counts: Monday of its first ISO week to Sunday of its
    last (a week belongs to the month of its Thursday). The signals and the Geldclinic figures
    both count exactly these days, so the two parts of one export never cover different days."""
    from app.core.signals import weeks_in_range

    first, last = weeks_in_range(start, end)
    return first.monday(), last.monday() + dt.timedelta(days=6)


def is_over(start: dt.date, end: dt.date, today: dt.date) -> bool:
    """True when every day the export counts lies before today (the last week has ended)."""
    try:
        return period_days(start, end)[1] < today
    except SignalError:
        return False


def require_period_over(start: dt.date, end: dt.date, today: dt.date) -> None:
    """Raise SignalError (Dutch) when the last week of [start, end] has not ended yet."""
    if not is_over(start, end, today):
        raise SignalError(
            N_(
                "Deze periode is nog niet voorbij: de laatste week loopt tot en met {sunday}. "
                "Exporteer haar na die zondag, dan telt elke dag mee."
            ),
            sunday=period_days(start, end)[1].isoformat(),
        )


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    return start, month_end(dt.date(day.year, first_month + 2, 1))
