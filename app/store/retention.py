"""Nothing personal outlives its purpose: deleting closed cases after their term, and one case
on request (the employee's right to erasure).

A *case* is an intake with everything that belongs to it: the advice (in the intake row), its
consent records, referral letters and their status history (and so their reminders, which are
worked out from those), its drafts, its extensions, and the resume point when it points there.
Deleting a case deletes all of that in one transaction; the audit log keeps only that a
deletion happened and when (``case.deleted``; ``retention.deleted`` with the number of cases).

Deleted data leaves no trace: every connection runs with ``secure_delete`` (app.store.db), so
freed pages are overwritten with zeros, and after each deletion (and on lock) the write-ahead
log is checkpointed into the database and truncated (:func:`checkpoint`), so older copies of
the deleted rows do not linger in ``vault.db-wal``.

Retention (app.core.retention): a closed case is deleted at the first unlock on or after its
deletion date, which is the closing day plus the term in force, or a later date the advisor
chose with a reason (an extension). The term and the organisation's maximum are settings in
the vault. The deletion at unlock runs only on a vault whose integrity was checked.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock
from app.core import retention
from app.core.retention import RetentionPolicy
from app.i18n import N_
from app.store import audit

Connection = Any

TERM_KEY = "retention.months"
MAXIMUM_KEY = "retention.max_months"


@dataclass(frozen=True)
class CaseRetention:
    """When one closed case is deleted."""

    intake_id: int
    case_code: str
    closed_on: date
    deletion: date
    kept_until: date | None  # the latest extension, if any
    reason: str | None  # why it was extended (personal context: shown, never logged)

    @property
    def extended(self) -> bool:
        return self.kept_until is not None


def checkpoint(connection: Connection) -> bool:
    """Copy the write-ahead log into the database and truncate it to 0 bytes.

    True when the log was emptied; False when another connection still reads an older
    snapshot (the log then stays until the next checkpoint, at the latest on lock).
    """
    try:
        row = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except Exception:  # noqa: BLE001 - a read-only or closing connection: nothing to do
        return False
    return bool(row) and int(row[0]) == 0


def _delete_rows(connection: Connection, intake_ids: list[int]) -> int:
    """Inside the caller's transaction: the cases and all that is tied to them; how many
    cases were deleted. One statement per table for all of them (``json_each``)."""
    if not intake_ids:
        return 0
    ids = json.dumps([int(number) for number in intake_ids])
    chosen = "(SELECT value FROM json_each(?))"
    connection.execute(
        "DELETE FROM draft WHERE kind = 'resume' "
        f"AND json_extract(data, '$.intake_id') IN {chosen}",
        (ids,),
    )
    connection.execute(
        f"DELETE FROM draft WHERE intake_id IN {chosen} "
        f"OR (kind = 'referral' AND ref IN (SELECT CAST(value AS TEXT) FROM json_each(?)))",
        (ids, ids),
    )
    # consent_record, referral, referral_status_history and retention_extension follow by
    # ON DELETE CASCADE (foreign_keys is ON on every connection); said here too, to be sure.
    connection.execute(
        "DELETE FROM referral_status_history WHERE referral_id IN "
        f"(SELECT id FROM referral WHERE intake_id IN {chosen})",
        (ids,),
    )
    for table in ("referral", "consent_record", "retention_extension"):
        connection.execute(f"DELETE FROM {table} WHERE intake_id IN {chosen}", (ids,))
    cursor = connection.execute(f"DELETE FROM intake WHERE id IN {chosen}", (ids,))
    return int(cursor.rowcount)


def delete_case(connection: Connection, intake_id: int, *, clock: Clock = SYSTEM_CLOCK) -> bool:
    """Delete one case completely; False when there was no such case."""
    with connection:
        deleted = _delete_rows(connection, [intake_id]) > 0
        if deleted:
            audit.record(connection, "case.deleted", clock=clock)
    if deleted:
        checkpoint(connection)
    return deleted


def _read_int(connection: Connection, key: str) -> int | None:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        value = int(row[0])
    except (TypeError, ValueError):
        return None
    return value if retention.MIN_MONTHS <= value <= retention.MAX_MONTHS else None


class RetentionStore:
    def __init__(self, connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.connection = connection
        self.clock = clock

    # -- the term --------------------------------------------------------------------------

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy(
            months=_read_int(self.connection, TERM_KEY),
            maximum=_read_int(self.connection, MAXIMUM_KEY),
        )

    def set_term(self, months: int | None) -> RetentionPolicy:
        """The advisor's term (None: the default); refused above the organisation's maximum."""
        policy = self.policy().with_months(months)
        self._write(policy)
        return policy

    def set_maximum(self, maximum: int | None) -> RetentionPolicy:
        """The organisation's maximum (None: none); a longer term of the advisor is shortened."""
        policy = self.policy().with_maximum(maximum)
        self._write(policy)
        return policy

    def _write(self, policy: RetentionPolicy) -> None:
        with self.connection:
            for key, value in ((TERM_KEY, policy.months), (MAXIMUM_KEY, policy.maximum)):
                if value is None:
                    self.connection.execute("DELETE FROM settings WHERE key = ?", (key,))
                else:
                    self.connection.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, str(value)),
                    )
            audit.record(self.connection, "retention.term_set", str(policy.term), clock=self.clock)

    # -- the schedule ----------------------------------------------------------------------

    def schedule(self) -> list[CaseRetention]:
        """Every closed case with its deletion date, earliest first."""
        term = self.policy().term
        rows = self.connection.execute(
            "SELECT i.id, i.case_code, i.closed_on, e.keep_until, e.reason FROM intake i "
            "LEFT JOIN retention_extension e ON e.id = ("
            " SELECT id FROM retention_extension WHERE intake_id = i.id"
            " ORDER BY keep_until DESC, id DESC LIMIT 1) "
            "WHERE i.status = 'afgesloten' AND i.closed_on IS NOT NULL"
        ).fetchall()
        cases = []
        for intake_id, code, closed_text, kept_text, reason in rows:
            closed_on = date.fromisoformat(closed_text)
            kept_until = date.fromisoformat(kept_text) if kept_text else None
            cases.append(
                CaseRetention(
                    intake_id=int(intake_id),
                    case_code=str(code),
                    closed_on=closed_on,
                    deletion=retention.deletion_date(closed_on, term, kept_until),
                    kept_until=kept_until,
                    reason=reason,
                )
            )
        cases.sort(key=lambda case: (case.deletion, case.case_code))
        return cases

    def for_case(self, intake_id: int) -> CaseRetention | None:
        return next((case for case in self.schedule() if case.intake_id == intake_id), None)

    def upcoming(self, today: date) -> list[CaseRetention]:
        """Closed cases deleted within :data:`~app.core.retention.NOTICE_DAYS` days."""
        return [case for case in self.schedule() if retention.in_notice(case.deletion, today)]

    def due(self, today: date) -> list[CaseRetention]:
        return [case for case in self.schedule() if retention.is_due(case.deletion, today)]

    # -- changes ---------------------------------------------------------------------------

    def extend(self, intake_id: int, months: int, reason: str, *, today: date) -> date:
        """Keep one closed case ``months`` longer, with a reason; the new deletion date."""
        text = retention.clean_reason(reason)
        case = self.for_case(intake_id)
        if case is None:
            raise retention.RetentionError(
                N_("Alleen een afgesloten gesprek heeft een bewaartermijn.")
            )
        until = retention.extended_until(case.deletion, today, months)
        with self.connection:
            self.connection.execute(
                "INSERT INTO retention_extension (intake_id, keep_until, reason, created_at) "
                "VALUES (?, ?, ?, ?)",
                (
                    intake_id,
                    until.isoformat(),
                    text,
                    self.clock.now().isoformat(timespec="seconds"),
                ),
            )
            audit.record(self.connection, "retention.extended", clock=self.clock)
        return until

    def purge(self, today: date) -> int:
        """Delete every closed case whose date has come; the number deleted."""
        due = self.due(today)
        if not due:
            return 0
        with self.connection:
            count = _delete_rows(self.connection, [case.intake_id for case in due])
            audit.record(self.connection, "retention.deleted", str(count), clock=self.clock)
        checkpoint(self.connection)
        return count


def purge_at_unlock(connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> int | None:
    """The deletion at unlock (the caller has checked the vault's integrity): how many cases
    were deleted, or None when it could not run (it is tried again at the next unlock)."""
    with contextlib.suppress(Exception):
        return RetentionStore(connection, clock=clock).purge(clock.today())
    with contextlib.suppress(Exception):
        if connection.in_transaction:
            connection.rollback()
    return None
