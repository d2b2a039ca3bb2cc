"""The one top-level window: first run, lock screen or the unlocked workspace.

Locking closes the vault connection, forgets the key, closes every dialog and deletes every
section widget, so nothing of the data stays on screen or in memory held by the views.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from app import APP_NAME
from app.clock import SYSTEM_CLOCK, Clock
from app.i18n import _
from app.preferences import Preferences, PreferencesStore
from app.ui.lock_screen import LockScreen
from app.ui.widgets import APPLICATION_SHORTCUT, set_plain_text_format

# The first-run view, the workspace, the vault code and even Qt classes the lock screen does
# not show (actions, dialogs) are imported when first needed: PySide6 builds each class, and
# its enums, on first use, and the lock screen must appear about as fast as a bare window.
if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtWidgets import QDialog

    from app.shipped import ShippedData
    from app.store.vault import VaultSession
    from app.ui.first_run import FirstRunView
    from app.ui.main_window import MainArea

log = logging.getLogger(__name__)

IDLE_CHECK_MS = 1000
DEFAULT_SIZE = (1100, 720)
# What the window frame takes beyond the client area, at most (title bar, borders; Windows
# at 125 %): the window must fit a 1366x768 screen, also at 125 % (1093x614 logical pixels).
FRAME = (16, 40)


def fitting_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The first size of the window: the default, or less where the screen is smaller."""
    return (
        min(DEFAULT_SIZE[0], available_width - FRAME[0]),
        min(DEFAULT_SIZE[1], available_height - FRAME[1]),
    )


class ShellWindow(QMainWindow):
    unlocked = Signal()
    locked = Signal()

    def __init__(
        self,
        vault,
        preferences: Preferences,
        preferences_store: PreferencesStore | None,
        data_dir: Path,
        *,
        policy: Callable[[str], tuple[bool, str, int]],
        clock: Clock = SYSTEM_CLOCK,
        shipped: ShippedData | None = None,
        demo: bool = False,
        idle_seconds: float | None = None,
    ) -> None:
        super().__init__()
        # The title is fixed: it never shows a case, a name or a file.
        self.setWindowTitle(APP_NAME)
        self.setObjectName("shell")
        self.vault = vault
        self.preferences = preferences
        self.preferences_store = preferences_store
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.today = clock.today
        self._shipped = shipped  # made at the first unlock when not given (start-up stays lean)
        self.demo = demo
        self._idle_override = idle_seconds
        self.session: VaultSession | None = None
        self.main_area: MainArea | None = None
        self._global_actions: list[QAction] = []

        self.stack = QStackedWidget()
        if demo:
            from PySide6.QtCore import Qt  # training mode only; see app.ui.widgets
            from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            banner = QLabel(_("Trainingsmodus — verzonnen gegevens. Niets wordt bewaard."))
            banner.setObjectName("demoBanner")
            set_plain_text_format(banner)
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet(
                "QLabel#demoBanner { background: #7d3c98; color: white; font-weight: bold;"
                " padding: 6px; }"
            )
            column.addWidget(banner)
            column.addWidget(self.stack, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.stack)
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.stack.addWidget(self.lock_screen)
        self.first_run: FirstRunView | None = None
        if not vault.exists():
            from app.ui.first_run import FirstRunView

            self.first_run = FirstRunView(policy)
            self.first_run.create_requested.connect(self._create_vault)
            self.first_run.completed.connect(self._first_run_done)
            self.stack.addWidget(self.first_run)
            self.stack.setCurrentWidget(self.first_run)
        else:
            self.stack.setCurrentWidget(self.lock_screen)

        # Ctrl+L: made on the first unlock, the only time it has something to lock.
        self.lock_action: QAction | None = None

        # Lock along with the operating-system session, where that can be detected.
        QTimer.singleShot(500, self, self._watch_session_lock)

        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(IDLE_CHECK_MS)
        self.idle_timer.timeout.connect(self._check_idle)
        self.idle_timer.start()

        width, height = DEFAULT_SIZE
        screen = self.screen()
        # the offscreen test platform has an 800x800 screen: tests size their windows themselves
        if screen is not None and QApplication.platformName() != "offscreen":
            available = screen.availableGeometry()
            width, height = fitting_size(available.width(), available.height())
        self.resize(width, height)
        if preferences.window_geometry:
            from PySide6.QtCore import QByteArray

            self.restoreGeometry(QByteArray.fromBase64(preferences.window_geometry.encode()))

    # -- state -------------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self.session is not None

    def idle_limit_seconds(self) -> float:
        if self._idle_override is not None:
            return self._idle_override
        return float(self.preferences.idle_seconds)

    def set_idle_override(self, seconds: float | None) -> None:
        self._idle_override = seconds

    def _check_idle(self) -> None:
        if not self.is_unlocked:
            return
        app = QApplication.instance()
        idle = getattr(app, "idle_seconds", None)
        if idle is not None and idle() >= self.idle_limit_seconds():
            log.info("auto-lock after idle time")
            self.lock()

    def _watch_session_lock(self) -> None:
        from app.ui.session_lock import SessionLockWatcher

        self.session_watcher = SessionLockWatcher(self)
        self.session_watcher.session_locked.connect(self.lock)
        self.session_watcher.attach(int(self.winId()), QApplication.instance())

    # -- first run ---------------------------------------------------------------------------
    def _create_vault(self, passphrase: str) -> None:
        def done(result) -> None:
            code, session = result
            self._pending_session = session
            assert self.first_run is not None
            self.first_run.show_recovery_code(code)

        def failed(error: BaseException) -> None:
            assert self.first_run is not None
            self.first_run.show_error(_user_message(error))

        def work():
            code = self.vault.create(passphrase)
            return code, self.vault.unlock(passphrase)

        from app.ui.worker import run_task

        run_task(work, done, failed)

    _pending_session = None

    def _first_run_done(self) -> None:
        session = self._pending_session
        self._pending_session = None
        if self.first_run is not None:
            self.stack.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        if session is None:
            self.stack.setCurrentWidget(self.lock_screen)
            return
        self._enter(session)

    # -- unlock / lock -----------------------------------------------------------------------
    demo_passphrase: str | None = None  # training mode only: fictional data, shown openly

    def unlock_with_passphrase(self, passphrase: str) -> None:
        self.lock_screen.set_busy(True)
        self._unlock(passphrase, False)

    def _unlock(self, secret: str, recovery: bool) -> None:
        def work():
            if recovery:
                return self.vault.unlock_with_recovery(secret)
            return self.vault.unlock(secret)

        def failed(error: BaseException) -> None:
            self.lock_screen.show_error(_user_message(error))

        def entered(session) -> None:
            self._enter(session)
            if recovery and self.main_area is not None:
                self._offer_new_passphrase(secret)

        from app.ui.worker import run_task

        run_task(work, entered, failed)

    new_passphrase_dialog: QDialog | None = None  # offered after a recovery-code unlock

    def _offer_new_passphrase(self, recovery_code: str) -> None:
        """Unlocked with the recovery code: the passphrase is forgotten, so offer a new one now."""
        if self.demo or self.main_area is None:
            return
        from app.ui.settings_page import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.main_area.context, self, recovery_code=recovery_code)
        area = self.main_area
        dialog.accepted.connect(
            lambda: area.status_line.show_info(
                _("De nieuwe wachtwoordzin is ingesteld. De oude werkt niet meer.")
            )
        )
        self.new_passphrase_dialog = dialog
        dialog.open()

    def switch_language(self, code: str) -> None:
        """Switch at runtime: every view is rebuilt in the new language, the vault stays open."""
        from app.i18n import set_language
        from app.ui.run import apply_qt_language

        set_language(code)
        apply_qt_language(QApplication.instance(), code)
        if self.lock_action is not None:
            self.lock_action.setText(_("Vergrendelen"))
        fresh_lock = LockScreen()
        fresh_lock.unlock_requested.connect(self._unlock)
        self.stack.insertWidget(0, fresh_lock)
        self.stack.removeWidget(self.lock_screen)
        self.lock_screen.deleteLater()
        self.lock_screen = fresh_lock
        if self.main_area is None or self.session is None:
            return
        session = self.session
        self._save_work("lock")
        self._drop_main_area()
        self._build_main_area(session)
        if self.main_area is not None:
            self._resume(session, announce=False)

    def _enter(self, session) -> None:
        self.session = session
        self.lock_screen.reset()
        self._install_lock_action()
        if not self._build_main_area(session):
            return
        self._resume(session)
        self._restore_unsaved()
        track_activity = getattr(QApplication.instance(), "track_activity", None)
        if track_activity is not None:
            track_activity(True)
        self._guard_capture(True)
        self.unlocked.emit()

    def _install_lock_action(self) -> None:
        if self.lock_action is not None:
            return
        from PySide6.QtGui import QAction, QKeySequence

        self.lock_action = QAction(_("Vergrendelen"), self)
        # setShortcuts, not setShortcut: the latter's overloads build the `Qt` enums.
        self.lock_action.setShortcuts([QKeySequence("Ctrl+L")])
        self.lock_action.setProperty("shortcutContext", APPLICATION_SHORTCUT)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)

    @property
    def shipped(self) -> ShippedData:
        """The one ShippedData of this window, handed to every screen through AppContext."""
        if self._shipped is None:
            from app.shipped import load_shipped

            self._shipped = load_shipped()
        return self._shipped

    def _build_main_area(self, session) -> bool:
        from app.store.errors import VaultError
        from app.ui.context import AppContext
        from app.ui.main_window import MainArea

        context = AppContext(
            session=session,
            preferences=self.preferences,
            data_dir=self.data_dir,
            preferences_store=self.preferences_store,
            demo=self.demo,
            vault=self.vault,
            clock=self.clock,
            shipped=self.shipped,
        )
        try:
            area = MainArea(context)
        except VaultError as error:
            self.session = None
            session.close()
            self.lock_screen.show_error(str(error))
            self.stack.setCurrentWidget(self.lock_screen)
            return False
        area.lock_requested.connect(self.lock)
        area.language_changed.connect(self.switch_language)
        self.main_area = area
        self.stack.addWidget(area)
        self.stack.setCurrentWidget(area)
        for action in area.global_actions():
            self.addAction(action)
            self._global_actions.append(action)
        return True

    def _drop_main_area(self) -> None:
        for action in self._global_actions:
            self.removeAction(action)
        self._global_actions.clear()
        if self.main_area is not None:
            self.stack.removeWidget(self.main_area)
            self.main_area.hide()
            self.main_area.deleteLater()
            self.main_area = None

    # -- work in progress -----------------------------------------------------------------
    def _save_work(self, reason: str) -> bool:
        """Save every form and where the advisor is, now, while the vault is still open.

        Runs synchronously before any view is deleted (lock, close, language switch).
        """
        area, session = self.main_area, self.session
        if area is None or session is None:
            return True
        from app.store.drafts import DraftStore, ResumePoint

        ok = True
        for section in area.sections:
            try:
                ok = section.save_work() and ok
            except Exception:  # noqa: BLE001 - one section must not stop the others
                log.exception("saving the work of %s failed", type(section).__name__)
                ok = False
        key = area.current_key()
        state = None
        if key != "start":
            try:
                state = area.section(key).resume_state()
            except Exception:  # noqa: BLE001 - the place is a nicety; the drafts are saved
                log.exception("resume state of %s failed", key)
        state = state or {}
        point = ResumePoint(
            section=key,
            intake_id=state.get("intake_id"),
            step=state.get("step"),
            field=state.get("field"),
            cursor=state.get("cursor"),
            referral=state.get("referral"),
            reason=reason,
            saved_at=self.clock.now(),
        )
        try:
            DraftStore(session.connection, clock=self.clock).save_resume(point)
        except Exception:  # noqa: BLE001
            log.warning("the resume point could not be saved")
        return ok

    def _resume(self, session, *, announce: bool = True) -> None:
        """After unlocking: back to the section, case, step and field of the last lock."""
        from app.store.drafts import DraftStore

        area = self.main_area
        if area is None:
            return
        try:
            point = DraftStore(session.connection, clock=self.clock).take_resume()
        except Exception:  # noqa: BLE001 - an unlock must never fail on this
            log.warning("the resume point could not be read")
            return
        if point is None:
            return
        area.show_section(point.section)
        if point.section == "start" or area.current_key() != point.section:
            return
        message = _resume_message(point, self.today()) if announce else None
        try:
            area.section(point.section).resume(point, message)
        except Exception:  # noqa: BLE001
            log.exception("resuming %s failed", point.section)

    # What could not be saved (a full disk) at the last lock: kept in memory only, never on
    # disk, and put back on screen at the next unlock. Locking itself is never refused.
    _unsaved: dict[str, object] | None = None

    def _hold_unsaved(self) -> bool:
        area = self.main_area
        if area is None:
            return False
        held: dict[str, object] = {}
        for key, section in zip((spec.key for spec in _sections()), area.sections, strict=True):
            try:
                state = section.unsaved_work()
            except Exception:  # noqa: BLE001
                log.exception("unsaved work of %s could not be held", key)
                continue
            if state is not None:
                held[key] = state
        self._unsaved = held or None
        return bool(held)

    def _restore_unsaved(self) -> None:
        held, self._unsaved = self._unsaved, None
        if not held or self.main_area is None:
            return
        for key, state in held.items():
            self.main_area.show_section(key)
            try:
                self.main_area.section(key).restore_unsaved(state)
            except Exception:  # noqa: BLE001
                log.exception("unsaved work of %s could not be restored", key)

    def lock(self) -> None:
        self._lock("lock")

    def _lock(self, reason: str, *, saved: bool | None = None) -> None:
        if not self.is_unlocked:
            return
        from PySide6.QtWidgets import QDialog

        if saved is None:
            saved = self._save_work(reason)
        held = not saved and self._hold_unsaved()

        for widget in QApplication.topLevelWidgets():
            if widget is not self and isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self._drop_main_area()
        session, self.session = self.session, None
        assert session is not None  # is_unlocked above
        try:
            session.close()
        except Exception:  # noqa: BLE001 - locking must always complete
            log.exception("closing the vault session failed")
        track_activity = getattr(QApplication.instance(), "track_activity", None)
        if track_activity is not None:
            track_activity(False)
        self.lock_screen.reset()
        if self.demo_passphrase:
            self.lock_screen.message.show_info(
                _("Trainingsmodus: de wachtwoordzin is «{passphrase}».").format(
                    passphrase=self.demo_passphrase
                )
            )
        if held:
            self.lock_screen.message.show_error(
                _(
                    "Niet alles kon worden bewaard (is de schijf vol?). Het staat klaar tot u "
                    "ontgrendelt; maak ruimte vrij en ontgrendel om het alsnog te bewaren."
                )
            )
        self.stack.setCurrentWidget(self.lock_screen)
        self._guard_capture(False)
        self.locked.emit()

    def _guard_capture(self, vault_open: bool) -> None:
        """Windows: out of screen capture and sharing while the vault is open (capture_guard)."""
        from app.ui.capture_guard import capture_guard

        guard = capture_guard()
        guard.enabled = bool(self.preferences.exclude_from_capture)
        guard.set_vault_open(vault_open)

    # -- window ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.preferences.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        if self.preferences_store is not None:
            try:
                self.preferences_store.save(self.preferences)
            except OSError:
                log.warning("preferences could not be saved")
        if self.is_unlocked:
            saved = self._save_work("close")
            if not saved and not self._close_anyway():
                event.ignore()
                return
            self._lock("close", saved=True)
        super().closeEvent(event)

    def _close_anyway(self) -> bool:
        """The work could not be saved: ask before closing (the only time closing asks)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_NAME,
            _(
                "Het concept kon niet worden bewaard (is de schijf vol?). Als u nu afsluit, "
                "gaat wat u de laatste tijd typte verloren."
            ),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("closeUnsavedBox")
        box.button(QMessageBox.StandardButton.Close).setText(_("Toch &afsluiten"))
        box.button(QMessageBox.StandardButton.Cancel).setText(_("&Niet afsluiten"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Close


def _sections():
    from app.ui.main_window import SECTIONS

    return SECTIONS


def _resume_message(point, today: date) -> str:
    """The calm line after unlocking: what was kept and that the advisor is back in place."""
    from app.i18n.formatting import format_datetime, format_time

    saved = point.saved_at.astimezone()
    when = format_time(saved) if saved.date() == today else format_datetime(saved)
    if point.reason == "close":
        return _("Uw gesprek van {time} is bewaard; u gaat verder waar u was.").format(time=when)
    return _("Alles is bewaard; u gaat verder waar u was.")


def _user_message(error: BaseException) -> str:
    from app.fileio import WriteError
    from app.store.errors import VaultError

    if isinstance(error, VaultError | WriteError):
        return str(error)
    log.error("unexpected error while opening the vault: %s", type(error).__name__)
    return _(
        "Er ging iets mis bij het openen van de kluis. Er is niets veranderd. "
        "Probeer het nog eens; blijft het misgaan, neem dan contact op met de ondersteuning."
    )
