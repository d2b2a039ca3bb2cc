"""Through the screens with an edited routes.yaml: the consent step, the letter preview and the
referral list follow the file (consent fields, purpose, Wgs terms)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QCheckBox

from app.core.referral.status import ReferralStatus
from app.core.referral.view import AdvisorProfile
from app.store.referrals import ReferralRepository
from app.ui.referral.section import ReferralsSection
from tests.gui.referral.test_referral_screens import (  # noqa: F401 - fixtures
    _release_parents,
    click,
    clock,
    context,
    intake_id,
    open_flow,
)
from tests.unit.referral.factories import TODAY, make_consent
from tests.unit.referral.test_route_settings import EDITED


@pytest.fixture
def edited_rules(monkeypatch, intake_id):  # noqa: F811 - the imported fixture
    """The screens take the rules from the shipped data: hand them the edited file."""
    from app.shipped import RoutesLoad, ShippedData

    monkeypatch.setattr(ShippedData, "routes", property(lambda _self: RoutesLoad(EDITED, None)))
    return intake_id


def test_consent_step_and_preview_follow_the_edited_file(qtbot, context, edited_rules):  # noqa: F811
    dialog = open_flow(qtbot, context, edited_rules)
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("shv"))
    assert dialog.purpose.text() == "Aanmelding bij de Schuldhulp van Fictiefstad"
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    click(qtbot, dialog.next_button)
    assert dialog.current_step() == dialog.STEP_FIELDS
    boxes = {key: dialog.findChild(QCheckBox, f"field_{key}") for key in dialog.field_boxes}
    assert {key for key, box in boxes.items() if box.isChecked()} == {
        "help_question",
        "contact",
        "crisis",
        "arrears",
    }
    assert "binnen 5 werkdagen, uiterlijk 4 december 2026" in dialog.field_previews["crisis"].text()


def test_referral_list_reminds_after_the_edited_term(
    qtbot,
    context,  # noqa: F811
    edited_rules,
    clock,  # noqa: F811
    vault_session,
):
    repo = ReferralRepository(vault_session.connection)
    repo.save_advisor_profile(AdvisorProfile("Test Persoon", "Vertrouwenspersoon"))
    consent = repo.record_consent(edited_rules, make_consent({"help_question", "crisis"}))
    referral_id = repo.create_referral(
        edited_rules,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=True,
        deadline=date(2026, 12, 4),
        contact=None,
        today=TODAY,
    )
    repo.set_status(referral_id, ReferralStatus.SENT, TODAY)  # Friday 27 November
    section = ReferralsSection(context)
    qtbot.addWidget(section)
    section.show()
    assert "4 december 2026" in section.table.item(0, 4).text()
    clock.set(today=date(2026, 12, 3))  # past the shipped 3 working days, within the edited 5
    section.reload()
    assert not section.reminder_banner.isVisible()
    clock.set(today=date(2026, 12, 7))
    section.reload()
    assert section.reminder_banner.isVisible()
    assert "voorbij sinds 4 december 2026" in section.table.item(0, 4).text()
