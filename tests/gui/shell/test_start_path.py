"""The lock screen's fast path: Qt enum values set by number, and nothing heavy loaded early.

Start-up time itself is measured by tests/perf/bench.py, not here. These tests guard what
keeps it short: the lock screen is drawn without PySide6's ``Qt`` namespace (building it
costs 20-30 ms), without the vault code and without argparse's translation look-ups.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence

from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui import widgets
from tests.gui.shell.test_shell import PASSPHRASE, _unlocked_window

ROOT = Path(__file__).resolve().parents[3]


def test_numbered_enum_values_are_the_real_qt_values(qtbot, qapp):
    label = widgets.plain_label("<b>Jan Voorbeeld</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    banner = widgets.MessageBanner()
    qtbot.addWidget(banner)
    assert banner.textFormat() == Qt.TextFormat.PlainText
    field = widgets.secret_field()
    qtbot.addWidget(field)
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert widgets.LANGUAGE_CHANGE_EVENT == QEvent.Type.LanguageChange.value
    assert widgets.APPLICATION_SHORTCUT == Qt.ShortcutContext.ApplicationShortcut.value
    assert widgets.LEFT_TO_RIGHT == Qt.LayoutDirection.LeftToRight.value
    assert widgets.RIGHT_TO_LEFT == Qt.LayoutDirection.RightToLeft.value


def test_ctrl_l_is_application_wide_once_unlocked(tmp_path, qtbot):
    window = _unlocked_window(tmp_path, qtbot)
    action = window.lock_action
    assert action is not None
    assert action.shortcut() == QKeySequence("Ctrl+L")
    assert action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut


START_AS_VINDPLAATS = """
import json, sys
import PySide6.QtCore as QtCore
from app.cli import parse_arguments
args = parse_arguments(sys.argv[1:])
from app.ui.run import build_gui
app, window = build_gui(args.data_dir, language=args.lang)
window.show()
app.processEvents()
print(json.dumps({
    "lock_screen_shown": window.stack.currentWidget() is window.lock_screen,
    "qt_namespace_built": "Qt" in QtCore.__dict__,
    "qevent_built": "QEvent" in QtCore.__dict__,
    "loaded": sorted(m for m in ("app.store.vault", "argon2", "sqlcipher3", "app.i18n.catalogs",
                                 "locale", "app.ui.main_window", "app.ui.first_run",
                                 "zxcvbn", "logging.handlers") if m in sys.modules),
}))
"""


def _start(data_dir: Path, *options: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", START_AS_VINDPLAATS, "--data-dir", str(data_dir), *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_lock_screen_appears_without_the_heavy_parts(tmp_path):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    started = _start(data_dir)
    assert started == {
        "lock_screen_shown": True,
        "qt_namespace_built": False,
        "qevent_built": False,
        "loaded": [],
    }


def test_arabic_start_is_right_to_left_on_the_fast_path_too(tmp_path):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    started = _start(data_dir, "--lang", "ar")
    assert started["lock_screen_shown"] and not started["qt_namespace_built"]
    # (the direction itself is checked in tests/gui/i18n; here: Arabic needs its catalog)
    assert "app.i18n.catalogs" in started["loaded"]


WAIT_AT_LOCK_SCREEN = """
import json, sys
from PySide6.QtCore import QTimer
from app.ui.run import build_gui
from pathlib import Path
app, window = build_gui(Path(sys.argv[1]))
window.show()
sections = ("app.ui.intake", "app.ui.signals", "app.ui.referral", "app.ui.training",
            "app.ui.settings_page", "app.store.vault")
before = [m for m in sections if m in sys.modules]
def report():
    print(json.dumps({"before": before, "after": [m for m in sections if m in sys.modules]}))
    app.quit()
QTimer.singleShot(1500, report)
app.exec()
"""


def test_section_code_loads_while_the_lock_screen_waits(tmp_path):
    """The first unlock should only have to build the views, not import their code."""
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", WAIT_AT_LOCK_SCREEN, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["before"] == []
    assert len(loaded["after"]) == 6
