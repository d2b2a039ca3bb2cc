"""The log file is private (0600) and keeps where an error happened, never what it said."""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from app.logging_setup import PrivateRotatingFileHandler, close_log_files, setup_logging

MARKER = "Test Persoon Fictieve Straat 1 MARKER-7731"
CAUSE_MARKER = "oorzaak-MARKER-9912"


@pytest.fixture
def log_file(tmp_path):
    before = list(logging.getLogger().handlers)
    path = setup_logging(tmp_path)
    assert path is not None
    yield path
    for handler in list(logging.getLogger().handlers):
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def _fail_with_cause() -> None:
    try:
        {}["geen"]
    except KeyError as error:
        raise ValueError(MARKER) from RuntimeError(CAUSE_MARKER + str(error))


def test_exception_logged_by_type_and_stack_without_messages(log_file):
    log = logging.getLogger("vindplaats.test")
    try:
        _fail_with_cause()
    except ValueError:
        log.exception("saving failed")  # as ui/shell.py and ui/main_window.py do
    try:
        raise KeyError(MARKER)
    except KeyError as error:
        log.error("with exc_info", exc_info=error)
    _flush()
    data = log_file.read_bytes()
    assert MARKER.encode() not in data
    assert b"MARKER" not in data
    assert b"builtins.ValueError" in data
    assert b"builtins.RuntimeError" in data  # the chained cause: its type, not its text
    assert b"builtins.KeyError" in data
    assert b"test_private_log.py:" in data and b"in _fail_with_cause" in data
    assert b"saving failed" in data


def test_cached_full_traceback_from_another_handler_is_not_reused(log_file):
    other = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115 - closed below
    other.setFormatter(logging.Formatter())
    logging.getLogger().handlers.insert(0, other)  # formats first and caches exc_text
    try:
        try:
            raise OSError(MARKER)
        except OSError:
            logging.getLogger("vindplaats.test").exception("disk")
    finally:
        logging.getLogger().removeHandler(other)
        other.stream.close()
    _flush()
    data = log_file.read_bytes()
    assert b"MARKER" not in data
    assert b"builtins.OSError" in data


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_log_file_and_rollover_files_are_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        handler = PrivateRotatingFileHandler(
            tmp_path / "vindplaats.log", maxBytes=200, backupCount=2, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger("vindplaats.test.rollover")
        logger.propagate = False
        logger.addHandler(handler)
        try:
            for n in range(40):
                logger.warning("event %d %s", n, "x" * 20)
        finally:
            logger.removeHandler(handler)
            handler.close()
            logger.propagate = True
    finally:
        os.umask(old)
    files = sorted(tmp_path.iterdir())
    assert {f.name for f in files} == {"vindplaats.log", "vindplaats.log.1", "vindplaats.log.2"}
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_setup_logging_creates_a_private_file(tmp_path):
    old = os.umask(0)
    try:
        path = setup_logging(tmp_path)
        logging.getLogger("vindplaats.test").warning("start")
    finally:
        os.umask(old)
        close_log_files()
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
