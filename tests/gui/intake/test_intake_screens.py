"""Through the screens: an intake, advice with reasons, save as draft, reopen, finish."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from app.clock import FixedClock
from app.core.concepts.household import Household
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat
from app.preferences import Preferences
from app.store.intakes import IntakeRepository, IntakeStatus
from app.ui.context import AppContext
from app.ui.intake import IntakeSection

GOOD_FRIDAY = date(2027, 3, 26)


@pytest.fixture
def section(qtbot, vault_session, tmp_path):
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=FixedClock(today=GOOD_FRIDAY),
    )
    widget = IntakeSection(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    return widget


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def texts(widget, name):
    return [label.text() for label in widget.findChildren(QLabel, name) if label.isVisible()]


def test_complete_an_intake_save_draft_reopen_and_finish(qtbot, section, vault_session):
    assert section.section_title() == "Gesprekken"
    click(qtbot, section.list_page.new_button)
    flow = section.flow
    assert section.stack.currentWidget() is flow
    assert "GC-2027-" in flow.title.text()

    # Page 1: household and age
    household = flow.findChild(QComboBox, "choice_household")
    household.setCurrentIndex(1)  # alleenstaand
    age = flow.findChild(QLineEdit, "number_age_years")
    qtbot.keyClicks(age, "24")
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)  # Werk: leave open

    # Page 3: money and the quick budget in euros
    qtbot.keyClicks(flow.findChild(QLineEdit, "amount_income_loon"), "1.450")
    qtbot.keyClicks(flow.findChild(QLineEdit, "amount_fixed_costs_huur_hypotheek"), "820,50")
    budget = flow.findChild(QLabel, "budget")
    assert "€\xa0629,50" in budget.text() or "€ 629,50" in budget.text()
    click(qtbot, flow.next_button)

    # Page 4: arrears; the amount field opens when the kind is ticked
    energy = flow.findChild(QCheckBox, "arrear_energie")
    energy.setChecked(True)
    qtbot.keyClicks(flow.findChild(QLineEdit, "arrear_amount_energie"), "640")
    flow.findChild(QCheckBox, "unknown_creditor_count").setChecked(True)
    click(qtbot, flow.next_button)

    # Page 5: a threatening situation
    flow.findChild(QCheckBox, "option_threats_afsluiting_elektriciteit").setChecked(True)

    # Save as draft here, go back to the list
    click(qtbot, flow.draft_button)
    assert "concept" in flow.banner.text()
    click(qtbot, flow.list_button)
    assert section.stack.currentWidget() is section.list_page
    table = section.list_page.table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "Concept"

    # Reopen: answers and the step are back
    table.selectRow(0)
    click(qtbot, section.list_page.open_button)
    assert section.stack.currentWidget() is flow
    assert flow.stack.currentIndex() == 4
    assert flow.findChild(QCheckBox, "option_threats_afsluiting_elektriciteit").isChecked()
    assert flow.findChild(QLineEdit, "number_age_years").text() == "24"
    assert flow.findChild(QCheckBox, "unknown_creditor_count").isChecked()
    click(qtbot, flow.next_button)

    # Page 6: own words and life areas
    flow.findChild(QPlainTextEdit, "text_help_question").setPlainText("Dat de stroom aan blijft.")
    flow.findChild(QCheckBox, "option_life_areas_stress").setChecked(True)
    click(qtbot, flow.next_button)

    # Advice: crisis route first, with reason, Good Friday + Easter Monday skipped
    assert flow.on_advice
    cards = flow.advice_view.cards
    reasons = texts(cards, "reason")
    assert "• omdat: er is een afsluitingsbrief van het energiebedrijf (stroom)" in reasons
    assert texts(cards, "deadline")[0] == "Uiterlijk eerste gesprek: donderdag 1 april 2027"
    assert any("Te bevestigen door de gemeente" in t for t in texts(cards, "unverified"))
    assert flow.advice_view.advice.route_ids[0] == "shv-crisis"
    assert "sunz" in flow.advice_view.advice.route_ids  # 640 alone, single
    assert texts(cards, "helperOnly")  # SUNZ only via a helper

    # Another route without a reason is refused; with a reason it is kept
    choice = flow.findChild(QComboBox, "routeChoice")
    choice.setCurrentIndex(choice.findData("maatschappelijk-werk"))
    click(qtbot, flow.finish_button)
    assert "waarom" in flow.banner.text().lower()
    assert section.stack.currentWidget() is flow
    flow.findChild(QPlainTextEdit, "overrideReason").setPlainText(
        "Kent de maatschappelijk werker al."
    )
    flow.findChild(QCheckBox, "followUpCheck").setChecked(True)
    follow_up = flow.findChild(QDateEdit, "followUpDate")
    assert follow_up.date() == QDate(2027, 4, 9)  # two weeks later by default
    follow_up.setDate(QDate(2027, 3, 26))  # the advisor makes it today
    click(qtbot, flow.finish_button)
    assert section.stack.currentWidget() is section.list_page

    record = IntakeRepository(vault_session.connection).list_cases()[0]
    stored = IntakeRepository(vault_session.connection).load(record.id)
    assert stored.status is IntakeStatus.OPEN
    assert stored.intake.household is Household.SINGLE
    assert stored.intake.threats == [Threat.CUT_OFF_ELECTRICITY]
    assert stored.intake.life_areas == [LifeArea.STRESS]
    assert stored.intake.help_question == "Dat de stroom aan blijft."
    assert stored.advice["routes"][0]["deadline"] == "2027-04-01"
    assert stored.chosen_route == "maatschappelijk-werk"
    assert stored.override_reason == "Kent de maatschappelijk werker al."
    assert stored.follow_up == GOOD_FRIDAY
    assert section.home_lines() == ["Vandaag: 1 vervolggesprek"]
    assert section.list_page.table.item(0, 4).text() == "Maatschappelijk werk"


def test_every_question_offers_unknown_and_says_why(section):
    section.new_intake()
    for question in section.flow.form.questions.values():
        assert question.unknown.text() == "Weet ik niet / wil ik niet zeggen"
        assert question.why.text().startswith("Waarom vragen we dit?")


def test_all_unknown_gives_geldfit_and_filter_by_status(qtbot, section):
    section.new_intake()
    flow = section.flow
    for question in flow.form.questions.values():
        question.unknown.setChecked(True)
    flow.steps.setCurrentRow(flow.stack.count() - 1)
    assert flow.advice_view.advice.route_ids == ["geldfit"]
    click(qtbot, flow.finish_button)
    lst = section.list_page
    lst.status.setCurrentIndex(lst.status.findData("concept"))
    assert lst.table.isHidden() and lst.empty.isVisible()
    lst.status.setCurrentIndex(lst.status.findData("open"))
    assert lst.table.rowCount() == 1


def test_language_switch_keeps_unsaved_answers(qtbot, qapp, section):
    from app.ui.i18n_qt import apply_language

    section.new_intake()
    flow = section.flow
    flow.findChild(QComboBox, "choice_household").setCurrentIndex(2)
    flow.findChild(QCheckBox, "unknown_age_band").setChecked(True)
    flow.steps.setCurrentRow(4)
    flow.findChild(QCheckBox, "option_threats_ontruiming").setChecked(True)
    try:
        apply_language(qapp, "en")
        qtbot.waitUntil(lambda: section.flow is not flow)
        new = section.flow
        assert new.title.text().startswith("Conversation GC-")
        assert section.stack.currentWidget() is new
        assert new.stack.currentIndex() == 4
        intake = new.form.to_intake()
        assert intake.household is Household.PARTNER
        assert intake.threats == [Threat.EVICTION]
        assert (
            new.findChild(QCheckBox, "unknown_age_band").text()
            == "I don't know / I'd rather not say"
        )
    finally:
        apply_language(qapp, "nl")
    assert section.flow.title.text().startswith("Gesprek GC-")
