"""The QApplication subclass: idle tracking for auto-lock, app-wide identity."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__


class VindplaatsApplication(QApplication):
    """Counts any keyboard or mouse use as activity, for the idle auto-lock."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.setApplicationName(APP_NAME)
        self.setApplicationDisplayName(APP_NAME)
        self.setApplicationVersion(__version__)
        self.setOrganizationName(APP_NAME)
        self.setQuitOnLastWindowClosed(True)
        self._set_window_icon()
        self.last_activity = time.monotonic()
        self._filter: _ActivityFilter | None = None
        self._collector = GuiThreadGarbageCollector(self)

    def _set_window_icon(self) -> None:
        from PySide6.QtGui import QIcon  # QIcon reads the file only when first painted

        from app.paths import window_icon_path  # a path only; Qt reads it when painting

        self.setWindowIcon(QIcon(str(window_icon_path())))

    def track_activity(self, on: bool) -> None:
        """Watch input only while unlocked: the lock screen has nothing to time out."""
        if on and self._filter is None:
            self._filter = _ActivityFilter(self)
            self.installEventFilter(self._filter)
        elif not on and self._filter is not None:
            self.removeEventFilter(self._filter)
            self._filter.deleteLater()
            self._filter = None
        self.note_activity()

    def note_activity(self) -> None:
        self.last_activity = time.monotonic()

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_activity


class _ActivityFilter(QObject):
    def __init__(self, app: VindplaatsApplication) -> None:
        super().__init__(app)
        from PySide6.QtCore import QEvent  # built on first use: keeps start-up short

        self._app = app
        self._activity = {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
            QEvent.Type.Shortcut,
        }

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in self._activity:
            self._app.last_activity = time.monotonic()
        return False


class GuiThreadGarbageCollector(QObject):
    """Run Python's cyclic garbage collector on the GUI thread only.

    Left to itself, the collector runs in whichever thread happens to allocate, so a worker
    rendering a PDF can end up destroying a dialog's Qt objects from the wrong thread, which
    crashes. Automatic collection is switched off and done here, from a timer, with the
    same generation thresholds Python would use.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 > self.thresholds[0]:
            gc.collect(0)
            if count1 > self.thresholds[1]:
                gc.collect(1)
                if count2 > self.thresholds[2]:
                    gc.collect(2)
