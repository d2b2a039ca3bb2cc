"""A fictional case with everything that belongs to it, in a real vault."""

from __future__ import annotations

from datetime import date

from app.store.drafts import REFERRAL, DraftStore, ResumePoint
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.referrals import ReferralRepository
from tests.unit.referral.factories import MARKER, make_consent, make_intake, minimum_fields

TABLES = (
    "intake",
    "consent_record",
    "referral",
    "referral_status_history",
    "draft",
    "retention_extension",
)


def full_case(connection, clock, *, close: bool = True) -> int:
    """A closed case with advice, consent, a referral (with history), drafts, a resume point."""
    intakes = IntakeRepository(connection, clock=clock)
    record = intakes.create(make_intake(help_question=f"Hulp {MARKER}"), today=clock.today())
    intakes.store_advice(record.id, {"route": "shv", "note": MARKER}, today=clock.today())
    intakes.set_status(record.id, IntakeStatus.OPEN)
    referrals = ReferralRepository(connection, clock=clock)
    consent = referrals.record_consent(
        record.id, make_consent(minimum_fields("shv"), given=clock.today())
    )
    referrals.create_referral(
        record.id,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=False,
        deadline=None,
        contact=None,
        today=clock.today(),
    )
    drafts = DraftStore(connection, clock=clock)
    drafts.save(REFERRAL, {"note": MARKER}, ref=record.id, intake_id=record.id)
    drafts.save_resume(ResumePoint(section="gesprekken", intake_id=record.id, step=2))
    if close:
        intakes.set_status(record.id, IntakeStatus.CLOSED)
    return record.id


def rows_for(connection, intake_id: int) -> dict[str, int]:
    """How many rows of each personal table still belong to the case."""
    counts = {
        "intake": "SELECT count(*) FROM intake WHERE id = ?",
        "consent_record": "SELECT count(*) FROM consent_record WHERE intake_id = ?",
        "referral": "SELECT count(*) FROM referral WHERE intake_id = ?",
        "referral_status_history": "SELECT count(*) FROM referral_status_history h "
        "WHERE h.referral_id NOT IN (SELECT id FROM referral)",
        "draft": "SELECT count(*) FROM draft WHERE intake_id = ? OR ref = CAST(? AS TEXT) "
        "OR json_extract(data, '$.intake_id') = ?",
        "retention_extension": "SELECT count(*) FROM retention_extension WHERE intake_id = ?",
    }
    result = {}
    for table, sql in counts.items():
        params = (intake_id,) * sql.count("?")
        result[table] = int(connection.execute(sql, params).fetchone()[0])
    return result


def marker_anywhere(connection) -> bool:
    """The plaintext marker in any text column of any table (read with the key)."""
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        for row in connection.execute(f"SELECT * FROM {table}"):  # noqa: S608 - our own names
            if any(isinstance(value, str) and MARKER in value for value in row):
                return True
    return False


CLOSED_ON = date(2026, 1, 31)
