"""The Dutch wording of intake values in the letter (and in the reader's summary)."""

from __future__ import annotations

from collections.abc import Mapping

from app.core.consent import ConsentMethod
from app.core.intake import (
    AgeBand,
    ArrearKind,
    ContactPreference,
    DebtBand,
    Household,
    LifeArea,
    Threat,
)
from app.core.referral.view import CreditorsBand

THREAT_LABELS: Mapping[Threat, str] = {
    Threat.EVICTION: "dreigende huisuitzetting (ontruiming)",
    Threat.CUT_OFF_GAS: "dreigende afsluiting van gas",
    Threat.CUT_OFF_WATER: "dreigende afsluiting van water",
    Threat.CUT_OFF_ELECTRICITY: "dreigende afsluiting van elektriciteit",
    Threat.CUT_OFF_DISTRICT_HEATING: "dreigende afsluiting van stadsverwarming",
    Threat.HEALTH_INSURANCE_CANCELLED: "opzegging of ontbinding van de zorgverzekering",
    Threat.BUSINESS_SEIZURE: "beslag dat het voortbestaan van de onderneming bedreigt",
    Threat.BANK_CREDIT_CANCELLED: "opzegging van het bankkrediet van de onderneming",
}

ARREAR_LABELS: Mapping[ArrearKind, str] = {
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

HOUSEHOLD_LABELS: Mapping[Household, str] = {
    Household.SINGLE: "alleenstaand",
    Household.PARTNER: "samenwonend, zonder kinderen thuis",
    Household.FAMILY: "gezin met partner en kinderen",
    Household.SINGLE_PARENT: "eenoudergezin",
}

AGE_BAND_LABELS: Mapping[AgeBand, str] = {
    AgeBand.UNDER_18: "jonger dan 18 jaar",
    AgeBand.FROM_18_TO_27: "18 tot en met 27 jaar",
    AgeBand.FROM_28_TO_45: "28 tot en met 45 jaar",
    AgeBand.FROM_46_TO_66: "46 tot en met 66 jaar",
    AgeBand.FROM_67: "67 jaar of ouder",
}

CREDITORS_LABELS: Mapping[CreditorsBand, str] = {
    CreditorsBand.NONE: "geen",
    CreditorsBand.ONE_OR_TWO: "1 of 2",
    CreditorsBand.THREE_TO_FIVE: "3 tot en met 5",
    CreditorsBand.SIX_TO_TEN: "6 tot en met 10",
    CreditorsBand.MORE_THAN_TEN: "meer dan 10",
}

CONTACT_PREFERENCE_LABELS: Mapping[ContactPreference, str] = {
    ContactPreference.PHONE: "bellen",
    ContactPreference.EMAIL: "e-mail",
    ContactPreference.POST: "een brief per post",
    ContactPreference.IN_PERSON: "een gesprek op afspraak",
    ContactPreference.VIA_ADVISOR: "via de vertrouwenspersoon",
}

LIFE_AREA_LABELS: Mapping[LifeArea, str] = {
    LifeArea.STRESS: "stress en zorgen",
    LifeArea.HEALTH: "gezondheid",
    LifeArea.HOUSING: "wonen",
    LifeArea.CHILDREN: "kinderen",
    LifeArea.RELATIONSHIP: "relatie",
    LifeArea.PAPERWORK: "post en administratie bijhouden",
    LifeArea.FORMS: "formulieren invullen",
    LifeArea.LANGUAGE: "lezen en schrijven in het Nederlands",
}

METHOD_LABELS: Mapping[ConsentMethod, str] = {
    ConsentMethod.ON_SCREEN: "op het scherm bevestigd",
    ConsentMethod.SIGNED_ON_PAPER: "op papier ondertekend",
}

# Debt bands as (low, high) whole euros; None = open end.
DEBT_BAND_LIMITS: Mapping[DebtBand, tuple[int | None, int | None]] = {
    DebtBand.NONE: (0, 0),
    DebtBand.UP_TO_1000: (None, 1000),
    DebtBand.FROM_1000_TO_5000: (1000, 5000),
    DebtBand.FROM_5000_TO_15000: (5000, 15000),
    DebtBand.FROM_15000_TO_40000: (15000, 40000),
    DebtBand.FROM_40000: (40000, None),
    DebtBand.UNKNOWN: (None, None),
}
