"""Geldclinic intake screens: the "Gesprekken" section."""

from app.ui.intake.section import IntakeSection

__all__ = ["IntakeSection"]
