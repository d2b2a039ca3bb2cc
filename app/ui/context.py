"""What a screen gets from the shell: the unlocked vault and the non-sensitive preferences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.preferences import Preferences, PreferencesStore

if TYPE_CHECKING:
    from app.fileio import UserFiles
    from app.store.vault import Vault, VaultSession


def system_clock() -> datetime:
    """The current moment, timezone-aware: the one place the GUI reads the time."""
    return datetime.now(UTC)


@dataclass
class AppContext:
    session: VaultSession
    preferences: Preferences
    data_dir: Path
    preferences_store: PreferencesStore | None = None
    today: Callable[[], date] = field(default=date.today)
    now: Callable[[], datetime] = field(default=system_clock)
    demo: bool = False
    vault: Vault | None = None  # for changing the passphrase or recovery code

    def user_files(self) -> UserFiles:
        """The writer for files the advisor saves (exports, letters, handouts, backups).

        It refuses this data folder and any folder that holds a vault, and remembers each
        output folder in the preferences so that the next start can sweep stale temp files.
        """
        from app.fileio import UserFiles

        store = self.preferences_store
        prefs = self.preferences

        def remember(folder: Path) -> None:
            if store is not None:
                store.remember_output_folder(folder, prefs)

        return UserFiles(self.data_dir, remember_folder=remember)

    def save_preferences(self) -> None:
        if self.preferences_store is not None:
            self.preferences_store.save(self.preferences)
