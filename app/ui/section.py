"""Base class of a main-window section (Gesprekken, Signalen, Verwijzingen, ...)."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext


class Section(QWidget):
    """A page in the main window. Created after unlock, destroyed on lock."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def section_title(self) -> str:
        raise NotImplementedError

    def global_actions(self) -> list[QAction]:
        """Actions with window-wide shortcuts (e.g. quick signal entry)."""
        return []

    def home_lines(self) -> list[str]:
        """Short lines for the start screen, e.g. "Vandaag: 2 vervolggesprekken"."""
        return []

    def refresh(self) -> None:
        """Called when the section becomes visible; reload from the vault if needed."""

    # Work in progress (see app.ui.shell): called while the vault is still open.
    def save_work(self) -> bool:
        """Save every form of this section now (before a lock or close). False if one failed."""
        return True

    def resume_state(self) -> dict[str, Any] | None:
        """Where the advisor is in this section (case, step, field), for after the unlock.

        By default the open tab of a section with tabs (Signalen: Logboek, Overzicht, ...),
        kept as the resume point's ``step``."""
        tabs = self._tabs()
        return {"step": tabs.currentIndex()} if tabs is not None else None

    def resume(self, point: Any, message: str | None) -> None:
        """Go back to ``point`` (an ``app.store.drafts.ResumePoint``); show ``message``."""
        tabs = self._tabs()
        step = getattr(point, "step", None)
        if tabs is not None and isinstance(step, int) and 0 <= step < tabs.count():
            tabs.setCurrentIndex(step)

    def _tabs(self):
        from PySide6.QtWidgets import QTabWidget  # only when locking or unlocking

        return self.findChild(QTabWidget)

    def unsaved_work(self) -> Any | None:
        """What could not be saved (e.g. a full disk), held in memory while locked."""
        return None

    def restore_unsaved(self, state: Any) -> None:
        """Put ``unsaved_work()`` back on screen after unlocking and try to save it again."""


def import_factory(spec: str) -> Any | None:
    """The class named by ``"package.module:Class"``, or None when that module is not there.

    For the optional groups of the settings page (app.ui.settings_page.EXTRA_GROUPS); the
    sections themselves are registered explicitly (app.ui.main_window.SECTIONS). An import
    error *inside* an existing module is a bug and is raised.
    """
    module_name, _sep, class_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None
        raise
    return getattr(module, class_name)
