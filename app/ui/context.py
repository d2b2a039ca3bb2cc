"""What a screen gets from the shell: the unlocked vault and the non-sensitive preferences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.preferences import Preferences, PreferencesStore

if TYPE_CHECKING:
    from app.store.vault import Vault, VaultSession


@dataclass
class AppContext:
    session: VaultSession
    preferences: Preferences
    data_dir: Path
    preferences_store: PreferencesStore | None = None
    today: Callable[[], date] = field(default=date.today)
    demo: bool = False
    vault: Vault | None = None  # for changing the passphrase or recovery code

    def save_preferences(self) -> None:
        if self.preferences_store is not None:
            self.preferences_store.save(self.preferences)
