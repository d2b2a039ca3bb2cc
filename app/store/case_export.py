"""Everything the vault holds about one conversation, as one JSON document (the AVG's right of
access and to data portability). Format: ``resources/schemas/case-export.schema.json``.

Read here, from the repositories; rendered elsewhere (``app.documents.case_export``) from the
document alone. Nothing is written: the caller saves the files through ``UserFiles`` (never in
the vault folder). The audit log records that an export was made, not for which case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.core.consent import consent_to_json
from app.core.intake_codec import intake_to_dict
from app.core.route_settings import WgsTerms
from app.store import audit
from app.store.intakes import IntakeNotFound, IntakeRecord, IntakeRepository
from app.store.referrals import ReferralRepository

Connection = Any

CASE_EXPORT_SCHEMA_VERSION = "1.0"
CASE_EXPORT_KIND = "vindplaats-gesprek"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def case_export_document(
    connection: Connection,
    case_code: str,
    *,
    today: date,
    terms: WgsTerms | None = None,
    route_name: Callable[[str], str | None] = lambda _id: None,
    clock: Clock = SYSTEM_CLOCK,
) -> dict[str, Any]:
    """The document for ``case_code``; raises :class:`IntakeNotFound` when there is none.

    ``terms`` (``rules.settings.terms``) date the reminders of sent referrals; ``route_name``
    names the advised routes (from routes.yaml), so the PDF reads without codes."""
    intakes = IntakeRepository(connection, clock=clock)
    record = intakes.find_by_code(case_code)
    if record is None:
        raise IntakeNotFound()
    document = _document(connection, record, today=today, terms=terms, route_name=route_name)
    audit.record(connection, "case_exported", clock=clock)
    return document


def _document(
    connection: Connection,
    record: IntakeRecord,
    *,
    today: date,
    terms: WgsTerms | None,
    route_name: Callable[[str], str | None],
) -> dict[str, Any]:
    referrals = ReferralRepository(connection)
    advice = None
    if record.advice is not None:
        advice = dict(record.advice)
        advice["routes"] = [
            {**route, "name": route_name(str(route.get("id", "")))}
            for route in record.advice.get("routes", [])
        ]
    consents = []
    for consent in referrals.consents_for_intake(record.id):
        consents.append({"id": consent.record_id, "consent": consent_to_json(consent)})
    referral_items = []
    reminders: list[dict[str, Any]] = []
    if record.follow_up is not None:
        reminders.append({"kind": "vervolggesprek", "on": record.follow_up.isoformat()})
    for summary in sorted(referrals.list_referrals(intake_id=record.id), key=lambda s: s.id):
        contact = referrals.contact(summary.id)
        due = summary.reminder(today, terms) if terms is not None else None
        if due is not None:
            reminders.append(
                {"kind": "termijn_verstreken", "on": due.isoformat(), "referral_id": summary.id}
            )
        referral_items.append(
            {
                "id": summary.id,
                "consent_id": summary.consent_id,
                "recipient": {"id": summary.recipient_id, "name": summary.recipient_name},
                "status": summary.status.value,
                "status_since": summary.status_since.isoformat(),
                "crisis": summary.crisis,
                "deadline": _day(summary.deadline),
                "created_on": summary.created_on.isoformat(),
                "letter_made_on": _day(summary.produced_on),
                "contact": None
                if contact is None
                else {"name": contact.name, "phone": contact.phone, "email": contact.email},
                "history": [
                    {"status": change.status.value, "on": change.on.isoformat()}
                    for change in referrals.history(summary.id)
                ],
            }
        )
    return {
        "schema_version": CASE_EXPORT_SCHEMA_VERSION,
        "kind": CASE_EXPORT_KIND,
        "case_code": record.case_code,
        "exported_on": today.isoformat(),
        "conversation": {
            "status": record.status.value,
            "conversation_date": record.conversation_date.isoformat(),
            "follow_up": _day(record.follow_up),
            "created_at": _moment(record.created_at),
            "updated_at": _moment(record.updated_at),
        },
        "intake": intake_to_dict(record.intake),
        "advice": {
            "advice_date": _day(record.advice_date),
            "chosen_route": record.chosen_route,
            "chosen_route_name": route_name(record.chosen_route) if record.chosen_route else None,
            "override_reason": record.override_reason,
            "advice": advice,
        },
        "consents": consents,
        "referrals": referral_items,
        "reminders": sorted(reminders, key=lambda item: item["on"]),
    }
