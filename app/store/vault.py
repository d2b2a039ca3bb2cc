"""The vault: one SQLCipher database plus the key-slot file beside it.

Files in the data folder:

- ``vault.db`` (+ ``-wal``/``-shm`` while open): SQLCipher 4, opened with a random raw key;
- ``keyslots.json``: that key wrapped by the passphrase and by the recovery code.

Failed unlock attempts in a row are counted in ``unlock_attempts.json`` beside the key slots
(a number, not a secret), so closing and restarting the app, or the command line, does not
reset them; a successful unlock removes the file. After three failures each further failure
waits longer (1, 2, 4 … up to 30 seconds) before it is reported. Argon2id is the real
protection against guessing; the delay only slows someone at the keyboard, and someone who
may delete files in the data folder can reset it. When the file cannot be written the count
is kept in this process. ``sleep`` is injectable for tests.

Key bytes are kept in a ``bytearray`` that ``VaultSession.close`` overwrites; the key is
decrypted into it, every copy we make (a worker's connection, the ``x'…'`` literal SQLCipher
is keyed with, the Argon2id output) is wiped after use, and SQLCipher wipes its own
(``cipher_memory_security``). The passphrase and recovery code arrive as Python strings,
which cannot be overwritten: that part is best effort, not a guarantee (SECURITY.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.clock import SYSTEM_CLOCK, Clock
from app.fileio import write_app_file
from app.i18n import N_, _, ngettext
from app.store import audit, db, errors, keyslots
from app.store.db import Connection
from app.store.errors import (
    DataDirNoAccess,
    DataDirReadOnly,
    KeySlotFileDamaged,
    KeySlotFileMissing,
    VaultAlreadyExists,
    VaultDatabaseMissing,
    VaultError,
    VaultIncomplete,
    VaultLocked,
    VaultNotFound,
    WrongPassphrase,
    WrongRecoveryCode,
    WrongSecret,
)
from app.store.keyslots import KIND_PASSPHRASE, KIND_RECOVERY, KdfParams, KeySlotFile
from app.store.layout import ATTEMPTS_NAME, DB_NAME, KEYSLOT_NAME, vault_exists
from app.store.policy import require_strong_passphrase

_DB_COMPANIONS = ("-wal", "-shm", "-journal")


# --- throttling of failed attempts ------------------------------------------------------


def unlock_delay(failures: int) -> float:
    """Seconds to wait after the ``failures``-th failure in a row: 0, 0, 1, 2, 4 … 30."""
    if failures < 3:
        return 0.0
    return float(min(2 ** (failures - 3), 30))


ATTEMPTS_FORMAT = "vindplaats-unlock-attempts"
_MAX_ATTEMPTS_FILE_BYTES = 4096
_MAX_COUNTED_FAILURES = 1_000_000


class UnlockThrottle:
    """Counts failed attempts in a row and applies the delay.

    With ``path`` (the default for a :class:`Vault`: ``unlock_attempts.json`` in its data
    folder) the count is kept in that file, so every process (the GUI after a restart, the
    command line) sees the same count; without it, in memory only (tests, the self-test).
    A damaged or unreadable file counts as no failures; the higher of the file and this
    process's own count is used, so removing the file mid-session does not reset it.
    """

    def __init__(
        self, delay: Callable[[int], float] = unlock_delay, *, path: Path | None = None
    ) -> None:
        self._delay = delay
        self._lock = threading.Lock()
        self._failures = 0
        self.path = path

    @property
    def failures(self) -> int:
        with self._lock:
            return max(self._failures, self._stored())

    def failed(self, sleep: Callable[[float], None]) -> int:
        with self._lock:
            count = min(max(self._failures, self._stored()) + 1, _MAX_COUNTED_FAILURES)
            self._failures = count
            self._store(count)
        seconds = self._delay(count)
        if seconds > 0:
            sleep(seconds)
        return count

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0
            if self.path is not None:
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)

    def _stored(self) -> int:
        if self.path is None:
            return 0
        try:
            with self.path.open("rb") as handle:
                data = handle.read(_MAX_ATTEMPTS_FILE_BYTES + 1)
            body = json.loads(data.decode("utf-8"))
        except (OSError, ValueError, UnicodeError, RecursionError):
            return 0
        if not isinstance(body, dict) or body.get("format") != ATTEMPTS_FORMAT:
            return 0
        count = body.get("failures")
        if type(count) is not int or not 0 <= count <= _MAX_COUNTED_FAILURES:
            return 0
        return count

    def _store(self, count: int) -> None:
        if self.path is None:
            return
        body = {"format": ATTEMPTS_FORMAT, "failures": count}
        with contextlib.suppress(OSError):  # a read-only folder: counted in this process
            if self.path.parent.is_dir():
                write_app_file(self.path, (json.dumps(body) + "\n").encode("utf-8"))


_throttles: dict[str, UnlockThrottle] = {}
_throttles_lock = threading.Lock()


def _shared_throttle(data_dir: Path) -> UnlockThrottle:
    key = os.path.normcase(os.path.abspath(data_dir))
    with _throttles_lock:
        return _throttles.setdefault(key, UnlockThrottle(path=Path(data_dir) / ATTEMPTS_NAME))


# --- integrity report --------------------------------------------------------------------


@dataclass
class IntegrityReport:
    """Result of :meth:`Vault.check` / :meth:`VaultSession.check`; ``lines`` are Dutch."""

    healthy: bool = True
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    schema_version: int = 0

    def ok(self, line: str) -> None:
        self.lines.append(line)

    def problem(self, line: str) -> None:
        self.healthy = False
        self.problems.append(line)
        self.lines.append(line)


# --- session -----------------------------------------------------------------------------


class VaultSession:
    """An unlocked vault. Hands out connections; ``close()`` closes them all and drops the key.

    ``connection`` is the connection opened at unlock (for the GUI thread).
    ``connect()`` opens another one for a worker thread: use it from that thread only and
    close it when done (``contextlib.closing``); ``close()`` closes any left open.
    """

    def __init__(
        self,
        data_dir: Path,
        key: bytearray,
        connection: Connection,
        *,
        unlocked_with: str,
    ) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self.unlocked_with = unlocked_with  # "passphrase" or "recovery"
        self._key: bytearray | None = key
        self._connection: Connection | None = connection
        self._handed_out: list[Connection] = []
        self._lock = threading.Lock()
        # Closed cases deleted at this unlock because their retention term had passed
        # (app.store.retention); None when the deletion could not run.
        self.retention_deleted: int | None = 0

    @property
    def closed(self) -> bool:
        return self._key is None

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise VaultLocked()
        return self._connection

    def connect(self) -> Connection:
        with self._lock:
            if self._key is None:
                raise VaultLocked()
            key = bytearray(self._key)  # a copy the lock cannot wipe mid-open; wiped below
        try:
            connection = db.open_database(self.db_path, key, migrate=False)
        finally:
            keyslots.wipe(key)
        with self._lock:
            if self._key is None:  # locked while we were opening
                connection.close()
                raise VaultLocked()
            self._handed_out.append(connection)
        return connection

    def check(self) -> IntegrityReport:
        report = IntegrityReport()
        _check_database(self.connection, report)
        return report

    def close(self) -> None:
        """Lock: close every connection handed out and overwrite the key in memory."""
        with self._lock:
            connections = [self._connection, *self._handed_out]
            self._connection = None
            self._handed_out = []
            key, self._key = self._key, None
        # Workers' connections first, so that nothing holds an old snapshot when the log
        # is copied into the database and truncated (no deleted rows left in -wal).
        for connection in [*connections[1:], connections[0]]:
            if connection is not None:
                if connection is connections[0]:
                    from app.store.retention import checkpoint

                    checkpoint(connection)
                with contextlib.suppress(Exception):
                    connection.close()
        if key is not None:
            for index in range(len(key)):
                key[index] = 0

    def __enter__(self) -> VaultSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_database(
    connection: Connection, report: IntegrityReport, *, pending_ok: bool = False
) -> None:
    """``pending_ok``: an older schema is fine (a read-only check; unlock will update it)."""
    try:
        cipher_rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    except Exception:  # noqa: BLE001 - any failure here means the file is not intact
        cipher_rows = [("?",)]
    if cipher_rows:
        report.problem(
            ngettext(
                "Versleuteling: {count} beschadigde of gewijzigde pagina gevonden.",
                "Versleuteling: {count} beschadigde of gewijzigde pagina's gevonden.",
                len(cipher_rows),
            ).format(count=len(cipher_rows))
        )
    else:
        report.ok(_("Versleuteling: alle pagina's zijn onbeschadigd."))
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        intact = [tuple(row) for row in rows] == [("ok",)]
    except Exception:  # noqa: BLE001
        intact = False
    if intact:
        report.ok(_("Database: de structuur is in orde."))
    else:
        report.problem(_("Database: de structuur is beschadigd."))
    try:
        fk_rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    except Exception:  # noqa: BLE001
        fk_rows = [("?",)]
    if fk_rows:
        report.problem(_("Database: er zijn verwijzingen naar gegevens die niet bestaan."))
    try:
        version = db.schema_version(connection)
        newest = max((m.version for m in db.available_migrations()), default=0)
    except Exception:  # noqa: BLE001
        version, newest = -1, 0
    report.schema_version = version
    if version == newest:
        report.ok(_("Schemaversie: {version}.").format(version=version))
    elif pending_ok and 0 < version < newest:
        line = _("Schemaversie: {version}; bij het ontgrendelen wordt dit {newest}.")
        report.ok(line.format(version=version, newest=newest))
    else:
        report.problem(
            _("Schemaversie {version}, verwacht {newest}.").format(version=version, newest=newest)
        )


# --- vault -------------------------------------------------------------------------------


class Vault:
    """The vault in ``data_dir``.

    ``kdf``: Argon2id parameters for new slots and the minimum accepted when unlocking.
    ``None`` (production) calibrates at create time to about 0.5 s, never below 64 MiB,
    t=3, p=4. Tests pass cheap parameters.
    """

    def __init__(
        self,
        data_dir: Path | str,
        kdf: KdfParams | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        throttle: UnlockThrottle | None = None,
        schema_dir: Path | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock  # stamps the key slots, migrations and audit entries
        self.kdf = kdf
        self._sleep = sleep
        self._throttle = throttle or _shared_throttle(self.data_dir)
        self._schema_dir = schema_dir
        # Seconds spent in the last successful unlock: {"kdf": ..., "rest": ...}.
        self.last_unlock_timings: dict[str, float] = {}

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keyslot_path(self) -> Path:
        return self.data_dir / KEYSLOT_NAME

    @property
    def failed_attempts(self) -> int:
        return self._throttle.failures

    def exists(self) -> bool:
        """True when any part of a vault (database or key slots) is in the folder."""
        return vault_exists(self.data_dir)

    @property
    def _minimum_kdf(self) -> KdfParams:
        return self.kdf or keyslots.PRODUCTION_MINIMUM

    # -- create ---------------------------------------------------------------------------

    def create(self, passphrase: str) -> str:
        """Create a new vault; return the recovery code (``ABCD-EFGH-…``) to show once."""
        require_strong_passphrase(passphrase)
        self.check_folder()
        if self.exists():
            raise VaultAlreadyExists()
        created_dir = self._make_data_dir()
        if self.exists():  # appeared meanwhile
            raise VaultAlreadyExists()
        params = self.kdf or keyslots.calibrate(minimum=keyslots.PRODUCTION_MINIMUM)
        data_key = bytearray(secrets.token_bytes(keyslots.DATA_KEY_BYTES))
        vault_id = secrets.token_hex(16)
        recovery_code = keyslots.generate_recovery_code()
        slot_file = KeySlotFile(vault_id)
        slot_file = slot_file.with_slot(
            keyslots.wrap(
                KIND_PASSPHRASE,
                data_key,
                keyslots.passphrase_secret(passphrase),
                params,
                vault_id,
                clock=self.clock,
            )
        )
        slot_file = slot_file.with_slot(
            keyslots.wrap(
                KIND_RECOVERY,
                data_key,
                keyslots.recovery_secret(recovery_code),
                params,
                vault_id,
                clock=self.clock,
            )
        )
        made_database = False
        try:
            connection = db.open_database(
                self.db_path, data_key, create=True, schema_dir=self._schema_dir, clock=self.clock
            )
            made_database = True
            try:
                # SQLite creates files with the umask; -wal/-shm copy the database's mode.
                with contextlib.suppress(OSError):
                    os.chmod(self.db_path, 0o600)
                audit.record(connection, "vault.created", clock=self.clock)
            finally:
                connection.close()
            keyslots.write_keyslot_file(self.keyslot_path, slot_file)
        except BaseException as error:
            if made_database:  # never a database someone else put there meanwhile
                self._remove_new_database()
            if created_dir:
                with contextlib.suppress(OSError):
                    self.data_dir.rmdir()
            if isinstance(error, VaultError):
                raise
            mapped = errors.from_os_error(error)
            if mapped is not None:
                raise mapped from None
            raise
        finally:
            for index in range(len(data_key)):
                data_key[index] = 0
        return recovery_code

    def check_folder(self) -> None:
        """Raise :class:`DataDirNoAccess` when the data folder is there but cannot be read.

        Such a folder must never look like "no vault here" (that would offer a new one).
        """
        try:
            info = os.stat(self.data_dir)
        except FileNotFoundError:
            return
        except PermissionError:
            raise DataDirNoAccess() from None
        except OSError as error:
            raise (errors.from_os_error(error) or VaultError()) from None
        if not stat.S_ISDIR(info.st_mode):
            raise VaultError(N_("De opgegeven gegevensmap is een bestand, geen map."))
        if not os.access(self.data_dir, os.R_OK | os.X_OK):
            raise DataDirNoAccess()
        try:
            with os.scandir(self.data_dir) as entries:
                for _entry in entries:
                    break
        except PermissionError:
            raise DataDirNoAccess() from None
        except OSError as error:
            raise (errors.from_os_error(error) or VaultError()) from None

    def _present(self, path: Path) -> bool:
        try:
            os.stat(path)
        except FileNotFoundError:
            return False
        except PermissionError:
            raise DataDirNoAccess() from None
        except OSError as error:
            raise (errors.from_os_error(error) or VaultError()) from None
        return True

    def _make_data_dir(self) -> bool:
        """Create the data folder (0700) if needed; True when we created it."""
        created = False
        try:
            if not self.data_dir.exists():
                self.data_dir.mkdir(mode=0o700, parents=True)
                created = True
            elif not self.data_dir.is_dir():
                raise VaultError(N_("De opgegeven gegevensmap is een bestand, geen map."))
            with contextlib.suppress(OSError):
                os.chmod(self.data_dir, 0o700)
        except OSError as error:
            raise (errors.from_os_error(error) or DataDirReadOnly()) from None
        if not os.access(self.data_dir, os.W_OK | os.X_OK):
            raise DataDirReadOnly()
        return created

    def _remove_new_database(self) -> None:
        for suffix in ("", *_DB_COMPANIONS):
            with contextlib.suppress(OSError):
                Path(f"{self.db_path}{suffix}").unlink()

    # -- unlock ---------------------------------------------------------------------------

    def _read_slots(self) -> KeySlotFile:
        self.check_folder()
        has_db = self._present(self.db_path)
        has_slots = self._present(self.keyslot_path)
        if not has_db and not has_slots:
            if self._present(Path(f"{self.db_path}-wal")):
                raise VaultIncomplete()  # only the log of a vault is left: never a new one
            raise VaultNotFound()
        if not has_slots:
            raise KeySlotFileMissing()
        slot_file = keyslots.read_keyslot_file(self.keyslot_path)
        for slot in slot_file.slots.values():
            if not slot.kdf.at_least(self._minimum_kdf):
                raise KeySlotFileDamaged()
        if not has_db:
            raise VaultDatabaseMissing()
        return slot_file

    def _open_slot(self, slot_file: KeySlotFile, kind: str, secret: bytes) -> bytearray:
        key = keyslots.unwrap(slot_file.slot(kind), secret, slot_file.vault_id)
        if key is None:
            count = self._throttle.failed(self._sleep)
            error_type = WrongPassphrase if kind == KIND_PASSPHRASE else WrongRecoveryCode
            raise error_type(failed_attempts=count)
        return key

    def _recovery_secret(self, code: str) -> bytes:
        try:
            return keyslots.recovery_secret(code)
        except WrongSecret as error:
            error.failed_attempts = self._throttle.failed(self._sleep)
            raise

    def unlock(self, passphrase: str) -> VaultSession:
        slot_file = self._read_slots()
        return self._unlock(slot_file, KIND_PASSPHRASE, keyslots.passphrase_secret(passphrase))

    def unlock_with_recovery(self, code: str) -> VaultSession:
        slot_file = self._read_slots()
        secret = self._recovery_secret(code)
        return self._unlock(slot_file, KIND_RECOVERY, secret)

    def _unlock(self, slot_file: KeySlotFile, kind: str, secret: bytes) -> VaultSession:
        started = time.perf_counter()
        key = self._open_slot(slot_file, kind, secret)
        kdf_done = time.perf_counter()
        self._throttle.succeeded()  # the secret was right, whatever the database says
        try:
            # Verifies the vault on a read-only connection before anything is written
            # (audit row, migrations): a damaged vault is refused exactly as it is.
            connection = db.open_database(
                self.db_path, key, schema_dir=self._schema_dir, clock=self.clock
            )
        except BaseException:
            for index in range(len(key)):
                key[index] = 0
            raise
        session = VaultSession(self.data_dir, key, connection, unlocked_with=kind)
        # Best effort: a full disk must not keep the advisor from reading their records.
        with contextlib.suppress(Exception):
            audit.record(
                connection,
                "vault.unlocked" if kind == KIND_PASSPHRASE else "vault.unlocked_with_recovery",
                clock=self.clock,
            )
        # open_database verified the vault's integrity above: only now may the closed cases
        # whose retention term has passed be deleted (never on a vault of unknown state).
        from app.store.retention import purge_at_unlock

        session.retention_deleted = purge_at_unlock(connection, clock=self.clock)
        self.last_unlock_timings = {
            "kdf": kdf_done - started,
            "rest": time.perf_counter() - kdf_done,
        }
        return session

    # -- change secrets -------------------------------------------------------------------

    def _params_for_new_slot(self, old: keyslots.KeySlot) -> KdfParams:
        if self.kdf is not None:
            return self.kdf
        if old.kdf.at_least(keyslots.PRODUCTION_MINIMUM):
            return old.kdf
        return keyslots.calibrate()

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrite the passphrase slot; the old passphrase stops working. Database untouched."""
        require_strong_passphrase(new)
        slot_file = self._read_slots()
        key = self._open_slot(slot_file, KIND_PASSPHRASE, keyslots.passphrase_secret(old))
        self._throttle.succeeded()
        self._replace_slot(slot_file, KIND_PASSPHRASE, key, keyslots.passphrase_secret(new))
        self._audit(key, "vault.passphrase_changed")

    def reset_passphrase(self, recovery_code: str, new: str) -> None:
        """Forgotten passphrase: set a new one with the recovery code (which stays valid)."""
        require_strong_passphrase(new)
        slot_file = self._read_slots()
        key = self._open_slot(slot_file, KIND_RECOVERY, self._recovery_secret(recovery_code))
        self._throttle.succeeded()
        self._replace_slot(slot_file, KIND_PASSPHRASE, key, keyslots.passphrase_secret(new))
        self._audit(key, "vault.passphrase_reset_with_recovery")

    def new_recovery_code(self, passphrase: str) -> str:
        """Make a new recovery code (returned, shown once); the old one stops working."""
        slot_file = self._read_slots()
        key = self._open_slot(slot_file, KIND_PASSPHRASE, keyslots.passphrase_secret(passphrase))
        self._throttle.succeeded()
        code = keyslots.generate_recovery_code()
        self._replace_slot(slot_file, KIND_RECOVERY, key, keyslots.recovery_secret(code))
        self._audit(key, "vault.recovery_code_renewed")
        return code

    def _replace_slot(
        self, slot_file: KeySlotFile, kind: str, key: bytearray, secret: bytes
    ) -> None:
        old_slot = slot_file.slots.get(kind) or slot_file.slot(KIND_PASSPHRASE)
        try:
            # Make sure this key really opens this database before we write anything.
            db.open_database(self.db_path, key, migrate=False, read_only=True).close()
            new_slot = keyslots.wrap(
                kind,
                key,
                secret,
                self._params_for_new_slot(old_slot),
                slot_file.vault_id,
                clock=self.clock,
            )
            keyslots.write_keyslot_file(self.keyslot_path, slot_file.with_slot(new_slot))
        except BaseException:
            for index in range(len(key)):
                key[index] = 0
            raise

    def _audit(self, key: bytearray, event: str) -> None:
        try:
            connection = db.open_database(self.db_path, key, migrate=False)
            try:
                audit.record(connection, event, clock=self.clock)
            finally:
                connection.close()
        except VaultError:
            pass  # the slot is written; a missing audit line must not undo that
        finally:
            for index in range(len(key)):
                key[index] = 0

    # -- check ----------------------------------------------------------------------------

    def check(
        self, *, passphrase: str | None = None, recovery_code: str | None = None
    ) -> IntegrityReport:
        """Open read-only, run every integrity check, close. Raises on a wrong secret.

        Changes nothing in the folder while the integrity is unknown: the database is opened
        read-only (no -wal/-shm are made when there is no log) and a damaged vault gets no
        audit row. Only a vault that passed gets a ``vault.checked`` row, written afterwards
        on a separate connection. Damage that stops the database from opening at all (page
        1, a file cut short, a damaged log) raises a :class:`VaultError` instead of a report.
        """
        if (passphrase is None) == (recovery_code is None):
            raise ValueError("give either a passphrase or a recovery code")
        slot_file = self._read_slots()
        if passphrase is not None:
            kind, secret = KIND_PASSPHRASE, keyslots.passphrase_secret(passphrase)
        else:
            kind, secret = KIND_RECOVERY, self._recovery_secret(recovery_code or "")
        key = self._open_slot(slot_file, kind, secret)
        self._throttle.succeeded()  # the secret was right, whatever the database says
        try:
            connection = db.open_database(self.db_path, key, migrate=False, read_only=True)
            report = IntegrityReport()
            try:
                if KIND_RECOVERY in slot_file.slots:
                    report.ok(_("Sleutelbestand: wachtwoordzin en herstelcode aanwezig."))
                else:
                    report.problem(_("Sleutelbestand: er is geen herstelcode. Maak een nieuwe."))
                _check_database(connection, report, pending_ok=True)
            finally:
                connection.close()
            with contextlib.suppress(OSError):
                if os.name == "posix" and self.data_dir.stat().st_mode & 0o077:
                    report.ok(_("Let op: ook andere gebruikers kunnen de gegevensmap openen."))
            if report.healthy:
                self._audit_checked(key)
        finally:
            for index in range(len(key)):
                key[index] = 0
        return report

    def _audit_checked(self, key: bytearray) -> None:
        """Best effort: a full disk or a read-only folder must not fail a healthy check."""
        with contextlib.suppress(VaultError):
            connection = db.open_database(self.db_path, key, migrate=False)
            try:
                with contextlib.suppress(Exception):
                    audit.record(connection, "vault.checked", "ok", clock=self.clock)
            finally:
                connection.close()
