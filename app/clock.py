"""The one clock: the current moment (UTC-aware) and today's date (local).

Built once at start-up (:data:`SYSTEM_CLOCK`) and handed to the GUI through ``AppContext.clock``
and to the CLI commands. Everything else receives a clock or a time from its caller; this is the
only module that asks the operating system for the time. Tests script a :class:`FixedClock`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC)."""
        ...

    def today(self) -> date:
        """Today's date where the advisor is (local time)."""
        ...


class SystemClock:
    """The real time of the computer."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()

    def __repr__(self) -> str:
        return "SystemClock()"


SYSTEM_CLOCK: Clock = SystemClock()


class FixedClock:
    """A scripted clock: stands still until told otherwise (tests, demos, benchmarks).

    ``FixedClock(today=date(2026, 4, 3))`` gives that date and noon UTC on it;
    ``FixedClock(datetime(..., tzinfo=UTC))`` gives that moment and its date.
    """

    def __init__(self, moment: datetime | None = None, *, today: date | None = None) -> None:
        if moment is None and today is None:
            raise ValueError("a FixedClock needs a moment or a date")
        self.set(moment, today=today)

    def set(self, moment: datetime | None = None, *, today: date | None = None) -> None:
        if moment is None:
            assert today is not None
            moment = datetime.combine(today, time(12, 0), UTC)
        if moment.tzinfo is None:
            raise ValueError("a FixedClock needs a timezone-aware moment")
        self._now = moment.astimezone(UTC)
        self._today = today if today is not None else moment.date()

    def advance(self, delta: timedelta) -> None:
        """Move the moment (and the date with it) forward by ``delta``."""
        self._now += delta
        self._today = (datetime.combine(self._today, time(12, 0), UTC) + delta).date()

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._today

    def __repr__(self) -> str:
        return f"FixedClock({self._now.isoformat()}, today={self._today.isoformat()})"
