"""Working days and Wgs deadlines.

The Wgs asks for a first conversation within 4 weeks of a request, and within 3 working days
in a threatening situation. Weekends and Dutch public holidays (the ``holidays`` package, pure
data) are not working days. A 4-week term that ends on a non-working day moves to the next
working day, as the Algemene termijnenwet does for legal terms.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

import holidays


def dutch_holidays() -> Container[date]:
    """Dutch public holidays for any year (the calendar expands itself on lookup)."""
    return holidays.country_holidays("NL")


def is_working_day(day: date, non_working: Container[date] | None = None) -> bool:
    calendar = dutch_holidays() if non_working is None else non_working
    return day.weekday() < 5 and day not in calendar


def add_working_days(start: date, count: int, non_working: Container[date] | None = None) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    calendar = dutch_holidays() if non_working is None else non_working
    day = start
    left = count
    while left:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            left -= 1
    return day


def next_working_day(day: date, non_working: Container[date] | None = None) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    calendar = dutch_holidays() if non_working is None else non_working
    while not is_working_day(day, calendar):
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date, non_working: Container[date] | None = None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    calendar = dutch_holidays() if non_working is None else non_working
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count


def wgs_deadline(
    today: date,
    *,
    crisis: bool,
    crisis_working_days: int,
    regular_weeks: int,
    non_working: Container[date] | None = None,
) -> date:
    """Last day for the first conversation under the Wgs."""
    calendar = dutch_holidays() if non_working is None else non_working
    if crisis:
        return add_working_days(today, crisis_working_days, calendar)
    return next_working_day(today + timedelta(weeks=regular_weeks), calendar)
