"""Locking the window leaves no copy of the data key in any Python object of the process."""

from __future__ import annotations

import gc


def _objects_holding(raw: bytes, hex_text: str) -> list[str]:
    hex_bytes = hex_text.encode("ascii")
    upper = hex_text.upper()
    found = []
    seen: set[int] = set()
    for holder in gc.get_objects():
        for obj in (holder, *gc.get_referents(holder)):
            if obj is raw or obj is hex_text or id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, bytes | bytearray):
                if raw in obj or hex_bytes in obj or upper.encode() in obj:
                    found.append(type(obj).__name__)
            elif isinstance(obj, str) and (hex_text in obj or upper in obj):
                found.append("str")
    return found


def test_after_lock_the_key_buffer_is_zero_and_no_object_holds_the_key(tmp_path, qtbot):
    from tests.gui.shell.test_shell import _unlocked_window

    window = _unlocked_window(tmp_path, qtbot)
    session = window.session
    held = session._key
    raw = bytes(held)
    hex_text = raw.hex()
    # Work that opens more connections with the key (a worker's connection).
    session.connect().execute("SELECT count(*) FROM audit_log").fetchone()
    assert _objects_holding(raw, hex_text) == ["bytearray"]  # the session's own buffer
    window.lock()
    del session
    gc.collect()
    assert held == bytearray(32)
    assert _objects_holding(raw, hex_text) == []
