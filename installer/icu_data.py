"""A smaller ICU data library for the Linux bundle: only the locales the app speaks.

PySide6's Linux wheels link QtCore against ICU 73, whose data library (``libicudata.so.73``)
holds 32 MB: every locale's names, collation, calendars and units, 5 MB of legacy
character-set converters and 3 MB of Chinese, Japanese, Thai, Khmer and Burmese word
dictionaries. QtCore needs ICU only for collation, case mapping and converters; its own
locale data (numbers, dates, month names) is compiled into QtCore, HarfBuzz (in QtGui) shapes
Arabic, and Qt's own tables do bidi and line breaking. So the bundle carries a rebuilt
``libicudata.so.73`` with the same symbol and the same TOC format, holding:

- every item that is not a locale's (properties, normalisation, names, break rules, metadata
  such as ``supplementalData``, ``likelySubtags``, time-zone rules),
- each locale item of the five languages (``nl``, ``en``, ``tr``, ``pl``, ``ar`` and their
  regional variants) and ``root``, in every tree (collation, currencies, names, units, ...),

- the single-byte converter tables (Windows and ISO code pages, 460 kB: Qt decodes e.g. a
  ``windows-1252`` clipboard text with them),

and drops the multi-byte converter tables (East Asian code pages, 4.7 MB), the word
dictionaries (``*.dict``), transliteration rules, and the locale items of other languages.
ICU answers a lookup of a missing locale with ``root``, as it does for any unknown locale.

The data is ICU's "common data" format (``CmnD``): a header, a table of contents of
(name offset, data offset) pairs sorted by name, the names, then the items, each aligned on
16 bytes. Windows builds need none of this: Qt uses Windows' own ICU there.

Usage (the spec calls :func:`slim_library`; this is for inspecting):

    python installer/icu_data.py LIBICUDATA OUTPUT_DIR
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

LANGUAGES = frozenset({"nl", "en", "tr", "pl", "ar"})
_LOCALE = re.compile(r"^(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9]*)*$")
_DROPPED_TREES = frozenset({"translit"})
# Shaped like a locale but not one: each tree's list of its locales, its string pool, root.
_NOT_LOCALES = frozenset({"res_index", "pool", "root"})
_SINGLE_BYTE_CONVERTER = 5000  # bytes: single-byte code pages are 3-4.5 kB, multi-byte ones more


def keep_item(name: str, size: int, languages: Iterable[str] = LANGUAGES) -> bool:
    """Whether the item ``icudt73l/<tree>/<file>`` (or ``icudt73l/<file>``) of ``size`` bytes
    stays."""
    parts = name.split("/")
    file_name = parts[-1]
    if len(parts) > 2 and parts[1] in _DROPPED_TREES:
        return False
    if file_name.endswith(".dict"):
        return False
    if file_name.endswith(".cnv"):
        return size < _SINGLE_BYTE_CONVERTER
    stem, _dot, suffix = file_name.rpartition(".")
    if suffix != "res" or stem in _NOT_LOCALES:
        return True
    match = _LOCALE.match(stem)
    if match is None:  # pool, res_index, supplementalData, zoneinfo64, ...: not a locale
        return True
    return match.group("language") in set(languages)


def read_toc(data: bytes) -> tuple[int, list[tuple[str, int, int]]]:
    """The header size and the items as (name, start, end), offsets from the file start."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not ICU common data (CmnD)")
    if data[8] != 0:  # UDataInfo.isBigEndian (UDataInfo starts at byte 4)
        raise ValueError("big-endian ICU data is not supported")
    (count,) = struct.unpack_from("<I", data, header_size)
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + offset for _name, offset in entries] + [len(data)]
    items = []
    for index, (name_offset, _data_offset) in enumerate(entries):
        begin = header_size + name_offset
        name = data[begin : data.index(b"\0", begin)].decode("ascii")
        items.append((name, starts[index], starts[index + 1]))
    return header_size, items


def _padded(blob: bytes, alignment: int = 16) -> bytes:
    return blob + b"\0" * (-len(blob) % alignment)


def filter_data(data: bytes, keep: Callable[[str, int], bool] = keep_item) -> bytes:
    """The same common data with only the items ``keep(name, size)`` accepts, in order."""
    header_size, items = read_toc(data)
    kept = [(name, data[start:end]) for name, start, end in items if keep(name, end - start)]
    toc_size = 4 + 8 * len(kept)
    names = b"".join(name.encode("ascii") + b"\0" for name, _blob in kept)
    first_item = len(_padded(b"\0" * (header_size + toc_size) + names)) - header_size
    toc = [struct.pack("<I", len(kept))]
    body = []
    name_offset, data_offset = toc_size, first_item
    for name, blob in kept:
        toc.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        blob = _padded(blob)
        body.append(blob)
        data_offset += len(blob)
    head = _padded(data[:header_size] + b"".join(toc) + names)
    return head + b"".join(body)


def _elf_section(path: Path, wanted: str) -> bytes:
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise ValueError(f"{path.name}: not a 64-bit ELF file")
    (section_offset,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", data, 0x3A)
    headers = [
        struct.unpack_from("<IIQQQQ", data, section_offset + i * entry_size) for i in range(count)
    ]
    names_at = headers[names_index][4]
    for name_offset, _type, _flags, _addr, offset, size in headers:
        start = names_at + name_offset
        if data[start : data.index(b"\0", start)].decode() == wanted:
            return data[offset : offset + size]
    raise ValueError(f"{path.name}: no {wanted} section")


def _symbol(library: Path) -> str:
    """``libicudata.so.73`` exports its data as ``icudt73_dat``."""
    match = re.match(r"libicudata\.so\.(\d+)", library.name)
    if match is None:
        raise ValueError(f"{library.name}: not an ICU data library")
    return f"icudt{match.group(1)}_dat"


def slim_library(library: Path, out_dir: Path, languages: Iterable[str] = LANGUAGES) -> Path:
    """Write a smaller copy of ``library`` to ``out_dir``; returns its path.

    Needs a C compiler driver (``cc``) to link the data into a shared library with the
    original name and symbol. Raises ``RuntimeError`` when there is none.
    """
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc) to rebuild libicudata")
    wanted = set(languages)
    data = filter_data(
        _elf_section(library, ".rodata"), lambda name, size: keep_item(name, size, wanted)
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / library.name
    symbol = _symbol(library)
    with tempfile.TemporaryDirectory() as tmp:
        blob = Path(tmp) / "icudata.dat"
        blob.write_bytes(data)
        source = Path(tmp) / "icudata.S"
        source.write_text(
            "\t.section .rodata\n\t.balign 16\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n{symbol}:\n"
            f'\t.incbin "{blob}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(out),
                str(source),
            ],
            check=True,
        )
    return out


def main(argv: list[str]) -> int:
    library, out_dir = Path(argv[0]), Path(argv[1])
    out = slim_library(library, out_dir)
    before, after = library.stat().st_size / 1e6, out.stat().st_size / 1e6
    print(f"{library.name}: {before:.1f} MB -> {after:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
