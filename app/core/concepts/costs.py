"""Kinds of fixed monthly costs in the intake."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class CostKind(StrEnum):
    HOUSING = "huur_hypotheek"
    ENERGY = "energie"
    WATER = "water"
    HEALTH_INSURANCE = "zorgverzekering"
    OTHER_INSURANCE = "verzekeringen"
    PHONE_INTERNET = "telefoon_internet"
    MUNICIPAL_TAXES = "gemeentelijke_belastingen"
    TRANSPORT = "vervoer"
    CHILDCARE = "kinderopvang"
    REPAYMENTS = "aflossingen"
    OTHER = "overig"


LABELS: Final[Mapping[CostKind, str]] = {
    CostKind.HOUSING: N_("Huur of hypotheek"),
    CostKind.ENERGY: N_("Energie"),
    CostKind.WATER: N_("Water"),
    CostKind.HEALTH_INSURANCE: N_("Zorgverzekering"),
    CostKind.OTHER_INSURANCE: N_("Andere verzekeringen"),
    CostKind.PHONE_INTERNET: N_("Telefoon en internet"),
    CostKind.MUNICIPAL_TAXES: N_("Gemeentelijke belastingen"),
    CostKind.TRANSPORT: N_("Vervoer"),
    CostKind.CHILDCARE: N_("Kinderopvang"),
    CostKind.REPAYMENTS: N_("Aflossingen"),
    CostKind.OTHER: N_("Andere vaste lasten"),
}
