"""The screens show the shipped data (routes, signal catalogue, training cases) in the language
of the app, with the locale's amounts, Qt's own dialogs translated and Arabic laid out right to
left; what goes to the municipality stays Dutch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QPushButton

from app.clock import FixedClock
from app.preferences import Preferences
from app.store.intakes import IntakeRepository
from app.ui.context import AppContext
from app.ui.i18n_qt import apply_language
from tests.gui.referral.test_referral_screens import (  # noqa: F401 - fixtures
    _release_parents,
    intake_id,
)

TODAY = date(2026, 11, 30)


@pytest.fixture
def context(vault_session, tmp_path):
    return AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=FixedClock(today=TODAY),
    )


@pytest.fixture
def language(qapp):
    def switch(code: str) -> None:
        apply_language(qapp, code, notify=False)

    yield switch
    apply_language(qapp, "nl", notify=False)


def _labels(widget, name=None) -> list[str]:
    found = widget.findChildren(QLabel, name) if name else widget.findChildren(QLabel)
    return [label.text() for label in found]


def _advice_for_eviction(qtbot, context):
    from app.ui.intake import IntakeSection

    section = IntakeSection(context)
    qtbot.addWidget(section)
    section.resize(1200, 850)
    section.show()
    section.new_intake()
    flow = section.flow
    flow.findChild(QCheckBox, "option_threats_ontruiming").setChecked(True)
    flow.steps.setCurrentRow(flow.stack.count() - 1)
    return section, flow


def test_advice_in_english_and_the_stored_advice_dutch(qtbot, context, language):
    language("en")
    section, flow = _advice_for_eviction(qtbot, context)
    texts = _labels(flow.advice_view.cards)
    assert "Municipal debt help – urgent" in texts
    assert "Municipality of Zoetermeer, debt help" in texts
    assert any(
        "there is a letter about eviction from the home" in t for t in _labels(flow, "reason")
    )
    assert "Schuldhulpverlening gemeente – met spoed" not in texts
    combo = flow.advice_view.route_choice
    assert "Food bank" in [combo.itemText(i) for i in range(combo.count())]
    record_id = flow.record.id
    flow.finish()
    stored = IntakeRepository(context.session.connection).load(record_id).advice
    assert stored["routes"][0]["id"] == "shv-crisis"
    assert "er is een brief over ontruiming van de woning" in stored["routes"][0]["reasons"]


def test_advice_in_arabic_has_arabic_route_names_and_numbers_in_order(qtbot, context, language):
    language("ar")
    section, flow = _advice_for_eviction(qtbot, context)
    texts = _labels(flow.advice_view.cards)
    assert "\u200fمساعدة البلدية في الديون – بشكل عاجل" in texts  # right to left
    contact = next(t for t in texts if "14 079" in t)
    assert "\u206814 079\u2069" in contact  # isolated: not shown as "079 14"
    assert section.layoutDirection() == Qt.LayoutDirection.RightToLeft
    image = flow.advice_view.grab()
    assert not image.isNull() and image.width() > 0


def test_lock_screen_in_arabic_is_right_to_left(qtbot, language):
    from app.ui.lock_screen import LockScreen

    language("ar")
    screen = LockScreen()
    qtbot.addWidget(screen)
    screen.resize(800, 500)
    screen.show()
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    title = screen.title.text()
    # "Vindplaats مقفل" starts with a Latin name; the mark makes Qt lay it out right to left
    assert title.startswith("\u200f") and "Vindplaats" in title
    assert not screen.grab().isNull()


def test_training_in_english(qtbot, context, language):
    from app.ui.training import TrainingSection

    language("en")
    section = TrainingSection(context)
    qtbot.addWidget(section)
    section.show()
    titles = [section.case_list.item(i).text() for i in range(section.case_list.count())]
    assert "Case A — Fictional Cleaner" in titles
    section.case_list.setCurrentRow(0)
    assert section.case_story.text().startswith("The Fictional Cleaner")
    rows = section.signal_exercise.rows
    assert rows["loonbeslag"].text.text() == "Seizure of wages"
    route_texts = [row.text.text() for row in section.route_exercise.rows.values()]
    assert any(text.startswith("Food bank") for text in route_texts)


def test_signal_catalogue_on_screen_in_english_exports_in_dutch(qtbot, context, language):
    from app.ui.signals.section import SignalsSection

    language("en")
    section = SignalsSection(context)
    qtbot.addWidget(section)
    assert section.catalogue.label("loonbeslag") == "Seizure of wages"
    assert section.catalogue.get("loonbeslag").opener.startswith("You told me")
    assert section.export_panel.catalogue.label("loonbeslag") == "Beslag op het loon"
    assert section.import_panel.catalogue.label("loonbeslag") == "Beslag op het loon"


@pytest.mark.parametrize(
    ("code", "typed", "shown", "example"),
    [("en", "1,340.50", "1340.00", "1,250.00"), ("nl", "1.340,50", "1340,00", "1.250,00")],
)
def test_amount_field_reads_and_shows_the_locale(qtbot, language, code, typed, shown, example):
    from app.ui.intake.questions import MoneyEdit

    language(code)
    edit = MoneyEdit("money_test")
    qtbot.addWidget(edit)
    assert example in edit.placeholderText()
    qtbot.keyClicks(edit, typed)
    assert edit.amount() == Decimal("1340.50")
    assert edit.toolTip() == ""
    edit.set_amount(Decimal("1340"))
    assert edit.text() == shown
    edit.setText("1.2.3")
    assert edit.amount() is None and example in edit.toolTip()


def test_qt_file_dialog_speaks_dutch(qtbot, language):
    language("nl")
    dialog = QFileDialog(None, "Kies")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    buttons = [button.text() for button in dialog.findChildren(QPushButton)]
    assert "&Zoeken in:" in labels  # Qt 6 added the & that qtbase_nl.qm does not have
    assert "Bestands&naam:" in labels
    assert "Files of &type:" not in labels and "&Look in:" not in labels
    assert "Annuleren" in buttons


def test_referral_recipients_in_english_the_letter_names_the_dutch_organisation(
    qtbot,
    vault_session,
    intake_id,  # noqa: F811 - the imported fixture
    language,
):
    from tests.gui.referral.test_referral_screens import open_flow

    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=vault_session.data_dir,
        clock=FixedClock(today=TODAY),
    )
    language("en")
    dialog = open_flow(qtbot, context, intake_id)
    box = dialog.recipient
    items = [box.itemText(i) for i in range(box.count())]
    assert any(item.startswith("Municipality of Zoetermeer, debt help") for item in items)
    assert any(item.startswith("Zoetermeer Food Bank") for item in items)
    box.setCurrentIndex(box.findData("sunz"))
    assert "Zoetermeer Urgent Needs Foundation (SUNZ)" in dialog.helper_note.text()
    recipient = dialog.recipient_step.current_recipient()
    assert recipient.name == "Stichting Urgente Noden Zoetermeer (SUNZ)"  # in the letter
