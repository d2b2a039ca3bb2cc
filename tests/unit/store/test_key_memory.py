"""After locking, the data key is gone from the memory of the process that held it.

A child process unlocks a real vault, works with it (a worker connection, a write), locks
and collects garbage; this process then reads the child's whole writable memory
(``/proc/<pid>/mem``, freed memory included) and looks for the key: raw, and as hex in
either case (the form SQLCipher is given). Linux only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

from app.store import keyslots
from app.store.layout import KEYSLOT_NAME

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/<pid>/mem"
)

CHILD = textwrap.dedent(
    """
    import gc, sys
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    vault = Vault(sys.argv[1], kdf=TEST_KDF, throttle=UnlockThrottle())
    session = vault.unlock(sys.argv[2])
    worker = session.connect()
    worker.execute("SELECT count(*) FROM audit_log").fetchone()
    session.connection.execute("INSERT INTO settings (key, value) VALUES ('k', 'fictief')")
    session.connection.commit()
    held = session._key
    session.close()
    del worker, session, vault
    gc.collect()
    print("wiped" if held == bytearray(32) else "not wiped", flush=True)
    sys.stdin.readline()  # the parent reads our memory now
    """
)


def _writable_memory(pid: int) -> bytes:
    chunks = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            start, end = (int(part, 16) for part in fields[0].split("-"))
            if "w" not in fields[1] or (len(fields) > 5 and fields[5].startswith("[v")):
                continue
            try:
                mem.seek(start)
                chunks.append(mem.read(end - start))
            except (OSError, ValueError, OverflowError):
                continue
    return b"\0".join(chunks)


def test_the_key_is_not_in_the_memory_of_a_locked_process(make_vault, vault_passphrase):
    vault = make_vault()
    slot_file = keyslots.read_keyslot_file(vault.data_dir / KEYSLOT_NAME)
    key = keyslots.unwrap(
        slot_file.slot(keyslots.KIND_PASSPHRASE),
        keyslots.passphrase_secret(vault_passphrase),
        slot_file.vault_id,
    )
    assert key is not None
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault.data_dir), vault_passphrase],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "wiped"
        try:
            memory = _writable_memory(child.pid)
        except PermissionError:
            pytest.skip("this system does not let a process read its child's memory")
        assert len(memory) > 1_000_000  # we really read the child's heap
        hex_key = bytes(key).hex().encode("ascii")
        found = {
            "raw": memory.count(bytes(key)),
            "hex": len(re.findall(re.escape(hex_key), memory, re.IGNORECASE)),
        }
        assert found == {"raw": 0, "hex": 0}
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=30)
        keyslots.wipe(key)
