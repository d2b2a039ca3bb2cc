"""Soak operation for backups (``app.store.backup.make_backup``), with its check after a kill.

Loaded by the worker and the harness whenever ``app.store.backup`` exists
(:data:`tests.soak.harness.OPTIONAL_MODULES`).

``vault.backup`` writes a backup of the open vault to ``RUN_DIR/backups/`` (outside the data
folder, as the app requires). After the kill, every acknowledged backup is restored into an
empty folder with ``restore_backup``; it must open with the passphrase and the recovery code
of the moment it was made, pass ``cipher_integrity_check`` and ``integrity_check``, and hold
exactly what the vault held when the backup was acknowledged. A backup in flight at the kill
may be missing, but a file under its name must be complete and verify the same way; temp
files it leaves behind are counted.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from tests.soak import ops
from tests.soak.ops import CheckContext, Step, World, operation


@operation("vault.backup", weight=0.4)
def make_backup(world: World) -> Step:
    from app.store import backup  # type: ignore[attr-defined]  # (branch h3)

    folder = Path(world.run_dir) / "backups"
    folder.mkdir(exist_ok=True)
    target = folder / f"soak-{secrets.token_hex(6)}.vpbackup"
    info = {
        "path": str(target),
        "passphrase": world.passphrase,
        "recovery_code": world.recovery_code,
    }

    def run() -> dict[str, str | None]:
        result = backup.make_backup(world.session, target)
        if Path(result.path) != target or not target.is_file():
            raise AssertionError("make_backup returned without the file")
        return {}

    return Step([], run, extra={"backup": info})


def check_backup(context: CheckContext) -> None:
    from app.store import backup  # type: ignore[attr-defined]  # (branch h3)
    from app.store.errors import WrongSecret
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    info = context.intent["backup"]
    path = Path(info["path"])
    if context.ack is None:
        context.count("backup_kills")
        if any(p.name.startswith(backup.TEMP_PREFIX) for p in path.parent.iterdir()):
            context.count("backup_kills_leaving_temp_files")
        if not path.exists():
            context.count("backup_kills_without_file")
            return
        context.count("backup_kills_with_complete_file")
    restored = Path(context.run_dir) / "restore-check"
    shutil.rmtree(restored, ignore_errors=True)
    try:
        backup.restore_backup(path, restored, passphrase=info["passphrase"], minimum_kdf=TEST_KDF)
        vault = Vault(restored, kdf=TEST_KDF, sleep=lambda _s: None, throttle=UnlockThrottle())
        try:
            vault.unlock_with_recovery(info["recovery_code"]).close()
        except WrongSecret:
            context.problem(f"backup {path.name} does not open with its recovery code")
        with vault.unlock(info["passphrase"]) as session:
            connection = session.connection
            if connection.execute("PRAGMA cipher_integrity_check").fetchall():
                context.problem(f"backup {path.name}: cipher_integrity_check found pages")
            if [tuple(r) for r in connection.execute("PRAGMA integrity_check")] != [("ok",)]:
                context.problem(f"backup {path.name}: integrity_check is not ok")
            held = ops.snapshot(connection)
    finally:
        shutil.rmtree(restored, ignore_errors=True)
    if held != context.state:
        differ = sorted(set(held.items()) ^ set(context.state.items()))
        context.problem(
            f"backup {path.name} holds other data than the vault when it was made "
            f"({len(differ)} differences, e.g. {differ[:2]})"
        )
    else:
        context.count("backups_restored_and_equal")
    path.unlink()  # verified; keep the disk small


ops.CHECKS["vault.backup"] = check_backup
