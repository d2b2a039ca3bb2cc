"""The Dutch wording of intake values in the letter (and in the reader's summary)."""

from __future__ import annotations

from app.core.concepts.age import LETTER_LABELS as AGE_BAND_LABELS
from app.core.concepts.arrears import LETTER_LABELS as ARREAR_LABELS
from app.core.concepts.contact import LETTER_LABELS as CONTACT_PREFERENCE_LABELS
from app.core.concepts.debt import LIMITS as DEBT_BAND_LIMITS
from app.core.concepts.household import LETTER_LABELS as HOUSEHOLD_LABELS
from app.core.concepts.life_areas import LETTER_LABELS as LIFE_AREA_LABELS
from app.core.concepts.threats import LETTER_LABELS as THREAT_LABELS
from app.core.consent import METHOD_LETTER_LABELS as METHOD_LABELS
from app.core.referral.view import CREDITORS_LETTER_LABELS as CREDITORS_LABELS

__all__ = [
    "AGE_BAND_LABELS",
    "ARREAR_LABELS",
    "CONTACT_PREFERENCE_LABELS",
    "CREDITORS_LABELS",
    "DEBT_BAND_LIMITS",
    "HOUSEHOLD_LABELS",
    "LIFE_AREA_LABELS",
    "METHOD_LABELS",
    "THREAT_LABELS",
]
