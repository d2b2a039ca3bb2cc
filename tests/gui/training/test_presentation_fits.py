"""On a projector at 1366x768 (about 1366x688 left for the window) no exercise needs scrolling."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from app.clock import FixedClock
from app.i18n import set_language
from app.preferences import Preferences
from app.ui.context import AppContext
from app.ui.training import TrainingSection

PROJECTOR = (1366, 688)


@pytest.fixture(params=["nl", "en", "ar", "xx"])
def context(request, vault_session, tmp_path):
    set_language(request.param)  # also ~40 % longer texts (xx) and right to left (ar)
    yield AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path / "data",
        clock=FixedClock(today=dt.date(2026, 11, 30)),
    )
    set_language("nl")


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_no_training_tab_scrolls_in_presentation_mode(qtbot, context):
    # The section on its own stands for the full-screen window (the menu hides while presenting).
    section = TrainingSection(context)
    qtbot.addWidget(section)
    section.resize(*PROJECTOR)
    section.show()
    qtbot.waitExposed(section)
    section.set_presentation(True)
    found = []
    for row in range(section.case_list.count()):
        section.case_list.setCurrentRow(row)
        for index in range(section.tabs.count()):
            section.tabs.setCurrentIndex(index)
            _settle()
            page = section.tabs.currentWidget()
            areas = [page] if isinstance(page, QScrollArea) else page.findChildren(QScrollArea)
            for area in areas:
                bar = area.verticalScrollBar()
                if bar.isVisible():
                    found.append(
                        f"case {row} tab {section.tabs.tabText(index)}: scrolls {bar.maximum()} px"
                    )
    section.set_presentation(False)
    assert not found, "\n".join(found)
