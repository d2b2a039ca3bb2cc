"""The date a threat takes effect (cut-off, eviction, cancellation) next to the Wgs term.

When the employee knows the date in the letter, the advice and the referral letter show it next
to the term of 3 working days, and warn when it comes before the end of that term: then the
term alone is too late. Pure: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from app.core.concepts.threats import Threat


class ThreatEvent(StrEnum):
    """What happens on the date, for one plain word in the sentence."""

    CUT_OFF = "afsluiting"
    EVICTION = "ontruiming"
    CANCELLATION = "opzegging"
    THREAT = "dreiging"  # several kinds, or a business threat


_EVENT = {
    Threat.EVICTION: ThreatEvent.EVICTION,
    Threat.CUT_OFF_GAS: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_WATER: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_ELECTRICITY: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_DISTRICT_HEATING: ThreatEvent.CUT_OFF,
    Threat.HEALTH_INSURANCE_CANCELLED: ThreatEvent.CANCELLATION,
    Threat.BANK_CREDIT_CANCELLED: ThreatEvent.CANCELLATION,
    Threat.BUSINESS_SEIZURE: ThreatEvent.THREAT,
}


def threat_event(threats: Iterable[Threat]) -> ThreatEvent:
    """ "afsluiting" when every threat is a cut-off, and so on; "dreiging" when they differ."""
    events = {_EVENT[threat] for threat in threats}
    return events.pop() if len(events) == 1 else ThreatEvent.THREAT


def before_term(threat_date: date | None, term_end: date | None) -> bool:
    """True when the threat takes effect before the last day of the Wgs term."""
    return threat_date is not None and term_end is not None and threat_date < term_end
