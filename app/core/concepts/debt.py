"""Rough size of the total debt, for letters and reports that should not show sums."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Final


class DebtBand(StrEnum):
    NONE = "geen"
    UP_TO_1000 = "tot_1000"
    FROM_1000_TO_5000 = "1000_5000"
    FROM_5000_TO_15000 = "5000_15000"
    FROM_15000_TO_40000 = "15000_40000"
    FROM_40000 = "40000_plus"
    UNKNOWN = "onbekend"

    @classmethod
    def for_amount(cls, amount: Decimal | None) -> DebtBand:
        if amount is None:
            return cls.UNKNOWN
        if amount <= 0:
            return cls.NONE
        for band in _CLOSED_BANDS:
            high = LIMITS[band][1]
            assert high is not None
            if amount <= high:
                return band
        return cls.FROM_40000


LIMITS: Final[Mapping[DebtBand, tuple[int | None, int | None]]] = {
    DebtBand.NONE: (0, 0),
    DebtBand.UP_TO_1000: (None, 1000),
    DebtBand.FROM_1000_TO_5000: (1000, 5000),
    DebtBand.FROM_5000_TO_15000: (5000, 15000),
    DebtBand.FROM_15000_TO_40000: (15000, 40000),
    DebtBand.FROM_40000: (40000, None),
    DebtBand.UNKNOWN: (None, None),
}
"""Each band as (low, high] in whole euros; None is an open end. The letter and its attachment
give these limits; :meth:`DebtBand.for_amount` uses the same ones."""

_CLOSED_BANDS: Final = (
    DebtBand.UP_TO_1000,
    DebtBand.FROM_1000_TO_5000,
    DebtBand.FROM_5000_TO_15000,
    DebtBand.FROM_15000_TO_40000,
)
