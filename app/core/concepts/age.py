"""Age bands: the intake's answer, a signal's attribute and a breakdown in the export."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_, _


class AgeBand(StrEnum):
    UNDER_18 = "onder_18"
    FROM_18_TO_27 = "18_27"
    FROM_28_TO_45 = "28_45"
    FROM_46_TO_66 = "46_66"
    FROM_67 = "67_plus"

    @classmethod
    def for_age(cls, years: int) -> AgeBand:
        if years < 18:
            return cls.UNDER_18
        if years <= 27:
            return cls.FROM_18_TO_27
        if years <= 45:
            return cls.FROM_28_TO_45
        if years <= 66:
            return cls.FROM_46_TO_66
        return cls.FROM_67

    def label(self) -> str:
        return _(LABELS[self])


LABELS: Final[Mapping[AgeBand, str]] = {
    AgeBand.UNDER_18: N_("Jonger dan 18"),
    AgeBand.FROM_18_TO_27: N_("18 tot en met 27"),
    AgeBand.FROM_28_TO_45: N_("28 tot en met 45"),
    AgeBand.FROM_46_TO_66: N_("46 tot en met 66"),
    AgeBand.FROM_67: N_("67 of ouder"),
}

LETTER_LABELS: Final[Mapping[AgeBand, str]] = {
    AgeBand.UNDER_18: "jonger dan 18 jaar",
    AgeBand.FROM_18_TO_27: "18 tot en met 27 jaar",
    AgeBand.FROM_28_TO_45: "28 tot en met 45 jaar",
    AgeBand.FROM_46_TO_66: "46 tot en met 66 jaar",
    AgeBand.FROM_67: "67 jaar of ouder",
}
