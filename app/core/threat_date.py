"""The date a threat takes effect (cut-off, eviction, cancellation) next to the Wgs term.

When the employee knows the date in the letter, the advice and the referral letter show it next
to the term of 3 working days, and warn when it comes before the end of that term: then the
term alone is too late. What happens on the date (``ThreatEvent``) is part of the threat
concept (app.core.concepts.threats). Pure: no I/O, no Qt.
"""

from __future__ import annotations

from datetime import date


def before_term(threat_date: date | None, term_end: date | None) -> bool:
    """True when the threat takes effect before the last day of the Wgs term."""
    return threat_date is not None and term_end is not None and threat_date < term_end
