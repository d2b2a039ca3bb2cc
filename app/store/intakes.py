"""Geldclinic conversations in the vault: drafts, status, follow-ups, stored advice.

Pseudonymous: a conversation is known by its case code (``GC-2026-7K3F``), never by a name.
The audit log records that something happened, not to which case.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.core.intake import Intake
from app.core.intake_codec import intake_from_stored
from app.i18n import N_
from app.store import audit

Connection = Any

# No 0/O and 1/I/L: a code read aloud or copied by hand stays right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class IntakeStatus(StrEnum):
    CONCEPT = "concept"
    OPEN = "open"
    REFERRED = "verwezen"
    CLOSED = "afgesloten"


# The labels the screens show (marked msgids, translated when shown).
STATUS_LABELS: Mapping[IntakeStatus, str] = {
    IntakeStatus.CONCEPT: N_("Concept"),
    IntakeStatus.OPEN: N_("Open"),
    IntakeStatus.REFERRED: N_("Verwezen"),
    IntakeStatus.CLOSED: N_("Afgesloten"),
}


class IntakeNotFound(LookupError):
    def __str__(self) -> str:
        return "Dit gesprek bestaat niet (meer)."


@dataclass(frozen=True)
class IntakeSummary:
    id: int
    case_code: str
    status: IntakeStatus
    conversation_date: date
    follow_up: date | None
    chosen_route: str | None
    updated_at: datetime
    advised_route: str | None = None  # the first route of the stored advice, if any


@dataclass(frozen=True)
class IntakeRecord:
    id: int
    case_code: str
    status: IntakeStatus
    intake: Intake
    step: int
    conversation_date: date
    follow_up: date | None
    advice: dict[str, Any] | None
    advice_date: date | None
    chosen_route: str | None
    override_reason: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class AdviceChoice:
    """The advisor's own choice on the advice page, as typed so far."""

    chosen_route: str | None = None
    override_reason: str | None = None
    follow_up: date | None = None


def new_case_code(year: int) -> str:
    suffix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
    return f"GC-{year:04d}-{suffix}"


def _stamp(clock: Clock) -> str:
    return clock.now().isoformat(timespec="seconds")


def _date_or_none(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


_SUMMARY = (
    "id, case_code, status, conversation_date, follow_up, chosen_route, updated_at, "
    "json_extract(advice, '$.routes[0].id')"
)
_RECORD = (
    "id, case_code, status, data, step, conversation_date, follow_up, advice, advice_date, "
    "chosen_route, override_reason, created_at, updated_at"
)


def _summary(row: Any) -> IntakeSummary:
    return IntakeSummary(
        id=int(row[0]),
        case_code=str(row[1]),
        status=IntakeStatus(row[2]),
        conversation_date=date.fromisoformat(row[3]),
        follow_up=_date_or_none(row[4]),
        chosen_route=row[5],
        updated_at=datetime.fromisoformat(row[6]),
        advised_route=row[7] if len(row) > 7 and isinstance(row[7], str) else None,
    )


class IntakeRepository:
    def __init__(self, connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.connection = connection
        self.clock = clock  # stamps created_at / updated_at and the audit log

    # -- writing ---------------------------------------------------------------------------

    def create(self, intake: Intake | None = None, *, today: date, step: int = 0) -> IntakeRecord:
        """A new draft (status ``concept``) with a fresh case code."""
        data = json.dumps((intake or Intake()).to_dict(), ensure_ascii=False)
        now = _stamp(self.clock)
        for _attempt in range(20):
            code = new_case_code(today.year)
            exists = self.connection.execute(
                "SELECT 1 FROM intake WHERE case_code = ?", (code,)
            ).fetchone()
            if exists:
                continue
            with self.connection:
                cursor = self.connection.execute(
                    "INSERT INTO intake (case_code, status, data, step, conversation_date, "
                    "created_at, updated_at) VALUES (?, 'concept', ?, ?, ?, ?, ?)",
                    (code, data, int(step), today.isoformat(), now, now),
                )
                audit.record(self.connection, "intake.created", clock=self.clock)
            return self.load(int(cursor.lastrowid))
        raise RuntimeError("no free case code")  # 31^4 codes per year: practically unreachable

    def save_draft(self, intake_id: int, intake: Intake, *, step: int) -> None:
        """Save the answers so far and the screen to resume at."""
        self._update(
            intake_id,
            "data = ?, step = ?",
            (json.dumps(intake.to_dict(), ensure_ascii=False), int(step)),
        )

    def autosave(
        self,
        intake_id: int,
        intake: Intake,
        *,
        step: int,
        choice: AdviceChoice | None = None,
    ) -> None:
        """Save work in progress as the advisor goes: answers, step and (if given) the choice
        on the advice page, in one transaction, without touching the status or the audit log.

        This is the intake autosave (the GUI calls it a few seconds after the last change, on
        every step change and before locking or closing); when it returns, the draft is on disk.
        """
        data = json.dumps(intake.to_dict(), ensure_ascii=False, separators=(",", ":"))
        if choice is None:
            self._update(intake_id, "data = ?, step = ?", (data, int(step)))
            return
        route = choice.chosen_route.strip() if choice.chosen_route else None
        reason = (choice.override_reason or "").strip()[:2000] or None
        self._update(
            intake_id,
            "data = ?, step = ?, chosen_route = ?, override_reason = ?, follow_up = ?",
            (
                data,
                int(step),
                route or None,
                reason if route else None,
                choice.follow_up.isoformat() if choice.follow_up else None,
            ),
        )

    def set_status(self, intake_id: int, status: IntakeStatus | str) -> None:
        value = IntakeStatus(status)
        # closed_on (0007): the day the retention term starts; reopening clears it.
        if value is IntakeStatus.CLOSED:
            closing = "closed_on = coalesce(closed_on, ?), status = ?"
            self._update(intake_id, closing, (self.clock.today().isoformat(), value.value))
        else:
            self._update(intake_id, "closed_on = NULL, status = ?", (value.value,))
        audit.record(self.connection, "intake.status", value.value, clock=self.clock)

    def store_advice(self, intake_id: int, advice: Mapping[str, Any], *, today: date) -> None:
        """Keep the advice as it was shown (``Advice.to_dict()`` plus anything the UI adds)."""
        self._update(
            intake_id,
            "advice = ?, advice_date = ?",
            (json.dumps(dict(advice), ensure_ascii=False), today.isoformat()),
        )

    def choose_route(self, intake_id: int, route_id: str | None, reason: str | None) -> None:
        """The advisor's choice: another route than advised, with why (or None to clear)."""
        if route_id is not None and not route_id.strip():
            raise ValueError("empty route id")
        text = reason.strip() if reason and reason.strip() else None
        self._update(intake_id, "chosen_route = ?, override_reason = ?", (route_id, text))

    def set_follow_up(self, intake_id: int, day: date | None) -> None:
        self._update(intake_id, "follow_up = ?", (day.isoformat() if day else None,))

    def delete(self, intake_id: int) -> None:
        """Delete the case completely (app.store.retention.delete_case): the intake, its
        advice, consents, referrals, drafts and resume point; the log keeps only that it
        happened."""
        from app.store.retention import delete_case

        if not delete_case(self.connection, intake_id, clock=self.clock):
            raise IntakeNotFound()

    def _update(self, intake_id: int, assignments: str, values: tuple[Any, ...]) -> None:
        with self.connection:
            cursor = self.connection.execute(
                f"UPDATE intake SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, _stamp(self.clock), intake_id),
            )
            if cursor.rowcount == 0:
                raise IntakeNotFound()

    # -- reading ---------------------------------------------------------------------------

    def load(self, intake_id: int) -> IntakeRecord:
        row = self.connection.execute(
            f"SELECT {_RECORD} FROM intake WHERE id = ?", (intake_id,)
        ).fetchone()
        if row is None:
            raise IntakeNotFound()
        return IntakeRecord(
            id=int(row[0]),
            case_code=str(row[1]),
            status=IntakeStatus(row[2]),
            intake=intake_from_stored(json.loads(row[3])),
            step=int(row[4]),
            conversation_date=date.fromisoformat(row[5]),
            follow_up=_date_or_none(row[6]),
            advice=json.loads(row[7]) if row[7] else None,
            advice_date=_date_or_none(row[8]),
            chosen_route=row[9],
            override_reason=row[10],
            created_at=datetime.fromisoformat(row[11]),
            updated_at=datetime.fromisoformat(row[12]),
        )

    def find_by_code(self, case_code: str) -> IntakeRecord | None:
        row = self.connection.execute(
            "SELECT id FROM intake WHERE case_code = ?", (case_code.strip().upper(),)
        ).fetchone()
        return self.load(int(row[0])) if row else None

    def list_cases(
        self,
        *,
        search: str = "",
        status: IntakeStatus | str | None = None,
        limit: int = 1000,
    ) -> list[IntakeSummary]:
        """Newest first; ``search`` matches part of the case code, ``status`` filters."""
        clauses = []
        values: list[Any] = []
        text = search.strip().upper()
        if text:
            clauses.append("instr(case_code, ?) > 0")
            values.append(text)
        if status:
            clauses.append("status = ?")
            values.append(IntakeStatus(status).value)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.connection.execute(
            f"SELECT {_SUMMARY} FROM intake {where} ORDER BY updated_at DESC, id DESC LIMIT ?",
            (*values, int(limit)),
        ).fetchall()
        return [_summary(row) for row in rows]

    def follow_ups(self, first: date, last: date) -> list[IntakeSummary]:
        """Conversations with a follow-up date in [first, last], not closed, earliest first."""
        rows = self.connection.execute(
            f"SELECT {_SUMMARY} FROM intake WHERE follow_up BETWEEN ? AND ? "
            "AND status != 'afgesloten' ORDER BY follow_up, id",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [_summary(row) for row in rows]

    def overdue_follow_ups(self, today: date) -> list[IntakeSummary]:
        rows = self.connection.execute(
            f"SELECT {_SUMMARY} FROM intake WHERE follow_up < ? AND status != 'afgesloten' "
            "ORDER BY follow_up, id",
            (today.isoformat(),),
        ).fetchall()
        return [_summary(row) for row in rows]

    def count_by_status(self) -> dict[IntakeStatus, int]:
        counts = {status: 0 for status in IntakeStatus}
        for status, count in self.connection.execute(
            "SELECT status, count(*) FROM intake GROUP BY status"
        ):
            counts[IntakeStatus(status)] = int(count)
        return counts
