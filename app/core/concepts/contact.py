"""How the employee would like to be contacted by the help."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class ContactPreference(StrEnum):
    PHONE = "telefoon"
    EMAIL = "email"
    POST = "post"
    IN_PERSON = "gesprek"
    VIA_ADVISOR = "via_vertrouwenspersoon"


LABELS: Final[Mapping[ContactPreference, str]] = {
    ContactPreference.PHONE: N_("Telefoon"),
    ContactPreference.EMAIL: N_("E-mail"),
    ContactPreference.POST: N_("Brief"),
    ContactPreference.IN_PERSON: N_("Een gesprek"),
    ContactPreference.VIA_ADVISOR: N_("Via de vertrouwenspersoon"),
}

LETTER_LABELS: Final[Mapping[ContactPreference, str]] = {
    ContactPreference.PHONE: "bellen",
    ContactPreference.EMAIL: "e-mail",
    ContactPreference.POST: "een brief per post",
    ContactPreference.IN_PERSON: "een gesprek op afspraak",
    ContactPreference.VIA_ADVISOR: "via de vertrouwenspersoon",
}
