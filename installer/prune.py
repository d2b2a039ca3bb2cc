"""Linux: keep only the shared libraries something in the bundle links against.

PyInstaller's hooks collect libraries for plugins and modules the spec later leaves out (the
JPEG image plugin's ``libjpeg``, the GTK theme's ``libgio``), and they stay behind as orphans.
:func:`reachable` walks the ``DT_NEEDED`` entries from the roots (Python extension modules,
Qt plugins, ``libpython``) and returns every library reached; the spec drops the rest.

A few libraries are left to the system on purpose (:data:`SYSTEM_LIBRARIES`): the bundle
then does not carry them nor anything only they need.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from pathlib import Path

# CUPS is Qt's print backend on Linux (plugins/printsupport/libcupsprintersupport.so). Its
# client library comes from the system, as the print server it talks to does: a bundled one
# brought GnuTLS, Kerberos, Avahi, p11-kit, nettle, GMP and libunistring (about 10 MB) and
# would not follow the system's CUPS and TLS updates. Where the system has no libcups (so no
# printers either), Qt does without the plugin and the print dialog offers PDF only.
SYSTEM_LIBRARIES = frozenset({"libcups.so.2"})

_DT_NEEDED, _DT_STRTAB = 1, 5


def needed(path: Path) -> list[str]:
    """The ``DT_NEEDED`` names of a 64-bit little-endian ELF file; [] for anything else."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads, dynamic = [], None
    for index in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, filesz, _memsz, _align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + index * phentsize
        )
        if p_type == 1:  # PT_LOAD
            loads.append((vaddr, offset, filesz))
        elif p_type == 2:  # PT_DYNAMIC
            dynamic = (offset, filesz)
    if dynamic is None:
        return []
    entries = []
    for at in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, at)
        if tag == 0:
            break
        entries.append((tag, value))
    strtab = next((value for tag, value in entries if tag == _DT_STRTAB), None)
    if strtab is None:
        return []
    # DT_STRTAB is an address: map it to a file offset through the loadable segments.
    base = next(
        (off + strtab - vaddr for vaddr, off, size in loads if vaddr <= strtab < vaddr + size),
        strtab,
    )
    names = []
    for tag, value in entries:
        if tag == _DT_NEEDED:
            start = base + value
            names.append(data[start : data.index(b"\0", start)].decode())
    return names


def reachable(libraries: Mapping[str, Path], roots: Iterable[Path]) -> set[str]:
    """The names in ``libraries`` (file name -> path) that ``roots`` link against, directly
    or through each other."""
    found: set[str] = set()
    todo = list(roots)
    while todo:
        for name in needed(todo.pop()):
            if name in libraries and name not in found:
                found.add(name)
                todo.append(libraries[name])
    return found
