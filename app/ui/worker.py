"""Run slow work (KDF, PDF, export, backup) off the GUI thread.

A task is a plain callable; it may accept a ``progress`` callback ``progress(done, total)``.
Results and errors come back to the GUI thread through Qt signals, so callbacks may touch
widgets. Workers never touch widgets themselves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self.cancelled = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancelled.set()

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise TaskCancelled
        self.signals.progress.emit(int(done), int(total))

    @Slot()
    def run(self) -> None:
        try:
            import inspect  # here, in the worker: not needed before the first screen

            params = inspect.signature(self.fn).parameters
            if "progress" in params:
                result = self.fn(progress=self._progress)
            else:
                result = self.fn()
        except BaseException as error:  # noqa: BLE001 - reported to the GUI thread, not lost
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class TaskCancelled(Exception):
    pass


_running: set[Task] = set()


def run_task(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    """Start ``fn`` on the global thread pool; callbacks run on the GUI thread."""
    task = Task(fn)
    _running.add(task)

    def finished(result: Any) -> None:
        _running.discard(task)
        if on_done is not None:
            on_done(result)

    def failed(error: BaseException) -> None:
        _running.discard(task)
        if on_error is not None:
            on_error(error)
        elif not isinstance(error, TaskCancelled):
            log.error("achtergrondtaak mislukt: %s", type(error).__name__)

    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(task)
    return task
