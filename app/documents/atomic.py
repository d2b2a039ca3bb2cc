"""Atomic file writing: temp file in the same folder, flush, fsync, replace.

The old file survives any failure. On Windows a virus scanner or indexer may hold the target
for a moment, so ``os.replace`` is retried briefly before we give up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from pathlib import Path


class WriteError(OSError):
    """Writing failed; ``str(error)`` is a Dutch sentence for the user. The old file is kept."""


def _dutch_reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "de schijf is vol"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "de map is alleen-lezen of u hebt geen toegang"
    if error.errno == errno.ENOENT:
        return "de map bestaat niet"
    return "het besturingssysteem weigerde het schrijven"


def write_atomic(path: Path | str, data: bytes, *, mode: int = 0o600, retries: int = 20) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the complete new file."""
    target = Path(path)
    fd = -1
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)
        for attempt in range(retries):
            try:
                os.replace(tmp_name, target)
                break
            except PermissionError:
                if attempt == retries - 1:
                    raise
                time.sleep(0.05)
        tmp_name = ""
        _fsync_dir(target.parent)
    except OSError as error:
        raise WriteError(
            f"Het bestand {target.name} kon niet worden opgeslagen: {_dutch_reason(error)}. "
            "Er is niets overschreven."
        ) from error
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
