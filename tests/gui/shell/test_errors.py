"""An unexpected error: calm Dutch dialog with an error id; the log keeps no personal data."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from app.logging_setup import setup_logging
from app.ui import errors


def test_unexpected_error_dialog_and_log_without_personal_data(tmp_path, qtbot):
    log_file = setup_logging(tmp_path)
    seen: dict[str, str] = {}

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, errors.ErrorDialog)
        seen["id"] = dialog.findChild(QLineEdit, "errorId").text()
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    QTimer.singleShot(50, close_dialog)
    try:
        raise ValueError("Test Persoon, Fictieve Straat 1")  # user text in the message
    except ValueError as error:
        errors.handle_exception(type(error), error, error.__traceback__)

    assert seen["title"] == "Er ging iets mis"
    assert seen["id"].startswith("VP-")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert seen["id"] in text
    assert "ValueError" in text
    assert "Test Persoon" not in text
    assert "Fictieve Straat" not in text
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(log_file):
            logging.getLogger().removeHandler(handler)
            handler.close()
