"""Unlock benchmark on a real vault with the production KDF (not part of the test run).

``bench_unlock(tmpdir)`` creates a vault in ``tmpdir`` (calibrated Argon2id, as in production)
and unlocks it a few times. ``unlock_kdf_ms`` is the key-slot step (Argon2id + AES-GCM);
``unlock_rest_ms`` is everything after it (open SQLCipher with the raw key, assert pragmas,
migrations check, audit entry). Target: ``unlock_rest_ms`` <= 150. Medians are reported.

Run by hand: ``python tests/perf/bench_store.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "fictieve kluis lamp wolk"


def bench_unlock(tmpdir: Path | str, rounds: int = 5) -> dict[str, float]:
    from app.store.vault import Vault

    vault = Vault(Path(tmpdir) / "bench-vault")
    if not vault.exists():
        vault.create(PASSPHRASE)
    kdf, rest = [], []
    for _ in range(rounds):
        session = vault.unlock(PASSPHRASE)
        session.close()
        kdf.append(vault.last_unlock_timings["kdf"] * 1000)
        rest.append(vault.last_unlock_timings["rest"] * 1000)
    return {
        "unlock_kdf_ms": round(statistics.median(kdf), 1),
        "unlock_rest_ms": round(statistics.median(rest), 1),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(bench_unlock(folder)))
