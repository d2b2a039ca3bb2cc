""" "Over Vindplaats" from the main window: version, EUPL-1.2 and every bundled licence."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton

from app import __version__
from app.licences import bundled_distributions
from app.ui.about import AboutDialog, licence_model
from tests.gui.shell.test_shell import _unlocked_window


def _about(window) -> AboutDialog:
    button = window.main_area.findChild(QPushButton, "aboutButton")
    button.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog)]
    assert len(dialogs) == 1
    return dialogs[0]


def test_about_dialog_lists_version_licence_and_components(tmp_path, qtbot):
    window = _unlocked_window(tmp_path, qtbot)
    dialog = _about(window)
    qtbot.waitUntil(dialog.isVisible)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.licence_label)))
    assert f"Vindplaats {__version__}" in texts
    assert "Licentie: EUPL-1.2" in dialog.licence_label.text()

    rows = {
        dialog.model.item(row, 0).text(): (
            dialog.model.item(row, 1).text(),
            dialog.model.item(row, 2).text(),
        )
        for row in range(dialog.model.rowCount())
    }
    for dist in bundled_distributions():
        assert rows[dist.metadata["Name"]][0] == dist.version
    assert rows["PySide6_Essentials"][1].startswith("LGPL-3.0-only")
    assert rows["SQLCipher"][0].startswith("4.")
    assert "DejaVu Sans" in rows

    # Choosing a row shows that component's licence text.
    names = [dialog.model.item(row, 0).text() for row in range(dialog.model.rowCount())]
    dialog.table.selectRow(names.index("DejaVu Sans"))
    qtbot.waitUntil(lambda: "Bitstream" in dialog.text.toPlainText())
    dialog.table.selectRow(names.index("PySide6_Essentials"))  # ships no licence file
    qtbot.waitUntil(lambda: "LGPL-3.0-only" in dialog.text.toPlainText())

    # Locking (auto-lock, Ctrl+L) closes it, like every other dialog.
    window.lock()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_licence_model_without_a_widget(qapp):
    from app.licences import Component

    model = licence_model([Component("x", "1.0", ""), Component("y", "2", "MIT")])
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.item(0, 2).text() == "niet opgegeven; zie de licentietekst"
    assert model.item(1, 2).text() == "MIT"
    assert not model.item(1, 2).isEditable()
