"""A look at the write-ahead log (``vault.db-wal``) before SQLite reads it.

SQLite ignores a WAL frame whose checksum fails, and every frame after it: that is how it
survives a write torn by a crash. The same rule makes damage *inside* the log silent: the
transactions from the damaged frame on are dropped without a word, and the next write
overwrites them for good. So before a vault is opened we read the log ourselves (the format
is documented at https://sqlite.org/fileformat2.html#walformat) and call it damaged when:

- the header is unreadable (magic, version, page size, checksum) while frames follow it;
- a complete frame of the current generation (the header's salts) fails its checksum,
  unless a frame of an older generation follows it (then it is the frame a crash left half
  written over an old one);
- a frame carries salts that are neither the current nor an older generation's.

A frame cut short at the end of the file, or valid frames without a commit after them, are
what a crash leaves behind; SQLite drops those and so do we. Needs no key: the checksums
cover the encrypted pages.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_MAGIC_LITTLE = 0x377F0682
_MAGIC_BIG = 0x377F0683
_VERSION = 3007000
_MASK = 0xFFFFFFFF
HEADER, FRAME, TAIL = "header", "frame", "tail"
# An older generation's salt-1 is the current one minus the number of restarts since.
_OLDER_GENERATIONS = 64


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    # About 0.3 ms per 4 KiB frame in pure Python: a log of SQLite's default size (1000
    # frames, only there after a crash or while another program has the vault open) costs
    # some 0.3 s once; a vault closed normally has no log at all.
    words = iter(struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data))
    for first, second in zip(words, words, strict=True):
        s0 = (s0 + first + s1) & _MASK
        s1 = (s1 + second + s0) & _MASK
    return s0, s1


def _older_generation(salt1: int, salt2: int, current: tuple[int, int]) -> bool:
    behind = (current[0] - salt1) & _MASK
    return 1 <= behind <= _OLDER_GENERATIONS and salt2 != current[1]


def wal_is_damaged(path: Path, *, settle: float = 0.05) -> bool:
    """True when the log at ``path`` is damaged (see the module docstring); False when absent.

    A failed frame at the very end may be one that another program with the vault open is
    writing at this moment; that settles within microseconds, so it is read once more after
    ``settle`` seconds. Raises ``OSError`` when the file exists but cannot be read.
    """
    try:
        found = log_damage(path.read_bytes())
        if found == TAIL:
            time.sleep(settle)
            found = log_damage(path.read_bytes())
    except FileNotFoundError:
        return False
    return found is not None


def log_is_damaged(data: bytes) -> bool:
    return log_damage(data) is not None


def log_damage(data: bytes) -> str | None:
    """Where the log is damaged (:data:`HEADER`, :data:`FRAME`, :data:`TAIL`), or ``None``."""
    if len(data) < HEADER_BYTES:
        return None  # SQLite writes the header in one go; less is an empty log
    magic, version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:32])
    header_ok = (
        magic in (_MAGIC_LITTLE, _MAGIC_BIG)
        and version == _VERSION
        and 512 <= page_size <= 65536
        and page_size & (page_size - 1) == 0
    )
    big_endian = magic == _MAGIC_BIG
    if header_ok:
        header_ok = _checksum(data[:24], big_endian) == (c0, c1)
    if not header_ok:
        # Frames behind an unreadable header would be dropped silently: damage.
        return HEADER if len(data) >= HEADER_BYTES + FRAME_HEADER_BYTES + 512 else None
    frame_bytes = FRAME_HEADER_BYTES + page_size
    frames = (len(data) - HEADER_BYTES) // frame_bytes
    current = (salt1, salt2)
    running = (c0, c1)
    failed_at: int | None = None
    for index in range(frames):
        start = HEADER_BYTES + index * frame_bytes
        frame = data[start : start + frame_bytes]
        f_salt1, f_salt2, f_c0, f_c1 = struct.unpack(">4I", frame[8:24])
        if (f_salt1, f_salt2) != current:
            if _older_generation(f_salt1, f_salt2, current):
                # The end of this generation (after a failed frame: one a crash cut short).
                return None
            return FRAME
        computed = _checksum(frame[24:], big_endian, *_checksum(frame[:8], big_endian, *running))
        if failed_at is None and computed == (f_c0, f_c1):
            running = computed
            continue
        if failed_at is not None:
            return FRAME  # a current frame after a failed one: the failure was damage
        failed_at = index
        running = (f_c0, f_c1)
    # A failed complete frame at the very end of the file: a crash cannot leave that when the
    # log grows (the page is written after its header), so it is damage.
    return TAIL if failed_at is not None else None
