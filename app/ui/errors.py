"""Unexpected errors: a calm Dutch dialog with a copyable error id; details only in the log."""

from __future__ import annotations

import logging
import secrets
import sys
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.logging_setup import safe_traceback
from app.ui.widgets import heading, plain_label

log = logging.getLogger("vindplaats.errors")


def new_error_id() -> str:
    return "VP-" + secrets.token_hex(3).upper()


class ErrorDialog(QDialog):
    def __init__(self, error_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Er ging iets mis"))
        self.setObjectName("errorDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Er ging iets mis"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "Vindplaats kon dit niet afmaken. Wat al bewaard was, is niet verloren. "
                    "Probeer het nog eens. Blijft het misgaan, geef dan deze foutcode door aan "
                    "de ondersteuning. De code bevat geen persoonsgegevens."
                )
            )
        )
        self.error_id = QLineEdit(error_id)
        self.error_id.setReadOnly(True)
        self.error_id.setObjectName("errorId")
        self.error_id.setAccessibleName(_("Foutcode"))
        layout.addWidget(self.error_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_("Foutcode &kopiëren"))
        copy.clicked.connect(lambda: QApplication.clipboard().setText(error_id))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)


_showing = False


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook for the GUI: log where (not what), show the calm dialog."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    error_id = new_error_id()
    log.error("unexpected error %s\n%s", error_id, safe_traceback(exc_type, tb))
    if QApplication.instance() is None or _showing:
        return
    _showing = True
    try:
        ErrorDialog(error_id, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
