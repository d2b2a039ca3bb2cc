"""Who lives in the household of the employee."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class Household(StrEnum):
    SINGLE = "alleenstaand"
    PARTNER = "samenwonend"  # partner, no children at home
    FAMILY = "gezin"  # partner and children
    SINGLE_PARENT = "eenoudergezin"
    WITH_PARENTS = "bij_ouders"  # lives with parents or carers; the debts are the employee's own

    @property
    def is_single(self) -> bool:
        # With parents counts as single: the lower SUNZ limit, nothing is over-promised.
        return self in (Household.SINGLE, Household.WITH_PARENTS)

    @property
    def default_size(self) -> int:
        return {
            "alleenstaand": 1,
            "samenwonend": 2,
            "gezin": 3,
            "eenoudergezin": 2,
            "bij_ouders": 1,  # the parents' income is not "this income"
        }[self.value]


LABELS: Final[Mapping[Household, str]] = {
    Household.SINGLE: N_("Alleenstaand"),
    Household.PARTNER: N_("Samen met een partner, zonder kinderen thuis"),
    Household.FAMILY: N_("Samen met een partner en kinderen"),
    Household.SINGLE_PARENT: N_("Alleen met kinderen (eenoudergezin)"),
    Household.WITH_PARENTS: N_("Bij ouders of verzorgers"),
}

LETTER_LABELS: Final[Mapping[Household, str]] = {
    Household.SINGLE: "alleenstaand",
    Household.PARTNER: "samenwonend, zonder kinderen thuis",
    Household.FAMILY: "gezin met partner en kinderen",
    Household.SINGLE_PARENT: "eenoudergezin",
    Household.WITH_PARENTS: "woont bij ouders of verzorgers",
}
