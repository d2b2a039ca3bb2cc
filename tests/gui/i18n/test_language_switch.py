"""Switching language at runtime: our texts, Qt's own buttons and the layout direction follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.i18n import _, current_language
from app.ui.i18n_qt import apply_language


class Screen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Opslaan"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def button_texts(self) -> list[str]:
        return [button.text().replace("&", "") for button in self.buttons.buttons()]


@pytest.fixture
def screen(qtbot, qapp):
    apply_language(qapp, "nl")
    widget = Screen()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    apply_language(qapp, "nl")


def test_arabic_switches_to_right_to_left(qapp, screen):
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    apply_language(qapp, "ar")

    assert current_language() == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "إلغاء" in screen.button_texts() or "ألغِ" in screen.button_texts()

    apply_language(qapp, "nl")
    assert screen.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "Annuleren" in screen.button_texts()


def test_qt_buttons_follow_the_language(qapp, screen):
    assert "Annuleren" in screen.button_texts()
    apply_language(qapp, "tr")
    assert "İptal" in screen.button_texts()
    apply_language(qapp, "pl")
    assert "Anuluj" in screen.button_texts()


def test_widgets_retranslate_at_once_and_pseudo_locale_stretches(qapp, screen):
    assert screen.label.text() == "Opslaan"
    apply_language(qapp, "xx")
    text = screen.label.text()
    assert text.startswith("[") and text.endswith("]")
    assert len(text) >= len("Opslaan") * 1.4
    assert "Annuleren" in screen.button_texts()  # Qt's own texts stay Dutch under xx
    apply_language(qapp, "nl")
    assert screen.label.text() == "Opslaan"


def test_the_app_window_opens_right_to_left_in_arabic(tmp_path, qtbot, qapp):
    from app.store.keyslots import TEST_KDF
    from app.store.vault import Vault
    from app.ui.run import build_gui

    data_dir = tmp_path / "data"
    _app, window = build_gui(data_dir, language="ar", vault=Vault(data_dir, kdf=TEST_KDF))
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        apply_language(qapp, "en")
        assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        apply_language(qapp, "nl")
