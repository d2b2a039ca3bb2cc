"""Windows: while the vault is open, Vindplaats's windows stay out of screenshots and shares.

``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)`` (Windows 10 version 2004 and
later) leaves the window out of screenshots, screen recordings, Teams/Zoom screen sharing and
remote-support tools that capture the screen; the advisor still sees it normally. Older
Windows versions only know ``WDA_MONITOR``, which shows a black rectangle instead; that is
used when the first is refused. Every top-level window gets it (the main window and each
dialog, which Windows treats as windows of their own), from unlocking until locking.

On by default; Instellingen can switch it off (``Preferences.exclude_from_capture``), for
instance for a training with a projector that captures the screen. Elsewhere than on Windows
it does nothing. A camera pointed at the screen, or software with administrator rights that
reads the screen in other ways, is not stopped by this (see SECURITY.md).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QCheckBox, QGroupBox, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.widgets import MessageBanner, plain_label

log = logging.getLogger(__name__)

WDA_NONE = 0x00
WDA_MONITOR = 0x01
WDA_EXCLUDEFROMCAPTURE = 0x11


def windows_user32() -> Any | None:
    """``user32.dll`` with the one function we call typed, or None when not on Windows."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    user32.SetWindowDisplayAffinity.argtypes = [wintypes.HWND, wintypes.DWORD]
    user32.SetWindowDisplayAffinity.restype = wintypes.BOOL
    return user32


def set_display_affinity(user32: Any, hwnd: int, excluded: bool) -> bool:
    """Exclude window ``hwnd`` from capture (or include it again); True when it took."""
    if not excluded:
        return bool(user32.SetWindowDisplayAffinity(hwnd, WDA_NONE))
    if user32.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE):
        return True
    return bool(user32.SetWindowDisplayAffinity(hwnd, WDA_MONITOR))  # before Windows 10 2004


class CaptureGuard(QObject):
    """Keeps every top-level window out of capture while the vault is open and it is on."""

    def __init__(self, user32: Any | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.user32 = user32
        self.enabled = True
        self.vault_open = False
        if user32 is not None:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.user32 is not None and self.enabled and self.vault_open

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self._apply_all()

    def set_vault_open(self, vault_open: bool) -> None:
        self.vault_open = vault_open
        self._apply_all()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.Show
            and self.active
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self._apply(watched, True)
        return False

    def _apply_all(self) -> None:
        if self.user32 is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self._apply(widget, self.active)

    def _apply(self, widget: QWidget, excluded: bool) -> None:
        try:
            if not set_display_affinity(self.user32, int(widget.winId()), excluded):
                log.warning("SetWindowDisplayAffinity was refused")
        except (OSError, AttributeError, ValueError):
            log.warning("SetWindowDisplayAffinity is not available")


_guard: CaptureGuard | None = None


def capture_guard() -> CaptureGuard:
    """The application's one guard (on Windows, with the real ``user32``)."""
    global _guard
    app = QApplication.instance()
    try:
        current = _guard is not None and _guard.parent() is app
    except RuntimeError:  # the application it belonged to is gone
        current = False
    if not current or _guard is None:
        _guard = CaptureGuard(windows_user32(), parent=app)
    return _guard


class ScreenCaptureSettingsGroup(QGroupBox):
    """Instellingen: the switch, saved in the preferences and applied at once."""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(_("Scherm delen"), parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.exclude = QCheckBox(_("Vindplaats &verbergen bij scherm delen en schermopnamen"))
        self.exclude.setObjectName("excludeFromCapture")
        self.exclude.setChecked(bool(context.preferences.exclude_from_capture))
        self.exclude.toggled.connect(self._toggled)
        layout.addWidget(self.exclude)
        text = _(
            "Wie uw scherm deelt (Teams, Zoom) of een schermafdruk maakt, ziet Vindplaats niet "
            "zolang de kluis open is. U ziet het zelf gewoon."
        )
        if sys.platform != "win32":
            text += " " + _("Dit werkt alleen op Windows.")
        layout.addWidget(plain_label(text))
        self.message = MessageBanner()
        layout.addWidget(self.message)

    def _toggled(self, checked: bool) -> None:
        self.context.preferences.exclude_from_capture = checked
        capture_guard().set_enabled(checked)
        try:
            self.context.save_preferences()
        except OSError as error:
            self.message.show_error(str(error))
