"""A rotating log in the data folder. Only events, types and ids: never personal data."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

LOG_DIR = "logboek"


def setup_logging(data_dir: Path) -> Path | None:
    folder = Path(data_dir) / LOG_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "vindplaats.log", maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
