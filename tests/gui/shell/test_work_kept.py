"""Work in progress survives locking (Ctrl+L, idle, OS session) and closing the window.

Through the real shell window on a real vault in tmp_path: answers typed into an intake, the
last one less than the autosave delay before the lock, are all there after unlocking, on the
same case, step and field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from app.clock import FixedClock
from app.store.intakes import IntakeRepository
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.run import build_gui

PASSPHRASE = "paarse olifant fietst langs de gracht"


def _window(data_dir, qtbot, **kwargs):
    _app, window = build_gui(data_dir, language="nl", vault=Vault(data_dir, kdf=TEST_KDF), **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def _unlock(qtbot, window) -> None:
    screen = window.lock_screen
    screen.secret.clear()
    qtbot.keyClicks(screen.secret, PASSPHRASE)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)


def _unlocked(tmp_path, qtbot, **kwargs):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    window = _window(data_dir, qtbot, **kwargs)
    _unlock(qtbot, window)
    return window


def _flow(window):
    return window.main_area.section("gesprekken").flow


def _fill_intake(qtbot, window) -> int:
    """Start an intake, answer on steps 1-3, and stop on step 3 (index 2) mid-typing."""
    window.main_area.show_section("gesprekken")
    section = window.main_area.section("gesprekken")
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    flow = section.flow
    flow.findChild(QComboBox, "choice_household").setCurrentIndex(1)
    qtbot.keyClicks(flow.findChild(QLineEdit, "number_age_years"), "24")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)  # Volgende
    qtbot.keyClicks(flow.findChild(QLineEdit, "number_hours_per_week"), "32")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(flow.findChild(QLineEdit, "amount_income_loon"), "1.450")
    flow.findChild(QCheckBox, "unknown_food_shortage").setChecked(True)
    # The last answer: typed just now, well inside the autosave delay.
    rent = flow.findChild(QLineEdit, "amount_fixed_costs_huur_hypotheek")
    rent.setFocus()
    qtbot.keyClicks(rent, "820,50")
    assert flow.steps.currentRow() == 2
    return flow.record.id


def _assert_resumed(window, intake_id: int) -> None:
    assert window.main_area.current_key() == "gesprekken"
    section = window.main_area.section("gesprekken")
    flow = section.flow
    assert section.stack.currentWidget() is flow
    assert flow.record is not None and flow.record.id == intake_id
    assert flow.steps.currentRow() == 2, "back on the same step"
    assert flow.findChild(QComboBox, "choice_household").currentIndex() == 1
    assert flow.findChild(QLineEdit, "number_age_years").text() == "24"
    assert flow.findChild(QLineEdit, "number_hours_per_week").text() == "32"
    assert flow.findChild(QLineEdit, "amount_income_loon").text() == "1450,00"
    assert flow.findChild(QCheckBox, "unknown_food_shortage").isChecked()
    rent = flow.findChild(QLineEdit, "amount_fixed_costs_huur_hypotheek")
    assert rent.text() == "820,50"
    assert window.focusWidget() is rent, "back in the same field"


def test_ctrl_l_mid_intake_keeps_every_answer(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    intake_id = _fill_intake(qtbot, window)
    window.lock_action.trigger()  # Ctrl+L
    assert not window.is_unlocked and window.main_area is None
    _unlock(qtbot, window)
    _assert_resumed(window, intake_id)


def test_idle_lock_mid_intake_keeps_every_answer(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    intake_id = _fill_intake(qtbot, window)
    window.set_idle_override(0)
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5000)
    window.set_idle_override(None)
    _unlock(qtbot, window)
    _assert_resumed(window, intake_id)


def test_os_session_lock_mid_intake_keeps_every_answer(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    qtbot.waitUntil(lambda: hasattr(window, "session_watcher"), timeout=3000)
    intake_id = _fill_intake(qtbot, window)
    window.session_watcher.on_active_changed(True)
    assert not window.is_unlocked
    _unlock(qtbot, window)
    _assert_resumed(window, intake_id)


def test_next_saves_the_answers(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    window.main_area.show_section("gesprekken")
    section = window.main_area.section("gesprekken")
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    flow = section.flow
    qtbot.keyClicks(flow.findChild(QLineEdit, "number_age_years"), "31")
    qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    record = IntakeRepository(window.session.connection).load(flow.record.id)
    assert record.intake.age_years == 31 and record.step == 1


def test_autosave_within_seconds_of_the_last_change(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    window.main_area.show_section("gesprekken")
    section = window.main_area.section("gesprekken")
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    flow = section.flow
    for _step in range(5):
        qtbot.mouseClick(flow.next_button, Qt.MouseButton.LeftButton)
    question = flow.findChild(QPlainTextEdit, "text_help_question")
    qtbot.keyClicks(question, "Ik wil weer overzicht.")
    repository = IntakeRepository(window.session.connection)
    assert repository.load(flow.record.id).intake.help_question is None
    qtbot.waitUntil(
        lambda: repository.load(flow.record.id).intake.help_question == "Ik wil weer overzicht.",
        timeout=5000,
    )


def test_closing_the_window_keeps_the_intake_and_says_so(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    data_dir = window.data_dir
    intake_id = _fill_intake(qtbot, window)
    window.close()
    assert not window.is_unlocked

    again = _window(data_dir, qtbot)
    _unlock(qtbot, again)
    _assert_resumed(again, intake_id)
    banner = _flow(again).banner
    assert banner.isVisible()
    assert "is bewaard" in banner.text() and "verder waar u was" in banner.text()


def _intake_with_advice(window, today) -> int:
    from app.core.intake import Intake
    from app.core.routes import advise
    from app.store.intakes import IntakeStatus
    from tests.unit.referral.factories import intake_data

    repository = IntakeRepository(window.session.connection)
    intake = Intake.from_dict(intake_data())
    record = repository.create(intake, today=today)
    rules = window.shipped.rules
    repository.store_advice(record.id, advise(intake, rules, today).to_dict(), today=today)
    repository.set_status(record.id, IntakeStatus.OPEN)
    return record.id


def _referral_dialog(window):
    from app.ui.referral.flow import ReferralDialog

    dialogs = [
        d
        for d in window.main_area.section("gesprekken").findChildren(ReferralDialog)
        if d.isVisible()
    ]
    assert len(dialogs) == 1
    return dialogs[0]


def test_lock_mid_consent_keeps_the_form_and_records_no_consent(tmp_path, qtbot):
    from app.store.referrals import ReferralRepository
    from tests.unit.referral.factories import TODAY

    window = _unlocked(tmp_path, qtbot, clock=FixedClock(today=TODAY))
    intake_id = _intake_with_advice(window, TODAY)
    section = window.main_area.section("gesprekken")
    window.main_area.show_section("gesprekken")
    section.open_intake(intake_id)
    qtbot.mouseClick(section.flow.referral_button, Qt.MouseButton.LeftButton)
    dialog = _referral_dialog(window)
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.current_step() == dialog.STEP_FIELDS
    dialog.field_boxes["arrears"].setChecked(True)
    qtbot.keyClicks(dialog.contact_name, "Test Medewerker")
    dialog.contact_phone.setFocus()
    qtbot.keyClicks(dialog.contact_phone, "06-12345678")  # just now: inside the delay
    expected = dialog.draft_data()

    window.lock_action.trigger()
    assert not window.is_unlocked
    _unlock(qtbot, window)
    dialog = _referral_dialog(window)
    assert dialog.current_step() == dialog.STEP_FIELDS
    assert dialog.draft_data() == expected
    assert dialog.contact_phone.text() == "06-12345678"
    assert dialog.focusWidget() is dialog.contact_phone
    assert dialog.banner.isVisible() and "bewaard" in dialog.banner.text()
    referrals = ReferralRepository(window.session.connection)
    assert referrals.consents_for_intake(intake_id) == [], "a half-filled form is no consent"

    # On to the consent screen, lock there (idle), unlock: still no consent, form still there.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.current_step() == dialog.STEP_CONSENT
    window.set_idle_override(0)
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5000)
    window.set_idle_override(None)
    _unlock(qtbot, window)
    dialog = _referral_dialog(window)
    assert dialog.current_step() == dialog.STEP_CONSENT
    assert "Bilgilerinizi paylaşmak için izin" in dialog.consent_text.toPlainText()
    assert dialog.draft_data() == {**expected, "step": dialog.STEP_CONSENT}
    referrals = ReferralRepository(window.session.connection)
    assert referrals.consents_for_intake(intake_id) == []

    # Only "yes" records a consent; then the draft is gone.
    qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
    assert len(referrals.consents_for_intake(intake_id)) == 1
    from app.store.drafts import REFERRAL, DraftStore

    assert DraftStore(window.session.connection).load(REFERRAL, intake_id) is None


def _fill_the_disk(connection) -> None:
    """A full disk, for this connection: SQLite may not grow the file any more."""
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}").fetchone()


def _long_answer(qtbot, window) -> tuple:
    window.main_area.show_section("gesprekken")
    section = window.main_area.section("gesprekken")
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    flow = section.flow
    flow.go_to_step(5)
    _fill_the_disk(window.session.connection)
    flow.findChild(QPlainTextEdit, "text_tried_already").setPlainText("Zelf gebeld. " * 150)
    edit = flow.findChild(QPlainTextEdit, "text_help_question")
    edit.setPlainText("Test Persoon wil overzicht. " * 70)
    return flow, edit


def test_a_full_disk_keeps_the_form_says_so_and_retries(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    flow, edit = _long_answer(qtbot, window)
    assert not flow.save_work()
    assert flow.banner.isVisible() and "de schijf is vol" in flow.banner.text()
    assert "\n" not in flow.banner.text()
    assert edit.toPlainText().startswith("Test Persoon wil overzicht.")
    window.session.connection.execute("PRAGMA max_page_count = 1000000").fetchone()  # room again
    qtbot.keyClicks(edit, "!")  # the next change tries again
    repository = IntakeRepository(window.session.connection)
    qtbot.waitUntil(
        lambda: "!" in (repository.load(flow.record.id).intake.help_question or ""),
        timeout=5000,
    )
    assert not flow.banner.isVisible()


def test_a_full_disk_at_the_lock_keeps_the_form_until_the_unlock(tmp_path, qtbot):
    window = _unlocked(tmp_path, qtbot)
    flow, edit = _long_answer(qtbot, window)
    intake_id = flow.record.id
    text = edit.toPlainText()
    window.lock_action.trigger()
    assert not window.is_unlocked and window.main_area is None, "locking is never refused"
    assert "Niet alles kon worden bewaard" in window.lock_screen.message.text()
    _unlock(qtbot, window)
    flow = _flow(window)
    assert flow.record.id == intake_id
    assert flow.findChild(QPlainTextEdit, "text_help_question").toPlainText() == text.strip()
    flow.save_work()  # the new connection has room: saved now
    record = IntakeRepository(window.session.connection).load(intake_id)
    assert record.intake.help_question == text.strip()


def test_closing_with_a_full_disk_asks_and_can_stay_open(tmp_path, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = _unlocked(tmp_path, qtbot)
    _flow_, edit = _long_answer(qtbot, window)
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()  # "Niet afsluiten"

    QTimer.singleShot(50, answer)
    window.close()
    assert seen and "kon niet worden bewaard" in seen[0]
    assert window.is_unlocked and window.main_area is not None
    assert edit.toPlainText().startswith("Test Persoon wil overzicht.")
    window.session.connection.execute("PRAGMA max_page_count = 1000000").fetchone()
    window.close()  # room again: closes without a question, the work saved
    assert not window.is_unlocked


def test_settings_form_changes_survive_a_lock(tmp_path, qtbot):
    from PySide6.QtWidgets import QSpinBox

    from app.store.signals import load_settings

    window = _unlocked(tmp_path, qtbot)
    window.main_area.show_section("instellingen")
    settings = window.main_area.section("instellingen")
    settings.idle_minutes.setValue(7)
    group = settings.findChild(QComboBox, "sectorChoice").parent()
    qtbot.keyClicks(group.new_department, "Productie")
    qtbot.mouseClick(group.findChild(QPushButton, "addDepartment"), Qt.MouseButton.LeftButton)
    group.findChild(QSpinBox, "minimumCellSize").setValue(15)
    group.new_department.setFocus()
    qtbot.keyClicks(group.new_department, "Schoonma")  # half typed, not yet added
    window.lock_action.trigger()
    assert not window.is_unlocked
    _unlock(qtbot, window)

    assert window.main_area.current_key() == "instellingen"
    settings = window.main_area.section("instellingen")
    assert settings.idle_minutes.value() == 7
    group = settings.findChild(QComboBox, "sectorChoice").parent()
    departments = [group.departments.item(i).text() for i in range(group.departments.count())]
    assert "Productie" in departments
    assert group.findChild(QSpinBox, "minimumCellSize").value() == 15
    assert group.new_department.text() == "Schoonma"
    assert window.focusWidget() is group.new_department
    # still a draft until "opslaan": the saved settings are unchanged
    assert load_settings(window.session.connection).k != 15
    group.new_department.clear()
    qtbot.mouseClick(group.findChild(QPushButton, "saveSignalSettings"), Qt.MouseButton.LeftButton)
    assert load_settings(window.session.connection).k == 15
    from app.store.drafts import SIGNAL_SETTINGS, DraftStore

    assert DraftStore(window.session.connection).load(SIGNAL_SETTINGS) is None


def test_closing_the_consent_flow_halfway_keeps_the_draft_and_no_discards_it(tmp_path, qtbot):
    from app.store.drafts import REFERRAL, DraftStore
    from app.store.referrals import ReferralRepository
    from tests.unit.referral.factories import TODAY

    window = _unlocked(tmp_path, qtbot, clock=FixedClock(today=TODAY))
    intake_id = _intake_with_advice(window, TODAY)
    section = window.main_area.section("gesprekken")
    window.main_area.show_section("gesprekken")
    section.open_intake(intake_id)
    qtbot.mouseClick(section.flow.referral_button, Qt.MouseButton.LeftButton)
    dialog = _referral_dialog(window)
    qtbot.keyClicks(dialog.advisor_name, "Test Persoon")
    qtbot.keyClicks(dialog.advisor_function, "Vertrouwenspersoon")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.contact_name, "Test Medewerker")
    expected = dialog.draft_data()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # Sluiten, halfway

    qtbot.mouseClick(section.flow.referral_button, Qt.MouseButton.LeftButton)
    dialog = _referral_dialog(window)
    assert dialog.draft_data() == expected, "the next time it is filled in again"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)  # the employee says no
    assert dialog.current_step() == dialog.STEP_DECLINED
    connection = window.session.connection
    assert DraftStore(connection).load(REFERRAL, intake_id) is None, "no keeps nothing"
    assert ReferralRepository(connection).consents_for_intake(intake_id) == []
