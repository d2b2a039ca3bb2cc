"""Other parts of life that play a role next to the money worries."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class LifeArea(StrEnum):
    STRESS = "stress"
    HEALTH = "gezondheid"
    HOUSING = "wonen"
    CHILDREN = "kinderen"
    RELATIONSHIP = "relatie"
    PAPERWORK = "administratie"  # lost track of post and bills
    FORMS = "formulieren"  # trouble with (digital) forms
    LANGUAGE = "taal"  # reading/writing Dutch


LABELS: Final[Mapping[LifeArea, str]] = {
    LifeArea.STRESS: N_("Veel stress of slecht slapen"),
    LifeArea.HEALTH: N_("Gezondheid"),
    LifeArea.HOUSING: N_("Wonen"),
    LifeArea.CHILDREN: N_("Kinderen"),
    LifeArea.RELATIONSHIP: N_("Relatie of scheiding"),
    LifeArea.PAPERWORK: N_("Overzicht over post en rekeningen kwijt"),
    LifeArea.FORMS: N_("Formulieren invullen is lastig"),
    LifeArea.LANGUAGE: N_("Lezen of schrijven in het Nederlands is lastig"),
}

LETTER_LABELS: Final[Mapping[LifeArea, str]] = {
    LifeArea.STRESS: "stress en zorgen",
    LifeArea.HEALTH: "gezondheid",
    LifeArea.HOUSING: "wonen",
    LifeArea.CHILDREN: "kinderen",
    LifeArea.RELATIONSHIP: "relatie",
    LifeArea.PAPERWORK: "post en administratie bijhouden",
    LifeArea.FORMS: "formulieren invullen",
    LifeArea.LANGUAGE: "lezen en schrijven in het Nederlands",
}
