"""The one place that opens the vault database.

``open_database`` sets the raw key before anything else (SQLCipher 4.7+ requires it). The
key goes to SQLCipher through ``Connection.set_key`` (``sqlite3_key``) as the raw-key form
``x'<64 hex digits>'``, built in a ``bytearray`` that is overwritten as soon as SQLCipher has
copied it: no Python string of the key is ever made (``PRAGMA key`` would need one, and the
SQL text too). Then it asserts the settings the security model depends on and refuses the
connection otherwise:

- ``cipher_version`` 4.x;
- ``cipher_memory_security`` ON: SQLCipher wipes (and locks, where it may) the memory it
  frees, key material and decrypted pages included. The setting is for the whole process and
  cannot be switched off again; it is switched on before the first key is set;
- ``temp_store`` MEMORY (2): FILE would write plaintext temp files;
- ``synchronous`` FULL (2), ``foreign_keys`` ON, ``journal_mode`` WAL;
- ``secure_delete`` ON (1): deleted rows are overwritten with zeros, not just marked free
  (app.store.retention also truncates the write-ahead log after a deletion and on lock).

An existing vault is never taken for a new one: ``create=True`` only makes a file that is
not there yet, and without it a file that is not whole pages, or a database without tables,
is damage (:class:`VaultIncomplete`). Opening a vault to unlock it first checks it on a
read-only connection (the write-ahead log, ``quick_check``), so
a damaged vault is refused before an audit row or a migration touches it. SQLCipher's own
log lines are switched off (``PRAGMA cipher_log_level = NONE``): our errors say it in one
line.

Migrations are plain SQL files ``schema/NNNN_name.sql`` applied in numeric order, each in its
own transaction together with its row in ``schema_version``. A migration file must not contain
transaction statements (BEGIN/COMMIT) of its own.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from app.clock import SYSTEM_CLOCK, Clock
from app.store import errors, wal
from app.store.errors import (
    DataDirNoAccess,
    DataDirReadOnly,
    MigrationFailed,
    NotAVault,
    SchemaTooNew,
    UnsafeConnection,
    VaultAlreadyExists,
    VaultDatabaseMissing,
    VaultError,
    VaultIncomplete,
    VaultTampered,
    WalDamaged,
)

Connection = Any  # sqlcipher3.Connection: sqlite3-compatible, untyped

SCHEMA_DIR = Path(__file__).resolve().with_name("schema")
KEY_BYTES = 32
PAGE_BYTES = 4096  # SQLCipher 4's page size: a vault file is always whole pages
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_PLAINTEXT_SQLITE_HEADER = b"SQLite format 3\x00"

# What every connection must have; read back after setting.
REQUIRED_SETTINGS: dict[str, object] = {
    "temp_store": 2,
    "synchronous": 2,
    "foreign_keys": 1,
    "journal_mode": "wal",
    "cipher_memory_security": "1",
    "secure_delete": 1,
}
_HEX_DIGITS = b"0123456789abcdef"
_memory_security_on = False


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def open_database(
    path: Path | str,
    key: bytes | bytearray,
    *,
    create: bool = False,
    migrate: bool = True,
    schema_dir: Path | None = None,
    read_only: bool = False,
    verify: bool | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Connection:
    """Open the vault database with ``key`` (32 raw bytes) and return a checked connection.

    ``create=True`` makes a new database and refuses a file that is already there (of any
    size). ``create=False`` refuses a missing file, a file that is not whole pages, and a
    database without tables: an existing vault is never turned into a new, empty one.

    ``verify`` (default: when migrating an existing vault) first checks the vault on a
    read-only connection (write-ahead log, ``quick_check``) and
    raises :class:`VaultTampered` before anything is written; migrations only run on a
    vault that passed.

    ``read_only=True`` opens without the right to write, and without creating the log files
    when there is no log (SQLite's ``immutable``), so nothing in the folder changes.

    Connections are opened with ``check_same_thread=False`` so a session can close them on
    lock; still use each connection from one thread at a time.
    """
    db_path = Path(path)
    if len(key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    if create:
        if read_only:
            raise ValueError("cannot create a read-only database")
        return _create_database(db_path, key, migrate=migrate, schema_dir=schema_dir, clock=clock)
    verifying = verify if verify is not None else migrate and not read_only
    # The log is read when the vault is opened to be unlocked or checked; a worker's extra
    # connection in an unlocked session skips it (verified at unlock, and being written).
    preflight(db_path, check_log=verifying or read_only)
    if verifying:
        checker = _connect(db_path, key, read_only=True, create=False)
        try:
            verify_integrity(checker)
        finally:
            checker.close()
    connection = _connect(db_path, key, read_only=read_only, create=False)
    try:
        if migrate and not read_only:
            try:
                run_migrations(connection, schema_dir, clock=clock)
            except sqlcipher3.Error as error:
                raise _vault_error_for(error, db_path) from None
    except BaseException:
        connection.close()
        raise
    return connection


def _create_database(
    db_path: Path,
    key: bytes | bytearray,
    *,
    migrate: bool,
    schema_dir: Path | None,
    clock: Clock,
) -> Connection:
    _create_empty_file(db_path)
    connection = None
    try:
        connection = _connect(db_path, key, read_only=False, create=True)
        if migrate:
            run_migrations(connection, schema_dir, clock=clock)
    except BaseException as error:
        if connection is not None:
            with contextlib.suppress(sqlcipher3.Error):
                connection.close()
        _remove_new_file(db_path)  # made by us a moment ago, exclusively
        if isinstance(error, sqlcipher3.Error):
            raise _vault_error_for(error, db_path) from None
        raise
    return connection


def _create_empty_file(db_path: Path) -> None:
    """The new database file, made exclusively: never one that is already there."""
    for companion in (db_path, Path(f"{db_path}-wal")):
        if os.path.lexists(companion):
            raise VaultAlreadyExists()
    try:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise VaultAlreadyExists() from None
    except OSError as error:
        raise (errors.from_os_error(error) or VaultError()) from None
    os.close(fd)


def _remove_new_file(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{db_path}{suffix}").unlink()


def preflight(db_path: Path, *, check_log: bool = True) -> None:
    """Refuse, before SQLite sees it, a database file that cannot be a whole vault.

    SQLite treats a file shorter than one page as an empty database and would happily make
    a new vault in it; a SQLCipher vault is always whole pages of :data:`PAGE_BYTES`.
    Also looks at the write-ahead log (:mod:`app.store.wal`).
    """
    try:
        info = db_path.stat()
    except FileNotFoundError:
        raise VaultDatabaseMissing() from None
    except PermissionError:
        raise DataDirNoAccess() from None
    except OSError as error:
        raise (errors.from_os_error(error) or VaultError()) from None
    if not stat.S_ISREG(info.st_mode):
        raise NotAVault()
    try:
        with db_path.open("rb") as handle:
            head = handle.read(len(_PLAINTEXT_SQLITE_HEADER))
    except PermissionError:
        raise DataDirNoAccess() from None
    except OSError as error:
        raise (errors.from_os_error(error) or VaultError()) from None
    if head == _PLAINTEXT_SQLITE_HEADER:
        raise NotAVault()
    if info.st_size < PAGE_BYTES or info.st_size % PAGE_BYTES:
        raise VaultIncomplete()
    if not check_log:
        return
    try:
        damaged_log = wal.wal_is_damaged(Path(f"{db_path}-wal"))
    except PermissionError:
        raise DataDirNoAccess() from None
    except OSError as error:
        raise (errors.from_os_error(error) or VaultError()) from None
    if damaged_log:
        raise WalDamaged()


def _connect(db_path: Path, key: bytes | bytearray, *, read_only: bool, create: bool) -> Connection:
    enable_memory_security()
    try:
        if read_only:
            # Without a log there is nothing to read but the file: ``immutable`` then creates
            # no -wal/-shm. With a log, ``mode=ro`` reads it (and may add the -shm index).
            has_log = os.path.exists(f"{db_path}-wal")
            uri = db_path.absolute().as_uri() + ("?mode=ro" if has_log else "?immutable=1")
            connection = sqlcipher3.connect(uri, uri=True, check_same_thread=False)
        else:
            connection = sqlcipher3.connect(str(db_path), check_same_thread=False)
    except sqlcipher3.Error as error:
        raise _vault_error_for(error, db_path) from None
    try:
        _set_key(connection, key)
        version = _cipher_version(connection)
        if not version.startswith("4."):
            raise UnsafeConnection()
        _quiet(connection)
        _probe(connection, db_path)
        _apply_settings(connection, read_only=read_only)
        verify_settings(connection, read_only=read_only)
        if not create:
            try:
                empty = schema_version(connection) == 0
            except sqlcipher3.Error as error:
                raise _vault_error_for(error, db_path) from None
            if empty:
                raise VaultIncomplete()
    except BaseException:
        connection.close()
        raise
    return connection


def _set_key(connection: Connection, key: bytes | bytearray) -> None:
    """Give SQLCipher the raw key; the only copy we make is wiped before we return."""
    raw_key = raw_key_literal(key)
    try:
        connection.set_key(raw_key)
    finally:
        wipe(raw_key)


def raw_key_literal(key: bytes | bytearray) -> bytearray:
    """``x'<hex>'`` in a new ``bytearray`` (SQLCipher's raw-key form), without any ``str``."""
    literal = bytearray(3 + 2 * len(key))
    literal[0], literal[1], literal[-1] = ord("x"), ord("'"), ord("'")
    for index, byte in enumerate(key):
        literal[2 + 2 * index] = _HEX_DIGITS[byte >> 4]
        literal[3 + 2 * index] = _HEX_DIGITS[byte & 0x0F]
    return literal


def wipe(buffer: bytearray) -> None:
    """Overwrite ``buffer`` with zeros, in place."""
    buffer[:] = bytes(len(buffer))


def enable_memory_security() -> None:
    """Switch SQLCipher's memory wiping on for this process, before the first key is set."""
    global _memory_security_on
    if _memory_security_on:
        return
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_memory_security = ON").fetchall()
    finally:
        probe.close()
    _memory_security_on = True


def _quiet(connection: Connection) -> None:
    """SQLCipher's own ``ERROR CORE`` lines must not reach the terminal (process-wide).

    Our messages say what happened in one line; the raw lines would only confuse.
    """
    with contextlib.suppress(sqlcipher3.Error):
        connection.execute("PRAGMA cipher_log_level = NONE").fetchall()


def _cipher_version(connection: Connection) -> str:
    row = connection.execute("PRAGMA cipher_version").fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def _probe(connection: Connection, db_path: Path) -> None:
    """First real read: a wrong key or a foreign file fails here."""
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.Error as error:
        raise _vault_error_for(error, db_path) from None


def _apply_settings(connection: Connection, *, read_only: bool = False) -> None:
    try:
        connection.execute("PRAGMA cipher_memory_security = ON").fetchall()
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON").fetchall()
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL").fetchall()
    except sqlcipher3.Error as error:
        raise _vault_error_for(error, None) from None


def read_settings(connection: Connection) -> dict[str, object]:
    """The current values of :data:`REQUIRED_SETTINGS` on ``connection``."""
    values: dict[str, object] = {}
    for name in REQUIRED_SETTINGS:
        row = connection.execute(f"PRAGMA {name}").fetchone()
        value = row[0] if row else None
        values[name] = value.lower() if isinstance(value, str) else value
    return values


def verify_settings(connection: Connection, *, read_only: bool = False) -> None:
    """Refuse the connection unless every required setting is in force.

    A read-only connection writes no journal, so its journal mode does not matter.
    """
    if not _cipher_version(connection).startswith("4."):
        raise UnsafeConnection()
    values = read_settings(connection)
    for name, expected in REQUIRED_SETTINGS.items():
        if read_only and name == "journal_mode":
            continue
        if values.get(name) != expected:
            raise UnsafeConnection()


def integrity_problems(
    connection: Connection, *, full: bool = False, cipher: bool = True
) -> list[str]:
    """What SQLite and SQLCipher find wrong (empty when intact); never raises for damage.

    ``cipher``: ``cipher_integrity_check``, the HMAC of every page in the file, free ones
    too. ``quick_check`` (``full``: ``integrity_check``, which also compares each index with
    its table) checks the structure, and decrypting each page it reads checks that page's
    HMAC as well. Measured on a vault of 10,000 rows (1.4 MB, 360 pages) on a quiet machine:
    cipher 9 ms, quick 20 ms, integrity 28 ms (three to four times that on a loaded one).
    """
    problems: list[str] = []
    if cipher:
        try:
            cipher_rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        except sqlcipher3.Error:
            cipher_rows = [("?",)]
        if cipher_rows:
            problems.append("cipher")
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        intact = [tuple(row) for row in rows] == [("ok",)]
    except sqlcipher3.Error:
        intact = False
    if not intact:
        problems.append("structure")
    return problems


def verify_integrity(connection: Connection) -> None:
    """Raise :class:`VaultTampered` unless the structure (and so every page in use) is intact.

    The check before an unlock writes: ``quick_check`` reads, decrypts and so HMAC-checks
    every page of every table and index and the free-list trunk. It leaves out
    ``cipher_integrity_check``, which would add only the free leaf pages (never read back:
    SQLite overwrites them when it reuses them) for about half as much time again; ``vault
    check`` runs it.
    """
    if integrity_problems(connection, cipher=False):
        raise VaultTampered()


def _vault_error_for(error: BaseException, db_path: Path | None) -> VaultError:
    if isinstance(error, VaultError):
        return error
    mapped = errors.from_os_error(error)
    if mapped is not None:
        return mapped
    message = str(error).lower()
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        if db_path is not None and _looks_foreign(db_path):
            return NotAVault()
        return VaultTampered()
    if "unable to open" in message and db_path is not None:
        if not os.access(db_path.parent, os.R_OK | os.X_OK):
            return DataDirNoAccess()
        if not os.access(db_path.parent, os.W_OK):
            return DataDirReadOnly()
    return VaultError()


def _looks_foreign(db_path: Path) -> bool:
    """A plaintext SQLite file or something that is not made of whole pages."""
    try:
        size = db_path.stat().st_size
        with db_path.open("rb") as handle:
            head = handle.read(len(_PLAINTEXT_SQLITE_HEADER))
    except OSError:
        return True
    return head == _PLAINTEXT_SQLITE_HEADER or size == 0 or size % 1024 != 0


# --- migrations ---------------------------------------------------------------------------


def available_migrations(schema_dir: Path | None = None) -> list[Migration]:
    folder = schema_dir or SCHEMA_DIR
    found: dict[int, Migration] = {}
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationFailed(f"Onbekend bestand in de schemamap: {path.name}")
        version = int(match.group(1))
        if version in found:
            raise MigrationFailed(f"Twee schemabestanden met nummer {version:04d}.")
        found[version] = Migration(version, match.group(2), path)
    return [found[number] for number in sorted(found)]


def applied_versions(connection: Connection) -> set[int]:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return set()
    return {int(row[0]) for row in connection.execute("SELECT version FROM schema_version")}


def schema_version(connection: Connection) -> int:
    """The highest applied migration number (0 for an empty database)."""
    return max(applied_versions(connection), default=0)


def run_migrations(
    connection: Connection, schema_dir: Path | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> list[int]:
    """Apply every migration not yet applied, in numeric order; return their numbers.

    ``clock`` stamps ``applied_at``."""
    migrations = available_migrations(schema_dir)
    applied = applied_versions(connection)
    newest_known = max((m.version for m in migrations), default=0)
    if applied and max(applied) > newest_known:
        raise SchemaTooNew()
    pending = [m for m in migrations if m.version not in applied]
    if not pending:
        return []
    if not applied:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        connection.commit()
    done: list[int] = []
    for migration in pending:
        _apply_migration(connection, migration, clock.now())
        done.append(migration.version)
    return done


def _apply_migration(connection: Connection, migration: Migration, at: datetime) -> None:
    sql = migration.path.read_text(encoding="utf-8")
    applied_at = at.isoformat(timespec="seconds")
    # executescript takes no parameters; version, name (matched [a-z0-9_]+) and the
    # timestamp are our own values.
    script = (
        "BEGIN IMMEDIATE;\n"
        f"{sql}\n;\n"
        "INSERT INTO schema_version (version, name, applied_at) "
        f"VALUES ({migration.version}, '{migration.name}', '{applied_at}');\n"
        "COMMIT;\n"
    )
    try:
        connection.executescript(script)
    except sqlcipher3.Error as error:
        if connection.in_transaction:
            connection.rollback()
        mapped = errors.from_os_error(error)
        if mapped is not None:
            raise mapped from None
        raise MigrationFailed(
            f"De kluis kon niet worden bijgewerkt (stap {migration.version:04d}). "
            "De kluis is niet veranderd."
        ) from None
    finally:
        if connection.in_transaction:
            connection.rollback()
