"""The new intake facts through the screens, by keyboard only: living with parents, unclaimed
regelingen, the threat date. They are kept in the draft and the stored intake, and the advice
shows the threat date next to the term with a warning when it is earlier."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateEdit, QLabel

from app.clock import FixedClock
from app.core.concepts.household import Household
from app.core.concepts.schemes import Scheme
from app.core.concepts.threats import Threat
from app.preferences import Preferences
from app.store.intakes import IntakeRepository
from app.ui.context import AppContext
from app.ui.intake import IntakeSection

MONDAY = date(2026, 11, 30)  # the term of 3 working days ends Thursday 3 December 2026


@pytest.fixture
def section(qtbot, vault_session, tmp_path):
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=FixedClock(today=MONDAY),
    )
    widget = IntakeSection(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    return widget


def key(qtbot, widget, which):
    qtbot.keyClick(widget, which)


def focused():
    return QApplication.focusWidget()


def visible_texts(widget, name):
    return [label.text() for label in widget.findChildren(QLabel, name) if label.isVisible()]


def go_to(qtbot, flow, page):
    while flow.stack.currentIndex() < page:
        key(qtbot, flow.next_button, Qt.Key.Key_Space)


def test_new_questions_by_keyboard_are_kept_in_draft_and_intake(qtbot, section, vault_session):
    section.new_intake()
    flow = section.flow

    # Thuis: "Bij ouders of verzorgers" chosen with the arrow keys
    household = flow.findChild(QComboBox, "choice_household")
    household.setFocus()
    for _ in range(5):
        key(qtbot, household, Qt.Key.Key_Down)
    assert household.currentText() == "Bij ouders of verzorgers"

    # Geld: tick two regelingen with Space, moving between them with Tab
    go_to(qtbot, flow, 2)
    allowances = flow.findChild(QCheckBox, "option_unclaimed_schemes_toeslagen")
    allowances.setFocus()
    key(qtbot, allowances, Qt.Key.Key_Space)
    key(qtbot, allowances, Qt.Key.Key_Tab)
    assert focused() is flow.findChild(QCheckBox, "option_unclaimed_schemes_kwijtschelding")
    key(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is flow.findChild(QCheckBox, "option_unclaimed_schemes_zoetermeerpas")
    key(qtbot, focused(), Qt.Key.Key_Space)

    # Dreiging: the date question appears once a threat is ticked
    go_to(qtbot, flow, 4)
    date_question = flow.form.questions["threat_date"]
    assert not date_question.isVisible()
    eviction = flow.findChild(QCheckBox, "option_threats_ontruiming")
    eviction.setFocus()
    key(qtbot, eviction, Qt.Key.Key_Space)
    assert date_question.isVisible()
    known = flow.findChild(QCheckBox, "known_threat_date")
    known.setFocus()
    key(qtbot, known, Qt.Key.Key_Space)
    key(qtbot, known, Qt.Key.Key_Tab)
    edit = flow.findChild(QDateEdit, "date_threat_date")
    assert focused() is edit
    assert edit.date().toPython() == MONDAY  # starts at the context's today
    assert edit.currentSection() is QDateEdit.Section.DaySection  # Tab selects the day
    qtbot.keyClicks(edit, "02122026")  # dd mm jjjj, each part moves on to the next
    assert edit.date().toPython() == date(2026, 12, 2)

    intake = flow.form.to_intake()
    assert intake.household is Household.WITH_PARENTS
    assert intake.unclaimed_schemes == [Scheme.ALLOWANCES, Scheme.ZOETERMEERPAS]
    assert intake.threats == [Threat.EVICTION]
    assert intake.threat_date == date(2026, 12, 2)

    # Save as draft, and the stored intake has every new answer
    key(qtbot, flow.draft_button, Qt.Key.Key_Space)
    assert "concept" in flow.banner.text()
    repository = IntakeRepository(vault_session.connection)
    stored = repository.load(repository.list_cases()[0].id).intake
    assert stored.household is Household.WITH_PARENTS
    assert stored.unclaimed_schemes == [Scheme.ALLOWANCES, Scheme.ZOETERMEERPAS]
    assert stored.threat_date == date(2026, 12, 2)

    # Reopen: the answers are back in the widgets
    section.open_intake(repository.list_cases()[0].id)
    flow = section.flow
    assert flow.findChild(QComboBox, "choice_household").currentText() == (
        "Bij ouders of verzorgers"
    )
    assert flow.findChild(QCheckBox, "option_unclaimed_schemes_zoetermeerpas").isChecked()
    assert flow.findChild(QCheckBox, "known_threat_date").isChecked()
    assert flow.findChild(QDateEdit, "date_threat_date").date().toPython() == date(2026, 12, 2)

    # Advice: the date next to the term, the warning, and the Formulierenbrigade
    flow.steps.setCurrentRow(flow.stack.count() - 1)
    assert flow.on_advice
    banner = flow.advice_view.banner.text()
    assert "uiterlijk donderdag 3 december 2026" in banner
    assert "Datum van de ontruiming: woensdag 2 december 2026." in banner
    assert "Let op: de ontruiming is eerder dan de termijn van 3 werkdagen." in banner
    cards = flow.advice_view.cards
    assert visible_texts(cards, "threatDate") == [
        "Datum van de ontruiming: woensdag 2 december 2026"
    ]
    assert "formulierenbrigade" in flow.advice_view.advice.route_ids
    reasons = visible_texts(cards, "reason")
    assert any("toeslagen of regelingen van de gemeente" in reason for reason in reasons)


def test_a_later_threat_date_gives_no_warning_and_household_size_zero_is_no_answer(qtbot, section):
    section.new_intake()
    flow = section.flow
    size = flow.form.questions["household_size"]
    qtbot.keyClicks(size.edit, "0")
    assert flow.form.to_intake().household_size is None  # at least the employee lives on it
    flow.steps.setCurrentRow(4)
    flow.findChild(QCheckBox, "option_threats_afsluiting_gas").setChecked(True)
    flow.findChild(QCheckBox, "known_threat_date").setChecked(True)
    flow.findChild(QDateEdit, "date_threat_date").setDate(date(2026, 12, 10))
    flow.steps.setCurrentRow(flow.stack.count() - 1)
    banner = flow.advice_view.banner.text()
    assert "Datum van de afsluiting: donderdag 10 december 2026." in banner
    assert "eerder dan de termijn" not in banner
    # Unticking the threat drops the date from the intake
    flow.steps.setCurrentRow(4)
    flow.findChild(QCheckBox, "option_threats_afsluiting_gas").setChecked(False)
    assert flow.form.to_intake().threat_date is None
    assert not flow.form.questions["threat_date"].isVisible()
