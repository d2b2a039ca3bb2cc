"""File names of a vault in its data folder (no heavy imports: used to draw the first screen)."""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "vault.db"
KEYSLOT_NAME = "keyslots.json"
WAL_NAME = DB_NAME + "-wal"
# Failed unlock attempts in a row (app.store.vault.UnlockThrottle); not part of the vault.
ATTEMPTS_NAME = "unlock_attempts.json"


def vault_exists(data_dir: Path) -> bool:
    """True when any part of a vault (database, its log, key slots) is in the folder.

    Also True when the folder cannot be looked into: what we cannot see must never be taken
    for "no vault here" (that would offer to make a new one); opening it then says why.
    """
    for name in (DB_NAME, KEYSLOT_NAME, WAL_NAME):
        try:
            os.stat(Path(data_dir) / name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return True
        return True
    return False
