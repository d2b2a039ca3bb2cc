"""The machine-readable attachment (``verwijzing.json``): DDAS v1.0 part, checksum, fields."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from app.core.concepts.debt import LIMITS as DEBT_BAND_LIMITS
from app.core.consent import consent_to_json
from app.core.referral.view import AdvisorProfile, ConsentedView, Recipient, Urgency

ATTACHMENT_SCHEMA_VERSION = "1.0"
ATTACHMENT_NAME = "verwijzing.json"


def build_attachment(
    view: ConsentedView, advisor: AdvisorProfile, recipient: Recipient
) -> dict[str, Any]:
    """JSON for resources/schemas/referral.schema.json; ``ddas`` is a DDAS v1.0
    ``schuldhulptraject``. Only consented fields appear; not-consented fields are absent."""
    consent = view.consent
    client: dict[str, Any] = {}
    situation: dict[str, Any] = {}
    ddas: dict[str, Any] = {"gemeentecode": view.municipality_code}
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
        if view.threats and view.threat_date is not None:
            situation["crisis"]["threat_date"] = view.threat_date.isoformat()
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
