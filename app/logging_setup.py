"""A rotating log in the data folder. Only events, types and ids: never personal data."""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_DIR = "logboek"
LOG_FILE_MODE = 0o600  # like the vault files: only the advisor's own account


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file it opens (the first and each after a rollover) is 0600, whatever the umask."""

    def _open(self):  # type: ignore[override]  # typeshed's TextIOWrapper; fdopen gives one
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, LOG_FILE_MODE)
        try:
            os.chmod(self.baseFilename, LOG_FILE_MODE)  # an older file made before this rule
        except OSError:
            pass
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def rotate(self, source: str, dest: str) -> None:
        super().rotate(source, dest)
        try:
            os.chmod(dest, LOG_FILE_MODE)
        except OSError:
            pass


class SafeFormatter(logging.Formatter):
    """Writes an exception as its type and stack only: messages and values can carry user text."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        exc_type, exc, tb = ei
        if exc_type is None:
            return ""
        return safe_exception_text(exc_type, exc, tb)

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full text (with the message) in exc_text.
        saved, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = saved

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return stack_info  # code lines only (stack_info=True): no values in it


def setup_logging(data_dir: Path) -> Path | None:
    folder = Path(data_dir) / LOG_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(
            folder / "vindplaats.log", maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return folder / "vindplaats.log"


def close_log_files() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def safe_traceback(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """Where an error happened (files, lines, functions) without its message or values.

    Exception messages can carry user text (a name typed into a field), so they never go
    to the log; the type and the code location are enough to find the bug.
    """
    frames = traceback.extract_tb(tb)
    lines = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return f"{exc_type.__module__}.{exc_type.__qualname__}\n" + "\n".join(lines)


def safe_exception_text(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """safe_traceback for an exception and its causes, oldest first, as Python prints them."""
    chain: list[tuple[type[BaseException], TracebackType | None]] = [(exc_type, tb)]
    seen = {id(exc)}
    current = exc
    while current is not None:
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is None or id(nxt) in seen or len(chain) >= 20:
            break
        seen.add(id(nxt))
        chain.append((type(nxt), nxt.__traceback__))
        current = nxt
    parts = [safe_traceback(kind, where) for kind, where in reversed(chain)]
    return "\n  (then)\n".join(parts)
