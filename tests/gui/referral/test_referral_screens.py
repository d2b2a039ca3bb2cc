"""Through the screens: from the advice to a saved, consented letter; status and withdrawal."""

from __future__ import annotations

import hashlib
from datetime import date

import pikepdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from app.clock import FixedClock
from app.core.intake import Intake
from app.core.referral.view import AdvisorProfile
from app.core.routes import advise
from app.preferences import Preferences
from app.shipped import load_shipped
from app.store.audit import list_events
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.referrals import ReferralRepository
from app.ui.context import AppContext
from app.ui.referral.flow import ReferralDialog, start_referral_flow
from app.ui.referral.section import ReferralsSection
from tests.unit.referral.factories import (
    MARKER,
    TODAY,
    intake_data,
    pdf_attachment,
    pdf_text,
    referral_validator,
)


@pytest.fixture
def clock():
    return FixedClock(today=TODAY)


@pytest.fixture
def context(vault_session, tmp_path, clock):
    return AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=vault_session.data_dir,
        clock=clock,
    )


@pytest.fixture
def intake_id(vault_session):
    """A real conversation with stored advice, saved through the intake repository."""
    repository = IntakeRepository(vault_session.connection)
    intake = Intake.from_dict(intake_data(tried_already=f"{MARKER} zelf geprobeerd"))
    record = repository.create(intake, today=TODAY)
    rules, problem = load_shipped().routes
    assert problem is None
    advice = advise(intake, rules, TODAY)
    assert "shv-crisis" in advice.route_ids
    repository.store_advice(record.id, advice.to_dict(), today=TODAY)
    repository.set_status(record.id, IntakeStatus.OPEN)
    return record.id


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


_keep_alive: list[QWidget] = []


@pytest.fixture(autouse=True)
def _release_parents():
    yield
    _keep_alive.clear()


def open_flow(qtbot, context, intake_id) -> ReferralDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    start_referral_flow(parent, context, intake_id)
    dialog = parent.findChild(ReferralDialog)
    assert dialog is not None and dialog.isVisible()
    _keep_alive.append(parent)  # qtbot only holds a weak reference
    return dialog


def test_consent_flow_from_advice_to_saved_pdf(
    qtbot, context, intake_id, tmp_path, vault_session, monkeypatch
):
    dialog = open_flow(qtbot, context, intake_id)
    # Step 1: the advised crisis route comes first; the sender is asked because it is unset
    assert dialog.recipient.currentData() == "shv-crisis"
    click(qtbot, dialog.next_button)
    assert "naam en functie" in dialog.banner.text()
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    assert not dialog.helper_note.isVisible()
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("sunz"))
    assert dialog.helper_note.isVisible() and "hulpverlener" in dialog.helper_note.text()
    dialog.recipient.setCurrentIndex(dialog.recipient.findData("shv-crisis"))
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    click(qtbot, dialog.next_button)
    assert dialog.current_step() == dialog.STEP_FIELDS

    # Step 2: the minimum for the municipality is pre-set, everything else off
    boxes = {key: dialog.findChild(QCheckBox, f"field_{key}") for key in dialog.field_boxes}
    on = {key for key, box in boxes.items() if box.isChecked()}
    assert on == {"help_question", "contact", "crisis", "debt_band", "creditors_band"}
    assert "uiterlijk 2 december 2026" in dialog.field_previews["crisis"].text()
    boxes["arrears"].setChecked(True)
    qtbot.keyClicks(dialog.contact_name, "Test Medewerker")
    qtbot.keyClicks(dialog.contact_phone, "06-12345678")
    click(qtbot, dialog.next_button)

    # Step 3: the consent text in Turkish, with an equally easy "no"
    assert dialog.current_step() == dialog.STEP_CONSENT
    assert "Bilgilerinizi paylaşmak için izin" in dialog.consent_text.toPlainText()
    assert dialog.yes_button.text() == "Evet, izin veriyorum"
    assert dialog.no_button.text() == "Hayır, paylaşmayın"
    assert ReferralRepository(vault_session.connection).consents_for_intake(intake_id) == []
    click(qtbot, dialog.yes_button)
    assert dialog.current_step() == dialog.STEP_LETTER

    # Step 4: make the letter (encrypted by default) into a folder. Not into the vault's own:
    vault_folder = vault_session.data_dir
    before = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in vault_folder.iterdir()}
    dialog.maker.folder.setText(str(vault_folder))
    click(qtbot, dialog.maker.make_button)
    assert "kan niet in de map van de kluis worden opgeslagen" in dialog.maker.banner.text()
    assert dialog.maker.result is None and dialog.maker.make_button.isEnabled()
    after = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in vault_folder.iterdir()}
    assert after == before
    dialog.maker.folder.setText(str(tmp_path))
    click(qtbot, dialog.maker.make_button)
    qtbot.waitUntil(lambda: dialog.maker.result is not None, timeout=15000)
    result = dialog.maker.result
    password = dialog.maker.password.text()
    assert password and dialog.maker.password.isVisible()
    # Ctrl+C of the password: the clipboard forgets it again (after 30 s; shortened here)
    from PySide6.QtGui import QGuiApplication

    from app.ui import clipboard

    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 50)
    dialog.maker.password.selectAll()
    dialog.maker.password.copy()
    assert QGuiApplication.clipboard().text() == password
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)
    assert result.letter_path.exists() and result.copy_path.exists()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(result.letter_path)
    text = pdf_text(result.letter_path, password)
    for expected in (
        "Test Persoon",
        "Ik wil overzicht en hulp met de energierekening.",
        "binnen 3 werkdagen, uiterlijk 2 december 2026",
        "Test Medewerker",
        "huur of hypotheek",
    ):
        assert expected in text
    assert MARKER not in text
    attachment = pdf_attachment(result.letter_path, password)
    assert MARKER not in str(attachment)
    referral_validator().validate(attachment)
    # The employee's copy holds the same personal data: encrypted too, with the same password
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(result.copy_path)
    assert "Sizin kopyanız" in pdf_text(result.copy_path, password)
    assert "kopie voor de medewerker opent met hetzelfde wachtwoord" in (
        dialog.maker.result_label.text()
    )

    # The vault: consent, referral in concept, audit without content, intake marked referred
    repo = ReferralRepository(vault_session.connection)
    (summary,) = repo.list_referrals()
    assert summary.recipient_id == "shv-crisis" and summary.status.value == "concept"
    assert summary.crisis and summary.deadline == date(2026, 12, 2)
    consent = repo.consent(summary.consent_id)
    assert consent.language == "tr" and "arrears" in consent.fields
    assert [e.detail for e in list_events(vault_session.connection, event="referral_produced")] == [
        "shv-crisis"
    ]
    assert (
        IntakeRepository(vault_session.connection).load(intake_id).status is IntakeStatus.REFERRED
    )
    assert repo.advisor_profile().name == "Test Persoon"

    # closing forgets the password on screen
    click(qtbot, dialog.close_button)
    assert dialog.maker.password.text() == ""


def test_saying_no_stores_nothing(qtbot, context, intake_id, vault_session):
    ReferralRepository(vault_session.connection).save_advisor_profile(
        AdvisorProfile("Test Persoon", "Vertrouwenspersoon")
    )
    dialog = open_flow(qtbot, context, intake_id)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    dialog.language.setCurrentIndex(0)
    click(qtbot, dialog.no_button)
    assert dialog.current_step() == dialog.STEP_DECLINED
    repo = ReferralRepository(vault_session.connection)
    assert repo.consents_for_intake(intake_id) == [] and repo.list_referrals() == []


def test_arabic_consent_screen_is_right_to_left(qtbot, context, intake_id):
    dialog = open_flow(qtbot, context, intake_id)
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    assert dialog.consent_text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "الموافقة على مشاركة بياناتك" in dialog.consent_text.toPlainText()


def make_referral_through_flow(qtbot, context, intake_id, tmp_path):
    dialog = open_flow(qtbot, context, intake_id)
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.yes_button)
    dialog.maker.folder.setText(str(tmp_path))
    dialog.maker.encrypt.setChecked(False)
    click(qtbot, dialog.maker.make_button)
    qtbot.waitUntil(lambda: dialog.maker.result is not None, timeout=15000)
    # Unencrypted on purpose: the screen says plainly what the copy is and what to do with it
    shown = dialog.maker.result_label.text()
    assert "niet versleuteld en bevatten persoonsgegevens" in shown
    assert "om nu mee naar huis te nemen: print hem of geef hem mee" in shown
    click(qtbot, dialog.close_button)


def test_section_status_reminder_and_withdrawal(qtbot, context, intake_id, tmp_path, clock):
    make_referral_through_flow(qtbot, context, intake_id, tmp_path)
    section = ReferralsSection(context)
    qtbot.addWidget(section)
    section.show()
    assert section.section_title() == "Verwijzingen"
    assert section.table.rowCount() == 1
    assert section.home_lines() == ["Verwijzingen: 1 brief nog niet verzonden"]
    section.table.selectRow(0)

    # concept -> verzonden on 27 November (a Friday)
    click(qtbot, section.status_button)
    dialog = section.dialog
    dialog.status.setCurrentIndex(dialog.status.findData("verzonden"))
    dialog.accept()
    assert section.table.item(0, 2).text() == "Verzonden"
    assert "2 december 2026" in section.table.item(0, 4).text()
    assert not section.reminder_banner.isVisible()

    # the crisis term (3 working days) passes without a status change: a reminder
    clock.set(today=date(2026, 12, 3))
    section.reload()
    assert section.reminder_banner.isVisible()
    assert "voorbij" in section.table.item(0, 4).text()
    assert any("wettelijke termijn voorbij" in line for line in section.home_lines())

    # withdrawing consent is one action, with a confirmation
    section.table.selectRow(0)
    click(qtbot, section.withdraw_button)
    section._confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert section.table.item(0, 2).text() == "Ingetrokken"
    assert "ingetrokken op 3 december 2026" in section.table.item(0, 5).text()
    assert not section.withdraw_button.isEnabled() and not section.remake_button.isEnabled()
    assert section.home_lines() == []

    # forcing a new letter on withdrawn consent is refused
    section.table.selectRow(0)
    section.remake_letter()
    assert "ingetrokken" in section.banner.text()


def test_expired_consent_refuses_a_new_letter(qtbot, context, intake_id, tmp_path, clock):
    make_referral_through_flow(qtbot, context, intake_id, tmp_path)
    section = ReferralsSection(context)
    qtbot.addWidget(section)
    section.table.selectRow(0)
    # still valid: the letter can be made again
    click(qtbot, section.remake_button)
    section.dialog.maker.folder.setText(str(tmp_path))
    click(qtbot, section.dialog.maker.make_button)
    qtbot.waitUntil(lambda: section.dialog.maker.result is not None, timeout=15000)
    section.dialog.reject()
    # three months and a day later: refused
    clock.set(today=date(2027, 2, 28))
    section.reload()
    assert "verlopen" in section.table.item(0, 5).text()
    section.table.selectRow(0)
    click(qtbot, section.remake_button)
    assert "verlopen" in section.banner.text()


def test_the_intake_advice_page_opens_the_referral_flow(qtbot, context, intake_id):
    """The button on the intake engineer's advice page leads into this flow."""
    from app.ui.intake import IntakeSection

    section = IntakeSection(context)
    qtbot.addWidget(section)
    section.show()
    section.open_intake(intake_id)
    flow = section.flow
    flow.steps.setCurrentRow(flow.stack.count() - 1)
    assert flow.referral_button.isVisible()
    click(qtbot, flow.referral_button)
    dialog = flow.findChild(ReferralDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.recipient.currentData() in {"shv-crisis", "sunz", "maatschappelijk-werk"}
    dialog.reject()
