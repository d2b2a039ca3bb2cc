"""Small shared widgets: plain-text labels, a calm message banner, a passphrase field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

MAX_FIELD_LENGTH = 2000  # a 10 MB paste into a field is cut here, not stored


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    label = plain_label(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * (1.6 if level == 1 else 1.25))
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class MessageBanner(QLabel):
    """A calm, plain-text message line (error or info) that screen readers announce."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(
            "QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #f5c2bb;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def show_info(self, text: str) -> None:
        self.setStyleSheet(
            "QLabel { background: #e8f2fb; color: #12395c; border: 1px solid #bcd7ef;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def secret_field(parent: QWidget | None = None, placeholder: str = "") -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(1024)
    field.setPlaceholderText(placeholder)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return field


def bounded_line_edit(parent: QWidget | None = None, max_length: int = 200) -> QLineEdit:
    field = QLineEdit(parent)
    field.setMaxLength(max_length)
    return field
