"""Step 3, for the employee: the consent text in their language (right to left for Arabic),
separate from everything else, with an equally easy "no"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.referral.flow_state import FlowState
from app.ui.widgets import heading, plain_label


class ConsentStep(QWidget):
    changed = Signal()
    agreed = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.consent_heading = heading(_("Voor de medewerker"), level=2)
        layout.addWidget(self.consent_heading)
        layout.addWidget(
            plain_label(
                _(
                    "Draai het scherm naar de medewerker. Laat de tekst lezen of lees hem voor. "
                    "Nee zeggen mag en heeft geen gevolgen."
                )
            )
        )
        self.consent_text = QPlainTextEdit()
        self.consent_text.setObjectName("consentText")
        self.consent_text.setReadOnly(True)
        font = self.consent_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.consent_text.setFont(font)
        layout.addWidget(self.consent_text, 1)

        method_row = QHBoxLayout()
        method_row.addWidget(QLabel(_("Toestemming gegeven:")))
        self.method_screen = QRadioButton(_("op het sc&herm"))
        self.method_screen.setObjectName("methodScreen")
        self.method_screen.setChecked(True)
        self.method_paper = QRadioButton(_("op &papier getekend"))
        self.method_paper.setObjectName("methodPaper")
        group = QButtonGroup(self)
        group.addButton(self.method_screen)
        group.addButton(self.method_paper)
        method_row.addWidget(self.method_screen)
        method_row.addWidget(self.method_paper)
        method_row.addStretch(1)
        layout.addLayout(method_row)
        self.method_paper.toggled.connect(self.changed)

        self.question = plain_label("")
        self.question.setObjectName("consentQuestion")
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        layout.addWidget(self.question)
        answers = QHBoxLayout()
        self.no_button = QPushButton()
        self.no_button.setObjectName("declineButton")
        self.no_button.clicked.connect(self.declined)
        self.yes_button = QPushButton()
        self.yes_button.setObjectName("agreeButton")
        self.yes_button.clicked.connect(self.agreed)
        answers.addWidget(self.no_button, 1)
        answers.addWidget(self.yes_button, 1)
        layout.addLayout(answers)

    def show_text(self, shown: str, *, question: str, yes: str, no: str, rtl: bool) -> None:
        """The consent text exactly as it will be recorded, in the employee's direction."""
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        for widget in (self.consent_text, self.question, self.yes_button, self.no_button):
            widget.setLayoutDirection(direction)
        option = self.consent_text.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        self.consent_text.document().setDefaultTextOption(option)
        self.consent_text.setPlainText(shown)
        self.question.setText(question)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeading)
        self.yes_button.setText(yes)
        self.no_button.setText(no)

    def load(self, state: FlowState) -> None:
        if state.signed_on_paper:
            self.method_paper.setChecked(True)
        else:
            self.method_screen.setChecked(True)

    def store(self, state: FlowState) -> None:
        state.signed_on_paper = self.method_paper.isChecked()
