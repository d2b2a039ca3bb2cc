"""Vindplaats: Geldclinic intake, anonymous signals and consented referral letters."""

__version__ = "0.1.0"
APP_NAME = "Vindplaats"
