"""The Signalen section through real widgets on a real vault."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.core.signals import IsoWeek, Signal, Source
from app.preferences import Preferences
from app.store.signals import SignalRepository, SignalSettings, load_settings, save_settings
from app.ui.context import AppContext
from app.ui.signals import SignalsSection
from app.ui.signals.quick_entry import QuickEntryDialog
from app.ui.signals.settings import SignalSettingsGroup

TODAY = dt.date(2026, 11, 25)  # ISO week 48


def make_context(session, tmp_path, today=TODAY):
    return AppContext(
        session=session,
        preferences=Preferences(),
        data_dir=session.data_dir,
        clock=FixedClock(today=today),
    )


def make_section(qtbot, session, tmp_path, today=TODAY):
    section = SignalsSection(make_context(session, tmp_path, today))
    qtbot.addWidget(section)
    section.show()
    return section


def with_dialog(qtbot, action):
    """Run ``action`` on the modal quick-entry dialog once it is open."""
    seen = {}

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QuickEntryDialog):
            seen["dialog"] = dialog
            action(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_quick_entry_takes_three_keystrokes(qtbot, vault_session, tmp_path):
    section = make_section(qtbot, vault_session, tmp_path)

    def keys(dialog):
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Down)  # first category
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Return)  # save

    seen = with_dialog(qtbot, keys)
    section.quick_action.trigger()  # Ctrl+Shift+S
    assert seen["dialog"].week.currentData() == 202648  # this week preselected
    rows = SignalRepository(vault_session.connection).list_signals()
    assert len(rows) == 1
    signal = rows[0].signal
    assert (signal.category, signal.iso_week, signal.source) == (
        "loonbeslag",
        48,
        Source.OWN_OBSERVATION,
    )
    assert section.table.rowCount() == 1
    assert "vastgelegd" in section.banner.text()
    assert section.home_lines() == ["Deze week 1 signaal vastgelegd"]
    assert section.quick_action.shortcut().toString() == "Ctrl+Shift+S"


def test_extras_edit_delete_and_undo(qtbot, vault_session, tmp_path):
    save_settings(vault_session.connection, SignalSettings(("Productie",), 10, None))
    section = make_section(qtbot, vault_session, tmp_path)

    def fill(dialog):
        dialog.select_category("scheiding")
        dialog.source_buttons[Source.EMPLOYEE].setChecked(True)
        qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)
        dialog.department.setCurrentIndex(dialog.department.findData("Productie"))
        dialog.conversation.setCurrentIndex(dialog.conversation.findData(True))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    with_dialog(qtbot, fill)
    section.quick_action.trigger()
    repo = SignalRepository(vault_session.connection)
    stored = repo.list_signals()[0]
    assert stored.signal.department == "Productie"
    assert stored.signal.conversation_offered is True

    section.table.selectRow(0)
    assert section.delete_button.isEnabled()
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert repo.count() == 0 and section.undo_button.isVisible()
    qtbot.mouseClick(section.undo_button, Qt.MouseButton.LeftButton)
    assert repo.count() == 1

    section.table.selectRow(0)

    def change(dialog):
        assert dialog.more.isVisible()  # extras shown because they were filled in
        dialog.select_category("baanverlies")
        dialog.accept()

    with_dialog(qtbot, change)
    section.edit_selected()
    assert repo.list_signals()[0].signal.category == "baanverlies"


def test_signals_from_an_earlier_week_are_locked(qtbot, vault_session, tmp_path):
    repo = SignalRepository(vault_session.connection)
    repo.add(Signal("loonbeslag", 2026, 40, Source.COLLEAGUE), logged_in=IsoWeek(2026, 40))
    section = make_section(qtbot, vault_session, tmp_path)
    section.table.selectRow(0)
    assert not section.edit_button.isEnabled()
    assert not section.delete_button.isEnabled()


def test_dashboard_updates_after_logging(qtbot, vault_session, tmp_path):
    repo = SignalRepository(vault_session.connection)
    repo.add_many(
        [Signal("loonbeslag", 2026, 47, Source.COLLEAGUE, conversation_offered=True)] * 3
        + [Signal("stress-en-spanning", 2026, 46, Source.COLLEAGUE, conversation_offered=False)],
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path)
    dashboard = section.dashboard
    assert dashboard.figures.total == 4
    assert "Bij 3 daarvan" in dashboard.summary.text()
    assert "75%" in dashboard.summary.text()

    def keys(dialog):
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Return)

    with_dialog(qtbot, keys)
    section.quick_action.trigger()
    assert dashboard.figures.total == 5
    assert dashboard.figures.per_period[-1] == 1  # this week
    assert len(dashboard.chart.series()) == 2
    dashboard.granularity_choice.setCurrentIndex(1)  # per month
    assert dashboard.figures.periods[-1] == "2026-11"
    labels = [
        dashboard.category_table.item(r, 0).text()
        for r in range(dashboard.category_table.rowCount())
    ]
    assert "Beslag op het loon" in labels


def test_export_preview_matches_written_file(qtbot, vault_session, tmp_path):
    save_settings(vault_session.connection, SignalSettings((), 10, "schoonmaak"))
    repo = SignalRepository(vault_session.connection)
    repo.add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 27)] * 2
        + [Signal("scheiding", 2026, 3, Source.EMPLOYEE)] * 3,
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path)
    panel = section.export_panel
    section.tabs.setCurrentWidget(panel)
    panel.format.setCurrentIndex(panel.format.findData("csv"))
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10000)
    preview = panel.preview_cells()
    flat = [cell for row in preview for cell in row]
    assert "x" in flat  # hidden cells are visible as such
    target = tmp_path / "export.csv"
    panel.save_to(target)
    qtbot.waitUntil(lambda: panel.written == target, timeout=10000)
    written = target.read_bytes().decode("utf-8-sig").split("\r\n")
    rows = [line.split(";") if line else [] for line in written]
    while rows and not rows[-1]:
        rows.pop()
    assert rows == [[c for c in row] for row in preview][: len(rows)]
    assert len(rows) == len(preview) - 1  # the preview ends with one empty spacer row

    panel.format.setCurrentIndex(panel.format.findData("json"))
    json_target = tmp_path / "export.json"
    panel.save_to(json_target)
    qtbot.waitUntil(lambda: panel.written == json_target, timeout=10000)
    document = json.loads(json_target.read_text("utf-8"))
    assert document == panel.document

    panel.format.setCurrentIndex(panel.format.findData("long"))
    long_target = tmp_path / "export-lang.csv"
    panel.save_to(long_target)
    qtbot.waitUntil(lambda: panel.written == long_target, timeout=10000)
    lines = long_target.read_text("utf-8").splitlines()
    assert lines[0] == (
        "period,period_start,period_end,sector,measure,category,category_label,count,"
        "suppressed,k,export_ids"
    )
    assert all(line.endswith(document["export_id"]) for line in lines[1:])


def test_csv_import_with_preview(qtbot, vault_session, tmp_path):
    section = make_section(qtbot, vault_session, tmp_path)
    csv_file = tmp_path / "lijst.csv"
    csv_file.write_text(
        "Week;Categorie;Bron\n2026-W10;loonbeslag;collega\n2026-W11;onzin;collega\n", "utf-8"
    )
    panel = section.import_panel
    panel.load_file(csv_file)
    assert panel.table.rowCount() == 2
    assert "geweigerd" in panel.table.item(1, 3).text()
    assert panel.import_button.isEnabled()
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert SignalRepository(vault_session.connection).count() == 1
    assert section.table.rowCount() == 1


def test_settings_group(qtbot, vault_session, tmp_path):
    group = SignalSettingsGroup(make_context(vault_session, tmp_path))
    qtbot.addWidget(group)
    qtbot.keyClicks(group.new_department, "Schoonmaak Noord")
    qtbot.keyClick(group.new_department, Qt.Key.Key_Return)
    assert group.k.minimum() == 5
    group.k.setValue(4)
    assert group.k.value() == 5
    group.sector.setCurrentIndex(group.sector.findData("schoonmaak"))
    assert group.save()
    assert load_settings(vault_session.connection) == SignalSettings(
        ("Schoonmaak Noord",), 5, "schoonmaak"
    )


def test_export_onto_the_vault_file_is_refused_and_the_vault_unchanged(qtbot, vault_session):
    repo = SignalRepository(vault_session.connection)
    repo.add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 27)] * 2,
        logged_in=IsoWeek(2026, 48),
    )
    folder = vault_session.data_dir
    section = make_section(qtbot, vault_session, folder)
    panel = section.export_panel
    section.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10000)

    def digests():
        return {p.name: hashlib.sha256(p.read_bytes()).digest() for p in folder.iterdir()}

    before = digests()
    for name in ("vault.db", "keyslots.json", "export.json"):
        panel.banner.clear()
        panel.save_to(folder / name)
        qtbot.waitUntil(lambda: bool(panel.banner.text()), timeout=10000)
        assert name in panel.banner.text() and "kluis" in panel.banner.text()
        assert panel.written is None and panel.save_button.isEnabled()
    assert digests() == before


def test_csv_import_refuses_an_oversize_file_before_parsing(qtbot, vault_session, tmp_path):
    from app.core.signal_import import MAX_FILE_BYTES

    section = make_section(qtbot, vault_session, tmp_path)
    big = tmp_path / "groot.csv"
    big.write_bytes(b"Week;Categorie;Bron\n" + b"2026-W10;loonbeslag;collega\n" * 80_000)
    assert big.stat().st_size > MAX_FILE_BYTES
    panel = section.import_panel
    panel.load_file(big)
    assert panel.table.rowCount() == 0 and not panel.import_button.isEnabled()
    assert "te groot" in panel.banner.text()


def test_csv_import_preview_of_the_largest_file_with_hostile_cells(qtbot, vault_session, tmp_path):
    import time

    from app.core.signal_import import MAX_LINES
    from app.ui.signals.import_panel import PREVIEW_ROWS

    section = make_section(qtbot, vault_session, tmp_path)
    rows = ["Week;Jaar;Categorie;Bron"]
    nasty = ["5;20266", "5;99999", "²;2026", "9" * 50 + ";2026", "10;2026"]
    rows += [f"{nasty[i % 5]};loonbeslag;collega" for i in range(MAX_LINES - 1)]
    csv_file = tmp_path / "lijst.csv"
    csv_file.write_text("\n".join(rows) + "\n", "utf-8")
    panel = section.import_panel
    started = time.process_time()
    panel.load_file(csv_file)
    seconds = time.process_time() - started
    assert panel.table.rowCount() == PREVIEW_ROWS
    assert len(panel.preview.accepted) == (MAX_LINES - 1) // 5
    assert "eerste 500 regels" in panel.banner.text()
    print(f"preview of {MAX_LINES - 1} lines: {seconds:.2f} s CPU")
    assert seconds < 10  # a bound against a hang, not a benchmark (measured ~1 s)


def test_export_periods_are_whole_months_and_a_differencing_period_is_refused(
    qtbot, vault_session, tmp_path
):
    repo = SignalRepository(vault_session.connection)
    repo.add_many(
        [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 27)] * 2,
        logged_in=IsoWeek(2026, 48),
    )
    section = make_section(qtbot, vault_session, tmp_path)
    panel = section.export_panel
    section.tabs.setCurrentWidget(panel)
    starts = [panel.start.itemData(i) for i in range(panel.start.count())]
    ends = [panel.end.itemData(i) for i in range(panel.end.count())]
    assert all(day.endswith("-01") for day in starts)
    assert all(
        dt.date.fromisoformat(day) + dt.timedelta(days=1) == dt.date.fromisoformat(nxt)
        for day, nxt in zip(ends, starts[1:], strict=False)
    )  # every "to" is the last day before the next month
    # the first half year, previewed and saved: the vault remembers it
    panel.select_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert panel.period() == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    panel.format.setCurrentIndex(panel.format.findData("json"))
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10000)
    target = tmp_path / "halfjaar.json"
    panel.save_to(target)
    qtbot.waitUntil(lambda: panel.written == target, timeout=10000)

    # then the first quarter, chosen with the quarter picker: refused, with the whole reason
    index = panel.quarter.findText("kwartaal 1, 2026")
    assert index > 0
    panel.quarter.setCurrentIndex(index)
    panel.quarter.activated.emit(index)
    assert panel.period() == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.banner.isVisible(), timeout=10000)
    text = panel.banner.text()
    assert text.startswith("Deze periode overlapt met een eerdere export (januari 2026 t/m juni")
    assert text.endswith("of een periode die er niet mee overlapt.")
    assert panel.banner.wordWrap() and not panel.save_button.isEnabled()
