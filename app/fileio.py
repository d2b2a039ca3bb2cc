"""Every file the app writes: temp file in the same folder, flush, fsync, replace.

Two entry points, so that no caller can forget the guard:

- :class:`UserFiles` writes what the *user* chose a place for (exports, letters, merges,
  handouts, backups). It refuses any target in a vault's data folder — ``vault.db`` and its
  ``-wal``/``-shm``/``-journal``, ``keyslots.json``, ``voorkeuren.json``,
  ``unlock_attempts.json``, the log — before a single byte is written. The CLI and the GUI
  build one with the data folder they use.
- :func:`write_app_file` writes the app's *own* files (key slots, preferences, the catalog
  cache), which do live in the data folder. Nothing else calls it.

The old file survives any failure. Temp files are named ``.<target>.<random>.vindplaats-tmp``,
created 0600 (``mkstemp``, whatever the umask), removed after any failed write, and swept at
start (:func:`remove_stale_temp_files`) in case the process was killed inside the window.
On Windows a virus scanner or indexer may hold the target for a moment, so ``os.replace`` is
retried for about a second before we give up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from app.i18n import N_
from app.i18n.messages import Message, TranslatableError

TEMP_SUFFIX = ".vindplaats-tmp"
REPLACE_TIMEOUT = 1.0  # seconds of retrying os.replace while another program holds the target
STALE_AFTER = 60.0  # a temp file this old belongs to no running write
# The writer before TEMP_SUFFIX: ".<name>.<8 random>.tmp" (mkstemp). Swept in the data folder only.
_LEGACY_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class WriteError(TranslatableError, OSError):
    """Writing failed; one marked line for the user (``error.message``, ``error.params``),
    translated by ``str(error)`` when shown. The old file is kept."""


class ProtectedTargetError(WriteError):
    """The target is a vault's own file or lies in a vault's data folder; nothing was written."""


# --- writing ---------------------------------------------------------------------------------


def write_app_file(path: Path | str, data: bytes, *, mode: int = 0o600) -> None:
    """The app's own files only (key slots, preferences, catalog cache): no target guard."""
    _write(Path(path), data, mode=mode)


class UserFiles:
    """Writes the files the user chose a place for, never into a vault's data folder.

    ``data_dirs`` are the data folders in use (the CLI's ``--data-dir``, the GUI's folder, a
    demo folder); the user's default data folder is always added. ``remember_folder`` is told
    the folder of each target *before* the temp file exists, so the next start can sweep it.
    """

    def __init__(
        self,
        *data_dirs: Path,
        remember_folder: Callable[[Path], None] | None = None,
    ) -> None:
        self.data_dirs = tuple(Path(d) for d in data_dirs)
        self._remember_folder = remember_folder

    def protected_dirs(self) -> tuple[Path, ...]:
        from app.paths import default_data_dir

        return (*self.data_dirs, default_data_dir())

    def check(self, *paths: Path | str) -> None:
        """Raise :class:`ProtectedTargetError` when any of ``paths`` may not be written."""
        protected = self.protected_dirs()
        for path in paths:
            problem = protected_target_problem(Path(path), protected)
            if problem:
                raise ProtectedTargetError(problem.msgid, **problem.params)

    def write(self, path: Path | str, data: bytes) -> None:
        self.write_all([(Path(path), data)])

    def write_all(self, items: Sequence[tuple[Path, bytes]]) -> None:
        """Write several files; every target is checked before the first one is written."""
        self.check(*(path for path, _data in items))
        for path, data in items:
            with self._opened(Path(path)) as handle:
                handle.write(data)

    @contextlib.contextmanager
    def open(self, path: Path | str) -> Iterator[BinaryIO]:
        """Stream a large file (a backup) into place: ``with files.open(p) as f: f.write(...)``.

        Checked like :meth:`write`; the target appears only when the block ends without an
        exception, and any exception (a cancel, too) removes the temp file.
        """
        self.check(path)
        with self._opened(Path(path)) as handle:
            yield handle

    def _opened(self, target: Path) -> contextlib.AbstractContextManager[BinaryIO]:
        if self._remember_folder is not None:
            try:
                self._remember_folder(target.parent)
            except OSError:
                pass  # only the start-up sweep needs it; the write itself goes on
        return _atomic(target, mode=0o600)


def _write(target: Path, data: bytes, *, mode: int) -> None:
    with _atomic(target, mode=mode) as handle:
        handle.write(data)


@contextlib.contextmanager
def _atomic(target: Path, *, mode: int) -> Iterator[BinaryIO]:
    """A handle on the temp file; on a clean exit it is flushed, fsynced and put in place."""
    import tempfile  # mkstemp: O_EXCL, mode 0600 whatever the umask; not needed by the sweep

    tmp_name = ""
    stage = "create"
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent
        )
        stage = "write"
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode != 0o600:
            os.chmod(tmp_name, mode)
        stage = "replace"
        _replace_with_retry(tmp_name, target)
        tmp_name = ""
        _fsync_dir(target.parent)
    except OSError as error:
        if isinstance(error, WriteError):
            raise
        raise WriteError(
            N_(
                "Het bestand {name} kon niet worden opgeslagen: {reason}. Er is niets overschreven."
            ),
            name=target.name,
            reason=_reason(error, target.parent, stage),
        ) from error
    finally:
        # Also after KeyboardInterrupt or any other BaseException: no copy stays behind.
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _replace_with_retry(source: str, target: Path) -> None:
    deadline = time.monotonic() + REPLACE_TIMEOUT
    pause = 0.02
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _reason(error: OSError, folder: Path, stage: str) -> Message:
    number = error.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        return Message(N_("de schijf is vol"))
    if number == errno.EROFS:
        return Message(N_("de map of schijf is alleen-lezen"))
    if stage == "replace" and isinstance(error, PermissionError):
        # The temp file was written in this folder, so the folder is writable: another
        # program (a virus scanner, a PDF viewer, Excel) holds the file.
        return Message(
            N_("het bestand is in gebruik bij een ander programma; sluit het en probeer opnieuw")
        )
    if number in (errno.EACCES, errno.EPERM):
        if _listable_but_not_writable(folder):
            return Message(N_("de map of schijf is alleen-lezen"))
        return Message(N_("u hebt geen toegang tot deze map"))
    if number in (errno.ENOENT, errno.ENOTDIR):
        return Message(N_("de map bestaat niet"))
    if number == errno.EISDIR:
        return Message(N_("er staat al een map met die naam"))
    if number == errno.ENAMETOOLONG:
        return Message(N_("de naam is te lang"))
    if number == errno.EIO:
        return Message(N_("de schijf meldde een fout"))
    return Message(N_("het besturingssysteem weigerde het schrijven"))


def _listable_but_not_writable(folder: Path) -> bool:
    try:
        return os.access(folder, os.R_OK | os.X_OK) and not os.access(folder, os.W_OK)
    except OSError:
        return False


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# --- the guard -------------------------------------------------------------------------------


def _vault_file_names() -> tuple[str, ...]:
    from app.preferences import FILE_NAME as PREFERENCES_NAME
    from app.store.layout import ATTEMPTS_NAME, DB_NAME, KEYSLOT_NAME

    db = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal")
    return (*db, KEYSLOT_NAME, PREFERENCES_NAME, ATTEMPTS_NAME)


def _log_dir_name() -> str:
    from app.logging_setup import LOG_DIR

    return LOG_DIR


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _same_place(a: Path, b: Path) -> bool:
    """Same folder or file: by device and inode where both exist, else by normalised path."""
    first, second = _identity(a), _identity(b)
    if first is not None and second is not None:
        return first == second
    return os.path.normcase(str(a)) == os.path.normcase(str(b))


def _same_name(a: str, b: str) -> bool:
    return os.path.normcase(a) == os.path.normcase(b)


def _within(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies anywhere below it."""
    return any(_same_place(candidate, folder) for candidate in (path, *path.parents))


def _holds_vault(folder: Path) -> bool:
    from app.store.layout import vault_exists

    try:
        return vault_exists(folder)
    except (OSError, ValueError):
        return False


def _candidates(target: Path) -> list[Path]:
    """Where the write would land (the folder resolved) and where a symlink there points."""
    absolute = Path(os.path.abspath(target))
    try:
        landing = absolute.parent.resolve() / absolute.name
        pointed = absolute.resolve()
    except (OSError, RuntimeError):  # a symlink loop: judge the path as written
        return [absolute]
    return [landing] if pointed == landing else [landing, pointed]


def protected_target_problem(target: Path, protected_dirs: Iterable[Path]) -> Message | None:
    """Why ``target`` may not be written (one line), or None.

    Refused: anything inside one of ``protected_dirs`` (the data folders in use), any file
    directly in a folder that holds a vault (``vault.db`` or ``keyslots.json``) or in its log
    folder, and any hard link to a vault's own file.
    """
    folders = [Path(os.path.abspath(d)) for d in protected_dirs]
    names = _vault_file_names()
    log_dir = _log_dir_name()
    vault_folders = list(folders)
    for candidate in _candidates(target):
        parent = candidate.parent
        own_folder = _holds_vault(parent) or any(_same_place(parent, f) for f in folders)
        if any(_same_name(candidate.name, name) for name in names) and own_folder:
            return _own_file_message(target)
        if any(_within(parent, folder) for folder in folders):
            return _folder_message(target)
        if _holds_vault(parent):
            return _folder_message(target)
        # The log folder of a vault elsewhere, and anything below it.
        for below in (parent, *parent.parents):
            if _same_name(below.name, log_dir) and _holds_vault(below.parent):
                return _folder_message(target)
        vault_folders.append(parent)
    if _identity(target) is not None:
        for folder in vault_folders:
            for name in names:
                own = folder / name
                if _identity(own) is not None and _same_place(own, target):
                    return _own_file_message(target)
    return None


def _own_file_message(target: Path) -> Message:
    return Message(
        N_(
            "{name} is een bestand van de kluis en wordt niet overschreven; kies een andere "
            "plek. Er is niets opgeslagen."
        ),
        {"name": target.name},
    )


def _folder_message(target: Path) -> Message:
    return Message(
        N_(
            "Het bestand {name} kan niet in de map van de kluis worden opgeslagen; kies een "
            "andere map. Er is niets opgeslagen."
        ),
        {"name": target.name},
    )


# --- sweeping --------------------------------------------------------------------------------


def remove_stale_temp_files(
    folders: Iterable[Path],
    *,
    data_dir: Path | None = None,
    older_than: float = STALE_AFTER,
    now: float | None = None,
) -> int:
    """Delete our own temp files older than ``older_than`` seconds; returns how many.

    Only names of our pattern (``.<name>.<random>.vindplaats-tmp``) and only regular files,
    never a symlink. In ``data_dir`` the older writer's ``.<name>.<random>.tmp`` goes too.
    Unreadable or vanished folders are skipped without a word: this runs at every start.
    """
    moment = time.time() if now is None else now
    removed = 0
    seen: set[str] = set()
    targets = [(Path(folder), False) for folder in folders]
    if data_dir is not None:
        targets.insert(0, (Path(data_dir), True))
    for folder, legacy_too in targets:
        key = os.path.normcase(os.path.abspath(folder))
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = list(os.scandir(folder))
        except (OSError, ValueError):
            continue
        for entry in entries:
            name = entry.name
            ours = name.startswith(".") and name.endswith(TEMP_SUFFIX)
            if not ours and not (legacy_too and _LEGACY_TEMP.match(name)):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode) or moment - info.st_mtime < older_than:
                    continue
                os.unlink(entry.path)
                removed += 1
            except OSError:
                continue
    return removed
