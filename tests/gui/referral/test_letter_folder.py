"""The letter's folder: starts in a folder that exists, remembers the last one, shows errors
whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from app.fileio import UserFiles, WriteError
from app.preferences import Preferences, PreferencesStore
from app.ui.referral.letter import LetterMaker, default_folder
from app.ui.referral.section import RemakeDialog


def test_a_missing_documents_folder_is_not_offered(monkeypatch, tmp_path):
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _kind: str(tmp_path / "weg"))
    )
    assert default_folder() == Path.home()
    assert default_folder(str(tmp_path / "ook-weg")) == Path.home()
    assert default_folder(str(tmp_path)) == tmp_path


def test_the_last_letter_folder_is_remembered_in_the_preferences(qtbot, tmp_path):
    store = PreferencesStore(tmp_path / "data")
    (tmp_path / "data").mkdir()
    prefs = Preferences()
    out = tmp_path / "brieven"
    out.mkdir()
    maker = LetterMaker(
        lambda *_a: None, preferences=prefs, save_preferences=lambda: store.save(prefs)
    )
    qtbot.addWidget(maker)
    maker._remember_folder(out)
    assert store.load().letter_folder == str(out)
    again = LetterMaker(lambda *_a: None, preferences=store.load())
    qtbot.addWidget(again)
    assert again.folder.text() == str(out)


def test_a_long_error_shows_whole_in_the_dialog(qtbot, tmp_path, monkeypatch):
    message = (
        "De brief kan niet in de map van de kluis worden opgeslagen. Kies een andere map, "
        "bijvoorbeeld Documenten; de kluis en uw brieven blijven zo gescheiden en een "
        "reservekopie van de kluis neemt geen brieven mee."
    )

    def refuse(*_args):
        raise WriteError(message)

    maker_files = UserFiles()
    dialog = RemakeDialog(lambda: LetterMaker(refuse, files=maker_files))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.maker.folder.setText(str(tmp_path))
    dialog.maker.make()
    qtbot.wait(50)
    banner = dialog.maker.banner
    assert banner.isVisible() and banner.text() == message
    # Every wrapped line fits: the label is as tall as its text needs at its width.
    assert banner.height() >= banner.heightForWidth(banner.width())
    assert dialog.height() <= 800
    if shots := pytest.importorskip("os").environ.get("H13_SHOTS"):
        dialog.grab().save(str(Path(shots) / "remake-error.png"))
