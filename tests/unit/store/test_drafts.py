"""Drafts and the resume point in a real vault: saved encrypted, survive a reopen, used once."""

from __future__ import annotations

from datetime import date

from app.core.concepts.household import Household
from app.core.intake import Intake
from app.store.audit import list_events
from app.store.drafts import REFERRAL, DraftStore, ResumePoint
from app.store.intakes import AdviceChoice, IntakeRepository, IntakeStatus

TODAY = date(2026, 11, 27)
MARKER = "Test Persoon concept 7Q"


def test_draft_survives_a_reopen_and_is_not_in_the_file(make_vault, vault_passphrase):
    vault = make_vault()
    with vault.unlock(vault_passphrase) as session:
        intake = IntakeRepository(session.connection).create(today=TODAY)
        drafts = DraftStore(session.connection)
        drafts.save(REFERRAL, {"purpose": MARKER, "step": 2}, ref=intake.id, intake_id=intake.id)
        drafts.save(REFERRAL, {"purpose": MARKER + "!", "step": 2}, ref=intake.id)
    raw = b"".join(p.read_bytes() for p in vault.data_dir.iterdir() if p.is_file())
    assert MARKER.encode() not in raw
    with vault.unlock(vault_passphrase) as session:
        draft = DraftStore(session.connection).load(REFERRAL, intake.id)
        assert draft is not None and draft.data == {"purpose": MARKER + "!", "step": 2}
        assert DraftStore(session.connection).load(REFERRAL, 999) is None


def test_a_referral_draft_goes_with_its_intake(vault_session):
    intakes = IntakeRepository(vault_session.connection)
    record = intakes.create(today=TODAY)
    drafts = DraftStore(vault_session.connection)
    drafts.save(REFERRAL, {"purpose": "x"}, ref=record.id, intake_id=record.id)
    intakes.delete(record.id)
    assert drafts.kinds() == []


def test_resume_point_is_taken_once(vault_session):
    drafts = DraftStore(vault_session.connection)
    assert drafts.take_resume() is None
    drafts.save_resume(
        ResumePoint("gesprekken", intake_id=3, step=2, field="text_help_question", cursor=4)
    )
    point = drafts.take_resume()
    assert point is not None
    assert (point.section, point.intake_id, point.step, point.field, point.cursor) == (
        "gesprekken",
        3,
        2,
        "text_help_question",
        4,
    )
    assert point.reason == "lock"
    assert drafts.take_resume() is None


def test_autosave_keeps_answers_step_and_choice_without_status_or_audit(vault_session):
    intakes = IntakeRepository(vault_session.connection)
    record = intakes.create(today=TODAY)
    events = len(list_events(vault_session.connection))
    intake = Intake(household=Household.SINGLE, help_question=MARKER)
    intakes.autosave(
        record.id,
        intake,
        step=6,
        choice=AdviceChoice("sunz", "  kent de hulpverlener al ", date(2026, 12, 4)),
    )
    saved = intakes.load(record.id)
    assert saved.intake == intake and saved.step == 6
    assert saved.chosen_route == "sunz" and saved.override_reason == "kent de hulpverlener al"
    assert saved.follow_up == date(2026, 12, 4)
    assert saved.status is IntakeStatus.CONCEPT
    assert len(list_events(vault_session.connection)) == events
    intakes.autosave(record.id, intake, step=1)  # without a choice: the choice stays
    assert intakes.load(record.id).chosen_route == "sunz"
