"""Dutch (B1) labels for the intake's answers. Marked with N_ and translated when shown."""

from __future__ import annotations

from app.core.intake import (
    AgeBand,
    ArrearKind,
    ContactPreference,
    ContractType,
    CostKind,
    Household,
    IncomeKind,
    LifeArea,
    Threat,
)
from app.core.schemes import Scheme
from app.i18n import N_, _
from app.store.intakes import IntakeStatus

UNKNOWN_TEXT = N_("Weet ik niet / wil ik niet zeggen")

HOUSEHOLD = {
    Household.SINGLE: N_("Alleenstaand"),
    Household.PARTNER: N_("Samen met een partner, zonder kinderen thuis"),
    Household.FAMILY: N_("Samen met een partner en kinderen"),
    Household.SINGLE_PARENT: N_("Alleen met kinderen (eenoudergezin)"),
    Household.WITH_PARENTS: N_("Bij ouders of verzorgers"),
}
AGE_BAND = {
    AgeBand.UNDER_18: N_("Jonger dan 18"),
    AgeBand.FROM_18_TO_27: N_("18 tot en met 27"),
    AgeBand.FROM_28_TO_45: N_("28 tot en met 45"),
    AgeBand.FROM_46_TO_66: N_("46 tot en met 66"),
    AgeBand.FROM_67: N_("67 of ouder"),
}
CONTRACT = {
    ContractType.PERMANENT: N_("Vast contract"),
    ContractType.TEMPORARY: N_("Tijdelijk contract"),
    ContractType.AGENCY: N_("Via een uitzendbureau"),
    ContractType.ON_CALL: N_("Oproepkracht / nulurencontract"),
    ContractType.SELF_EMPLOYED: N_("Zelfstandige (zzp)"),
    ContractType.NONE: N_("Geen werk op dit moment"),
}
INCOME = {
    IncomeKind.WAGES: N_("Loon"),
    IncomeKind.PARTNER_WAGES: N_("Loon van de partner"),
    IncomeKind.BENEFIT: N_("Uitkering"),
    IncomeKind.ALLOWANCES: N_("Toeslagen (huur, zorg, kind)"),
    IncomeKind.CHILD_BENEFIT: N_("Kinderbijslag"),
    IncomeKind.ALIMONY: N_("Alimentatie"),
    IncomeKind.OWN_BUSINESS: N_("Eigen bedrijf"),
    IncomeKind.OTHER: N_("Ander inkomen"),
}
COST = {
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
ARREAR = {
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
THREAT = {
    Threat.EVICTION: N_("Brief over ontruiming van de woning"),
    Threat.CUT_OFF_GAS: N_("Brief dat het gas wordt afgesloten"),
    Threat.CUT_OFF_WATER: N_("Brief dat het water wordt afgesloten"),
    Threat.CUT_OFF_ELECTRICITY: N_("Brief dat de stroom wordt afgesloten"),
    Threat.CUT_OFF_DISTRICT_HEATING: N_("Brief dat de stadsverwarming wordt afgesloten"),
    Threat.HEALTH_INSURANCE_CANCELLED: N_("De zorgverzekering wordt opgezegd"),
    Threat.BUSINESS_SEIZURE: N_("Beslag dat het eigen bedrijf in gevaar brengt"),
    Threat.BANK_CREDIT_CANCELLED: N_("De bank zegt het krediet van het bedrijf op"),
}
SCHEME = {
    Scheme.ALLOWANCES: N_("Toeslagen (huurtoeslag, zorgtoeslag, kindgebonden budget)"),
    Scheme.TAX_REMISSION: N_("Kwijtschelding van gemeentelijke belastingen"),
    Scheme.ZOETERMEERPAS: N_("ZoetermeerPas (korting voor mensen met een laag inkomen)"),
    Scheme.INCOME_SUPPLEMENT: N_("Individuele inkomenstoeslag (na lang een laag inkomen)"),
    Scheme.SPECIAL_ASSISTANCE: N_("Bijzondere bijstand (voor nodige, onverwachte kosten)"),
}
LIFE_AREA = {
    LifeArea.STRESS: N_("Veel stress of slecht slapen"),
    LifeArea.HEALTH: N_("Gezondheid"),
    LifeArea.HOUSING: N_("Wonen"),
    LifeArea.CHILDREN: N_("Kinderen"),
    LifeArea.RELATIONSHIP: N_("Relatie of scheiding"),
    LifeArea.PAPERWORK: N_("Overzicht over post en rekeningen kwijt"),
    LifeArea.FORMS: N_("Formulieren invullen is lastig"),
    LifeArea.LANGUAGE: N_("Lezen of schrijven in het Nederlands is lastig"),
}
CONTACT = {
    ContactPreference.PHONE: N_("Telefoon"),
    ContactPreference.EMAIL: N_("E-mail"),
    ContactPreference.POST: N_("Brief"),
    ContactPreference.IN_PERSON: N_("Een gesprek"),
    ContactPreference.VIA_ADVISOR: N_("Via de vertrouwenspersoon"),
}
STATUS = {
    IntakeStatus.CONCEPT: N_("Concept"),
    IntakeStatus.OPEN: N_("Open"),
    IntakeStatus.REFERRED: N_("Verwezen"),
    IntakeStatus.CLOSED: N_("Afgesloten"),
}


def label(table: dict, value: object) -> str:
    return _(table[value]) if value in table else str(value)
