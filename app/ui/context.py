"""What a screen gets from the shell: the unlocked vault and the non-sensitive preferences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import SYSTEM_CLOCK, Clock
from app.preferences import Preferences, PreferencesStore
from app.shipped import ShippedData, load_shipped

if TYPE_CHECKING:
    from app.fileio import UserFiles
    from app.store.vault import Vault, VaultSession


@dataclass
class AppContext:
    session: VaultSession
    preferences: Preferences
    data_dir: Path
    preferences_store: PreferencesStore | None = None
    demo: bool = False
    vault: Vault | None = None  # for changing the passphrase or recovery code
    # Built once at start-up (app.ui.run) and shared by every screen.
    clock: Clock = SYSTEM_CLOCK
    shipped: ShippedData = field(default_factory=load_shipped)

    def today(self) -> date:
        """Today's date, from the one clock."""
        return self.clock.today()

    def now(self) -> datetime:
        """The current moment (UTC), from the one clock."""
        return self.clock.now()

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
