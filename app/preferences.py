"""Non-sensitive preferences (language, idle timeout, window size) in a small JSON file.

Nothing personal goes here: the file lives beside the vault but is not encrypted.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

FILE_NAME = "voorkeuren.json"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 30  # organisation maximum: a longer idle time is never accepted
MAX_OUTPUT_FOLDERS = 20  # folders written to lately, swept for stale temp files at start
_MAX_FOLDER_TEXT = 1024


# Field name -> default. A plain class, not a dataclass: this module is read before the lock
# screen is drawn and `dataclasses` (with `inspect`) costs more than the rest of it.
_DEFAULTS: dict[str, object] = {
    "language": "nl",
    "idle_minutes": 5,
    "window_geometry": "",  # base64 of QWidget.saveGeometry(); no content
    # Folders (never file names) the user saved exports, letters or backups in, newest first.
    "recent_output_folders": [],
    # Windows: keep the windows out of screen capture and sharing while the vault is open.
    "exclude_from_capture": True,
    # The folder the last referral letter was saved in (a folder, never a file name).
    "letter_folder": "",
}


class Preferences:
    language: str
    idle_minutes: int
    window_geometry: str
    recent_output_folders: list[str]
    exclude_from_capture: bool
    letter_folder: str

    def __init__(self, **values: object) -> None:
        for name, default in _DEFAULTS.items():
            value = values.get(name, default)
            setattr(self, name, list(value) if isinstance(value, list) else value)

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _DEFAULTS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Preferences) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Preferences({self.as_dict()!r})"

    @property
    def idle_seconds(self) -> int:
        return self.idle_minutes * 60

    def clamp(self) -> None:
        self.idle_minutes = max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, int(self.idle_minutes)))
        folders = [
            f
            for f in self.recent_output_folders
            if isinstance(f, str) and 0 < len(f) <= _MAX_FOLDER_TEXT
        ]
        self.recent_output_folders = list(dict.fromkeys(folders))[:MAX_OUTPUT_FOLDERS]
        if not isinstance(self.letter_folder, str) or len(self.letter_folder) > _MAX_FOLDER_TEXT:
            self.letter_folder = ""


class PreferencesStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        # `vindplaats --lang en` shows English for this start only: the saved language stays,
        # until the user picks a language in Instellingen (see override_language).
        self._override: tuple[str, str] | None = None  # (shown, saved)
        self._lock = threading.Lock()  # a worker remembers a folder while the GUI may save

    def override_language(self, prefs: Preferences, code: str) -> None:
        """Show ``code`` now without making it the saved language."""
        if code != prefs.language:
            self._override = (code, prefs.language)
            prefs.language = code

    def language_chosen(self) -> None:
        """The user picked a language in the app: from now on it is saved as usual."""
        self._override = None

    def load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Preferences()
        if not isinstance(raw, dict):
            return Preferences()
        prefs = Preferences()
        for key, value in raw.items():
            if key in _DEFAULTS and isinstance(value, type(_DEFAULTS[key])):
                setattr(prefs, key, value)
        prefs.clamp()
        return prefs

    def save(self, prefs: Preferences) -> None:
        from app.fileio import write_app_file  # not needed to draw the first screen

        with self._lock:
            prefs.clamp()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            values = prefs.as_dict()
            if self._override is not None and values["language"] == self._override[0]:
                values["language"] = self._override[1]
            data = json.dumps(values, ensure_ascii=False, indent=2).encode("utf-8")
            write_app_file(self.path, data)

    def remember_output_folder(self, folder: Path, prefs: Preferences | None = None) -> None:
        """Note ``folder`` (newest first, at most MAX_OUTPUT_FOLDERS) for the start-up sweep.

        ``prefs`` is the GUI's live copy; without it (the CLI) the file is read first. The data
        folder is not created for this: a municipality's merge leaves no trace behind.
        """
        text = os.path.abspath(folder)
        if not self.path.parent.is_dir() or len(text) > _MAX_FOLDER_TEXT:
            return
        current = prefs if prefs is not None else self.load()
        if current.recent_output_folders[:1] == [text]:
            return
        current.recent_output_folders = [
            text,
            *(f for f in current.recent_output_folders if f != text),
        ][:MAX_OUTPUT_FOLDERS]
        self.save(current)
