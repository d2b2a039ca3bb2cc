"""Where the app finds its shipped files and keeps its data.

Shipped files (``resources/``, ``translations/``) sit at the top of the source tree and are
installed inside the package as ``app.resources`` and ``app.translations`` (see
pyproject.toml). A frozen build (PyInstaller) puts them beside the executable.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def _shipped_dir(name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / name
    source_tree = Path(__file__).resolve().parent.parent / name
    if source_tree.is_dir():
        return source_tree
    # Installed (pip install .): shipped inside the package as app/<name>. Not
    # Path(str(files(...))): for a namespace package that str() is "MultiplexedPath('...')".
    return Path(__file__).resolve().parent / name


def resource_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``resource_path("schemas", "intake.schema.json")``."""
    return _shipped_dir("resources").joinpath(*parts)


def window_icon_path() -> Path:
    """The window icon, set before the first screen (before the shipped data is made)."""
    return resource_path("icons", "vindplaats.png")


def translations_path(*parts: str) -> Path:
    return _shipped_dir("translations").joinpath(*parts)


def default_data_dir() -> Path:
    """Per-user data folder (``%LOCALAPPDATA%\\Vindplaats`` on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("Vindplaats", appauthor=False, roaming=False))
