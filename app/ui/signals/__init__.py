"""The "Signalen" section and its settings group."""

from app.ui.signals.section import SignalsSection

__all__ = ["SignalsSection"]
