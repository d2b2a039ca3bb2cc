"""A referral's status: the allowed transitions, the legal (Wgs) term and reminders."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from app.core.route_settings import WgsTerms
from app.core.workdays import wgs_deadline
from app.i18n import N_
from app.i18n.messages import Message, TranslatableError


class ReferralStatus(StrEnum):
    CONCEPT = "concept"
    SENT = "verzonden"
    IN_PROGRESS = "in_behandeling"
    REJECTED = "afgewezen"
    COMPLETED = "afgerond"
    WITHDRAWN = "ingetrokken"

    @property
    def is_final(self) -> bool:
        return self in (ReferralStatus.REJECTED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)


# The one home of the status labels (marked msgids, translated when shown): the referral
# screens use STATUS_LABELS, the employer report ("letters by outcome") OUTCOME_LABELS, in
# this order.
STATUS_LABELS: Mapping[ReferralStatus, str] = {
    ReferralStatus.CONCEPT: N_("concept"),
    ReferralStatus.SENT: N_("verzonden"),
    ReferralStatus.IN_PROGRESS: N_("in behandeling"),
    ReferralStatus.REJECTED: N_("afgewezen"),
    ReferralStatus.COMPLETED: N_("afgerond"),
    ReferralStatus.WITHDRAWN: N_("ingetrokken"),
}

OUTCOME_LABELS: Mapping[ReferralStatus, str] = {
    ReferralStatus.SENT: N_("Verstuurd, nog geen reactie"),
    ReferralStatus.IN_PROGRESS: N_("In behandeling bij de hulp"),
    ReferralStatus.COMPLETED: N_("Afgerond"),
    ReferralStatus.REJECTED: N_("Afgewezen"),
    ReferralStatus.WITHDRAWN: N_("Toestemming ingetrokken"),
    ReferralStatus.CONCEPT: N_("Nog niet verstuurd"),
}


ALLOWED_TRANSITIONS: Mapping[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.CONCEPT: frozenset({ReferralStatus.SENT, ReferralStatus.WITHDRAWN}),
    ReferralStatus.SENT: frozenset(
        {
            ReferralStatus.IN_PROGRESS,
            ReferralStatus.REJECTED,
            ReferralStatus.COMPLETED,
            ReferralStatus.WITHDRAWN,
        }
    ),
    ReferralStatus.IN_PROGRESS: frozenset(
        {ReferralStatus.REJECTED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.REJECTED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}


class StatusError(TranslatableError, ValueError):
    """A status change that is not possible. ``error.message`` is a marked Dutch msgid with
    ``error.params``; ``str(error)`` translates it when shown (app.i18n.messages)."""


def check_transition(current: ReferralStatus, new: ReferralStatus) -> None:
    if new not in ALLOWED_TRANSITIONS[current]:
        raise StatusError(
            N_("Een verwijzing met status '{current}' kan niet naar '{new}'."),
            current=Message(STATUS_LABELS[current]),
            new=Message(STATUS_LABELS[new]),
        )


def legal_term_end(sent_on: date, *, crisis: bool, terms: WgsTerms) -> date:
    """When the recipient should have had a first conversation (Wgs), counted from sending.

    ``terms`` are the Wgs terms from routes.yaml (``rules.settings.terms``)."""
    return wgs_deadline(
        sent_on,
        crisis=crisis,
        crisis_working_days=terms.crisis_working_days,
        regular_weeks=terms.regular_weeks,
    )


def reminder_due(
    status: ReferralStatus, status_since: date, *, crisis: bool, today: date, terms: WgsTerms
) -> date | None:
    """The passed term when a sent referral has had no status change within it, else None."""
    if status is not ReferralStatus.SENT:
        return None
    end = legal_term_end(status_since, crisis=crisis, terms=terms)
    return end if today > end else None
