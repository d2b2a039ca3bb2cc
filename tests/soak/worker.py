"""The process the soak kills: opens the vault and writes through the app's services, forever.

``python -m tests.soak.worker STATE.json`` (started by ``tests.soak.harness``). On standard
output, one JSON line per event, each a single ``write`` (so a kill never leaves half a line
that looks whole):

- ``{"t": "unlocking"}`` just before ``Vault.unlock``, ``{"t": "ready"}`` once it is unlocked;
- ``{"t": "intent", "seq": N, "op": NAME, "touch": [...], "expect": {...}}`` before a write;
- ``{"t": "ack", "seq": N, "post": {...}}`` after it committed and was read back;
- ``{"t": "error", "seq": N, "message": ...}`` when an operation failed or read back wrong
  (then the worker stops with exit code 2).
"""

from __future__ import annotations

import importlib
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from tests.soak import ops


def emit(event: dict[str, Any]) -> None:
    data = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:
        written = os.write(1, view)
        view = view[written:]


def check_post(step: ops.Step, post: dict[str, str | None]) -> str | None:
    """The read-back must match what the operation predicted; None when it does."""
    new_kinds = [ops.kind_of(name) for name in step.touch if name.endswith(":" + ops.NEW)]
    known = [name for name in step.touch if not name.endswith(":" + ops.NEW)]
    created = [name for name in post if name not in known]
    if sorted(ops.kind_of(name) for name in created) != sorted(new_kinds):
        return f"created {created}, expected new {new_kinds}"
    if set(known) - set(post):
        return f"no read-back for {sorted(set(known) - set(post))}"
    for name, expected in step.expect.items():
        if name.endswith(":" + ops.NEW):
            got = [post[c] for c in created if ops.kind_of(c) == ops.kind_of(name)]
            if got != [expected]:
                return f"{name} read back as {got}, expected {expected}"
        elif post.get(name) != expected:
            return f"{name} read back as {post.get(name)}, expected {expected}"
    return None


def main(argv: list[str]) -> int:
    state = json.loads(Path(argv[1]).read_text("utf-8"))
    for module in state.get("modules", []):
        importlib.import_module(module)

    from app.core.consent import ConsentText
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    rng = random.Random(state["seed"])
    vault = Vault(state["data_dir"], kdf=TEST_KDF, sleep=lambda _s: None, throttle=UnlockThrottle())
    emit({"t": "unlocking"})
    session = vault.unlock(state["passphrase"])
    world = ops.World(
        vault=vault,
        session=session,
        passphrase=state["passphrase"],
        recovery_code=state["recovery_code"],
        rng=rng,
        consent_text=ConsentText(**state["consent_text"]),
        run_dir=Path(state["run_dir"]),
    )
    world.load()
    chosen = [ops.OPERATIONS[name] for name in state.get("ops") or ops.OPERATIONS]
    weights = [operation.weight for operation in chosen]
    emit({"t": "ready"})

    seq = int(state["first_seq"])
    stop_at = time.monotonic() + float(state.get("max_seconds", 60))
    while time.monotonic() < stop_at:
        operation = rng.choices(chosen, weights)[0]
        step = None
        try:
            step = operation.make(world)
            if step is None:
                continue
            emit(
                {
                    "t": "intent",
                    "seq": seq,
                    "op": operation.name,
                    "touch": step.touch,
                    "expect": step.expect,
                    **step.extra,
                }
            )
            post = step.run()
            problem = check_post(step, post)
        except Exception as error:  # noqa: BLE001 - reported to the parent, then we stop
            problem = f"{type(error).__name__}: {error}\n{traceback.format_exc()}"
        if problem is not None or step is None:
            emit({"t": "error", "seq": seq, "op": operation.name, "message": problem})
            return 2
        emit({"t": "ack", "seq": seq, "post": post, **step.after})
        seq += 1
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
