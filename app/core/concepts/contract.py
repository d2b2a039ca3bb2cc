"""The kind of work contract: an answer in the intake, an attribute of a signal, an export key.

One type for both areas. Two members are used by one area only, and the sets below say so:

- ``NONE`` ("geen", no work at the moment) is an intake answer; a signal is always about
  someone who works here, so a signal never has it;
- ``OTHER`` ("anders") is a signal attribute; the intake does not offer it.

The member order is the order of the export's contract breakdowns (stable).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_, _


class ContractType(StrEnum):
    PERMANENT = "vast"
    TEMPORARY = "tijdelijk"
    ON_CALL = "oproep"
    AGENCY = "uitzend"
    SELF_EMPLOYED = "zzp"
    OTHER = "anders"  # signals only
    NONE = "geen"  # intake only

    def label(self) -> str:
        """The name of this kind of contract (signal screens, exports)."""
        return _(LABELS[self])


INTAKE_ANSWERS: Final[tuple[ContractType, ...]] = (
    ContractType.PERMANENT,
    ContractType.TEMPORARY,
    ContractType.AGENCY,
    ContractType.ON_CALL,
    ContractType.SELF_EMPLOYED,
    ContractType.NONE,
)
"""The answers the intake offers, in the order it shows them (as in intake.schema.json)."""

SIGNAL_VALUES: Final[tuple[ContractType, ...]] = tuple(
    c for c in ContractType if c is not ContractType.NONE
)
"""What a signal may record (the CHECK in store/schema/0003_signals.sql)."""

LABELS: Final[Mapping[ContractType, str]] = {
    ContractType.PERMANENT: N_("Vast contract"),
    ContractType.TEMPORARY: N_("Tijdelijk contract"),
    ContractType.ON_CALL: N_("Oproep- of nulurencontract"),
    ContractType.AGENCY: N_("Uitzendkracht"),
    ContractType.SELF_EMPLOYED: N_("Zzp'er"),
    ContractType.OTHER: N_("Anders"),
    ContractType.NONE: N_("Geen contract"),
}

INTAKE_LABELS: Final[Mapping[ContractType, str]] = {
    ContractType.PERMANENT: N_("Vast contract"),
    ContractType.TEMPORARY: N_("Tijdelijk contract"),
    ContractType.AGENCY: N_("Via een uitzendbureau"),
    ContractType.ON_CALL: N_("Oproepkracht / nulurencontract"),
    ContractType.SELF_EMPLOYED: N_("Zelfstandige (zzp)"),
    ContractType.NONE: N_("Geen werk op dit moment"),
}
"""The intake's answers as the employee hears them ("Wat voor werk heeft u?")."""
