"""Vindplaats: Geldclinic intake, anonymous signals and consented referral letters."""

# The one version source: pyproject.toml reads it (dynamic), so do installer/build.py and the
# Windows version information of the executables.
__version__ = "0.1.0"
APP_NAME = "Vindplaats"
