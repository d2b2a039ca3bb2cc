"""Notice when the operating-system session locks, so Vindplaats locks too.

Windows: ``WTSRegisterSessionNotification`` sends ``WM_WTSSESSION_CHANGE`` with
``WTS_SESSION_LOCK`` to our window. Linux desktops: the freedesktop/GNOME screensaver
``ActiveChanged(true)`` signal on the session bus. Where neither is available, the idle
auto-lock and Ctrl+L still apply.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Signal, Slot

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0

_SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


def is_session_lock_message(message_id: int, wparam: int) -> bool:
    return message_id == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: SessionLockWatcher) -> None:
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt override
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if is_session_lock_message(msg.message, msg.wParam):
                self._watcher.session_locked.emit()
        return False, 0


class SessionLockWatcher(QObject):
    session_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter: _WindowsFilter | None = None
        self.active = False

    def attach(self, window_id: int, app) -> None:
        try:
            if sys.platform == "win32":
                self._attach_windows(window_id, app)
            else:
                self._attach_dbus()
        except Exception:  # noqa: BLE001 - best effort: idle lock and Ctrl+L remain
            log.info("session lock detection not available")

    def _attach_windows(self, window_id: int, app) -> None:
        wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
        if wtsapi32.WTSRegisterSessionNotification(window_id, NOTIFY_FOR_THIS_SESSION):
            self._filter = _WindowsFilter(self)
            app.installNativeEventFilter(self._filter)
            self.active = True

    def _attach_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in _SCREENSAVERS:
            # The (service, path, interface, name, receiver, slot) overload the stubs lack.
            if bus.connect(service, path, service, "ActiveChanged", self, "on_active_changed"):  # type: ignore[call-overload]
                self.active = True

    @Slot(bool)
    def on_active_changed(self, active: bool) -> None:
        if active:
            self.session_locked.emit()
