"""A copied secret leaves the clipboard after a while, unless something else was copied."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from app.ui import clipboard
from app.ui.clipboard import SecretClipboard

PASSWORD = "Fictief-Wachtwoord-7Kq2"  # noqa: S105 - made up for the test


@pytest.fixture
def make_guard():
    made = []

    def factory(timeout_ms):
        made.append(SecretClipboard(timeout_ms=timeout_ms))
        return made[-1]

    yield factory
    for guard in made:
        shiboken6.delete(guard)
    QGuiApplication.clipboard().clear()


def test_a_copied_secret_is_cleared_after_the_timeout(qtbot, make_guard):
    board = QGuiApplication.clipboard()
    guard = make_guard(timeout_ms=80)
    guard.watch(PASSWORD)
    field = QLineEdit(PASSWORD)
    field.setReadOnly(True)
    qtbot.addWidget(field)
    field.selectAll()
    field.copy()  # what Ctrl+C does
    assert board.text() == PASSWORD
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)


def test_something_copied_since_is_left_alone(qtbot, make_guard):
    board = QGuiApplication.clipboard()
    guard = make_guard(timeout_ms=80)
    guard.copy(PASSWORD)
    assert board.text() == PASSWORD
    board.setText("adres van de huisarts")
    qtbot.wait(250)
    assert board.text() == "adres van de huisarts"


def test_a_forgotten_secret_is_no_longer_cleared(qtbot, make_guard):
    board = QGuiApplication.clipboard()
    guard = make_guard(timeout_ms=50)
    guard.watch(PASSWORD)
    guard.forget(PASSWORD)
    board.setText(PASSWORD)
    qtbot.wait(200)
    assert board.text() == PASSWORD
    board.clear()


def test_the_guard_keeps_no_secret_text(qtbot, make_guard):
    guard = make_guard(timeout_ms=50)
    guard.watch(PASSWORD)
    assert all(PASSWORD.encode() not in digest for digest in guard._watched)
    assert all(len(digest) == 32 for digest in guard._watched)


def test_a_recovery_code_on_screen_is_watched(qtbot, monkeypatch):
    from app.ui.widgets import RecoveryCodeLabel

    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 80)
    code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345"
    label = RecoveryCodeLabel()
    qtbot.addWidget(label)
    label.show_code(code)
    board = QGuiApplication.clipboard()
    board.setText(code.replace("-", ""))
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)
