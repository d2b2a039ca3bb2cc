"""File names of a vault in its data folder (no heavy imports: used to draw the first screen)."""

from __future__ import annotations

from pathlib import Path

DB_NAME = "vault.db"
KEYSLOT_NAME = "keyslots.json"


def vault_exists(data_dir: Path) -> bool:
    """True when any part of a vault (database or key slots) is in the folder."""
    return (data_dir / DB_NAME).exists() or (data_dir / KEYSLOT_NAME).exists()
