"""Start the GUI: choose the data folder, wire the services, show the shell window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.clock import Clock
    from app.store.vault import Vault


def run_gui(args: argparse.Namespace) -> int:
    from app.paths import default_data_dir

    if args.demo:
        return run_demo(args)
    data_dir: Path = args.data_dir or default_data_dir()
    _remove_stale_demo_folders()
    app, window = build_gui(data_dir, language=args.lang, demo=False)
    window.show()
    return app.exec()


def _remove_stale_demo_folders() -> None:
    """A training session that was killed left its fictional vault behind: remove it now."""
    import tempfile

    try:
        # a cheap look first: app.ui.demo imports much, and the lock screen must come fast
        if not any(Path(tempfile.gettempdir()).glob("vindplaats-demo-*")):  # DEMO_PREFIX
            return
        from app.ui.demo import remove_stale_demo_folders

        remove_stale_demo_folders(Path(tempfile.gettempdir()))
    except OSError:
        pass  # a nicety; never a reason not to start


def run_demo(args: argparse.Namespace) -> int:
    """Training mode: a throwaway vault with fictional data in a fresh temporary folder.

    The user's own vault is never opened. The demo vault is deleted when the app closes.
    """
    import contextlib
    import tempfile

    from app.clock import SYSTEM_CLOCK
    from app.logging_setup import close_log_files
    from app.shipped import load_shipped
    from app.ui.demo import prepare_demo_vault, remove_demo_vault

    shipped = load_shipped()  # built once, shared by the demo seed and the screens
    vault, passphrase = prepare_demo_vault(
        Path(tempfile.gettempdir()), shipped=shipped, clock=SYSTEM_CLOCK
    )
    app, window = build_gui(
        vault.data_dir,
        language=args.lang,
        demo=True,
        vault=vault,
        clock=SYSTEM_CLOCK,
        shipped=shipped,
    )
    window.demo_passphrase = passphrase
    window.show()
    window.unlock_with_passphrase(passphrase)

    def cleanup() -> None:
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            window.lock()
        close_log_files()  # Windows cannot delete a folder with an open log file
        remove_demo_vault(vault)

    app.aboutToQuit.connect(cleanup)
    _quit_on_termination(app)
    return app.exec()


def _quit_on_termination(app) -> None:
    """SIGTERM / SIGINT (a logoff, ``kill``, Ctrl+C) quit the event loop normally, so the
    demo folder is removed (aboutToQuit) instead of left behind. Python handles a signal only
    when it runs, so a timer gives it a moment four times a second."""
    import signal

    from PySide6.QtCore import QTimer

    def quit_now(_signum, _frame) -> None:
        app.quit()

    for name in ("SIGTERM", "SIGINT", "SIGBREAK"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, quit_now)
    timer = QTimer(app)
    timer.setInterval(250)
    timer.timeout.connect(lambda: None)
    timer.start()


def build_gui(
    data_dir: Path,
    *,
    language: str | None = None,
    demo: bool = False,
    idle_seconds: float | None = None,
    clock=None,
    shipped=None,
    argv: list[str] | None = None,
    vault=None,
):
    """Create the application and its shell window (used by ``vindplaats`` and the tests)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.clock import SYSTEM_CLOCK
    from app.i18n import set_language
    from app.preferences import PreferencesStore
    from app.ui.application import VindplaatsApplication
    from app.ui.shell import ShellWindow

    app = QApplication.instance() or VindplaatsApplication(argv or sys.argv[:1])
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        pass  # the vault reports an unusable folder with its own clear message
    sys.excepthook = _excepthook
    # Logging and the vault code load right after the first paint, not before it.
    QTimer.singleShot(300, lambda: _after_first_paint(data_dir))
    store = PreferencesStore(data_dir)
    preferences = store.load()
    folders = list(preferences.recent_output_folders)
    QTimer.singleShot(300, lambda: sweep_in_background(data_dir, folders))
    if language:
        store.override_language(preferences, language)
    set_language(preferences.language)
    apply_qt_language(app, preferences.language, notify=False)
    clock = clock if clock is not None else SYSTEM_CLOCK
    window = ShellWindow(
        vault if vault is not None else DeferredVault(data_dir, clock),
        preferences,
        store,
        data_dir,
        policy=_policy(),
        clock=clock,
        shipped=shipped,  # None: the shell makes it at the first unlock
        demo=demo,
        idle_seconds=idle_seconds,
    )
    return app, window


def sweep_in_background(data_dir: Path, folders: list[str]):
    """Remove stale temp files of a killed earlier write, off the GUI thread.

    A remembered folder may be a USB stick that is gone or a slow network share: that must not
    hold up the first screen. Returns the (daemon) thread.
    """
    import threading

    def sweep() -> None:
        from app.fileio import remove_stale_temp_files

        remove_stale_temp_files([Path(f) for f in folders], data_dir=data_dir)

    thread = threading.Thread(target=sweep, name="sweep-temp-files", daemon=True)
    thread.start()
    return thread


def _excepthook(exc_type, exc, tb) -> None:
    from app.ui.errors import handle_exception

    handle_exception(exc_type, exc, tb)


def _after_first_paint(data_dir: Path) -> None:
    from app.logging_setup import setup_logging

    if not _logging_ready:
        setup_logging(data_dir)
        _logging_ready.append(True)
    import app.store.vault  # noqa: F401 - warm the import while the user types
    from app.ui.main_window import warm_up

    warm_up()  # the sections' code too: the first unlock then only builds the views


_logging_ready: list[bool] = []


class DeferredVault:
    """The vault in ``data_dir``; its code (Argon2, AES, SQLCipher) is imported on first use.

    Only ``exists()`` is needed to draw the first screen, and that is a look at two files.
    """

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock  # the start-up clock, handed to the vault
        self._vault: Vault | None = None

    def exists(self) -> bool:
        from app.store.layout import vault_exists

        return vault_exists(self.data_dir)

    def __getattr__(self, name: str):
        if self._vault is None:
            from app.store.vault import Vault

            self._vault = Vault(self.data_dir, clock=self.clock)
        return getattr(self._vault, name)


def apply_qt_language(app, code: str, *, notify: bool = True) -> None:
    from app.ui.i18n_qt import apply_language

    apply_language(app, code, notify=notify)


def _policy():
    def check(text: str) -> tuple[bool, str, int]:
        from app.store.policy import evaluate_passphrase

        result = evaluate_passphrase(text)
        return result.ok, result.message, result.score

    return check
