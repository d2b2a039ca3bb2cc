"""Secrets that reach the clipboard are cleared again after 30 seconds.

The letter password and the recovery code may be copied (Ctrl+C from the field that shows
them, or :meth:`SecretClipboard.copy`). The guard watches the clipboard (and, on Linux, the
selection that middle-click pastes): once it holds a watched secret, a timer clears it after
:data:`CLEAR_AFTER_MS`, but only if it still holds that secret, so whatever the user copied
since is left alone. A secret stays watched until :meth:`SecretClipboard.forget`; a clear
already planned still happens. The guard keeps only a SHA-256 digest of each watched secret,
never the text, so watching does not keep a secret in memory.

On Windows :meth:`copy` also marks the data so that clipboard history (Win+V) and the cloud
clipboard do not keep it. What another program read from the clipboard in those seconds
cannot be taken back.
"""

from __future__ import annotations

import hashlib
import sys

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000

# Windows clipboard formats that keep a copy out of clipboard history and cloud sync.
_WINDOWS_PRIVATE_FORMATS = {
    "ExcludeClipboardContentFromMonitorProcessing": b"\x01\x00\x00\x00",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",
}


class SecretClipboard(QObject):
    """Clears watched secrets from the clipboard ``timeout_ms`` after they arrive there."""

    def __init__(self, timeout_ms: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._watched: set[bytes] = set()
        self._clipboard = QGuiApplication.clipboard()
        # Bound methods, not lambdas: Qt drops the connections when the guard is deleted.
        self._clipboard.dataChanged.connect(self._clipboard_changed)
        self._clipboard.selectionChanged.connect(self._selection_changed)

    def _clipboard_changed(self) -> None:
        self._arrived(QClipboard.Mode.Clipboard)

    def _selection_changed(self) -> None:
        self._arrived(QClipboard.Mode.Selection)

    def _modes(self) -> list[QClipboard.Mode]:
        modes = [QClipboard.Mode.Clipboard]
        if self._clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        return modes

    def watch(self, secret: str) -> None:
        """From now on, clear ``secret`` whenever it is copied; also if it is there already."""
        if not secret:
            return
        self._watched.add(_digest(secret))
        for mode in self._modes():
            self._arrived(mode)

    def forget(self, secret: str) -> None:
        self._watched.discard(_digest(secret))

    def copy(self, secret: str) -> None:
        """Put ``secret`` on the clipboard (kept out of Windows clipboard history)."""
        self.watch(secret)
        data = QMimeData()
        data.setText(secret)
        if sys.platform == "win32":
            for name, value in _WINDOWS_PRIVATE_FORMATS.items():
                data.setData(f'application/x-qt-windows-mime;value="{name}"', value)
        self._clipboard.setMimeData(data, QClipboard.Mode.Clipboard)

    def _arrived(self, mode: QClipboard.Mode) -> None:
        text = self._clipboard.text(mode)
        digest = _digest(text) if text else b""
        del text
        if digest in self._watched:
            delay = self.timeout_ms if self.timeout_ms is not None else CLEAR_AFTER_MS
            QTimer.singleShot(delay, self, lambda: self._clear_if_still(mode, digest))

    def _clear_if_still(self, mode: QClipboard.Mode, digest: bytes) -> None:
        text = self._clipboard.text(mode)
        if text and _digest(text) == digest:
            self._clipboard.clear(mode)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


_guard: SecretClipboard | None = None


def secret_clipboard() -> SecretClipboard:
    """The application's one guard (made on first use, lives as long as the application)."""
    global _guard
    app = QGuiApplication.instance()
    try:
        current = _guard is not None and _guard.parent() is app
    except RuntimeError:  # the application it belonged to is gone
        current = False
    if not current or _guard is None:
        _guard = SecretClipboard(parent=app)
    return _guard
