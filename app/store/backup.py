"""Backup and restore: the whole vault in one verified, encrypted file.

A backup holds an encrypted snapshot of ``vault.db`` (SQLite's backup API into a second
database opened with the same data key, so every page stays encrypted; never an attached
database with an empty key, which would write plaintext) and the vault's
``keyslots.json``, so it opens with the same passphrase or recovery code as the vault it came
from. The container (format version :data:`FORMAT_VERSION`, documented in
``resources/schemas/backup-format.md``)::

    magic   b"VINDPLAATS-BACKUP\\x00"             18 bytes
    version uint16 big-endian                   2 bytes
    length  uint32 big-endian                   4 bytes  (manifest size, at most 64 KiB)
    manifest UTF-8 JSON                         ``length`` bytes
    members  the bytes of each member, in manifest order, back to back
    sha256   SHA-256 of everything before it    32 bytes

Every backup is read back from disk and checked before it gets its final name: the
container parsed as a restore would, the database opened with the key, ``integrity_check``,
``cipher_integrity_check`` and the row count of every table equal to the source. Temp files
(``.vindplaats-reservekopie-*.tmp``) live only beside the target and are removed on any
failure; the target is written through :func:`app.fileio.write_app_file` and an
older file of the same name survives a failed backup.

Restore checks the whole file and the secret before it writes anything. Over an existing
vault (only with ``replace=True``) the current files are moved aside into
``vorige-kluis-<time>/`` inside the data folder, and removed only after the restored vault
has opened with the secret and passed both integrity checks; on any failure they are put
back as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from app import __version__
from app.clock import SYSTEM_CLOCK, Clock
from app.core.bounded import InputError, loads_json
from app.fileio import write_app_file as write_atomic
from app.i18n import N_
from app.i18n.messages import TranslatableError
from app.store import audit, db, errors, keyslots
from app.store.db import Connection
from app.store.errors import VaultError
from app.store.keyslots import KIND_PASSPHRASE, KIND_RECOVERY, KeySlotFile
from app.store.layout import DB_NAME, KEYSLOT_NAME, vault_exists

FORMAT = "vindplaats-backup"
FORMAT_VERSION = 1
MAGIC = b"VINDPLAATS-BACKUP\x00"
_HEADER = struct.Struct(">HI")
HEADER_BYTES = len(MAGIC) + _HEADER.size
DIGEST_BYTES = 32
SUFFIX = ".vpbackup"
MEMBERS = (KEYSLOT_NAME, DB_NAME)

MAX_MANIFEST_BYTES = 64 * 1024
MAX_KEYSLOT_BYTES = 64 * 1024
MAX_DATABASE_BYTES = 2 * 1024 * 1024 * 1024
MAX_BACKUP_BYTES = HEADER_BYTES + MAX_MANIFEST_BYTES + MAX_KEYSLOT_BYTES + MAX_DATABASE_BYTES
_MAX_JSON_DEPTH = 4
_MAX_DIGITS = 12
_MAX_TABLES = 200

TEMP_PREFIX = ".vindplaats-reservekopie-"
_STALE_TEMP = re.compile(r"^\.+vindplaats-reservekopie-[0-9a-f]{16}\..*\.tmp(-wal|-shm|-journal)?$")
PREVIOUS_VAULT_PREFIX = "vorige-kluis-"
_DB_COMPANIONS = ("-wal", "-shm", "-journal")
_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
_VAULT_ID = re.compile(r"^[0-9a-f]{8,64}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# Vault settings (kv table of migration 0001) kept by this module.
KV_LAST_AT = "backup.last_verified_at"
KV_LAST_FOLDER = "backup.last_folder"
KV_REMINDER_DAYS = "backup.reminder_days"
DEFAULT_REMINDER_DAYS = 7
MIN_REMINDER_DAYS, MAX_REMINDER_DAYS = 1, 90

Progress = Callable[[int, int], None]


# --- errors ------------------------------------------------------------------------------


class BackupError(VaultError):
    default_message = N_("De reservekopie is niet gemaakt. Er is niets veranderd.")


class BackupRefused(BackupError):
    """The file is not a usable backup. Nothing was changed."""

    default_message = N_(
        "Dit bestand is geen bruikbare reservekopie van Vindplaats (leeg, beschadigd, "
        "afgebroken of een ander soort bestand). Er is niets veranderd."
    )


class BackupTooNew(BackupRefused):
    default_message = N_(
        "Deze reservekopie is gemaakt met een nieuwere versie van Vindplaats. Installeer de "
        "nieuwste versie. Er is niets veranderd."
    )


class BackupVerificationFailed(BackupError):
    default_message = N_(
        "De reservekopie klopte na het schrijven niet en is verwijderd. Probeer het opnieuw, "
        "eventueel op een andere schijf of USB-stick."
    )


class BackupTargetRefused(BackupError):
    default_message = N_(
        "Een reservekopie mag niet in de gegevensmap van de kluis staan. Kies een andere map, "
        "bij voorkeur een USB-stick of een andere schijf."
    )


class RestoreTargetOccupied(VaultError):
    default_message = N_(
        "In deze map staat al een kluis. Kies bewust voor vervangen (--replace, of bevestig in "
        "Instellingen). Er is niets veranderd."
    )


class VaultInUse(VaultError):
    default_message = N_(
        "De kluis is nog geopend in Vindplaats. Sluit Vindplaats (of vergrendel het) en "
        "probeer het opnieuw. Er is niets veranderd."
    )


class RestoreFailed(VaultError):
    default_message = N_(
        "Het terugzetten is mislukt. De kluis staat weer zoals hij was. Er is niets veranderd."
    )


class BackupWrongPassphrase(errors.WrongPassphrase):
    default_message = N_(
        "De wachtwoordzin opent deze reservekopie niet. Gebruik de wachtwoordzin die gold "
        "toen de reservekopie werd gemaakt. Er is niets veranderd."
    )


class BackupWrongRecoveryCode(errors.WrongRecoveryCode):
    default_message = N_(
        "De herstelcode opent deze reservekopie niet. Gebruik de herstelcode die gold toen de "
        "reservekopie werd gemaakt. Er is niets veranderd."
    )


# --- container ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: datetime
    vault_id: str
    schema_version: int
    tables: dict[str, int]
    members: tuple[Member, ...]
    app_version: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            "app_version": self.app_version,
            "vault_id": self.vault_id,
            "schema_version": self.schema_version,
            "tables": dict(sorted(self.tables.items())),
            "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in self.members],
        }


@dataclass(frozen=True)
class BackupContents:
    """A backup file that passed every structural check (nothing decrypted yet)."""

    manifest: Manifest
    members: dict[str, bytes]

    @property
    def keyslots(self) -> bytes:
        return self.members[KEYSLOT_NAME]

    @property
    def database(self) -> bytes:
        return self.members[DB_NAME]


def build_container(manifest: Manifest, members: dict[str, bytes]) -> bytes:
    body = json.dumps(manifest.to_json(), sort_keys=True, separators=(",", ":")).encode("ascii")
    if len(body) > MAX_MANIFEST_BYTES:
        raise BackupError()
    parts = [MAGIC, _HEADER.pack(FORMAT_VERSION, len(body)), body]
    parts.extend(members[m.name] for m in manifest.members)
    data = b"".join(parts)
    return data + hashlib.sha256(data).digest()


def parse_container(data: bytes) -> BackupContents:
    """Check a whole backup file; raise :class:`BackupRefused` (one Dutch line) if unusable.

    Bounds every size before it is used, checks the overall and per-member SHA-256 and parses
    the manifest with limits (size, depth, digits, known keys only).
    """
    if len(data) < HEADER_BYTES + DIGEST_BYTES or not data.startswith(MAGIC):
        raise BackupRefused()
    version, length = _HEADER.unpack_from(data, len(MAGIC))
    if version > FORMAT_VERSION:
        raise BackupTooNew()
    if version != FORMAT_VERSION or length > MAX_MANIFEST_BYTES:
        raise BackupRefused()
    body_end = len(data) - DIGEST_BYTES
    if hashlib.sha256(data[:body_end]).digest() != data[body_end:]:
        raise BackupRefused()
    manifest_end = HEADER_BYTES + length
    if manifest_end > body_end:
        raise BackupRefused()
    manifest = _parse_manifest(data[HEADER_BYTES:manifest_end])
    if manifest_end + sum(m.size for m in manifest.members) != body_end:
        raise BackupRefused()
    members: dict[str, bytes] = {}
    offset = manifest_end
    for member in manifest.members:
        content = data[offset : offset + member.size]
        offset += member.size
        if hashlib.sha256(content).hexdigest() != member.sha256:
            raise BackupRefused()
        members[member.name] = content
    return BackupContents(manifest, members)


def read_backup(path: Path | str) -> BackupContents:
    """Read and check a backup file from disk (see :func:`parse_container`)."""
    source = Path(path)
    try:
        with source.open("rb") as handle:
            data = handle.read(MAX_BACKUP_BYTES + 1)
    except FileNotFoundError:
        raise VaultError(N_("Het bestand van de reservekopie bestaat niet.")) from None
    except IsADirectoryError:
        raise BackupRefused() from None
    except PermissionError:
        raise VaultError(
            N_("Het bestand van de reservekopie kan niet worden gelezen: geen toegang.")
        ) from None
    except OSError:
        raise BackupRefused() from None
    if len(data) > MAX_BACKUP_BYTES:
        raise BackupRefused()
    return parse_container(data)


def _natural(value: object, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise BackupRefused()
    return value


def _ascii_text(value: object, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not value.isascii() or not pattern.match(value):
        raise BackupRefused()
    return value


def _parse_manifest(raw: bytes) -> Manifest:
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise BackupRefused() from None
    try:
        body = loads_json(
            text,
            max_bytes=MAX_MANIFEST_BYTES,
            max_depth=_MAX_JSON_DEPTH,
            max_digits=_MAX_DIGITS,
            floats=False,
        )
    except InputError:
        raise BackupRefused() from None
    expected = {
        "format",
        "format_version",
        "created_at",
        "app_version",
        "vault_id",
        "schema_version",
        "tables",
        "members",
    }
    if not isinstance(body, dict) or set(body) != expected:
        raise BackupRefused()
    if body["format"] != FORMAT or body["format_version"] != FORMAT_VERSION:
        raise BackupRefused()
    created_raw = body["created_at"]
    if not isinstance(created_raw, str) or not created_raw.isascii() or len(created_raw) > 40:
        raise BackupRefused()
    try:
        created_at = datetime.fromisoformat(created_raw)
    except ValueError:
        raise BackupRefused() from None
    if created_at.tzinfo is None:
        raise BackupRefused()
    try:
        created_at = created_at.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 pushed past the calendar by its offset (fuzz)
        raise BackupRefused() from None
    app_version = body["app_version"]
    if not isinstance(app_version, str) or not app_version.isascii() or len(app_version) > 40:
        raise BackupRefused()
    vault_id = _ascii_text(body["vault_id"], _VAULT_ID)
    schema = _natural(body["schema_version"], 9999)
    raw_tables = body["tables"]
    if not isinstance(raw_tables, dict) or len(raw_tables) > _MAX_TABLES:
        raise BackupRefused()
    tables = {
        _ascii_text(name, _TABLE_NAME): _natural(count, 10**12)
        for name, count in raw_tables.items()
    }
    raw_members = body["members"]
    if not isinstance(raw_members, list) or len(raw_members) != len(MEMBERS):
        raise BackupRefused()
    members: list[Member] = []
    for expected_name, raw_member in zip(MEMBERS, raw_members, strict=True):
        if not isinstance(raw_member, dict) or set(raw_member) != {"name", "size", "sha256"}:
            raise BackupRefused()
        if raw_member["name"] != expected_name:
            raise BackupRefused()
        limit = MAX_KEYSLOT_BYTES if expected_name == KEYSLOT_NAME else MAX_DATABASE_BYTES
        members.append(
            Member(
                expected_name,
                _natural(raw_member["size"], limit),
                _ascii_text(raw_member["sha256"], _SHA256),
            )
        )
    database = members[1]
    if database.size == 0 or database.size % 512 != 0:
        raise BackupRefused()
    return Manifest(
        created_at=created_at.astimezone(UTC),
        vault_id=vault_id,
        schema_version=schema,
        tables=tables,
        members=tuple(members),
        app_version=app_version,
    )


# --- checks on an opened database --------------------------------------------------------


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows per table (SQLite's own tables left out)."""
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    counts: dict[str, int] = {}
    for name in names:
        if not _TABLE_NAME.match(name):
            continue  # never put an unexpected name into SQL
        counts[name] = int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
    return counts


def _database_intact(connection: Connection) -> bool:
    try:
        if connection.execute("PRAGMA cipher_integrity_check").fetchall():
            return False
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except Exception:  # noqa: BLE001 - any failure here means: not intact
        return False
    return [tuple(row) for row in rows] == [("ok",)]


def _check_database_file(path: Path, key: bytes, expected: dict[str, int]) -> bool:
    """Open a copy with the key: both integrity checks clean and the row counts equal."""
    try:
        connection = db.open_database(path, key, migrate=False)
    except VaultError:
        return False
    try:
        return _database_intact(connection) and table_counts(connection) == expected
    except Exception:  # noqa: BLE001
        return False
    finally:
        connection.close()


# --- small file helpers ------------------------------------------------------------------


def _remove(path: Path) -> None:
    for suffix in ("", *_DB_COMPANIONS):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace(source: Path, target: Path, retries: int = 20) -> None:
    """``os.replace`` with the brief retry a virus scanner on Windows needs."""
    for attempt in range(retries):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == retries - 1:
                raise
            time.sleep(0.05)


def remove_stale_temp_files(folder: Path) -> int:
    """Remove temp files a killed backup left beside its target; return how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False) and _STALE_TEMP.match(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def default_backup_name(moment: datetime) -> str:
    """``vindplaats-reservekopie-2026-12-01-2014.vpbackup`` (local time, minutes)."""
    return f"vindplaats-reservekopie-{moment.astimezone():%Y-%m-%d-%H%M%S}{SUFFIX}"


# --- last backup, reminder setting (kv settings in the vault) ---------------------------


@dataclass(frozen=True)
class LastBackup:
    at: datetime
    folder: str


def _kv_get(connection: Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _kv_set(connection: Connection, values: dict[str, str]) -> None:
    with connection:
        connection.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )


def last_backup(connection: Connection) -> LastBackup | None:
    """When and into which folder the last verified backup was made (no file content)."""
    raw = _kv_get(connection, KV_LAST_AT)
    if raw is None or len(raw) > 40:
        return None
    try:
        at = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return LastBackup(at=at, folder=_kv_get(connection, KV_LAST_FOLDER) or "")


def record_last_backup(connection: Connection, at: datetime, folder: Path | str) -> None:
    _kv_set(
        connection,
        {
            KV_LAST_AT: at.astimezone(UTC).isoformat(timespec="seconds"),
            KV_LAST_FOLDER: str(folder),
        },
    )


def reminder_days(connection: Connection) -> int:
    raw = _kv_get(connection, KV_REMINDER_DAYS)
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > 3:
        return DEFAULT_REMINDER_DAYS
    return max(MIN_REMINDER_DAYS, min(MAX_REMINDER_DAYS, int(raw)))


class ReminderDaysError(TranslatableError, ValueError):
    """A reminder period out of range; ``str(error)`` translates when shown."""


def set_reminder_days(connection: Connection, days: int) -> None:
    if not MIN_REMINDER_DAYS <= days <= MAX_REMINDER_DAYS:
        raise ReminderDaysError(
            N_("Kies een aantal dagen van {low} tot en met {high}."),
            low=MIN_REMINDER_DAYS,
            high=MAX_REMINDER_DAYS,
        )
    _kv_set(connection, {KV_REMINDER_DAYS: str(days)})


def backup_overdue(last: LastBackup | None, today, days: int) -> bool:
    """True when there is no verified backup, or the last one is more than ``days`` old."""
    if last is None:
        return True
    return (today - last.at.astimezone().date()).days > days


# --- making a backup ---------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    created_at: datetime
    size: int
    tables: dict[str, int] = field(default_factory=dict)


def session_key(session: Any) -> bytes:
    """The data key of an unlocked :class:`~app.store.vault.VaultSession` (a copy)."""
    with session._lock:
        key = session._key
        if key is None:
            raise errors.VaultLocked()
        return bytes(key)


def make_backup(
    session: Any,
    out: Path | str,
    *,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress | None = None,
) -> BackupResult:
    """Write a verified backup of the unlocked vault ``session`` to the file ``out``.

    Runs in the calling thread with its own connection (``session.connect()``), so call it
    from a worker. ``progress(done, 100)`` may raise to cancel; the partial files are removed
    and the exception is raised again. Raises :class:`VaultError` subclasses (Dutch text).
    """
    target = Path(out).absolute()
    data_dir = Path(session.data_dir)
    if _inside(target, data_dir) or _inside(data_dir, target):
        raise BackupTargetRefused()
    if target.is_dir():
        raise BackupError(N_("Kies een bestandsnaam voor de reservekopie, geen map."))
    if not target.parent.is_dir():
        raise BackupError(N_("De map voor de reservekopie bestaat niet."))

    def report(done: int) -> None:
        if progress is not None:
            progress(done, 100)

    report(0)
    remove_stale_temp_files(target.parent)
    token = secrets.token_hex(8)
    snapshot = target.parent / f"{TEMP_PREFIX}{token}.snapshot.tmp"
    staging = target.parent / f"{TEMP_PREFIX}{token}.verify.tmp"
    check_copy = target.parent / f"{TEMP_PREFIX}{token}.check.tmp"
    key = session_key(session)
    connection = session.connect()
    try:
        created_at = clock.now().astimezone(UTC).replace(microsecond=0)
        source_counts, database = _snapshot(connection, snapshot, key, progress)
        report(40)
        keyslot_bytes = (data_dir / KEYSLOT_NAME).read_bytes()
        slot_file = KeySlotFile.from_bytes(keyslot_bytes)
        manifest = Manifest(
            created_at=created_at,
            vault_id=slot_file.vault_id,
            schema_version=db.schema_version(connection),
            tables=source_counts,
            members=tuple(
                Member(name, len(content), hashlib.sha256(content).hexdigest())
                for name, content in ((KEYSLOT_NAME, keyslot_bytes), (DB_NAME, database))
            ),
            app_version=__version__,
        )
        container = build_container(manifest, {KEYSLOT_NAME: keyslot_bytes, DB_NAME: database})
        del database
        _remove(snapshot)
        report(55)
        write_atomic(staging, container, mode=0o600)
        size = len(container)
        del container
        report(70)
        _verify_written(staging, check_copy, key, manifest)
        report(95)
        _replace(staging, target)
        _fsync_dir(target.parent)
        with contextlib.suppress(Exception):  # the backup exists; a full disk must not undo it
            record_last_backup(connection, created_at, target.parent)
            audit.record(
                connection, "vault.backup_made", f"schema={manifest.schema_version}", clock=clock
            )
        report(100)
        return BackupResult(target, created_at, size, dict(source_counts))
    except VaultError:
        raise
    except OSError as error:
        raise _target_error(error) from None
    except sqlcipher3.Error:
        # Locked meanwhile (the session closed our connection), or the database refused.
        raise (errors.VaultLocked() if session.closed else BackupError()) from None
    finally:
        for path in (snapshot, staging, check_copy):
            _remove(path)
        connection.close()
        del key


def _target_error(error: BaseException) -> VaultError:
    """One line for a failed write into the folder the user chose (no temp file names)."""
    mapped = errors.from_os_error(error)
    if isinstance(mapped, errors.DiskFull):
        return mapped
    if isinstance(mapped, errors.DataDirReadOnly):
        return BackupError(
            N_(
                "In de gekozen map kan niet worden geschreven (alleen-lezen of geen toegang). "
                "Kies een andere map."
            )
        )
    return BackupError()


def _snapshot(
    connection: Connection, snapshot: Path, key: bytes, progress: Progress | None
) -> tuple[dict[str, int], bytes]:
    """An encrypted copy of the database and its row counts, both from one moment.

    SQLite's backup API copies the pages into a second database opened with the same key
    (so every page stays encrypted), inside one read transaction on the source that also
    counts the rows: writers may go on meanwhile, the copy and its counts stay consistent.
    """
    target = db.open_database(snapshot, key, create=True, migrate=False)
    try:
        with contextlib.suppress(OSError):
            os.chmod(snapshot, 0o600)
        connection.execute("BEGIN")
        try:
            counts = table_counts(connection)

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(5 + 35 * (total - remaining) // max(total, 1), 100)

            connection.backup(target, pages=256, progress=step)
        finally:
            if connection.in_transaction:
                connection.rollback()
    except sqlcipher3.Error as error:
        raise _target_error(error) from None
    finally:
        target.close()
    _remove_companions(snapshot)
    return counts, snapshot.read_bytes()


def _remove_companions(path: Path) -> None:
    for suffix in _DB_COMPANIONS:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _verify_written(staging: Path, check_copy: Path, key: bytes, manifest: Manifest) -> None:
    """Read the written file back from disk and check it as a restore would."""
    try:
        contents = read_backup(staging)
        write_atomic(check_copy, contents.database, mode=0o600)
        slot_file = KeySlotFile.from_bytes(contents.keyslots)
        ok = (
            contents.manifest == manifest
            and slot_file.vault_id == manifest.vault_id
            and _check_database_file(check_copy, key, manifest.tables)
        )
    except (VaultError, OSError):
        ok = False
    if not ok:
        raise BackupVerificationFailed()


# --- restore -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    created_at: datetime
    replaced: bool
    tables: dict[str, int]


def vault_in_use(data_dir: Path) -> bool:
    """True when another process has the vault open (SQLite holds a lock in ``-shm``).

    Checks SQLite's "dead man switch" byte of the WAL index (offset 128 of ``vault.db-shm``),
    which every open connection holds shared. POSIX only; on Windows an open vault cannot be
    renamed, which the restore reports the same way.
    """
    shm = data_dir / f"{DB_NAME}-shm"
    if os.name != "posix" or not shm.exists():
        return False
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128, os.SEEK_SET)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128, os.SEEK_SET)
        return False
    finally:
        os.close(fd)


def recover_interrupted_restore(data_dir: Path | str) -> str | None:
    """Finish or undo a restore that was killed midway; return what was done (or None).

    The steps of a restore are ordered so that the folder tells how far it got: the current
    files are moved into ``vorige-kluis-*`` first, then the checked database and key slots
    are placed. Both placed: the restored vault is complete (it passed its checks before it
    was placed), so the kept-aside vault is removed. Otherwise the kept-aside files go back.
    Call with no vault open on ``data_dir``.
    """
    folder = Path(data_dir)
    try:
        asides = sorted(
            entry
            for entry in folder.iterdir()
            if entry.is_dir() and entry.name.startswith(PREVIOUS_VAULT_PREFIX)
        )
    except OSError:
        return None
    outcome: str | None = None
    for aside in asides:
        try:
            if not any(aside.iterdir()):  # killed before the first file was moved
                aside.rmdir()
                outcome = "undone"
                continue
            if (folder / DB_NAME).is_file() and (folder / KEYSLOT_NAME).is_file():
                shutil.rmtree(aside)
                outcome = "finished"
                continue
            for kept in sorted(aside.iterdir()):
                if kept.name in (KEYSLOT_NAME, DB_NAME, *(DB_NAME + s for s in _DB_COMPANIONS)):
                    os.replace(kept, folder / kept.name)
            aside.rmdir()
            _fsync_dir(folder)
            outcome = "undone"
        except OSError:
            raise RestoreFailed(
                N_(
                    "Een eerder afgebroken terugzetting kon niet worden afgerond. De vorige kluis "
                    "staat in de map {folder}. Neem contact op met uw ICT-ondersteuning."
                ),
                folder=aside.name,
            ) from None
    return outcome


def restore_backup(
    backup_file: Path | str,
    data_dir: Path | str,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    replace: bool = False,
    minimum_kdf: keyslots.KdfParams = keyslots.PRODUCTION_MINIMUM,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress | None = None,
) -> RestoreResult:
    """Place the vault of ``backup_file`` in ``data_dir``; see the module text for the steps.

    Give exactly one of ``passphrase`` / ``recovery_code`` (the secret of the backup's vault).
    No vault may be open on ``data_dir`` (lock the GUI first).
    """
    if (passphrase is None) == (recovery_code is None):
        raise ValueError("give either a passphrase or a recovery code")
    folder = Path(data_dir).absolute()

    def report(done: int) -> None:
        if progress is not None:
            progress(done, 100)

    report(0)
    contents = read_backup(backup_file)
    newest = max((m.version for m in db.available_migrations()), default=0)
    if contents.manifest.schema_version > newest:
        raise BackupTooNew()
    try:
        slot_file = KeySlotFile.from_bytes(contents.keyslots)
    except VaultError:
        raise BackupRefused() from None
    if slot_file.vault_id != contents.manifest.vault_id or not all(
        slot.kdf.at_least(minimum_kdf) for slot in slot_file.slots.values()
    ):
        raise BackupRefused()
    if folder.is_dir():
        recover_interrupted_restore(folder)
    occupied = vault_exists(folder)
    if folder.exists() and not folder.is_dir():
        raise VaultError(N_("De opgegeven gegevensmap is een bestand, geen map."))
    if occupied and not replace:
        raise RestoreTargetOccupied()
    if occupied and vault_in_use(folder):
        raise VaultInUse()
    report(10)
    key = _unwrap(slot_file, passphrase, recovery_code)
    report(40)
    if folder.is_dir():
        remove_stale_temp_files(folder)  # left by a restore that was killed
    created_dir = False
    token = secrets.token_hex(8)
    staged_db = folder / f"{TEMP_PREFIX}{token}.vault.tmp"
    staged_slots = folder / f"{TEMP_PREFIX}{token}.keyslots.tmp"
    aside: Path | None = None
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)
            created_dir = True
        write_atomic(staged_db, contents.database, mode=0o600)
        write_atomic(staged_slots, contents.keyslots, mode=0o600)
        if not _check_database_file(staged_db, bytes(key), contents.manifest.tables):
            raise BackupRefused()
        report(60)
        if occupied:
            aside = (
                folder / f"{PREVIOUS_VAULT_PREFIX}{clock.now().astimezone():%Y%m%d-%H%M%S}-{token}"
            )
            aside.mkdir(mode=0o700)
            for name in (KEYSLOT_NAME, DB_NAME, *(DB_NAME + s for s in _DB_COMPANIONS)):
                if (folder / name).exists():
                    try:
                        os.rename(folder / name, aside / name)
                    except PermissionError:  # Windows: the file is open elsewhere
                        raise VaultInUse() from None
                    moved.append((folder / name, aside / name))
        _replace(staged_db, folder / DB_NAME)
        placed.append(folder / DB_NAME)
        _replace(staged_slots, folder / KEYSLOT_NAME)
        placed.append(folder / KEYSLOT_NAME)
        _fsync_dir(folder)
        report(75)
        tables = _final_check(
            folder, passphrase, recovery_code, contents, Path(backup_file), clock=clock
        )
        report(95)
    except BaseException as error:
        for path in placed:
            _remove(path)
        for original, kept in reversed(moved):
            with contextlib.suppress(OSError):
                os.rename(kept, original)
        if aside is not None:
            with contextlib.suppress(OSError):
                aside.rmdir()
        _remove(staged_db)
        _remove(staged_slots)
        if created_dir:
            with contextlib.suppress(OSError):
                folder.rmdir()
        _fsync_dir(folder)
        if isinstance(error, VaultError):
            raise
        if isinstance(error, OSError):
            raise (errors.from_os_error(error) or RestoreFailed()) from None
        if isinstance(error, Exception):
            raise RestoreFailed() from None
        raise
    finally:
        for index in range(len(key)):
            key[index] = 0
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    report(100)
    return RestoreResult(folder, contents.manifest.created_at, occupied, tables)


def check_backup_secret(
    contents: BackupContents,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
) -> None:
    """Raise the wrong-secret error unless the secret opens this backup (nothing is written).

    Lets the GUI ask again before it locks the vault for a restore.
    """
    try:
        slot_file = KeySlotFile.from_bytes(contents.keyslots)
    except VaultError:
        raise BackupRefused() from None
    key = _unwrap(slot_file, passphrase, recovery_code)
    for index in range(len(key)):
        key[index] = 0


def same_vault(contents: BackupContents, data_dir: Path | str) -> bool | None:
    """Whether the backup comes from the vault in ``data_dir`` (None: no readable vault there)."""
    try:
        current = keyslots.read_keyslot_file(Path(data_dir) / KEYSLOT_NAME)
    except VaultError:
        return None
    return current.vault_id == contents.manifest.vault_id


def _unwrap(slot_file: KeySlotFile, passphrase: str | None, recovery_code: str | None) -> bytearray:
    if passphrase is not None:
        key = keyslots.unwrap(
            slot_file.slot(KIND_PASSPHRASE),
            keyslots.passphrase_secret(passphrase),
            slot_file.vault_id,
        )
        if key is None:
            raise BackupWrongPassphrase()
        return key
    secret = keyslots.recovery_secret(recovery_code or "")
    slot = slot_file.slots.get(KIND_RECOVERY)
    key = None if slot is None else keyslots.unwrap(slot, secret, slot_file.vault_id)
    if key is None:
        raise BackupWrongRecoveryCode()
    return key


def _final_check(
    folder: Path,
    passphrase: str | None,
    recovery_code: str | None,
    contents: BackupContents,
    backup_file: Path,
    *,
    clock: Clock,
) -> dict[str, int]:
    """The placed vault opens with the secret and passes both integrity checks."""
    slot_file = keyslots.read_keyslot_file(folder / KEYSLOT_NAME)
    key = _unwrap(slot_file, passphrase, recovery_code)
    try:
        connection = db.open_database(folder / DB_NAME, key, migrate=False)
    except BaseException:
        for index in range(len(key)):
            key[index] = 0
        raise
    try:
        if not _database_intact(connection):
            raise RestoreFailed()
        tables = table_counts(connection)
        if tables != contents.manifest.tables:
            raise RestoreFailed()
        with contextlib.suppress(Exception):
            # The restored backup is itself a verified backup: the reminder counts from it.
            record_last_backup(connection, contents.manifest.created_at, backup_file.parent)
            audit.record(
                connection,
                "vault.restored",
                f"schema={contents.manifest.schema_version}",
                clock=clock,
            )
        return tables
    finally:
        connection.close()
        for index in range(len(key)):
            key[index] = 0
