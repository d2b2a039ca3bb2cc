"""A language switch in Instellingen also changes the shipped data texts on screen: the signal
catalogue, the training cases and the route names, not only the interface texts."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from app.clock import SYSTEM_CLOCK
from app.shipped import load_shipped
from app.ui.demo import prepare_demo_vault, remove_demo_vault
from app.ui.i18n_qt import apply_language
from app.ui.run import build_gui


@pytest.fixture
def window(qtbot, qapp):
    base = Path(tempfile.mkdtemp(prefix="vindplaats-switch-"))
    shipped = load_shipped()
    vault, passphrase = prepare_demo_vault(base, shipped=shipped, clock=SYSTEM_CLOCK)
    try:
        _app, window = build_gui(
            vault.data_dir, language="nl", demo=True, vault=vault, shipped=shipped
        )
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        window.unlock_with_passphrase(passphrase)
        qtbot.waitUntil(lambda: window.is_unlocked, timeout=15000)
        yield window
        window.lock()
    finally:
        apply_language(qapp, "nl")
        remove_demo_vault(vault)
        shutil.rmtree(base, ignore_errors=True)


def _sections(window):
    area = window.main_area
    return area.section("signalen"), area.section("training")


def test_signals_and_training_follow_a_switch_from_dutch_to_english(window):
    signals, training = _sections(window)
    assert signals.catalogue.label("loonbeslag") == "Beslag op het loon"
    assert training.case_list.item(0).text().startswith("Casus A")

    window.main_area.show_section("instellingen")
    choice = window.main_area.section("instellingen").findChild(QComboBox, "languageChoice")
    choice.setCurrentIndex(choice.findData("en"))

    signals, training = _sections(window)
    assert signals.catalogue.label("loonbeslag") == "Seizure of wages"
    assert training.case_list.item(0).text() == "Case A — Fictional Cleaner"
    training.case_list.setCurrentRow(0)
    assert training.case_story.text().startswith("The Fictional Cleaner")
    assert training.signal_exercise.rows["loonbeslag"].text.text() == "Seizure of wages"
    routes = [row.text.text() for row in training.route_exercise.rows.values()]
    assert any(text.startswith("Food bank") for text in routes)
    # what goes to the municipality stays Dutch
    assert signals.export_panel.catalogue.label("loonbeslag") == "Beslag op het loon"
