"""Consent records, referrals and their status history in the vault; the advisor's profile.

The PDF itself is never stored. The audit log says that a letter was produced and for which
route, never what was in it or for which case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.core.consent import ConsentRecord, consent_from_json, consent_to_json
from app.core.referral.status import ReferralStatus, StatusError, check_transition, reminder_due
from app.core.referral.view import AdvisorProfile, ContactDetails
from app.core.route_settings import WgsTerms
from app.i18n import N_
from app.store import audit

Connection = Any


class ReferralNotFound(LookupError):
    def __str__(self) -> str:
        return "Deze verwijzing bestaat niet (meer)."


@dataclass(frozen=True)
class ReferralSummary:
    id: int
    intake_id: int
    case_code: str
    consent_id: int
    recipient_id: str
    recipient_name: str
    status: ReferralStatus
    status_since: date
    crisis: bool
    deadline: date | None
    produced_on: date | None
    created_on: date
    consent_expires_on: date
    consent_withdrawn_on: date | None

    def reminder(self, today: date, terms: WgsTerms) -> date | None:
        """The passed legal term (``terms`` from routes.yaml), when the recipient has not
        reacted in time."""
        return reminder_due(
            self.status, self.status_since, crisis=self.crisis, today=today, terms=terms
        )


@dataclass(frozen=True)
class StatusChange:
    status: ReferralStatus
    on: date


def _stamp(clock: Clock) -> str:
    return clock.now().isoformat(timespec="seconds")


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


_SUMMARY = (
    "r.id, r.intake_id, i.case_code, r.consent_id, r.recipient_id, r.recipient_name, r.status, "
    "r.status_since, r.crisis, r.deadline, r.produced_on, r.created_at, c.expires_on, "
    "c.withdrawn_on"
)
_FROM = (
    "FROM referral r JOIN intake i ON i.id = r.intake_id "
    "JOIN consent_record c ON c.id = r.consent_id"
)


def _summary(row: Any) -> ReferralSummary:
    return ReferralSummary(
        id=int(row[0]),
        intake_id=int(row[1]),
        case_code=str(row[2]),
        consent_id=int(row[3]),
        recipient_id=str(row[4]),
        recipient_name=str(row[5]),
        status=ReferralStatus(row[6]),
        status_since=date.fromisoformat(row[7]),
        crisis=bool(row[8]),
        deadline=_day(row[9]),
        produced_on=_day(row[10]),
        created_on=datetime.fromisoformat(row[11]).date(),
        consent_expires_on=date.fromisoformat(row[12]),
        consent_withdrawn_on=_day(row[13]),
    )


class ReferralRepository:
    def __init__(self, connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.connection = connection
        self.clock = clock  # stamps the rows and the audit log

    # -- the advisor ------------------------------------------------------------------------

    def advisor_profile(self) -> AdvisorProfile | None:
        row = self.connection.execute(
            "SELECT name, function, employer_name, phone, email FROM advisor_profile WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        return AdvisorProfile(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]))

    def save_advisor_profile(self, profile: AdvisorProfile) -> None:
        if not profile.is_complete:
            raise ValueError("name and function are required")
        with self.connection:
            self.connection.execute(
                "INSERT INTO advisor_profile (id, name, function, employer_name, phone, email) "
                "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "function = excluded.function, employer_name = excluded.employer_name, "
                "phone = excluded.phone, email = excluded.email",
                (
                    profile.name.strip(),
                    profile.function.strip(),
                    profile.employer_name.strip(),
                    profile.phone.strip(),
                    profile.email.strip(),
                ),
            )
            audit.record(self.connection, "advisor_profile_saved", clock=self.clock)

    # -- consent ----------------------------------------------------------------------------

    def record_consent(self, intake_id: int, consent: ConsentRecord) -> ConsentRecord:
        """Store a new consent; returns it with its ``record_id``."""
        data = consent_to_json(consent)
        data["withdrawn_on"] = None
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO consent_record (intake_id, data, recipient_id, given_at, expires_on, "
                "withdrawn_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    intake_id,
                    json.dumps(data, ensure_ascii=False),
                    consent.recipient_id,
                    consent.given_at.isoformat(timespec="seconds"),
                    consent.expires_on.isoformat(),
                    consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
                    _stamp(self.clock),
                ),
            )
            audit.record(
                self.connection, "consent_recorded", consent.recipient_id, clock=self.clock
            )
        return replace(consent, record_id=int(cursor.lastrowid))

    def consent(self, consent_id: int) -> ConsentRecord:
        row = self.connection.execute(
            "SELECT data, withdrawn_on FROM consent_record WHERE id = ?", (consent_id,)
        ).fetchone()
        if row is None:
            raise ReferralNotFound()
        data = json.loads(row[0])
        data["withdrawn_on"] = row[1]
        return replace(consent_from_json(data), record_id=consent_id)

    def consents_for_intake(self, intake_id: int) -> list[ConsentRecord]:
        rows = self.connection.execute(
            "SELECT id FROM consent_record WHERE intake_id = ? ORDER BY id", (intake_id,)
        ).fetchall()
        return [self.consent(int(row[0])) for row in rows]

    # -- referrals --------------------------------------------------------------------------

    def create_referral(
        self,
        intake_id: int,
        consent: ConsentRecord,
        *,
        recipient_name: str,
        crisis: bool,
        deadline: date | None,
        contact: ContactDetails | None,
        today: date,
        employee_sends: bool = False,
    ) -> int:
        """A new referral in status ``concept`` for a stored consent."""
        if consent.record_id is None:
            raise ValueError("record the consent first")
        contact_json = None
        if contact is not None and not contact.is_empty:
            contact_json = json.dumps(
                {"name": contact.name, "phone": contact.phone, "email": contact.email},
                ensure_ascii=False,
            )
        now = _stamp(self.clock)
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO referral (intake_id, consent_id, recipient_id, recipient_name, "
                "status, status_since, crisis, deadline, contact, employee_sends, created_at, "
                "updated_at) "
                "VALUES (?, ?, ?, ?, 'concept', ?, ?, ?, ?, ?, ?, ?)",
                (
                    intake_id,
                    consent.record_id,
                    consent.recipient_id,
                    recipient_name,
                    today.isoformat(),
                    int(crisis),
                    deadline.isoformat() if deadline else None,
                    contact_json,
                    int(employee_sends),
                    now,
                    now,
                ),
            )
            referral_id = int(cursor.lastrowid)
            self._history(referral_id, ReferralStatus.CONCEPT, today)
        return referral_id

    def mark_produced(self, referral_id: int, *, today: date, encrypted: bool) -> None:
        """A letter was made (and saved by the advisor). Audit: the route, nothing else."""
        summary = self.load(referral_id)
        with self.connection:
            self.connection.execute(
                "UPDATE referral SET produced_on = ?, encrypted = ?, updated_at = ? WHERE id = ?",
                (today.isoformat(), int(encrypted), _stamp(self.clock), referral_id),
            )
            audit.record(
                self.connection, "referral_produced", summary.recipient_id, clock=self.clock
            )

    def set_status(self, referral_id: int, status: ReferralStatus | str, on: date) -> None:
        new = ReferralStatus(status)
        if new is ReferralStatus.WITHDRAWN:
            self.withdraw(referral_id, on)
            return
        current = self.load(referral_id)
        check_transition(current.status, new)
        if on < current.status_since:
            raise StatusError(N_("De datum ligt vóór de vorige statuswijziging."))
        with self.connection:
            self._set(referral_id, new, on)
            audit.record(self.connection, "referral_status", new.value, clock=self.clock)

    def withdraw(self, referral_id: int, on: date) -> None:
        """One action: the consent is withdrawn (with its date) and the referral marked so."""
        current = self.load(referral_id)
        check_transition(current.status, ReferralStatus.WITHDRAWN)
        with self.connection:
            self.connection.execute(
                "UPDATE consent_record SET withdrawn_on = COALESCE(withdrawn_on, ?) WHERE id = ?",
                (on.isoformat(), current.consent_id),
            )
            # every open referral made with this consent is withdrawn with it
            rows = self.connection.execute(
                "SELECT id FROM referral WHERE consent_id = ? AND status NOT IN "
                "('afgewezen', 'afgerond', 'ingetrokken')",
                (current.consent_id,),
            ).fetchall()
            for row in rows:
                self._set(int(row[0]), ReferralStatus.WITHDRAWN, on)
            audit.record(
                self.connection, "consent_withdrawn", current.recipient_id, clock=self.clock
            )

    def _set(self, referral_id: int, status: ReferralStatus, on: date) -> None:
        cursor = self.connection.execute(
            "UPDATE referral SET status = ?, status_since = ?, updated_at = ? WHERE id = ?",
            (status.value, on.isoformat(), _stamp(self.clock), referral_id),
        )
        if cursor.rowcount == 0:
            raise ReferralNotFound()
        self._history(referral_id, status, on)

    def _history(self, referral_id: int, status: ReferralStatus, on: date) -> None:
        self.connection.execute(
            "INSERT INTO referral_status_history (referral_id, status, on_date, at) "
            "VALUES (?, ?, ?, ?)",
            (referral_id, status.value, on.isoformat(), _stamp(self.clock)),
        )

    def delete(self, referral_id: int) -> None:
        with self.connection:
            cursor = self.connection.execute("DELETE FROM referral WHERE id = ?", (referral_id,))
            if cursor.rowcount == 0:
                raise ReferralNotFound()
            audit.record(self.connection, "referral_deleted", clock=self.clock)

    # -- reading ----------------------------------------------------------------------------

    def load(self, referral_id: int) -> ReferralSummary:
        row = self.connection.execute(
            f"SELECT {_SUMMARY} {_FROM} WHERE r.id = ?", (referral_id,)
        ).fetchone()
        if row is None:
            raise ReferralNotFound()
        return _summary(row)

    def contact(self, referral_id: int) -> ContactDetails | None:
        row = self.connection.execute(
            "SELECT contact FROM referral WHERE id = ?", (referral_id,)
        ).fetchone()
        if row is None:
            raise ReferralNotFound()
        if not row[0]:
            return None
        data = json.loads(row[0])
        return ContactDetails(data.get("name", ""), data.get("phone", ""), data.get("email", ""))

    def list_referrals(self, *, intake_id: int | None = None) -> list[ReferralSummary]:
        """Newest first; optionally only those of one conversation."""
        where = "WHERE r.intake_id = ?" if intake_id is not None else ""
        params: tuple[Any, ...] = (intake_id,) if intake_id is not None else ()
        rows = self.connection.execute(
            f"SELECT {_SUMMARY} {_FROM} {where} ORDER BY r.created_at DESC, r.id DESC", params
        ).fetchall()
        return [_summary(row) for row in rows]

    def history(self, referral_id: int) -> list[StatusChange]:
        rows = self.connection.execute(
            "SELECT status, on_date FROM referral_status_history WHERE referral_id = ? ORDER BY id",
            (referral_id,),
        ).fetchall()
        return [StatusChange(ReferralStatus(row[0]), date.fromisoformat(row[1])) for row in rows]

    def reminders(self, today: date, terms: WgsTerms) -> list[ReferralSummary]:
        """Sent referrals whose legal term passed without a status change, oldest first."""
        rows = self.connection.execute(
            f"SELECT {_SUMMARY} {_FROM} WHERE r.status = 'verzonden' ORDER BY r.status_since, r.id"
        ).fetchall()
        return [summary for summary in map(_summary, rows) if summary.reminder(today, terms)]
