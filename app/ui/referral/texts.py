"""Advisor-facing labels of the referral screens (Dutch source text, translated when shown)."""

from __future__ import annotations

from app.core.referral.status import STATUS_LABELS, ReferralStatus
from app.i18n import N_, _

FIELD_LABELS = {
    "help_question": N_("Hulpvraag in eigen woorden"),
    "crisis": N_("Dreigende situaties en termijn"),
    "debt_band": N_("Hoogte van de schulden (globaal)"),
    "creditors_band": N_("Aantal schuldeisers (globaal)"),
    "arrears": N_("Soorten achterstanden"),
    "garnishment": N_("Beslag op loon of bankrekening"),
    "household": N_("Huishouden"),
    "age_band": N_("Leeftijdsgroep"),
    "self_employed": N_("Zelfstandig ondernemer"),
    "tried": N_("Wat al geprobeerd is"),
    "life_areas": N_("Andere zorgen"),
    "contact": N_("Naam en contactgegevens"),
    "contact_preference": N_("Voorkeur voor contact"),
    "employer_name": N_("Naam van de werkgever"),
}

LANGUAGE_NAMES = (
    ("nl", "Nederlands"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("ar", "العربية"),
)

# The purpose pre-filled per route is in routes.yaml (referral:), like the letter: Dutch.
# Shown when the shipped routes.yaml cannot be loaded (the letter needs its settings).
RULES_MISSING = N_(
    "De instellingen in routes.yaml konden niet worden geladen. Zonder die instellingen "
    "(termijnen, gemeentecode) kan Vindplaats geen verwijsbrief maken."
)


def field_label(key: str) -> str:
    return _(FIELD_LABELS.get(key, key))


def status_label(status: ReferralStatus) -> str:
    return _(STATUS_LABELS[status])


def status_title(status: ReferralStatus) -> str:
    """The status as a word on its own (a table cell, a choice): capitalised, as the
    conversation statuses in Gesprekken are ("Concept", "Open")."""
    text = status_label(status)
    return text[:1].upper() + text[1:]
