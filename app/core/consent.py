"""Consent: the employee's specific, recorded agreement to share chosen fields with one recipient.

Nothing leaves the laptop without a valid consent record. The check lives here, in the domain,
so the screens, the command line and the PDF writer all go through the same gate:
no consent, expired consent or withdrawn consent means no letter.

Pure module: no Qt, no files, no database. Texts shown to the employee are loaded elsewhere and
passed in; this module only hashes and checks them.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from app.i18n import N_
from app.i18n.messages import TranslatableError

CONSENT_SCHEMA_VERSION = "1.0"
# Text limits; the same numbers are in resources/schemas/consent.schema.json and the screens.
MAX_CASE_CODE = 64
MAX_RECIPIENT_ID = 64
MAX_RECIPIENT_NAME = 200
MAX_PURPOSE = 300
MAX_TEXT_VERSION = 40
DEFAULT_VALIDITY_MONTHS = 3
LANGUAGES = ("nl", "en", "tr", "pl", "ar")


# --- Field catalogue -------------------------------------------------------------------------
# Every piece of the intake that could ever go into a letter. Labels are Dutch source strings
# (marked for translation by the screens); the order is the order of the letter.


@dataclass(frozen=True)
class ShareableField:
    key: str
    label: str
    explanation: str


SHAREABLE_FIELDS: tuple[ShareableField, ...] = (
    ShareableField(
        "help_question",
        "Hulpvraag in eigen woorden",
        "Wat de medewerker zelf zegt over wat er nodig is.",
    ),
    ShareableField(
        "crisis",
        "Dreigende situaties en termijn",
        "Bijvoorbeeld een dreigende huisuitzetting of afsluiting, en hoe snel hulp nodig is.",
    ),
    ShareableField(
        "debt_band",
        "Hoogte van de schulden (globaal)",
        "Alleen een bandbreedte, geen precies bedrag.",
    ),
    ShareableField(
        "creditors_band",
        "Aantal schuldeisers (globaal)",
        "Alleen een bandbreedte, geen namen.",
    ),
    ShareableField(
        "arrears",
        "Soorten achterstanden",
        "Bijvoorbeeld huur, energie of zorgverzekering. Geen bedragen per schuldeiser.",
    ),
    ShareableField(
        "garnishment",
        "Beslag op loon of bankrekening",
        "Of er beslag is gelegd.",
    ),
    ShareableField("household", "Huishouden", "Alleen, samen, met of zonder kinderen."),
    ShareableField("age_band", "Leeftijdsgroep", "Alleen een leeftijdsgroep, geen geboortedatum."),
    ShareableField("self_employed", "Zelfstandig ondernemer", "Of de medewerker ook zzp'er is."),
    ShareableField("tried", "Wat al geprobeerd is", "Eerdere stappen en hulp."),
    ShareableField(
        "life_areas",
        "Andere zorgen",
        "Bijvoorbeeld stress, gezondheid, post bijhouden of formulieren.",
    ),
    ShareableField("contact", "Naam en contactgegevens", "Zodat de ontvanger contact kan opnemen."),
    ShareableField(
        "contact_preference", "Voorkeur voor contact", "Bellen, mailen of langskomen, en wanneer."
    ),
    ShareableField(
        "employer_name",
        "Naam van de werkgever",
        "Alleen als de medewerker dat goed vindt; anders blijft de werkgever onbekend.",
    ),
)

FIELD_KEYS: tuple[str, ...] = tuple(item.key for item in SHAREABLE_FIELDS)
_FIELDS_BY_KEY = {item.key: item for item in SHAREABLE_FIELDS}

# The minimum a recipient needs (pre-selected in the consent step) is per route in routes.yaml
# (``referral:``, see app.core.route_settings): ``rules.settings.minimum_fields(route_id)``.


def shareable_field(key: str) -> ShareableField:
    return _FIELDS_BY_KEY[key]


class ConsentError(TranslatableError):
    """Consent is missing, expired, withdrawn or malformed.

    ``error.message`` is a marked Dutch msgid; ``str(error)`` translates it when shown.
    """


class ConsentMethod(StrEnum):
    """How consent was given."""

    ON_SCREEN = "op_scherm"
    SIGNED_ON_PAPER = "op_papier_getekend"


# How the letter (always Dutch) and the reader's summary say how consent was given.
METHOD_LETTER_LABELS: Mapping[ConsentMethod, str] = {
    ConsentMethod.ON_SCREEN: "op het scherm bevestigd",
    ConsentMethod.SIGNED_ON_PAPER: "op papier ondertekend",
}


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of a consent text exactly as shown (UTF-8, line ends normalised to LF)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ConsentText:
    """One versioned consent explanation in one language."""

    language: str
    version: str
    text: str

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later; the last day of the month when that day does not exist."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def default_expiry(given_on: date) -> date:
    return add_months(given_on, DEFAULT_VALIDITY_MONTHS)


@dataclass(frozen=True)
class ConsentRecord:
    """What the employee agreed to, provably: who gets which fields, why, until when."""

    case_code: str
    recipient_id: str
    recipient_name: str
    purpose: str
    fields: frozenset[str]
    language: str
    text_version: str
    text_sha256: str
    given_at: datetime
    method: ConsentMethod
    expires_on: date
    withdrawn_on: date | None = None
    record_id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        lengths = (
            (self.case_code, MAX_CASE_CODE),
            (self.recipient_id, MAX_RECIPIENT_ID),
            (self.recipient_name, MAX_RECIPIENT_NAME),
            (self.purpose, MAX_PURPOSE),
            (self.text_version, MAX_TEXT_VERSION),
        )
        if any(len(text) > limit for text, limit in lengths):
            raise ConsentError(N_("Een tekst in de toestemming is te lang."))
        unknown = set(self.fields) - set(FIELD_KEYS)
        if unknown:
            raise ConsentError(N_("De toestemming noemt gegevens die Vindplaats niet kent."))
        if self.language not in LANGUAGES:
            raise ConsentError(
                N_("De toestemming is vastgelegd in een taal die Vindplaats niet kent.")
            )
        if not self.recipient_id or not self.recipient_name.strip():
            raise ConsentError(N_("De toestemming noemt geen ontvanger."))
        if not self.purpose.strip():
            raise ConsentError(N_("De toestemming noemt geen doel."))
        if not self.case_code.strip():
            raise ConsentError(N_("De toestemming hoort niet bij een gesprek (geen dossiercode)."))
        if self.given_at.tzinfo is None:
            raise ConsentError(N_("Het tijdstip van de toestemming mist een tijdzone."))
        if self.expires_on < self.given_at.date():
            raise ConsentError(N_("De toestemming verloopt vóór de dag waarop ze is gegeven."))

    @property
    def given_on(self) -> date:
        return self.given_at.date()

    def allows(self, field_key: str) -> bool:
        return field_key in self.fields

    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def is_expired(self, today: date) -> bool:
        return today > self.expires_on

    def withdraw(self, on: date) -> ConsentRecord:
        """The same record, withdrawn on ``on``. Withdrawing twice keeps the first date."""
        if self.withdrawn_on is not None:
            return self
        if on < self.given_on:
            raise ConsentError(
                N_("Intrekken kan niet vóór de dag waarop de toestemming is gegeven.")
            )
        return replace(self, withdrawn_on=on)


def new_consent(
    *,
    case_code: str,
    recipient_id: str,
    recipient_name: str,
    purpose: str,
    fields: Iterable[str],
    text: ConsentText,
    given_at: datetime,
    method: ConsentMethod,
    expires_on: date | None = None,
) -> ConsentRecord:
    """Record consent for the text that was actually shown (its version and hash go along)."""
    return ConsentRecord(
        case_code=case_code,
        recipient_id=recipient_id,
        recipient_name=recipient_name,
        purpose=purpose,
        fields=frozenset(fields),
        language=text.language,
        text_version=text.version,
        text_sha256=text.sha256,
        given_at=given_at,
        method=method,
        expires_on=expires_on if expires_on is not None else default_expiry(given_at.date()),
    )


def require_valid(consent: ConsentRecord | None, today: date) -> ConsentRecord:
    """Return the consent if a letter may be made today; otherwise raise a Dutch ConsentError."""
    if consent is None:
        raise ConsentError(
            N_(
                "Er is geen toestemming vastgelegd. Zonder toestemming van de medewerker "
                "kan Vindplaats geen verwijsbrief maken."
            )
        )
    if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
        raise ConsentError(
            N_(
                "De medewerker heeft de toestemming ingetrokken. "
                "Er kan geen verwijsbrief meer worden gemaakt."
            )
        )
    if consent.is_expired(today):
        raise ConsentError(
            N_(
                "De toestemming is verlopen. Vraag de medewerker opnieuw om toestemming "
                "voordat u een verwijsbrief maakt."
            )
        )
    if today < consent.given_on:
        raise ConsentError(N_("De toestemming is pas later gegeven dan de datum van de brief."))
    if not consent.fields:
        raise ConsentError(N_("De medewerker heeft geen gegevens gekozen om te delen."))
    return consent


def require_known_text(consent: ConsentRecord, known: Mapping[tuple[str, str], str]) -> None:
    """Check that the record names a shipped text version and that its hash matches.

    ``known`` maps (language, version) to the SHA-256 of that text.
    """
    expected = known.get((consent.language, consent.text_version))
    if expected is None:
        raise ConsentError(
            N_("De toestemming verwijst naar een tekstversie die Vindplaats niet kent.")
        )
    if expected != consent.text_sha256:
        raise ConsentError(
            N_(
                "De vingerafdruk (SHA-256) van de toestemmingstekst klopt niet met de "
                "getoonde tekst."
            )
        )


# --- JSON form (resources/schemas/consent.schema.json) ---------------------------------------


def consent_to_json(consent: ConsentRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": CONSENT_SCHEMA_VERSION,
        "case_code": consent.case_code,
        "recipient": {"id": consent.recipient_id, "name": consent.recipient_name},
        "purpose": consent.purpose,
        "fields": sorted(consent.fields),
        "language": consent.language,
        "text_version": consent.text_version,
        "text_sha256": consent.text_sha256,
        "given_at": consent.given_at.isoformat(timespec="seconds"),
        "method": consent.method.value,
        "expires_on": consent.expires_on.isoformat(),
        "withdrawn_on": consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
    }
    return data


def consent_from_json(data: Mapping[str, Any]) -> ConsentRecord:
    """Build a record from its JSON form (already schema-validated). Raises ConsentError."""
    try:
        recipient = data["recipient"]
        single_lines = (data["case_code"], recipient["id"], recipient["name"], data["purpose"])
        if any(not isinstance(text, str) or _has_control(text) for text in single_lines):
            raise ConsentError(N_("Een tekst in de toestemming bevat regeleinden of stuurtekens."))
        given_at = datetime.fromisoformat(str(data["given_at"]))
        if given_at.tzinfo is None:
            given_at = given_at.replace(tzinfo=UTC)
        withdrawn = data.get("withdrawn_on")
        return ConsentRecord(
            case_code=str(data["case_code"]),
            recipient_id=str(recipient["id"]),
            recipient_name=str(recipient["name"]),
            purpose=str(data["purpose"]),
            fields=frozenset(str(key) for key in data["fields"]),
            language=str(data["language"]),
            text_version=str(data["text_version"]),
            text_sha256=str(data["text_sha256"]),
            given_at=given_at,
            method=ConsentMethod(str(data["method"])),
            expires_on=date.fromisoformat(str(data["expires_on"])),
            withdrawn_on=date.fromisoformat(str(withdrawn)) if withdrawn else None,
        )
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise ConsentError(N_("Het toestemmingsbestand is onvolledig of onjuist.")) from error


def _has_control(text: str) -> bool:
    """Line breaks, other control characters or lone surrogates in a one-line text."""
    return any(
        ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or 0xD800 <= ord(char) < 0xE000 for char in text
    ) or any(char in text for char in ("\u2028", "\u2029"))
