"""Base class of a main-window section (Gesprekken, Signalen, Verwijzingen, ...)."""

from __future__ import annotations

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
