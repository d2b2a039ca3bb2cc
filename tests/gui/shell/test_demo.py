"""`vindplaats --demo`: a throwaway vault with fictional data, opened without the real one."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.ui import run


def test_demo_mode_opens_fictional_data_and_removes_it(tmp_path, qtbot, monkeypatch):
    real_data = tmp_path / "echte-gegevens"
    monkeypatch.setattr("app.paths.default_data_dir", lambda: real_data)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    seen: dict[str, object] = {}

    def inspect_and_quit():
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shell")
        if not window.is_unlocked:
            QTimer.singleShot(100, inspect_and_quit)
            return
        seen["banner"] = window.findChild(QLabel, "demoBanner").text()
        seen["data_dir"] = window.data_dir
        seen["home"] = window.main_area.home.lines.text()
        window.lock()
        seen["lock_hint"] = window.lock_screen.message.text()
        window.close()

    QTimer.singleShot(100, inspect_and_quit)
    args = argparse.Namespace(demo=True, lang="nl", data_dir=None)
    monkeypatch.setattr(QApplication, "exec", lambda self: _spin_until_closed(qtbot))
    run.run_demo(args)
    QApplication.instance().aboutToQuit.emit()

    assert "Trainingsmodus" in seen["banner"]
    assert str(seen["data_dir"]).startswith(str(tmp_path / "tmp"))
    assert "wachtwoordzin" in seen["lock_hint"]
    assert not real_data.exists(), "the advisor's own data folder is never touched"
    assert not seen["data_dir"].exists(), "the demo vault is removed at the end"


def _spin_until_closed(qtbot) -> int:
    qtbot.waitUntil(
        lambda: (
            not any(
                w.isVisible() for w in QApplication.topLevelWidgets() if w.objectName() == "shell"
            )
        ),
        timeout=20000,
    )
    return 0
