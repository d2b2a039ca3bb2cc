"""The Training section as a trainer uses it: pick a case, answer, present, hand out."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from app.clock import FixedClock
from app.i18n import set_language
from app.preferences import Preferences
from app.ui.context import AppContext
from app.ui.training import TrainingSection

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def context(vault_session, tmp_path):
    set_language("nl")
    return AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path / "data",
        clock=FixedClock(today=TODAY),
    )


@pytest.fixture
def section(qtbot, context):
    window = QMainWindow()
    widget = TrainingSection(context)
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    yield widget
    widget.set_presentation(False)


def _click(qtbot, row):
    qtbot.mouseClick(row.check, Qt.MouseButton.LeftButton)


def _table_counts(connection):
    return tuple(
        connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("intake", "signal", "audit_log")
    )


def test_cases_are_listed_and_the_story_shows(section):
    assert section.section_title() == "Training"
    assert section.case_list.count() == len(section.data.cases) >= 6
    section.case_list.setCurrentRow(3)
    case = section.data.cases[3]
    assert section.case_title.text() == case.title
    assert section.case_story.text() == case.story
    assert section.case_story.textFormat() == Qt.TextFormat.PlainText
    assert not section.opener.isVisible()
    section.opener_button.click()
    assert section.opener.isVisible() and case.opener in section.opener.text()


def test_signal_exercise_gives_feedback_per_signal(qtbot, section):
    section.select_case("casus-d")  # loonbeslag, CAK, lening werkgever, lenen bij collega's
    qtbot.mouseClick(section.next_button, Qt.MouseButton.LeftButton)
    exercise = section.signal_exercise
    assert section.tabs.currentWidget() is exercise
    _click(qtbot, exercise.rows["loonbeslag"])
    _click(qtbot, exercise.rows["stress-en-spanning"])
    qtbot.mouseClick(exercise.check_button, Qt.MouseButton.LeftButton)

    assert exercise.summary.isVisible()
    assert "1 van de 4" in exercise.summary.text()
    assert section.case.opener in exercise.summary.text()
    seen = exercise.rows["loonbeslag"]
    assert seen.verdict.isVisible() and "Goed gezien" in seen.verdict.text()
    missed = exercise.rows["cak-inhouding-zorgpremie"]
    assert "Gemist" in missed.verdict.text()
    why = section.data.catalogue.get("cak-inhouding-zorgpremie").why
    assert why in missed.detail.text() and missed.detail.isVisible()
    assert "In het verhaal" in missed.detail.text()
    extra = exercise.rows["stress-en-spanning"]
    assert "Niet in dit verhaal" in extra.verdict.text()
    quiet = exercise.rows["scheiding"]
    assert not quiet.verdict.isVisible()

    # Changing an answer takes the old feedback away; the check can be done again.
    _click(qtbot, exercise.rows["lening-bij-werkgever"])
    assert not seen.verdict.isVisible() and not exercise.summary.isVisible()
    qtbot.mouseClick(exercise.check_button, Qt.MouseButton.LeftButton)
    assert "2 van de 4" in exercise.summary.text()


def test_clicking_the_text_ticks_the_box(qtbot, section):
    row = section.signal_exercise.rows["scheiding"]
    qtbot.mouseClick(row.text, Qt.MouseButton.LeftButton)
    assert row.check.isChecked()


def test_route_exercise_compares_with_the_engine(qtbot, section):
    section.select_case("casus-g")  # eviction: shv-crisis first
    section.tabs.setCurrentWidget(section.route_exercise)
    exercise = section.route_exercise
    assert "ontruiming" in exercise.facts.text().lower()
    _click(qtbot, exercise.rows["shv"])
    qtbot.mouseClick(exercise.check_button, Qt.MouseButton.LeftButton)
    assert "Let op: de eerste route is" in exercise.summary.text()
    assert "3 werkdagen" in exercise.summary.text()
    crisis = exercise.rows["shv-crisis"]
    assert "Ook geadviseerd" in crisis.verdict.text()
    assert "omdat: er is een brief over ontruiming van de woning" in crisis.detail.text()
    assert "3 december 2026" in crisis.detail.text()
    wrong = exercise.rows["shv"]
    assert "Niet geadviseerd" in wrong.verdict.text()


def test_switching_case_clears_answers(qtbot, section):
    exercise = section.signal_exercise
    _click(qtbot, exercise.rows["loonbeslag"])
    exercise.check_answer()
    section.select_case("casus-b")
    assert exercise.chosen() == [] and not exercise.summary.isVisible()
    assert section.tabs.currentIndex() == 0


def test_presentation_mode_by_button_and_shortcuts(qtbot, section):
    story_size = section.case_story.font().pointSizeF()
    qtbot.mouseClick(section.present_button, Qt.MouseButton.LeftButton)
    assert section.presenting
    section.case_story.ensurePolished()
    assert section.case_story.font().pointSizeF() > story_size * 1.5
    assert not section.case_list.isVisible()
    assert section.window().isFullScreen()
    qtbot.keyClick(section, Qt.Key.Key_Escape)
    assert not section.presenting and section.case_list.isVisible()
    assert not section.window().isFullScreen()

    window = section.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(section.case_list, Qt.Key.Key_F11)
    assert section.presenting and section.present_button.isChecked()
    qtbot.keyClick(
        section.tabs,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not section.presenting and not section.present_button.isChecked()


def test_handout_pdf_holds_the_catalogue_and_the_routes(qtbot, section, tmp_path):
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(section.handout_saved, timeout=20000) as blocker:
        section.save_handout(target)
    assert blocker.args[0] == target and section.handout_written == target
    assert "opgeslagen" in section.banner.text()
    text = " ".join("".join(page.extract_text() for page in PdfReader(target).pages).split())
    catalogue = section.data.catalogue
    for category in catalogue.active()[:5]:
        assert category.label in text
    assert "Waarom het ertoe doet" in text and "Wat je zou kunnen zeggen" in text
    assert "Geldfit (Nederlandse Schuldhulproute)" in text


def test_handout_failure_is_a_calm_message(qtbot, section, tmp_path):
    with qtbot.waitSignal(section.handout_failed, timeout=20000) as blocker:
        section.save_handout(tmp_path / "bestaat-niet" / "handout.pdf")
    assert "niet worden opgeslagen" in blocker.args[0]
    assert section.handout_button.isEnabled()
    assert "de map bestaat niet" in blocker.args[0] and "\n" not in blocker.args[0]


def test_handout_beside_the_vault_is_refused(qtbot, section, vault_session):
    target = vault_session.data_dir / "handout.pdf"
    with qtbot.waitSignal(section.handout_failed, timeout=20000) as blocker:
        section.save_handout(target)
    assert "handout.pdf" in blocker.args[0] and "map van de kluis" in blocker.args[0]
    assert not target.exists()


def test_training_never_writes_to_the_vault(qtbot, section, vault_session, tmp_path):
    before = _table_counts(vault_session.connection)
    for case in section.data.cases:
        section.select_case(case.id)
        for key in case.signal_ids:
            section.signal_exercise.set_choice(key)
        section.signal_exercise.check_answer()
        for route_id in case.expected_routes:
            section.route_exercise.set_choice(route_id)
        section.route_exercise.check_answer()
        assert section.route_exercise.result.score.perfect
        assert section.signal_exercise.result.score.perfect
    with qtbot.waitSignal(section.handout_saved, timeout=20000):
        section.save_handout(tmp_path / "h.pdf")
    assert _table_counts(vault_session.connection) == before


def test_main_window_builds_the_real_training_section(qtbot, context):
    from app.ui.main_window import MainArea

    area = MainArea(context)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    section = area.section("training")
    assert isinstance(section, TrainingSection)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area, timeout=5000)
    qtbot.keyClick(area.nav, Qt.Key.Key_F11)  # on the start screen: not the trainer's key
    assert not section.presenting
    area.show_section("training")
    qtbot.keyClick(area.nav, Qt.Key.Key_F11)  # focus still in the navigation
    assert section.presenting
    area.show_section("start")  # leaving the section ends the projector mode
    assert not section.presenting and not area.isFullScreen()


def test_start_screen_line_only_in_demo_mode(qtbot, context):
    plain = TrainingSection(context)
    qtbot.addWidget(plain)
    assert plain.home_lines() == []
    context.demo = True
    demo = TrainingSection(context)
    qtbot.addWidget(demo)
    assert "verzonnen" in demo.home_lines()[0]
