"""One module per domain concept that more than one area uses: its enum and all its wording.

Each module holds the enum (values are stable: they are stored in the vault, written to
exports and used in ``resources/routes.yaml``) and the labels for it:

- ``LABELS``: what a screen or an export shows. Dutch source strings marked with ``N_``;
  pass them through ``_()`` (or :func:`label`) when shown, so they follow the language.
- ``LETTER_LABELS``: the wording in the referral letter. The letter always goes to a Dutch
  organisation, so these are plain Dutch and deliberately never translated.

Where one concept is worded differently in different places, the name says where
(``contract.INTAKE_LABELS``). A concept that only one area uses (signal sources, the referral
status) stays in that area's module. No I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import _


def label(table: Mapping[Any, str], value: object) -> str:
    """The translated label of ``value`` in ``table``; the plain value when it has none."""
    text = table.get(value)
    return _(text) if text is not None else str(value)
