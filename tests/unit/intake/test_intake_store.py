"""IntakeRepository on a real SQLCipher vault."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from app.core.concepts.household import Household
from app.core.concepts.threats import Threat
from app.core.intake import UNKNOWN, Intake
from app.store.intakes import IntakeNotFound, IntakeRepository, IntakeStatus

TODAY = date(2026, 11, 30)


@pytest.fixture
def repo(vault_session):
    return IntakeRepository(vault_session.connection)


def test_draft_is_saved_and_resumed_at_the_same_step(repo):
    record = repo.create(today=TODAY)
    assert re.fullmatch(r"GC-2026-[2-9A-HJ-KM-NP-Z]{4}", record.case_code)
    assert record.status is IntakeStatus.CONCEPT
    intake = Intake(
        household=Household.SINGLE,
        total_debt=Decimal("1234.50"),
        threats=UNKNOWN,
        help_question="Ik wil rust in mijn hoofd.",
    )
    repo.save_draft(record.id, intake, step=3)
    again = repo.load(record.id)
    assert again.intake == intake
    assert again.step == 3
    assert again.conversation_date == TODAY


def test_case_codes_are_unique_and_never_a_name(repo):
    codes = {repo.create(today=TODAY).case_code for _ in range(30)}
    assert len(codes) == 30
    assert "Test" not in "".join(codes)


def test_status_filter_search_and_follow_ups(repo):
    a = repo.create(today=TODAY)
    b = repo.create(today=TODAY)
    c = repo.create(today=TODAY)
    repo.set_status(b.id, IntakeStatus.OPEN)
    repo.set_status(c.id, IntakeStatus.CLOSED)
    assert [s.id for s in repo.list_cases(status="open")] == [b.id]
    assert {s.id for s in repo.list_cases()} == {a.id, b.id, c.id}
    assert [s.id for s in repo.list_cases(search=a.case_code[-4:].lower())] == [a.id]
    repo.set_follow_up(a.id, TODAY)
    repo.set_follow_up(b.id, date(2026, 12, 2))
    repo.set_follow_up(c.id, TODAY)  # closed: not shown
    assert [s.id for s in repo.follow_ups(TODAY, TODAY)] == [a.id]
    assert [s.id for s in repo.overdue_follow_ups(date(2026, 12, 3))] == [a.id, b.id]
    assert repo.count_by_status()[IntakeStatus.CONCEPT] == 1


def test_advice_and_chosen_route_with_reason_are_kept(repo, vault_session):
    record = repo.create(Intake(threats=[Threat.EVICTION]), today=TODAY)
    advice = {
        "schema_version": "1.0",
        "routes": [
            {
                "id": "shv-crisis",
                "priority": 1,
                "reasons": ["er is een brief over ontruiming van de woning"],
                "deadline": "2026-12-03",
            }
        ],
    }
    repo.store_advice(record.id, advice, today=TODAY)
    repo.choose_route(
        record.id, "maatschappelijk-werk", "  Werknemer kent de maatschappelijk werker al.  "
    )
    again = repo.load(record.id)
    assert again.advice == advice
    assert again.advice_date == TODAY
    assert again.chosen_route == "maatschappelijk-werk"
    assert again.override_reason == "Werknemer kent de maatschappelijk werker al."
    # audit log says what happened, never to which case
    details = [row[0] for row in vault_session.connection.execute("SELECT detail FROM audit_log")]
    assert record.case_code not in " ".join(details)


def test_missing_and_deleted(repo):
    record = repo.create(today=TODAY)
    repo.delete(record.id)
    with pytest.raises(IntakeNotFound):
        repo.load(record.id)
    with pytest.raises(IntakeNotFound):
        repo.save_draft(record.id, Intake(), step=0)
    assert repo.find_by_code(record.case_code) is None


def test_stored_data_survives_reopening_the_vault(make_vault, vault_passphrase):
    vault = make_vault()
    session = vault.unlock(vault_passphrase)
    record = IntakeRepository(session.connection).create(
        Intake(household=Household.FAMILY), today=TODAY
    )
    session.close()
    session = vault.unlock(vault_passphrase)
    try:
        found = IntakeRepository(session.connection).find_by_code(record.case_code.lower())
        assert found is not None and found.intake.household is Household.FAMILY
    finally:
        session.close()
