"""Atomic writes under injected faults: the old file stays byte-identical, no temp file stays.

Each fault is injected where the operating system would raise it (``os`` functions patched),
and each gets its own Dutch reason, in one line that names the file but no folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

import app.fileio as fileio
from app.fileio import TEMP_SUFFIX, UserFiles, WriteError, write_app_file

OLD = b"de vorige, volledige inhoud\n" * 100
NEW = b"nieuw" * 50_000


@pytest.fixture
def target(tmp_path):
    folder = tmp_path / "uitvoer"
    folder.mkdir()
    path = folder / "export.json"
    path.write_bytes(OLD)
    return path


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def failing(error_number: int, *, times: int | None = None, real=None):
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if times is None or calls["n"] <= times:
            raise OSError(error_number, os.strerror(error_number))
        return real(*args, **kwargs)

    fake.calls = calls
    return fake


def write_and_fail(target: Path) -> str:
    with pytest.raises(WriteError) as caught:
        UserFiles().write(target, NEW)
    message = str(caught.value)
    assert "\n" not in message
    assert target.name in message
    assert str(target.parent) not in message
    assert "Er is niets overschreven." in message
    assert_untouched(target)
    return message


def test_fsync_failing_with_eio(target, monkeypatch):
    monkeypatch.setattr(fileio.os, "fsync", failing(errno.EIO))
    assert "de schijf meldde een fout" in write_and_fail(target)


def test_disk_full_while_writing(target, monkeypatch):
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    assert "de schijf is vol" in write_and_fail(target)


def test_no_access_rights_on_the_folder(target, monkeypatch):
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EACCES))
    assert "u hebt geen toegang tot deze map" in write_and_fail(target)


def test_read_only_medium(target, monkeypatch):
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EROFS))
    assert "de map of schijf is alleen-lezen" in write_and_fail(target)


def test_read_only_folder(target, monkeypatch):
    # As root the permission bits do not stop us, so the folder's answer is injected too.
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EACCES))
    real_access = os.access
    monkeypatch.setattr(
        fileio.os,
        "access",
        lambda path, mode: False if mode == os.W_OK else real_access(path, mode),
    )
    assert "de map of schijf is alleen-lezen" in write_and_fail(target)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_folder_for_real(target):
    target.parent.chmod(0o555)
    try:
        assert "alleen-lezen" in write_and_fail(target)
    finally:
        target.parent.chmod(0o755)


def test_folder_that_does_not_exist(tmp_path):
    target = tmp_path / "weg" / "export.json"
    with pytest.raises(WriteError) as caught:
        UserFiles().write(target, NEW)
    assert "de map bestaat niet" in str(caught.value)
    assert not target.parent.exists()


def test_replace_held_by_another_program_gives_up_after_about_a_second(target, monkeypatch):
    def replace(source, dest):
        raise PermissionError(errno.EACCES, "in gebruik")

    monkeypatch.setattr(fileio.os, "replace", replace)
    started = time.monotonic()
    message = write_and_fail(target)
    elapsed = time.monotonic() - started
    assert "in gebruik bij een ander programma" in message
    assert 0.5 <= elapsed <= 2.0, elapsed


def test_replace_held_for_a_moment_succeeds_on_the_third_try(target, monkeypatch):
    real_replace = os.replace
    attempts = []

    def replace(source, dest):
        attempts.append(source)
        if len(attempts) < 3:
            raise PermissionError(errno.EACCES, "in gebruik")
        real_replace(source, dest)

    monkeypatch.setattr(fileio.os, "replace", replace)
    UserFiles().write(target, NEW)
    assert len(attempts) == 3
    assert target.read_bytes() == NEW
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_each_reason_is_its_own(target, monkeypatch):
    reasons = set()
    for number in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.ENOENT):
        with monkeypatch.context() as patch:
            patch.setattr(tempfile, "mkstemp", failing(number))
            reasons.add(write_and_fail(target))
    with monkeypatch.context() as patch:
        patch.setattr(fileio, "REPLACE_TIMEOUT", 0.05)
        patch.setattr(
            fileio.os, "replace", lambda s, d: (_ for _ in ()).throw(PermissionError(13, "x"))
        )
        reasons.add(write_and_fail(target))
    assert len(reasons) == 5


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit, RuntimeError])
def test_any_exception_inside_the_window_removes_the_temp_file(target, monkeypatch, interrupt):
    def replace(source, dest):
        assert Path(source).exists()
        raise interrupt()

    monkeypatch.setattr(fileio.os, "replace", replace)
    with pytest.raises(interrupt):
        UserFiles().write(target, NEW)
    assert_untouched(target)


def test_messages_are_translated(target, monkeypatch):
    from app.i18n import set_language

    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.ENOSPC))
    set_language("xx")  # the pseudo-locale marks every translated string
    try:
        with pytest.raises(WriteError) as caught:
            UserFiles().write(target, NEW)
        message = str(caught.value)
    finally:
        set_language("nl")
    # The frame and the reason both went through _(): neither is left as Dutch source text.
    assert "kon niet worden opgeslagen" not in message and "de schijf is vol" not in message
    assert "[" in message and target.name in message


# --- temp files -------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_temp_file_is_0600_and_recognisable_whatever_the_umask(target, monkeypatch, umask):
    seen = []
    real_replace = os.replace

    def replace(source, dest):
        info = os.stat(source)
        seen.append((Path(source).name, stat.S_IMODE(info.st_mode), Path(source).read_bytes()))
        real_replace(source, dest)

    monkeypatch.setattr(fileio.os, "replace", replace)
    old = os.umask(umask)
    try:
        UserFiles().write(target, NEW)
    finally:
        os.umask(old)
    name, mode, content = seen[0]
    assert name.startswith(".export.json.") and name.endswith(TEMP_SUFFIX)
    assert mode == 0o600
    assert content == NEW
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_app_files_keep_their_own_mode(tmp_path):
    cache = tmp_path / "nl-abc.mo"
    write_app_file(cache, b"mo", mode=0o644)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o644


def test_app_files_may_live_beside_the_vault(tmp_path):
    (tmp_path / "vault.db").write_bytes(b"db")
    write_app_file(tmp_path / "keyslots.json", b"{}")
    assert (tmp_path / "keyslots.json").read_bytes() == b"{}"


# --- the sweep --------------------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


def test_sweep_removes_only_our_own_old_temp_files(tmp_path):
    data_dir = tmp_path / "data"
    out = tmp_path / "uit"
    data_dir.mkdir()
    out.mkdir()
    ours_old = out / f".brief.pdf.abc123{TEMP_SUFFIX}"
    ours_new = out / f".brief.pdf.def456{TEMP_SUFFIX}"  # another write may be busy with it
    legacy_in_data = data_dir / ".keyslots.json.a1b2c3d4.tmp"
    legacy_elsewhere = out / ".brief.pdf.a1b2c3d4.tmp"  # not ours to judge outside our folder
    someone_elses = out / "verslag.tmp"
    kept = [ours_new, legacy_elsewhere, someone_elses]
    for path in (ours_old, legacy_in_data, *kept):
        path.write_bytes(b"inhoud")
    for path in (ours_old, legacy_in_data, legacy_elsewhere, someone_elses):
        _age(path, 3600)
    link = out / f".link{TEMP_SUFFIX}"
    link.symlink_to(someone_elses)
    os.utime(link, (time.time() - 3600,) * 2, follow_symlinks=False)

    removed = fileio.remove_stale_temp_files([out, tmp_path / "bestaat-niet"], data_dir=data_dir)
    assert removed == 2
    assert not ours_old.exists() and not legacy_in_data.exists()
    assert all(p.exists() for p in kept) and link.is_symlink()


def test_sweep_of_an_unreadable_folder_is_quiet(tmp_path, monkeypatch):
    def scandir(path):
        raise PermissionError(errno.EACCES, "geen toegang")

    monkeypatch.setattr(fileio.os, "scandir", scandir)
    assert fileio.remove_stale_temp_files([tmp_path], data_dir=tmp_path) == 0


# --- streaming (large files such as backups) ----------------------------------------------------


def test_streamed_file_appears_only_when_complete(target):
    files = UserFiles()
    with files.open(target) as handle:
        for _ in range(10):
            handle.write(b"blok" * 10_000)
        assert target.read_bytes() == OLD  # still the old one while it is being written
    assert target.read_bytes() == b"blok" * 100_000
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, ValueError])
def test_a_cancelled_stream_leaves_the_old_file(target, interrupt):
    with pytest.raises(interrupt):
        with UserFiles().open(target) as handle:
            handle.write(b"half")
            raise interrupt()
    assert_untouched(target)


def test_a_stream_beside_a_vault_is_refused_before_anything_exists(tmp_path):
    from app.fileio import ProtectedTargetError

    (tmp_path / "keyslots.json").write_bytes(b"{}")
    with pytest.raises(ProtectedTargetError):
        with UserFiles().open(tmp_path / "reservekopie.vindplaats"):
            raise AssertionError("never reached")
    assert [p.name for p in tmp_path.iterdir()] == ["keyslots.json"]
