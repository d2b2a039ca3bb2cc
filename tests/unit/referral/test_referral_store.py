"""Consent, referrals and status history in a real SQLCipher vault."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.referral.status import ReferralStatus, StatusError
from app.core.referral.view import AdvisorProfile
from app.store.audit import list_events
from app.store.intakes import IntakeRepository
from app.store.referrals import ReferralRepository
from tests.unit.referral.factories import (
    CONTACT,
    TERMS,
    TODAY,
    make_consent,
    make_intake,
    minimum_fields,
)


@pytest.fixture
def repo(vault_session):
    return ReferralRepository(vault_session.connection)


@pytest.fixture
def intake_id(vault_session):
    return IntakeRepository(vault_session.connection).create(make_intake(), today=TODAY).id


def new_referral(repo, intake_id, *, crisis=False, fields=None):
    consent = repo.record_consent(intake_id, make_consent(fields or minimum_fields("shv")))
    referral_id = repo.create_referral(
        intake_id,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=crisis,
        deadline=date(2026, 12, 2) if crisis else None,
        contact=CONTACT,
        today=TODAY,
    )
    return consent, referral_id


def test_advisor_profile_round_trip(repo):
    assert repo.advisor_profile() is None
    repo.save_advisor_profile(AdvisorProfile("Test Persoon", "Vertrouwenspersoon"))
    repo.save_advisor_profile(AdvisorProfile("Test Persoon", "HR-adviseur", "Fictief B.V."))
    assert repo.advisor_profile() == AdvisorProfile("Test Persoon", "HR-adviseur", "Fictief B.V.")
    reach = AdvisorProfile("Test Persoon", "HR-adviseur", "", "070-1234567", "vp@example.org")
    repo.save_advisor_profile(reach)
    assert repo.advisor_profile() == reach


def test_consent_is_stored_as_given(repo, intake_id):
    consent = make_consent(minimum_fields("sunz"), language="tr")
    stored = repo.record_consent(intake_id, consent)
    assert stored.record_id is not None
    assert repo.consent(stored.record_id) == consent
    assert repo.consents_for_intake(intake_id) == [consent]


def test_status_path_with_history(repo, intake_id):
    _consent, referral_id = new_referral(repo, intake_id)
    repo.mark_produced(referral_id, today=TODAY, encrypted=True)
    repo.set_status(referral_id, ReferralStatus.SENT, date(2026, 11, 30))
    repo.set_status(referral_id, "in_behandeling", date(2026, 12, 10))
    repo.set_status(referral_id, ReferralStatus.COMPLETED, date(2027, 1, 15))
    assert [(c.status.value, c.on) for c in repo.history(referral_id)] == [
        ("concept", TODAY),
        ("verzonden", date(2026, 11, 30)),
        ("in_behandeling", date(2026, 12, 10)),
        ("afgerond", date(2027, 1, 15)),
    ]
    summary = repo.load(referral_id)
    assert summary.status is ReferralStatus.COMPLETED and summary.produced_on == TODAY
    assert repo.contact(referral_id) == CONTACT
    with pytest.raises(StatusError):
        repo.set_status(referral_id, ReferralStatus.SENT, date(2027, 1, 16))


def test_impossible_steps_are_refused(repo, intake_id):
    _consent, referral_id = new_referral(repo, intake_id)
    with pytest.raises(StatusError):
        repo.set_status(referral_id, ReferralStatus.COMPLETED, TODAY)
    repo.set_status(referral_id, ReferralStatus.SENT, date(2026, 11, 30))
    with pytest.raises(StatusError):
        repo.set_status(referral_id, ReferralStatus.IN_PROGRESS, date(2026, 11, 29))


def test_withdrawal_is_one_action(repo, intake_id):
    consent, referral_id = new_referral(repo, intake_id)
    repo.set_status(referral_id, ReferralStatus.SENT, date(2026, 11, 30))
    repo.withdraw(referral_id, date(2026, 12, 3))
    summary = repo.load(referral_id)
    assert summary.status is ReferralStatus.WITHDRAWN
    assert summary.consent_withdrawn_on == date(2026, 12, 3)
    assert repo.consent(consent.record_id).withdrawn_on == date(2026, 12, 3)


def test_reminder_when_the_legal_term_passes(repo, intake_id):
    _c, crisis_id = new_referral(repo, intake_id, crisis=True)
    _c, regular_id = new_referral(repo, intake_id)
    repo.set_status(crisis_id, ReferralStatus.SENT, TODAY)  # Friday: term ends Wed 2 Dec
    repo.set_status(regular_id, ReferralStatus.SENT, TODAY)  # 4 weeks: Fri 25 Dec is a holiday
    assert repo.reminders(date(2026, 12, 2), TERMS) == []
    assert [r.id for r in repo.reminders(date(2026, 12, 3), TERMS)] == [crisis_id]
    assert repo.load(crisis_id).reminder(date(2026, 12, 3), TERMS) == date(2026, 12, 2)
    assert {r.id for r in repo.reminders(date(2026, 12, 29), TERMS)} == {crisis_id, regular_id}
    repo.set_status(crisis_id, ReferralStatus.IN_PROGRESS, date(2026, 12, 4))
    assert [r.id for r in repo.reminders(date(2026, 12, 29), TERMS)] == [regular_id]


def test_audit_log_says_what_not_about_whom(repo, intake_id, vault_session):
    _consent, referral_id = new_referral(repo, intake_id)
    repo.mark_produced(referral_id, today=TODAY, encrypted=False)
    events = list_events(vault_session.connection)
    produced = [e for e in events if e.event == "referral_produced"]
    assert [e.detail for e in produced] == ["shv"]
    text = " ".join(f"{e.event} {e.detail}" for e in events)
    for secret in ("Test Medewerker", "06-12345678", "G-2026", "energierekening"):
        assert secret not in text


def test_deleting_the_intake_removes_its_referrals(repo, intake_id, vault_session):
    new_referral(repo, intake_id)
    IntakeRepository(vault_session.connection).delete(intake_id)
    assert repo.list_referrals() == []
