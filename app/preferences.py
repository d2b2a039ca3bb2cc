"""Non-sensitive preferences (language, idle timeout, window size) in a small JSON file.

Nothing personal goes here: the file lives beside the vault but is not encrypted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.documents.atomic import write_atomic

FILE_NAME = "voorkeuren.json"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 30  # organisation maximum: a longer idle time is never accepted


@dataclass
class Preferences:
    language: str = "nl"
    idle_minutes: int = 5
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(); no content
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def idle_seconds(self) -> int:
        return self.idle_minutes * 60

    def clamp(self) -> None:
        self.idle_minutes = max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, int(self.idle_minutes)))


class PreferencesStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME

    def load(self) -> Preferences:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Preferences()
        if not isinstance(raw, dict):
            return Preferences()
        known = {f.name for f in fields(Preferences)}
        prefs = Preferences()
        for key, value in raw.items():
            if key in known and isinstance(value, type(getattr(prefs, key))):
                setattr(prefs, key, value)
        prefs.clamp()
        return prefs

    def save(self, prefs: Preferences) -> None:
        prefs.clamp()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(prefs), ensure_ascii=False, indent=2).encode("utf-8")
        write_atomic(self.path, data)
