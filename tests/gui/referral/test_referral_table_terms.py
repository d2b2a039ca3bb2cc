"""The referral list: the legal term says what applies before it runs, every header reads in
full, and status words are capitalised as in Gesprekken."""

from __future__ import annotations

from datetime import date

from app.core.referral.status import ReferralStatus
from app.store.referrals import ReferralRepository
from app.ui.referral.section import ReferralsSection
from tests.gui.referral.test_referral_screens import (  # noqa: F401 - fixtures
    _release_parents,
    clock,
    context,
    intake_id,
)
from tests.unit.referral.factories import TODAY, make_consent


def _referral(vault_session, intake_id, *, crisis: bool) -> int:  # noqa: F811
    repo = ReferralRepository(vault_session.connection)
    consent = repo.record_consent(intake_id, make_consent({"help_question", "crisis"}))
    return repo.create_referral(
        intake_id,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=crisis,
        deadline=date(2026, 12, 2) if crisis else None,
        contact=None,
        today=TODAY,
    )


def _section(qtbot, context, width=900):  # noqa: F811
    section = ReferralsSection(context)
    qtbot.addWidget(section)
    section.resize(width, 500)
    section.show()
    qtbot.waitExposed(section)
    return section


def test_before_sending_the_term_that_will_apply_is_shown(
    qtbot,
    context,  # noqa: F811
    intake_id,  # noqa: F811
    vault_session,
):
    _referral(vault_session, intake_id, crisis=True)
    section = _section(qtbot, context)
    assert section.table.item(0, 2).text() == "Concept"
    assert section.table.item(0, 4).text() == "begint bij verzenden: 3 werkdagen"


def test_a_regular_concept_names_the_weeks_and_later_states_say_why_there_is_no_term(
    qtbot,
    context,  # noqa: F811
    intake_id,  # noqa: F811
    vault_session,
):
    referral_id = _referral(vault_session, intake_id, crisis=False)
    section = _section(qtbot, context)
    assert section.table.item(0, 4).text() == "begint bij verzenden: 4 weken"
    repo = ReferralRepository(vault_session.connection)
    repo.set_status(referral_id, ReferralStatus.SENT, TODAY)
    repo.set_status(referral_id, ReferralStatus.IN_PROGRESS, TODAY)
    section.reload()
    assert section.table.item(0, 2).text() == "In behandeling"
    assert section.table.item(0, 4).text() == "niet meer nodig: de ontvanger heeft gereageerd"


def test_every_header_is_wide_enough_for_its_words(
    qtbot,
    context,  # noqa: F811
    intake_id,  # noqa: F811
    vault_session,
):
    _referral(vault_session, intake_id, crisis=True)
    section = _section(qtbot, context, width=700)
    header = section.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(section.table.columnCount()):
        text = section.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
    assert section.table.horizontalHeaderItem(5).text() == "Toestemming geldig tot"
