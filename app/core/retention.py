"""How long a closed case is kept: the retention term, its notice and extensions (pure).

A closed case (intake status ``afgesloten``) is deleted, with everything that belongs to it,
``months`` calendar months after the day it was closed. The organisation may set a maximum
(``maximum``, stored in the vault); the advisor may choose a shorter term, never a longer one.
The Start page gives notice :data:`NOTICE_DAYS` days ahead. One case may be kept longer with
a reason (an extension: a later date to keep it until); the later of the two dates counts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from app.i18n import N_
from app.i18n.messages import TranslatableError

DEFAULT_MONTHS = 12  # the term when nobody chose one
NOTICE_DAYS = 30  # how long before the deletion the Start page says so
MIN_MONTHS = 1
MAX_MONTHS = 120  # the largest maximum an organisation can set (ten years)
MAX_EXTENSION_MONTHS = 24
MAX_REASON_CHARS = 500


class RetentionError(TranslatableError, ValueError):
    """A term or an extension that is not allowed; ``str()`` is one translated line."""


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class RetentionPolicy:
    """``months``: the advisor's term; ``maximum``: the organisation's (None: no maximum)."""

    months: int | None = None
    maximum: int | None = None

    @property
    def term(self) -> int:
        """The term in force: the advisor's choice, else the default, never above the maximum."""
        chosen = self.months if self.months is not None else DEFAULT_MONTHS
        if self.maximum is not None:
            chosen = min(chosen, self.maximum)
        return chosen

    def with_months(self, months: int | None) -> RetentionPolicy:
        if months is not None:
            check_months(months)
            if self.maximum is not None and months > self.maximum:
                raise RetentionError(
                    N_(
                        "De bewaartermijn mag niet langer zijn dan {maximum} maanden "
                        "(het maximum van uw organisatie)."
                    ),
                    maximum=self.maximum,
                )
        return RetentionPolicy(months, self.maximum)

    def with_maximum(self, maximum: int | None) -> RetentionPolicy:
        if maximum is not None:
            check_months(maximum)
        months = self.months
        if maximum is not None and months is not None and months > maximum:
            months = maximum  # a lower maximum shortens the advisor's term with it
        return RetentionPolicy(months, maximum)


def check_months(months: int) -> None:
    if type(months) is not int or not MIN_MONTHS <= months <= MAX_MONTHS:
        raise RetentionError(
            N_("Een bewaartermijn is een aantal maanden van {low} tot {high}."),
            low=MIN_MONTHS,
            high=MAX_MONTHS,
        )


def deletion_date(closed_on: date, term_months: int, kept_until: date | None = None) -> date:
    """The day the case is deleted (at the first unlock on or after it)."""
    due = add_months(closed_on, term_months)
    return max(due, kept_until) if kept_until is not None else due


def notice_starts(deletion: date) -> date:
    return deletion - timedelta(days=NOTICE_DAYS)


def is_due(deletion: date, today: date) -> bool:
    return today >= deletion


def in_notice(deletion: date, today: date) -> bool:
    """True in the :data:`NOTICE_DAYS` days before the deletion (not yet due)."""
    return notice_starts(deletion) <= today < deletion


def extended_until(current: date, today: date, months: int) -> date:
    """The new date to keep a case until: ``months`` after its current date (or today)."""
    if type(months) is not int or not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise RetentionError(
            N_("Verleng met een aantal maanden van 1 tot {high}."), high=MAX_EXTENSION_MONTHS
        )
    return add_months(max(current, today), months)


def clean_reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise RetentionError(N_("Schrijf kort waarom dit gesprek langer bewaard blijft."))
    if len(text) > MAX_REASON_CHARS:
        raise RetentionError(
            N_("De reden mag hoogstens {high} tekens lang zijn."), high=MAX_REASON_CHARS
        )
    return text
