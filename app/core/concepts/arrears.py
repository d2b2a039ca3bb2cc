"""Kinds of arrears (payment backlogs), and the DDAS v1.0 debt kind each belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class DdasDebtKind(StrEnum):
    """DDAS v1.0 ``EnumSchuldensoort``."""

    ZORG = "Zorg"
    PUBLIEK = "Publiek"
    NUTS = "Nuts"
    OVERIG = "Overig"


class ArrearKind(StrEnum):
    RENT_MORTGAGE = "huur_hypotheek"
    ENERGY = "energie"
    WATER = "water"
    HEALTH_INSURANCE = "zorgverzekering"
    TAX_ALLOWANCES = "belastingdienst_toeslagen"
    MUNICIPAL_TAXES = "gemeentelijke_belastingen"
    CJIB = "cjib"
    DUO = "duo"
    PHONE_INTERNET = "telefoon_internet"
    BUY_NOW_PAY_LATER = "achteraf_betalen"
    CREDIT_CARD = "creditcard_roodstand"
    LOAN = "lening"
    OTHER = "overig"

    @property
    def ddas_kind(self) -> DdasDebtKind:
        return _DDAS_KIND[self]


_DDAS_KIND: Final[dict[ArrearKind, DdasDebtKind]] = {
    ArrearKind.RENT_MORTGAGE: DdasDebtKind.OVERIG,
    ArrearKind.ENERGY: DdasDebtKind.NUTS,
    ArrearKind.WATER: DdasDebtKind.NUTS,
    ArrearKind.HEALTH_INSURANCE: DdasDebtKind.ZORG,
    ArrearKind.TAX_ALLOWANCES: DdasDebtKind.PUBLIEK,
    ArrearKind.MUNICIPAL_TAXES: DdasDebtKind.PUBLIEK,
    ArrearKind.CJIB: DdasDebtKind.PUBLIEK,
    ArrearKind.DUO: DdasDebtKind.PUBLIEK,
    # Telecom counts as a utility in most Dutch debt-help registrations.
    ArrearKind.PHONE_INTERNET: DdasDebtKind.NUTS,
    ArrearKind.BUY_NOW_PAY_LATER: DdasDebtKind.OVERIG,
    ArrearKind.CREDIT_CARD: DdasDebtKind.OVERIG,
    ArrearKind.LOAN: DdasDebtKind.OVERIG,
    ArrearKind.OTHER: DdasDebtKind.OVERIG,
}

LABELS: Final[Mapping[ArrearKind, str]] = {
    ArrearKind.RENT_MORTGAGE: N_("Huur of hypotheek"),
    ArrearKind.ENERGY: N_("Energie (gas, stroom)"),
    ArrearKind.WATER: N_("Water"),
    ArrearKind.HEALTH_INSURANCE: N_("Zorgverzekering"),
    ArrearKind.TAX_ALLOWANCES: N_("Belastingdienst of toeslagen terugbetalen"),
    ArrearKind.MUNICIPAL_TAXES: N_("Gemeentelijke belastingen"),
    ArrearKind.CJIB: N_("Boetes (CJIB)"),
    ArrearKind.DUO: N_("Studieschuld (DUO)"),
    ArrearKind.PHONE_INTERNET: N_("Telefoon of internet"),
    ArrearKind.BUY_NOW_PAY_LATER: N_("Achteraf betalen (zoals Klarna)"),
    ArrearKind.CREDIT_CARD: N_("Creditcard of rood staan"),
    ArrearKind.LOAN: N_("Lening"),
    ArrearKind.OTHER: N_("Iets anders"),
}

LETTER_LABELS: Final[Mapping[ArrearKind, str]] = {
    ArrearKind.RENT_MORTGAGE: "huur of hypotheek",
    ArrearKind.ENERGY: "energie",
    ArrearKind.WATER: "water",
    ArrearKind.HEALTH_INSURANCE: "zorgverzekering",
    ArrearKind.TAX_ALLOWANCES: "Belastingdienst of toeslagen",
    ArrearKind.MUNICIPAL_TAXES: "gemeentelijke belastingen",
    ArrearKind.CJIB: "CJIB (boetes)",
    ArrearKind.DUO: "DUO (studieschuld)",
    ArrearKind.PHONE_INTERNET: "telefoon of internet",
    ArrearKind.BUY_NOW_PAY_LATER: "achteraf betalen",
    ArrearKind.CREDIT_CARD: "creditcard of rood staan",
    ArrearKind.LOAN: "lening",
    ArrearKind.OTHER: "overige",
}
