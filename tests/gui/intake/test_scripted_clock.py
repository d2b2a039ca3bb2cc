"""The screens take the date and time from the one clock in AppContext, and the route rules
from the one ShippedData: scripting either changes what the advisor sees."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.clock import FixedClock
from app.i18n.formatting import format_date
from app.preferences import Preferences
from app.shipped import ShippedData, load_shipped
from app.ui.context import AppContext
from app.ui.intake import IntakeSection

MOMENT = datetime(2031, 5, 6, 9, 30, tzinfo=UTC)


def _section(qtbot, vault_session, tmp_path, clock, shipped=None) -> IntakeSection:
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path,
        clock=clock,
        shipped=shipped if shipped is not None else load_shipped(),
    )
    widget = IntakeSection(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    return widget


def test_a_new_conversation_is_dated_and_stamped_by_the_scripted_clock(
    qtbot, vault_session, tmp_path
):
    clock = FixedClock(MOMENT, today=MOMENT.date())
    section = _section(qtbot, vault_session, tmp_path, clock)
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    assert "GC-2031-" in section.flow.title.text()
    record = section.repository.load(section.flow.record.id)
    assert record.created_at == MOMENT
    assert record.conversation_date == date(2031, 5, 6)

    clock.advance(timedelta(days=30))  # a month later the advisor opens the list again
    section.show_list()
    table = section.list_page.table
    assert table.item(0, 2).text() == format_date(date(2031, 5, 6))


def test_a_follow_up_is_bold_once_the_scripted_clock_reaches_it(qtbot, vault_session, tmp_path):
    clock = FixedClock(today=date(2031, 5, 6))
    section = _section(qtbot, vault_session, tmp_path, clock)
    record = section.repository.create(today=date(2031, 5, 1))
    section.repository.set_follow_up(record.id, date(2031, 5, 20))
    section.show_list()
    assert not section.list_page.table.item(0, 3).font().bold()
    clock.set(today=date(2031, 5, 20))
    section.show_list()
    assert section.list_page.table.item(0, 3).font().bold()


def test_broken_shipped_rules_are_named_calmly_on_the_advice_page(qtbot, vault_session, tmp_path):
    root = tmp_path / "resources"
    shutil.copytree(load_shipped().root, root)
    (root / "routes.yaml").unlink()
    section = _section(
        qtbot, vault_session, tmp_path, FixedClock(today=date(2031, 5, 6)), ShippedData(root)
    )
    shown = " ".join(label.text() for label in section.flow.findChildren(QLabel))
    assert "De routeregels konden niet worden gelezen" in shown
    assert "routes.yaml ontbreekt of is niet leesbaar" in shown
