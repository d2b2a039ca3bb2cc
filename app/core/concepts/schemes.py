"""Allowances and municipal schemes (regelingen) someone may be entitled to but not receive.

Values are stable: they are stored in the intake, and the rules engine turns any of them into
the fact ``regelingen_niet_aangevraagd`` (resources/routes.yaml). Pure: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class Scheme(StrEnum):
    """An allowance or regeling that is probably not claimed yet ("niet aangevraagd")."""

    ALLOWANCES = "toeslagen"  # huurtoeslag, zorgtoeslag, kindgebonden budget (Dienst Toeslagen)
    TAX_REMISSION = "kwijtschelding"  # of municipal taxes
    ZOETERMEERPAS = "zoetermeerpas"  # ZoetermeerPas (city pass): discounts for low incomes
    INCOME_SUPPLEMENT = "individuele_inkomenstoeslag"  # long-term low income (Participatiewet)
    SPECIAL_ASSISTANCE = "bijzondere_bijstand"  # one-off necessary costs


LABELS: Final[Mapping[Scheme, str]] = {
    Scheme.ALLOWANCES: N_("Toeslagen (huurtoeslag, zorgtoeslag, kindgebonden budget)"),
    Scheme.TAX_REMISSION: N_("Kwijtschelding van gemeentelijke belastingen"),
    Scheme.ZOETERMEERPAS: N_("ZoetermeerPas (korting voor mensen met een laag inkomen)"),
    Scheme.INCOME_SUPPLEMENT: N_("Individuele inkomenstoeslag (na lang een laag inkomen)"),
    Scheme.SPECIAL_ASSISTANCE: N_("Bijzondere bijstand (voor nodige, onverwachte kosten)"),
}
