"""Step 4: the letter and the employee's copy, made once the consent is recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.fileio import UserFiles
from app.i18n import _
from app.ui.referral.letter import LetterJob, LetterMaker
from app.ui.widgets import heading, plain_label


class LetterStep(QWidget):
    def __init__(
        self,
        build_job: Callable[[bool, bool, Path], LetterJob],
        files: UserFiles,
        parent: QWidget | None = None,
        **maker_options: Any,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("De brief maken"), level=2))
        self.letter_intro = plain_label(
            _(
                "De toestemming is vastgelegd. Maak nu de brief en de kopie voor de medewerker. "
                "Vindplaats verstuurt niets: u of de medewerker verstuurt of print de brief."
            )
        )
        layout.addWidget(self.letter_intro)
        self.maker = LetterMaker(build_job, files=files, **maker_options)
        layout.addWidget(self.maker, 1)
