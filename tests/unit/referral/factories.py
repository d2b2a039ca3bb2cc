"""Fictional intakes and consents for the referral tests (also used by the GUI tests)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from app.core.consent import ConsentMethod, new_consent
from app.core.intake import Intake
from app.core.referral.view import AdvisorProfile, ContactDetails, Recipient
from app.shipped import load_shipped

SHIPPED = load_shipped()

# The shipped routes.yaml: its settings (Wgs terms, municipality code, per-recipient consent
# fields and purposes) are what every letter, reminder and consent step is made with.
RULES = SHIPPED.rules
SETTINGS = RULES.settings
TERMS = SETTINGS.terms


def minimum_fields(recipient_id: str) -> frozenset[str]:
    """The consent fields pre-selected for a recipient in the shipped routes.yaml."""
    return SETTINGS.minimum_fields(recipient_id)


TODAY = date(2026, 11, 27)  # a Friday: 3 working days later is Wednesday 2 December 2026
MARKER = "GEHEIMMARKER"


def intake_data(**overrides) -> dict:
    data = {
        "schema_version": "1.0",
        "household": "eenoudergezin",
        "household_size": 3,
        "age_band": "28_45",
        "contract": "vast",
        "own_business": False,
        "arrears": [
            {"kind": "huur_hypotheek", "amount": 1200},
            {"kind": "energie", "amount": 300},
            {"kind": "zorgverzekering", "amount": "unknown"},
        ],
        "creditor_count": 4,
        "total_debt": 6500,
        "business_debt": False,
        "wage_garnishment": True,
        "bank_garnishment": False,
        "bailiff": True,
        "collection_agency": "unknown",
        "threats": ["afsluiting_elektriciteit"],
        "help_question": "Ik wil overzicht en hulp met de energierekening.",
        "tried_already": "Zelf gebeld met de energieleverancier.",
        "life_areas": ["stress"],
        "preferred_contact": "telefoon",
    }
    data.update(overrides)
    return data


def make_intake(**overrides) -> Intake:
    return Intake.from_dict(intake_data(**overrides))


def make_consent(fields, *, language="nl", recipient_id="shv", given=TODAY, **kw):
    from app.documents.referral_pdf import load_consent_bundle

    return new_consent(
        case_code=kw.pop("case_code", "G-2026-0042"),
        recipient_id=recipient_id,
        recipient_name=kw.pop("recipient_name", "Gemeente Zoetermeer, schuldhulpverlening"),
        purpose=kw.pop("purpose", "Aanmelding voor schuldhulpverlening"),
        fields=fields,
        text=load_consent_bundle(SHIPPED, language).text,
        given_at=datetime(given.year, given.month, given.day, 10, 15, tzinfo=UTC),
        method=kw.pop("method", ConsentMethod.ON_SCREEN),
        **kw,
    )


ADVISOR = AdvisorProfile("Test Persoon", "Vertrouwenspersoon", "Fictief Schoonmaak B.V.")
SHV = Recipient(
    "shv", "Gemeente Zoetermeer, schuldhulpverlening", ("Postbus 15", "2700 AA Zoetermeer")
)
SUNZ = Recipient("sunz", "Stichting Urgente Noden Zoetermeer", (), needs_helper_signature=True)
CONTACT = ContactDetails("Test Medewerker", "06-12345678", "test@example.org")


def referral_validator():
    """jsonschema validator for the published attachment schema (with consent.schema.json)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    from app.paths import resource_path

    referral = json.loads(resource_path("schemas", "referral.schema.json").read_text("utf-8"))
    consent = json.loads(resource_path("schemas", "consent.schema.json").read_text("utf-8"))
    registry = Registry().with_resources(
        [(schema["$id"], Resource.from_contents(schema)) for schema in (referral, consent)]
    )
    return Draft202012Validator(
        referral, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def consent_validator():
    from jsonschema import Draft202012Validator

    from app.paths import resource_path

    schema = json.loads(resource_path("schemas", "consent.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def ddas_document(schuldhulptraject: dict) -> dict:
    """Wrap one DDAS schuldhulptraject in a minimal DDAS v1.0 Uitwisselmodel document."""
    return {
        "startdatumLevering": "2026-01-01",
        "einddatumLevering": "2026-12-31",
        "aanleverdatumEnTijd": "2026-12-31T12:00:00Z",
        "codeGegevensleverancier": "TEST",
        "leveringen": [
            {
                "teller": 1,
                "aanleverende_organisatie": {"(Statutaire) Naam": "Fictieve Organisatie"},
                "schuldhulptrajecten": [schuldhulptraject],
            }
        ],
    }


def ddas_validator():
    from jsonschema import Draft202012Validator

    from app.paths import resource_path

    # the DDAS v1.0 schema as shipped (resources/schemas/ddas-v1.0/), read without the reader
    path = resource_path("schemas", "ddas-v1.0", "json_schema_Uitwisselmodel.json")
    schema = json.loads(path.read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def pdf_text(path_or_bytes, password: str | None = None) -> str:
    import io
    import unicodedata

    from pypdf import PdfReader

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    reader = PdfReader(source)
    if password is not None:
        reader.decrypt(password)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFKC", text).replace("\xa0", " ")


def pdf_attachment(path_or_bytes, password: str | None = None) -> dict:
    """The attachment as the municipality reads it: through ``vindplaats referral read``'s
    reader, so every letter a test makes is proven readable (checksum, schema, DDAS v1.0,
    every field covered by the consent). pypdf checks independently that it is the only one."""
    import io

    from pypdf import PdfReader

    from app.documents.referral_reader import read_referral

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    assert list(reader.attachments) == ["verwijzing.json"]
    read = read_referral(
        data, password=password, today=date.fromisoformat("2026-11-27"), shipped=SHIPPED
    )
    assert read.fields_present <= read.consent.fields
    return read.attachment
