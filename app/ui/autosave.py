"""Save a form as the advisor types: a short while after the last change, and at once on demand.

The save itself runs on the GUI thread: it is one small transaction on the session's own
connection (a few ms, see the README), and the connection belongs to this thread. Screens call
:meth:`Autosave.changed` on every edit and :meth:`Autosave.flush` on a step change and before
the vault locks or the window closes. A failed save (a full disk) keeps the form as it is,
reports one line and is tried again at the next change.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from app.i18n import _

log = logging.getLogger(__name__)

DELAY_MS = 2000


def save_problem(error: BaseException) -> str:
    """One calm line for a draft that could not be saved."""
    text = str(error).lower()
    full = (isinstance(error, OSError) and error.errno == errno.ENOSPC) or (
        "disk is full" in text or "database or disk is full" in text
    )
    if full:
        return _(
            "Het concept kon niet worden bewaard: de schijf is vol. Wat u typte staat nog op "
            "het scherm; maak ruimte vrij, dan probeert Vindplaats het opnieuw bij de volgende "
            "wijziging."
        )
    return _(
        "Het concept kon niet worden bewaard. Wat u typte staat nog op het scherm; Vindplaats "
        "probeert het opnieuw bij de volgende wijziging."
    )


class Autosave(QObject):
    """Debounced saving of one form. ``save`` writes the form; ``report`` shows a problem
    (a line) or clears it (None)."""

    def __init__(
        self,
        save: Callable[[], None],
        report: Callable[[str | None], None],
        parent: QObject | None = None,
        *,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._report = report
        self.dirty = False
        self.failed = False
        self.suspended = 0  # while a form is being filled from the vault, nothing is "changed"
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def changed(self, *_args: object) -> None:
        if self.suspended:
            return
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Save now if anything changed. True when the form is safely in the vault."""
        self.timer.stop()
        if not self.dirty:
            return True
        try:
            self._save()
        except Exception as error:  # noqa: BLE001 - whatever went wrong, the form stays
            log.warning("draft could not be saved (%s)", type(error).__name__)
            self.failed = True
            self._report(save_problem(error))
            return False
        self.dirty = False
        if self.failed:
            self.failed = False
            self._report(None)
        return True

    def mark_saved(self) -> None:
        """The form was saved another way (e.g. "Opslaan als concept")."""
        self.timer.stop()
        self.dirty = False

    def suspend(self) -> _Suspended:
        return _Suspended(self)


class _Suspended:
    def __init__(self, autosave: Autosave) -> None:
        self._autosave = autosave

    def __enter__(self) -> None:
        self._autosave.suspended += 1

    def __exit__(self, *exc: object) -> None:
        self._autosave.suspended -= 1
