"""Start the GUI: choose the data folder, wire the services, show the shell window."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def run_gui(args: argparse.Namespace) -> int:
    from app.paths import default_data_dir

    data_dir: Path = args.data_dir or default_data_dir()
    app, window = build_gui(data_dir, language=args.lang, demo=args.demo)
    window.show()
    return app.exec()


def build_gui(
    data_dir: Path,
    *,
    language: str | None = None,
    demo: bool = False,
    idle_seconds: float | None = None,
    today=date.today,
    argv: list[str] | None = None,
    vault=None,
):
    """Create the application and its shell window (used by ``vindplaats`` and the tests)."""
    from PySide6.QtWidgets import QApplication

    from app.i18n import set_language
    from app.logging_setup import setup_logging
    from app.preferences import PreferencesStore
    from app.store.vault import Vault
    from app.ui.application import VindplaatsApplication
    from app.ui.errors import install_excepthook
    from app.ui.shell import ShellWindow

    app = QApplication.instance() or VindplaatsApplication(argv or sys.argv[:1])
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        pass  # the vault reports an unusable folder with its own clear message
    setup_logging(data_dir)
    install_excepthook()
    store = PreferencesStore(data_dir)
    preferences = store.load()
    if language:
        preferences.language = language
    set_language(preferences.language)
    apply_qt_language(app, preferences.language)
    window = ShellWindow(
        vault if vault is not None else Vault(data_dir),
        preferences,
        store,
        data_dir,
        policy=_policy(),
        today=today,
        demo=demo,
        idle_seconds=idle_seconds,
    )
    return app, window


def apply_qt_language(app, code: str) -> None:
    try:
        from app.ui.i18n_qt import apply_language
    except ModuleNotFoundError:
        return
    apply_language(app, code)


def _policy():
    from app.store.policy import evaluate_passphrase

    def check(text: str) -> tuple[bool, str, int]:
        result = evaluate_passphrase(text)
        return result.ok, result.message, result.score

    return check
