"""Kinds of income in the intake."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class IncomeKind(StrEnum):
    WAGES = "loon"
    PARTNER_WAGES = "loon_partner"
    BENEFIT = "uitkering"
    ALLOWANCES = "toeslagen"
    CHILD_BENEFIT = "kinderbijslag"
    ALIMONY = "alimentatie"
    OWN_BUSINESS = "eigen_bedrijf"
    OTHER = "overig"


LABELS: Final[Mapping[IncomeKind, str]] = {
    IncomeKind.WAGES: N_("Loon"),
    IncomeKind.PARTNER_WAGES: N_("Loon van de partner"),
    IncomeKind.BENEFIT: N_("Uitkering"),
    IncomeKind.ALLOWANCES: N_("Toeslagen (huur, zorg, kind)"),
    IncomeKind.CHILD_BENEFIT: N_("Kinderbijslag"),
    IncomeKind.ALIMONY: N_("Alimentatie"),
    IncomeKind.OWN_BUSINESS: N_("Eigen bedrijf"),
    IncomeKind.OTHER: N_("Ander inkomen"),
}
