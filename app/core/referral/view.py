"""The inputs of a referral besides the intake, and the consent-filtered view of the intake.

:func:`consented_view` checks the consent (no consent, expired or withdrawn: ConsentError) and
copies *only the consented fields* out of the intake into a :class:`ConsentedView`. Everything
else is ``None``; the intake itself goes no further.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.debt import DebtBand
from app.core.concepts.household import Household
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat
from app.core.consent import SHAREABLE_FIELDS, ConsentRecord, require_valid
from app.core.intake import Intake, is_known
from app.core.route_settings import RouteSettings, WgsTerms
from app.core.routes import Route
from app.core.workdays import wgs_deadline


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


CREDITORS_LETTER_LABELS: Mapping[CreditorsBand, str] = {
    CreditorsBand.NONE: "geen",
    CreditorsBand.ONE_OR_TWO: "1 of 2",
    CreditorsBand.THREE_TO_FIVE: "3 tot en met 5",
    CreditorsBand.SIX_TO_TEN: "6 tot en met 10",
    CreditorsBand.MORE_THAN_TEN: "meer dan 10",
}


# --- inputs besides the intake -----------------------------------------------------------------


@dataclass(frozen=True)
class AdvisorProfile:
    """The sender: the vertrouwenspersoon. Kept in the vault, asked once."""

    name: str
    function: str
    employer_name: str = ""
    # How the recipient reaches the advisor (the letter asks them to get in touch).
    phone: str = ""
    email: str = ""

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


def default_urgency(intake: Intake, today: date, *, terms: WgsTerms) -> Urgency:
    """The Wgs crisis term in a threatening situation, else none for the letter."""
    if not intake.present_threats:
        return Urgency()
    deadline = wgs_deadline(
        today,
        crisis=True,
        crisis_working_days=terms.crisis_working_days,
        regular_weeks=terms.regular_weeks,
    )
    return Urgency(working_days=terms.crisis_working_days, deadline=deadline)


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
    municipality_code: str  # not the employee's data: the DDAS gemeentecode, from routes.yaml
    help_question: str | None = None
    threats: tuple[Threat, ...] | None = None
    urgency: Urgency | None = None
    threat_date: date | None = None  # when the threat takes effect (with the crisis consent)
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
    settings: RouteSettings,
    urgency: Urgency | None = None,
    contact: ContactDetails | None = None,
    employer_name: str = "",
) -> ConsentedView:
    """Check the consent and copy only the consented fields. Raises ConsentError.

    ``settings`` (``rules.settings`` from routes.yaml) gives the Wgs term for the default
    urgency and the municipality code."""
    valid = require_valid(consent, today)
    allowed = valid.fields
    values: dict[str, Any] = {}
    if "help_question" in allowed:
        values["help_question"] = _text(intake.help_question)
    if "crisis" in allowed:
        values["threats"] = tuple(intake.present_threats)
        values["urgency"] = urgency or default_urgency(intake, today, terms=settings.terms)
        values["threat_date"] = intake.known_threat_date
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
    return ConsentedView(
        consent=valid,
        today=today,
        municipality_code=settings.municipality_code,
        shared=shared,
        **values,
    )
