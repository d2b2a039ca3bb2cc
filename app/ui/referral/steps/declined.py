"""After a "no": nothing was shared and nothing was kept."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import _
from app.ui.widgets import heading, plain_label


class DeclinedStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Niets gedeeld"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "De medewerker wil deze gegevens niet delen. Er is niets gedeeld en er is "
                    "geen toestemming bewaard. Dat heeft geen gevolgen voor het werk. U kunt "
                    "samen een andere route kiezen, zoals een anonieme eerste stap via Geldfit."
                )
            )
        )
        layout.addStretch(1)
