"""Instellingen > Uw gegevens in verwijsbrieven: set once, kept in the vault, in every letter."""

from __future__ import annotations

import pytest

from app.store.referrals import ReferralRepository
from app.ui.referral.settings import ReferralSettingsGroup
from tests.gui.referral.test_referral_screens import (  # noqa: F401 - fixtures
    _release_parents,
    clock,
    context,
    intake_id,
    open_flow,
)


@pytest.fixture
def group(qtbot, context):  # noqa: F811
    widget = ReferralSettingsGroup(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(qtbot, group, **values):
    for name, value in values.items():
        field = getattr(group, name)
        field.clear()
        qtbot.keyClicks(field, value)


def test_the_advisor_sets_phone_and_email_once(qtbot, group, vault_session, tmp_path):
    fill(
        qtbot,
        group,
        name="Test Persoon",
        function="Vertrouwenspersoon",
        phone="070-1234567",
        email="vp@example.org",
    )
    group.save_button.click()
    stored = ReferralRepository(vault_session.connection).advisor_profile()
    assert (stored.phone, stored.email) == ("070-1234567", "vp@example.org")
    assert "Opgeslagen" in group.message.text()
    group.resize(640, group.sizeHint().height())
    group.grab().save(str(tmp_path / "profiel.png"))


def test_a_wrong_email_is_explained_and_not_saved(qtbot, group, vault_session):
    fill(qtbot, group, name="Test Persoon", function="Vertrouwenspersoon", email="geen adres")
    group.save_button.click()
    assert "e-mailadres" in group.message.text()
    assert ReferralRepository(vault_session.connection).advisor_profile() is None


def test_the_referral_flow_puts_the_stored_contact_in_the_letter(
    qtbot,
    context,  # noqa: F811
    intake_id,  # noqa: F811
    vault_session,
):
    from app.core.referral.view import AdvisorProfile

    ReferralRepository(vault_session.connection).save_advisor_profile(
        AdvisorProfile("Test Persoon", "Vertrouwenspersoon", "", "070-1234567", "vp@example.org")
    )
    dialog = open_flow(qtbot, context, intake_id)
    assert "070-1234567" in dialog.recipient_step.reach_note.text()
    state = dialog._collect()
    advisor = state.advisor(dialog.stored_profile)
    assert advisor.phone == "070-1234567" and advisor.email == "vp@example.org"


def test_step_one_says_where_to_set_phone_and_email(qtbot, context, intake_id):  # noqa: F811
    import os
    from pathlib import Path

    dialog = open_flow(qtbot, context, intake_id)
    note = dialog.recipient_step.reach_note.text()
    assert "Instellingen" in note and "telefoonnummer" in note
    if shots := os.environ.get("H13_SHOTS"):
        dialog.grab().save(str(Path(shots) / "referral-step1.png"))
