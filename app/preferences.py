"""Non-sensitive preferences (language, idle timeout, window size) in a small JSON file.

Nothing personal goes here: the file lives beside the vault but is not encrypted.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "voorkeuren.json"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 30  # organisation maximum: a longer idle time is never accepted


# Field name -> default. A plain class, not a dataclass: this module is read before the lock
# screen is drawn and `dataclasses` (with `inspect`) costs more than the rest of it.
_DEFAULTS: dict[str, object] = {
    "language": "nl",
    "idle_minutes": 5,
    "window_geometry": "",  # base64 of QWidget.saveGeometry(); no content
}


class Preferences:
    language: str
    idle_minutes: int
    window_geometry: str

    def __init__(self, **values: object) -> None:
        for name, default in _DEFAULTS.items():
            setattr(self, name, values.get(name, default))

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


class PreferencesStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        # `vindplaats --lang en` shows English for this start only: the saved language stays,
        # until the user picks a language in Instellingen (see override_language).
        self._override: tuple[str, str] | None = None  # (shown, saved)

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
        prefs.clamp()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        from app.documents.atomic import write_atomic  # not needed to draw the first screen

        values = prefs.as_dict()
        if self._override is not None and values["language"] == self._override[0]:
            values["language"] = self._override[1]
        data = json.dumps(values, ensure_ascii=False, indent=2).encode("utf-8")
        write_atomic(self.path, data)
