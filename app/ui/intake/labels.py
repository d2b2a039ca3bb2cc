"""Dutch (B1) texts of the intake screens that are not a domain concept's labels.

The labels of the answers (household, age band, contract, ...) live with their enum in
``app.core.concepts``. Marked with N_ and translated when shown.
"""

from __future__ import annotations

from app.i18n import N_
from app.store.intakes import STATUS_LABELS

UNKNOWN_TEXT = N_("Weet ik niet / wil ik niet zeggen")

STATUS = STATUS_LABELS  # with IntakeStatus in app.store.intakes
