"""The referral letter's content, built only from what the employee agreed to share.

Two steps, both pure:

1. :func:`consented_view` checks the consent (no consent, expired or withdrawn: ConsentError)
   and copies *only the consented fields* out of the intake into a :class:`ConsentedView`.
   Everything else is ``None``; the intake itself goes no further.
2. :func:`build_letter`, :func:`build_attachment` and :func:`build_employee_copy` turn that view
   into the Dutch letter, the machine-readable attachment (DDAS v1.0 names where they overlap)
   and the employee's copy in their own language.

The letter is always Dutch (it goes to a Dutch organisation), so its sentences are plain Dutch
here and deliberately not passed through the screen translations. Dates and money are formatted
by functions the caller passes in (Babel, in the documents layer), keeping this module free of
I/O and locale data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from app.core.consent import (
    SHAREABLE_FIELDS,
    ConsentMethod,
    ConsentRecord,
    consent_to_json,
    require_valid,
)
from app.core.intake import (
    AgeBand,
    ArrearKind,
    ContactPreference,
    DebtBand,
    Household,
    Intake,
    LifeArea,
    Threat,
    is_known,
)
from app.core.routes import Route
from app.core.workdays import wgs_deadline
from app.i18n import N_
from app.i18n.messages import Message, TranslatableError

ATTACHMENT_SCHEMA_VERSION = "1.0"
ATTACHMENT_NAME = "verwijzing.json"
ZOETERMEER_GEMEENTECODE = "GM0637"
REGULAR_TERM_WEEKS = 4  # Wgs: first conversation within 4 weeks of the request
CRISIS_WORKING_DAYS = 3  # Wgs: within 3 working days in a threatening situation


class CreditorsBand(StrEnum):
    NONE = "geen"
    ONE_OR_TWO = "1_2"
    THREE_TO_FIVE = "3_5"
    SIX_TO_TEN = "6_10"
    MORE_THAN_TEN = "meer_dan_10"

    @classmethod
    def for_count(cls, count: int) -> CreditorsBand:
        if count <= 0:
            return cls.NONE
        if count <= 2:
            return cls.ONE_OR_TWO
        if count <= 5:
            return cls.THREE_TO_FIVE
        if count <= 10:
            return cls.SIX_TO_TEN
        return cls.MORE_THAN_TEN


# --- inputs besides the intake -----------------------------------------------------------------


@dataclass(frozen=True)
class AdvisorProfile:
    """The sender: the vertrouwenspersoon. Kept in the vault, asked once."""

    name: str
    function: str
    employer_name: str = ""

    @property
    def is_complete(self) -> bool:
        return bool(self.name.strip() and self.function.strip())


@dataclass(frozen=True)
class Recipient:
    """Who the letter is for (a route from the advice or another organisation)."""

    route_id: str
    name: str
    address_lines: tuple[str, ...] = ()
    needs_helper_signature: bool = False  # e.g. SUNZ: signed by the employee and a helper


def recipient_for(route: Route | None, route_id: str, name: str) -> Recipient:
    """The recipient of a letter to ``route_id``; ``route`` from routes.yaml when it is one."""
    if route is None:
        return Recipient(route_id=route_id, name=name)
    contact = route.contact
    lines = tuple(
        line
        for line in (
            contact.get("address", ""),
            "Telefoon " + contact["phone"] if contact.get("phone") else "",
            contact.get("web", ""),
        )
        if line
    )
    return Recipient(
        route_id=route_id,
        name=name or route.organisation,
        address_lines=lines,
        needs_helper_signature=route.via_helper_only,
    )


@dataclass(frozen=True)
class Urgency:
    """The deadline the route engine worked out for the threatening situations."""

    working_days: int | None = None
    deadline: date | None = None


def default_urgency(
    intake: Intake, today: date, *, crisis_working_days: int = CRISIS_WORKING_DAYS
) -> Urgency:
    """The Wgs term: 3 working days in a threatening situation, else none for the letter."""
    if not intake.present_threats:
        return Urgency()
    deadline = wgs_deadline(today, crisis=True, crisis_working_days=crisis_working_days)
    return Urgency(working_days=crisis_working_days, deadline=deadline)


@dataclass(frozen=True)
class ContactDetails:
    """Typed in the consent step (the intake holds no names). Shared only with consent."""

    name: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.phone.strip() or self.email.strip())


@dataclass(frozen=True)
class Garnishment:
    wage: bool | None
    bank: bool | None
    bailiff: bool | None
    collection_agency: bool | None

    @property
    def any_garnishment(self) -> bool:
        return self.wage is True or self.bank is True


# --- the consent-filtered view -----------------------------------------------------------------


@dataclass(frozen=True)
class ConsentedView:
    """Only what the employee agreed to share. A field that was not consented is ``None``."""

    consent: ConsentRecord
    today: date
    help_question: str | None = None
    threats: tuple[Threat, ...] | None = None
    urgency: Urgency | None = None
    debt_band: DebtBand | None = None
    creditors_band: CreditorsBand | None = None
    arrears: tuple[ArrearKind, ...] | None = None
    garnishment: Garnishment | None = None
    household: Household | None = None
    household_size: int | None = None
    age_band: AgeBand | None = None
    self_employed: bool | None = None
    business_debt: bool | None = None
    tried: str | None = None
    life_areas: tuple[LifeArea, ...] | None = None
    contact: ContactDetails | None = None
    contact_preference: ContactPreference | None = None
    employer_name: str | None = None
    shared: tuple[str, ...] = field(default=())  # consented field keys, in letter order


MAX_TEXT_LINE_BREAKS = 20  # more breaks in an answer are joined into running text


def _text(value: object) -> str | None:
    """An answer in the employee's words, fit for the letter: no runs of empty lines, and at
    most MAX_TEXT_LINE_BREAKS breaks (4000 line breaks made a box that no page can hold)."""
    if not (isinstance(value, str) and value.strip()):
        return None
    lines: list[str] = []
    for line in value.strip().splitlines():
        cleaned = line.strip()
        if cleaned or (lines and lines[-1]):
            lines.append(cleaned)
    head, tail = lines[:MAX_TEXT_LINE_BREAKS], lines[MAX_TEXT_LINE_BREAKS:]
    if tail:
        head.append(" ".join(part for part in tail if part))
    return "\n".join(head)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def consented_view(
    intake: Intake,
    consent: ConsentRecord | None,
    today: date,
    *,
    urgency: Urgency | None = None,
    contact: ContactDetails | None = None,
    employer_name: str = "",
) -> ConsentedView:
    """Check the consent and copy only the consented fields. Raises ConsentError."""
    valid = require_valid(consent, today)
    allowed = valid.fields
    values: dict[str, Any] = {}
    if "help_question" in allowed:
        values["help_question"] = _text(intake.help_question)
    if "crisis" in allowed:
        values["threats"] = tuple(intake.present_threats)
        values["urgency"] = urgency or default_urgency(intake, today)
    if "debt_band" in allowed:
        values["debt_band"] = intake.debt_band
    if "creditors_band" in allowed and isinstance(intake.creditor_count, int):
        values["creditors_band"] = CreditorsBand.for_count(intake.creditor_count)
    if "arrears" in allowed and isinstance(intake.arrears, list):
        kinds = {arrear.kind for arrear in intake.arrears}
        values["arrears"] = tuple(kind for kind in ArrearKind if kind in kinds)
    if "garnishment" in allowed:
        values["garnishment"] = Garnishment(
            wage=_flag(intake.wage_garnishment),
            bank=_flag(intake.bank_garnishment),
            bailiff=_flag(intake.bailiff),
            collection_agency=_flag(intake.collection_agency),
        )
    if "household" in allowed:
        if isinstance(intake.household, Household):
            values["household"] = intake.household
        values["household_size"] = intake.people
    if "age_band" in allowed:
        values["age_band"] = intake.effective_age_band
    if "self_employed" in allowed:
        known = is_known(intake.contract) or is_known(intake.own_business)
        values["self_employed"] = intake.is_self_employed if known else None
        values["business_debt"] = _flag(intake.business_debt)
    if "tried" in allowed:
        values["tried"] = _text(intake.tried_already)
    if "life_areas" in allowed and isinstance(intake.life_areas, list):
        chosen = set(intake.life_areas)
        values["life_areas"] = tuple(area for area in LifeArea if area in chosen)
    if "contact" in allowed and contact is not None and not contact.is_empty:
        values["contact"] = ContactDetails(
            contact.name.strip(), contact.phone.strip(), contact.email.strip()
        )
    if "contact_preference" in allowed and isinstance(intake.preferred_contact, ContactPreference):
        values["contact_preference"] = intake.preferred_contact
    if "employer_name" in allowed and employer_name.strip():
        values["employer_name"] = employer_name.strip()
    shared = tuple(item.key for item in SHAREABLE_FIELDS if item.key in allowed)
    return ConsentedView(consent=valid, today=today, shared=shared, **values)


# --- Dutch wording of the letter ------------------------------------------------------------

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


@dataclass(frozen=True)
class LetterFormat:
    """Locale formatting the caller provides (Babel in the documents layer)."""

    date: Callable[[date], str]
    money: Callable[[int], str]  # whole euros


def debt_band_label(band: DebtBand, fmt: LetterFormat) -> str:
    low, high = DEBT_BAND_LIMITS[band]
    if band is DebtBand.NONE:
        return "geen schulden"
    if band is DebtBand.UNKNOWN or (low is None and high is None):
        return "onbekend"
    if low is None and high is not None:
        return "tot " + fmt.money(high)
    if high is None and low is not None:
        return "meer dan " + fmt.money(low)
    assert low is not None and high is not None
    return fmt.money(low) + " tot " + fmt.money(high)


def deadline_sentence(urgency: Urgency, fmt: LetterFormat) -> str:
    """ "binnen 3 werkdagen, uiterlijk 2 december 2026"."""
    parts = []
    if urgency.working_days is not None:
        unit = "werkdag" if urgency.working_days == 1 else "werkdagen"
        parts.append(f"binnen {urgency.working_days} {unit}")
    if urgency.deadline is not None:
        parts.append("uiterlijk " + fmt.date(urgency.deadline))
    return ", ".join(parts)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return "onbekend"
    return "ja" if value else "nee"


# --- the letter -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterBlock:
    heading: str
    paragraphs: tuple[str, ...]
    field_key: str | None = None  # the consent field it comes from; None = always in the letter


@dataclass(frozen=True)
class SignatureBlock:
    caption: str
    lines: tuple[str, ...]  # e.g. "Naam", "Datum"


@dataclass(frozen=True)
class ReferralLetter:
    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    place_date: str
    subject: str
    urgent: str | None
    salutation: str
    intro: str
    blocks: tuple[LetterBlock, ...]
    handover: str
    consent_statement: tuple[str, ...]
    closing: tuple[str, ...]
    signatures: tuple[SignatureBlock, ...]
    attachment: Mapping[str, Any]
    shared_values: Mapping[str, str]  # consent field -> the text as it appears in the letter
    attachment_name: str = ATTACHMENT_NAME


def build_letter(
    view: ConsentedView,
    advisor: AdvisorProfile,
    recipient: Recipient,
    fmt: LetterFormat,
) -> ReferralLetter:
    """The Dutch letter to the recipient, from the consent-filtered view only."""
    consent = view.consent
    sender = [advisor.name.strip(), advisor.function.strip()]
    blocks: list[LetterBlock] = []
    urgent: str | None = None
    sent: dict[str, list[str]] = {}

    def note(key: str, text: str) -> str:
        sent.setdefault(key, []).append(text)
        return text

    if view.employer_name:
        sender.append(note("employer_name", view.employer_name))

    if view.help_question is not None:
        blocks.append(
            LetterBlock(
                "Hulpvraag in eigen woorden",
                (note("help_question", view.help_question),),
                "help_question",
            )
        )
    if view.threats is not None:
        if view.threats:
            lines = ["Er is sprake van een dreigende situatie:"]
            lines += ["- " + note("crisis", THREAT_LABELS[threat]) for threat in view.threats]
            term = deadline_sentence(view.urgency or Urgency(), fmt)
            if term:
                lines.append("Volgens de Wgs is hulp nodig " + note("crisis", term) + ".")
                urgent = "Spoed: dreigende situatie – " + term
            else:
                urgent = "Spoed: dreigende situatie"
            blocks.append(LetterBlock("Dreigende situatie", tuple(lines), "crisis"))
        else:
            blocks.append(
                LetterBlock(
                    "Dreigende situatie",
                    (
                        note(
                            "crisis",
                            "Er is op dit moment geen dreigende situatie bekend "
                            "(geen ontruiming, afsluiting of opzegging van de zorgverzekering).",
                        ),
                    ),
                    "crisis",
                )
            )

    situation: list[str] = []
    if view.debt_band is not None:
        label = note("debt_band", debt_band_label(view.debt_band, fmt))
        situation.append("Totale schuld (globaal): " + label)
    if view.creditors_band is not None:
        label = note("creditors_band", CREDITORS_LABELS[view.creditors_band])
        situation.append("Aantal schuldeisers: " + label)
    if view.arrears is not None:
        kinds = ", ".join(ARREAR_LABELS[kind] for kind in view.arrears) or "geen"
        situation.append("Soorten achterstanden: " + note("arrears", kinds))
    if situation:
        blocks.append(LetterBlock("Financiële situatie", tuple(situation)))

    if view.garnishment is not None:
        g = view.garnishment
        lines = [
            note("garnishment", "Loonbeslag: " + _yes_no(g.wage)),
            note("garnishment", "Beslag op de bankrekening: " + _yes_no(g.bank)),
            note("garnishment", "Contact met een deurwaarder: " + _yes_no(g.bailiff)),
            note("garnishment", "Contact met een incassobureau: " + _yes_no(g.collection_agency)),
        ]
        if g.any_garnishment:
            lines.append(
                "Wilt u nagaan of de beslagvrije voet juist is vastgesteld? "
                "Een te lage beslagvrije voet maakt de situatie snel erger."
            )
        blocks.append(LetterBlock("Beslag en incasso", tuple(lines), "garnishment"))

    personal: list[str] = []
    if view.household is not None or view.household_size is not None:
        text = HOUSEHOLD_LABELS[view.household] if view.household is not None else "onbekend"
        if view.household_size is not None:
            text += f" ({view.household_size} personen leven van dit inkomen)"
        personal.append("Huishouden: " + note("household", text))
    if view.age_band is not None:
        personal.append("Leeftijd: " + note("age_band", AGE_BAND_LABELS[view.age_band]))
    if "self_employed" in view.shared:
        personal.append(
            note("self_employed", "Zelfstandig ondernemer (zzp): " + _yes_no(view.self_employed))
        )
        if view.business_debt is not None:
            personal.append(
                note("self_employed", "Zakelijke schulden: " + _yes_no(view.business_debt))
            )
    if view.life_areas:
        areas = ", ".join(LIFE_AREA_LABELS[area] for area in view.life_areas)
        personal.append("Speelt ook mee: " + note("life_areas", areas))
    if personal:
        blocks.append(LetterBlock("Over de medewerker", tuple(personal)))

    if view.tried is not None:
        blocks.append(LetterBlock("Wat al geprobeerd is", (note("tried", view.tried),), "tried"))

    contact_lines: list[str] = []
    if view.contact is not None:
        c = view.contact
        if c.name:
            contact_lines.append("Naam: " + note("contact", c.name))
        if c.phone:
            contact_lines.append("Telefoon: " + note("contact", c.phone))
        if c.email:
            contact_lines.append("E-mail: " + note("contact", c.email))
    if view.contact is None and "contact" in view.shared:
        contact_lines += ["Naam: ______________________", "Telefoon: ______________________"]
    if view.contact_preference is not None:
        preference = CONTACT_PREFERENCE_LABELS[view.contact_preference]
        contact_lines.append("Voorkeur voor contact: " + note("contact_preference", preference))
    if contact_lines:
        blocks.append(LetterBlock("Contact", tuple(contact_lines)))

    handover = (
        "Graag vragen wij om een warme overdracht: wilt u contact opnemen met de medewerker "
        "(of met mij, als de medewerker dat wil), zodat de medewerker niet opnieuw zelf de "
        "eerste stap hoeft te zetten?"
    )

    consent_statement = (
        "De medewerker heeft toestemming gegeven om alleen de gegevens in deze brief te delen "
        "met " + consent.recipient_name + ", voor dit doel: " + consent.purpose + ".",
        "Toestemming gegeven op "
        + fmt.date(consent.given_on)
        + " ("
        + METHOD_LABELS[consent.method]
        + "), geldig tot en met "
        + fmt.date(consent.expires_on)
        + ". Tekstversie "
        + consent.text_version
        + ", SHA-256 "
        + consent.text_sha256[:16]
        + "…",
        "De medewerker kan de toestemming altijd intrekken, bij de vertrouwenspersoon of bij u. "
        "Gebruik de gegevens dan niet meer voor nieuwe stappen.",
        "Deze brief is niet bedoeld voor de werkgever. De werkgever krijgt geen kopie.",
    )

    signatures = [SignatureBlock("Handtekening medewerker", ("Naam", "Datum", "Handtekening"))]
    if recipient.needs_helper_signature:
        signatures.append(
            SignatureBlock(
                "Handtekening hulpverlener",
                ("Naam", "Organisatie", "Datum", "Handtekening"),
            )
        )

    return ReferralLetter(
        sender_lines=tuple(line for line in sender if line),
        recipient_lines=(recipient.name, *recipient.address_lines),
        place_date=fmt.date(view.today),
        subject="Verwijzing met toestemming – dossiercode " + consent.case_code,
        urgent=urgent,
        salutation="Geachte heer, mevrouw,",
        intro=(
            "Ik ben vertrouwenspersoon en heb met een medewerker gesproken over geldzorgen. "
            "De medewerker wil graag hulp van u en heeft toestemming gegeven om de gegevens "
            "hieronder met u te delen."
        ),
        blocks=tuple(blocks),
        handover=handover,
        consent_statement=consent_statement,
        closing=("Met vriendelijke groet,", advisor.name.strip(), advisor.function.strip()),
        signatures=tuple(signatures),
        attachment=build_attachment(view, advisor, recipient),
        shared_values={key: "; ".join(texts) for key, texts in sent.items()},
    )


# --- the machine-readable attachment -----------------------------------------------------------


def build_attachment(
    view: ConsentedView, advisor: AdvisorProfile, recipient: Recipient
) -> dict[str, Any]:
    """JSON for resources/schemas/referral.schema.json; ``ddas`` is a DDAS v1.0
    ``schuldhulptraject``. Only consented fields appear; not-consented fields are absent."""
    consent = view.consent
    client: dict[str, Any] = {}
    situation: dict[str, Any] = {}
    ddas: dict[str, Any] = {"gemeentecode": ZOETERMEER_GEMEENTECODE}
    aanmelding: dict[str, Any] = {"startdatum": view.today.isoformat()}

    if view.help_question is not None:
        client["help_question"] = view.help_question
    if view.threats is not None:
        urgency = view.urgency or Urgency()
        situation["crisis"] = {
            "threats": [threat.value for threat in view.threats],
            "working_days": urgency.working_days if view.threats else None,
            "deadline": urgency.deadline.isoformat()
            if (view.threats and urgency.deadline)
            else None,
        }
        aanmelding["crisisinterventie"] = bool(view.threats)
    if view.debt_band is not None:
        low, high = DEBT_BAND_LIMITS[view.debt_band]
        situation["debt_band"] = {"code": view.debt_band.value, "min_eur": low, "max_eur": high}
    if view.creditors_band is not None:
        situation["creditors_band"] = view.creditors_band.value
    if view.arrears is not None:
        situation["arrears"] = [
            {"kind": kind.value, "ddas_schuldsoort": kind.ddas_kind.value} for kind in view.arrears
        ]
        schulden = []
        for kind in view.arrears:
            entry: dict[str, Any] = {"schuldsoort": kind.ddas_kind.value}
            if view.business_debt is False:
                entry["zakelijkeSchuld"] = False
            schulden.append(entry)
        if schulden:
            ddas["schulden"] = schulden
    if view.garnishment is not None:
        g = view.garnishment
        situation["garnishment"] = {
            "wage": g.wage,
            "bank": g.bank,
            "bailiff": g.bailiff,
            "collection_agency": g.collection_agency,
        }
    if "household" in view.shared:
        client["household"] = {
            "kind": view.household.value if view.household is not None else None,
            "people": view.household_size,
        }
    if view.age_band is not None:
        client["age_band"] = view.age_band.value
    if "self_employed" in view.shared:
        client["self_employed"] = view.self_employed
        client["business_debt"] = view.business_debt
    if view.tried is not None:
        client["tried"] = view.tried
    if view.life_areas is not None:
        client["life_areas"] = [area.value for area in view.life_areas]
    if view.contact is not None:
        client["contact"] = {
            key: value
            for key, value in (
                ("name", view.contact.name),
                ("phone", view.contact.phone),
                ("email", view.contact.email),
            )
            if value
        }
    if view.contact_preference is not None:
        client["contact_preference"] = view.contact_preference.value

    ddas["aanmelding"] = aanmelding
    sender: dict[str, Any] = {"name": advisor.name.strip(), "function": advisor.function.strip()}
    if view.employer_name:
        sender["employer_name"] = view.employer_name
    consent_json = consent_to_json(consent)
    attachment: dict[str, Any] = {
        "schema_version": ATTACHMENT_SCHEMA_VERSION,
        "document": "vindplaats-verwijzing",
        "created_on": view.today.isoformat(),
        "case_code": consent.case_code,
        "sender": sender,
        "recipient": {"id": recipient.route_id, "name": recipient.name},
        "purpose": consent.purpose,
        "consent": {
            key: consent_json[key]
            for key in (
                "fields",
                "language",
                "text_version",
                "text_sha256",
                "given_at",
                "method",
                "expires_on",
            )
        },
        "client": client,
        "situation": situation,
        "ddas": ddas,
    }
    attachment["content_sha256"] = attachment_checksum(attachment)
    return attachment


def attachment_checksum(attachment: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the attachment without ``content_sha256`` (sorted
    keys, no spaces, UTF-8), the same rule as a signal export's checksum. It reveals an
    accidental or careless edit; it is no signature: a deliberate editor can recompute it,
    which is why a reader also checks every field against the recorded consent."""
    body = {key: value for key, value in attachment.items() if key != "content_sha256"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Where each consented field shows up in the attachment: (part, key) -> consent field key.
# ``build_attachment`` writes a part only when its field was consented; this is the way back.
ATTACHMENT_FIELD_PLACES: Mapping[tuple[str, str], str] = {
    ("client", "help_question"): "help_question",
    ("situation", "crisis"): "crisis",
    ("situation", "debt_band"): "debt_band",
    ("situation", "creditors_band"): "creditors_band",
    ("situation", "arrears"): "arrears",
    ("situation", "garnishment"): "garnishment",
    ("client", "household"): "household",
    ("client", "age_band"): "age_band",
    ("client", "self_employed"): "self_employed",
    ("client", "business_debt"): "self_employed",
    ("client", "tried"): "tried",
    ("client", "life_areas"): "life_areas",
    ("client", "contact"): "contact",
    ("client", "contact_preference"): "contact_preference",
    ("sender", "employer_name"): "employer_name",
}


def attachment_fields(attachment: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The consent fields an attachment holds data for, and any keys no field explains.

    Expects a schema-valid attachment. The DDAS part repeats consented data: the crisis flag
    comes from ``crisis``, ``schulden`` from ``arrears`` and ``zakelijkeSchuld`` from
    ``self_employed``.
    """
    present: set[str] = set()
    unknown: set[str] = set()
    for part in ("client", "situation", "sender"):
        for key in attachment.get(part) or {}:
            if part == "sender" and key in ("name", "function"):
                continue  # the advisor, not the employee
            field_key = ATTACHMENT_FIELD_PLACES.get((part, key))
            if field_key is None:
                unknown.add(part + "." + key)
            else:
                present.add(field_key)
    ddas = attachment.get("ddas") or {}
    if "crisisinterventie" in (ddas.get("aanmelding") or {}):
        present.add("crisis")
    schulden = ddas.get("schulden") or []
    if schulden:
        present.add("arrears")
    if any(isinstance(entry, Mapping) and "zakelijkeSchuld" in entry for entry in schulden):
        present.add("self_employed")
    return frozenset(present), frozenset(unknown)


# --- the employee's copy ----------------------------------------------------------------------


@dataclass(frozen=True)
class EmployeeCopyTexts:
    """Fixed sentences of the copy in one language (from resources/consent/<lang>.yaml)."""

    language: str
    title: str
    intro: str
    shared_with: str
    purpose: str
    given_on: str
    valid_until: str
    how_given: Mapping[str, str]
    shared_heading: str
    values_note: str
    withdraw_heading: str
    withdraw_text: str
    employer_note: str
    field_labels: Mapping[str, str]


@dataclass(frozen=True)
class EmployeeCopy:
    language: str
    right_to_left: bool
    title: str
    intro: str
    facts: tuple[tuple[str, str], ...]
    shared_heading: str
    values_note: str
    shared: tuple[tuple[str, str], ...]  # (label in the employee's language, value as sent)
    withdraw_heading: str
    withdraw_text: str
    employer_note: str


def build_employee_copy(
    view: ConsentedView,
    letter: ReferralLetter,
    texts: EmployeeCopyTexts,
    date_format: Callable[[date], str],
) -> EmployeeCopy:
    """What was shared, with whom, and how to withdraw, in the employee's language."""
    consent = view.consent
    shared: list[tuple[str, str]] = []
    for key in view.shared:
        label = texts.field_labels.get(key, key)
        shared.append((label, letter.shared_values.get(key, "-")))
    facts = (
        (texts.shared_with, consent.recipient_name),
        (texts.purpose, consent.purpose),
        (texts.given_on, date_format(consent.given_on)),
        (texts.valid_until, date_format(consent.expires_on)),
        ("", texts.how_given.get(consent.method.value, consent.method.value)),
    )
    return EmployeeCopy(
        language=texts.language,
        right_to_left=texts.language == "ar",
        title=texts.title,
        intro=texts.intro,
        facts=tuple(fact for fact in facts if fact[1]),
        shared_heading=texts.shared_heading,
        values_note=texts.values_note,
        shared=tuple(shared),
        withdraw_heading=texts.withdraw_heading,
        withdraw_text=texts.withdraw_text,
        employer_note=texts.employer_note,
    )


# --- referral status ---------------------------------------------------------------------------


class ReferralStatus(StrEnum):
    CONCEPT = "concept"
    SENT = "verzonden"
    IN_PROGRESS = "in_behandeling"
    REJECTED = "afgewezen"
    COMPLETED = "afgerond"
    WITHDRAWN = "ingetrokken"

    @property
    def is_final(self) -> bool:
        return self in (ReferralStatus.REJECTED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)


STATUS_LABELS: Mapping[ReferralStatus, str] = {
    ReferralStatus.CONCEPT: "concept",
    ReferralStatus.SENT: "verzonden",
    ReferralStatus.IN_PROGRESS: "in behandeling",
    ReferralStatus.REJECTED: "afgewezen",
    ReferralStatus.COMPLETED: "afgerond",
    ReferralStatus.WITHDRAWN: "ingetrokken",
}

ALLOWED_TRANSITIONS: Mapping[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.CONCEPT: frozenset({ReferralStatus.SENT, ReferralStatus.WITHDRAWN}),
    ReferralStatus.SENT: frozenset(
        {
            ReferralStatus.IN_PROGRESS,
            ReferralStatus.REJECTED,
            ReferralStatus.COMPLETED,
            ReferralStatus.WITHDRAWN,
        }
    ),
    ReferralStatus.IN_PROGRESS: frozenset(
        {ReferralStatus.REJECTED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.REJECTED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}


class StatusError(TranslatableError, ValueError):
    """A status change that is not possible. ``error.message`` is a marked Dutch msgid with
    ``error.params``; ``str(error)`` translates it when shown (app.i18n.messages)."""


def check_transition(current: ReferralStatus, new: ReferralStatus) -> None:
    if new not in ALLOWED_TRANSITIONS[current]:
        # The labels are the msgids of app.ui.referral.texts.STATUS_LABELS.
        raise StatusError(
            N_("Een verwijzing met status '{current}' kan niet naar '{new}'."),
            current=Message(STATUS_LABELS[current]),
            new=Message(STATUS_LABELS[new]),
        )


def legal_term_end(sent_on: date, *, crisis: bool) -> date:
    """When the recipient should have had a first conversation (Wgs), counted from sending."""
    return wgs_deadline(
        sent_on,
        crisis=crisis,
        crisis_working_days=CRISIS_WORKING_DAYS,
        regular_weeks=REGULAR_TERM_WEEKS,
    )


def reminder_due(
    status: ReferralStatus, status_since: date, *, crisis: bool, today: date
) -> date | None:
    """The passed term when a sent referral has had no status change within it, else None."""
    if status is not ReferralStatus.SENT:
        return None
    end = legal_term_end(status_since, crisis=crisis)
    return end if today > end else None
