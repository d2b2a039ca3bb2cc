"""Kill -9 soak: start the worker, SIGKILL it at a random moment, reopen the vault and check.

One cycle:

1. start ``python -m tests.soak.worker`` on the same vault (one child at a time);
2. wait until it has unlocked, then a random 50-800 ms (in one cycle out of ten: 0-120 ms from
   just before ``Vault.unlock``, mostly during the unlock), and ``SIGKILL`` it;
3. apply every acknowledgement it printed to the model (what the vault must now hold);
4. reopen the vault: exactly one of the current and the previous passphrase opens it, and it is
   the acknowledged one (or, when a passphrase change was in flight, either); the recovery code
   opens it too; ``PRAGMA cipher_integrity_check`` finds nothing and ``PRAGMA integrity_check``
   says ``ok``;
5. read everything back through the repositories and reconcile with the model
   (:func:`reconcile`): every acknowledged state is there; only the operation in flight may have
   landed, entirely or not at all, and only as it would have written.

POSIX only (``SIGKILL`` and ``select`` on a pipe).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import random
import select
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests.soak import ops

ROOT = Path(__file__).resolve().parents[2]
FIRST_PASSPHRASE = "fictieve kluis lamp wolk"
KILL_AFTER_READY = (0.05, 0.8)
KILL_DURING_UNLOCK = (0.0, 0.12)  # "unlock" cycles: from just before Vault.unlock
MAX_PROBLEMS = 50
# Operations for parts of the app that may not be there yet: (app module, soak module).
OPTIONAL_MODULES = (
    ("app.store.drafts", "tests.soak.ops_drafts"),
    ("app.store.backup", "tests.soak.ops_backup"),
)
# One cycle in seven or so does only these, so that many kills land inside a key-slot rewrite.
KEY_SLOT_OPS = ("vault.passwd", "vault.reset_passphrase", "vault.new_recovery_code")


@dataclass(frozen=True)
class Entry:
    """The acknowledged state of one object: its digest and the operation that wrote it."""

    digest: str
    seq: int
    op: str


@dataclass
class Figures:
    cycles: int = 0
    acknowledged_ops: int = 0
    lost_ops: int = 0
    unexpected_objects: int = 0
    half_applied_ops: int = 0
    integrity_failures: int = 0
    cipher_integrity_failures: int = 0
    unlock_failures: int = 0
    recovery_code_failures: int = 0
    passphrase_change_kills: int = 0
    passphrase_change_kills_old_opens: int = 0
    passphrase_change_kills_new_opens: int = 0
    passphrase_not_exactly_one: int = 0
    passphrase_changes_acknowledged: int = 0
    recovery_code_change_kills: int = 0
    recovery_code_change_kills_old_opens: int = 0
    recovery_code_change_kills_new_opens: int = 0
    recovery_code_not_exactly_one: int = 0
    recovery_code_changes_acknowledged: int = 0
    in_flight_landed: int = 0
    in_flight_not_landed: int = 0
    kills_during_unlock: int = 0
    worker_errors: int = 0
    worker_not_killed: int = 0
    stale_temp_files_seen: int = 0
    objects_at_end: int = 0
    vault_bytes_at_end: int = 0
    wall_seconds: float = 0.0
    modules: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # figures of ops.CHECKS
    acknowledged_by_op: dict[str, int] = field(default_factory=dict)
    kill_in_flight_by_op: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"cycle {self.cycles}: {text}")
        else:
            self.problems[-1] = f"... and more (cycle {self.cycles})"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["wall_seconds"] = round(self.wall_seconds, 1)
        data["clean"] = self.clean
        return data


@dataclass
class Soak:
    """The vault under test and what it must hold."""

    data_dir: Path
    run_dir: Path
    passphrase: str
    previous_passphrase: str | None
    recovery_code: str
    consent_text: dict[str, str]
    previous_recovery_code: str | None = None
    model: dict[str, Entry] = field(default_factory=dict)
    tombstones: dict[str, int] = field(default_factory=dict)
    next_seq: int = 1
    modules: list[str] = field(default_factory=list)
    temp_files_seen: set[str] = field(default_factory=set)
    pending_checks: list[tuple[dict[str, Any], dict[str, Any], dict[str, str]]] = field(
        default_factory=list
    )


from app.shipped import load_shipped  # noqa: E402

SHIPPED = load_shipped()


def available_optional_modules() -> list[str]:
    """The optional soak modules whose part of the app exists in this checkout."""
    found = []
    for app_module, soak_module in OPTIONAL_MODULES:
        if importlib.util.find_spec(app_module) is not None:
            if importlib.util.find_spec(soak_module) is not None:
                found.append(soak_module)
    return found


def _vault(data_dir: Path) -> Any:
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    return Vault(data_dir, kdf=TEST_KDF, sleep=lambda _s: None, throttle=UnlockThrottle())


def new_soak(run_dir: Path, modules: list[str] | None = None) -> Soak:
    """A fresh vault (cheap Argon2id parameters) in ``run_dir/vault``."""
    from app.documents.referral_pdf import load_consent_bundle

    modules = [*(modules or []), *available_optional_modules()]
    for module in modules:
        importlib.import_module(module)  # its snapshot readers are needed here too
    run_dir.mkdir(parents=True, exist_ok=True)
    data_dir = run_dir / "vault"
    recovery_code = _vault(data_dir).create(FIRST_PASSPHRASE)
    text = load_consent_bundle(SHIPPED, "nl").text
    return Soak(
        data_dir=data_dir,
        run_dir=run_dir,
        passphrase=FIRST_PASSPHRASE,
        previous_passphrase=None,
        recovery_code=recovery_code,
        consent_text={"language": text.language, "version": text.version, "text": text.text},
        modules=modules,
    )


# --- one cycle -------------------------------------------------------------------------------


def _run_worker(
    soak: Soak, rng: random.Random, *, op_names: list[str] | None, from_start: bool
) -> tuple[list[dict[str, Any]], int | None, bool]:
    """Start the worker, kill it; return its events, its exit code and whether it was ready."""
    state_file = soak.run_dir / "worker-state.json"
    state_file.write_text(
        json.dumps(
            {
                "data_dir": str(soak.data_dir),
                "run_dir": str(soak.run_dir),
                "passphrase": soak.passphrase,
                "recovery_code": soak.recovery_code,
                "seed": rng.randrange(2**32),
                "first_seq": soak.next_seq,
                "ops": op_names,
                "consent_text": soak.consent_text,
                "modules": soak.modules,
                "max_seconds": 30,
            }
        ),
        "utf-8",
    )
    with open(soak.run_dir / "worker-stderr.txt", "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.soak.worker", str(state_file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    assert process.stdout is not None
    fd = process.stdout.fileno()
    started = time.monotonic()
    deadline = None
    ready = unlocking = False
    data = bytearray()
    eof = False
    while True:
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            break
        if now - started > 60:
            break
        timeout = (deadline - now) if deadline is not None else 1.0
        readable, _, _ = select.select([fd], [], [], timeout)
        if not readable:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            eof = True
            break
        data += chunk
        if not unlocking and b'{"t": "unlocking"}\n' in data:
            unlocking = True
            if from_start:
                deadline = time.monotonic() + rng.uniform(*KILL_DURING_UNLOCK)
        if not ready and b'{"t": "ready"}\n' in data:
            ready = True
            if deadline is None:
                deadline = time.monotonic() + rng.uniform(*KILL_AFTER_READY)
    process.kill()  # SIGKILL
    returncode = process.wait()
    if not eof:
        while chunk := os.read(fd, 1 << 16):
            data += chunk
    process.stdout.close()
    events = []
    for line in bytes(data).split(b"\n"):
        if line.strip():
            try:
                events.append(json.loads(line))
            except ValueError:
                pass  # a line cut off by the kill is not an acknowledgement
    return events, returncode, ready


def _apply_acknowledgements(
    soak: Soak, figures: Figures, events: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """Update the model with every ack; return the intent still in flight (or None)."""
    intents: dict[int, dict[str, Any]] = {}
    in_flight = None
    for event in events:
        kind = event.get("t")
        if kind == "intent":
            if in_flight is not None:
                figures.problem(f"#{in_flight['seq']} has an intent but no acknowledgement")
            in_flight = event
            intents[event["seq"]] = event
        elif kind == "ack":
            intent = intents.get(event["seq"])
            if intent is None or in_flight is not intent:
                figures.problem(f"acknowledgement #{event['seq']} without its intent")
                continue
            in_flight = None
            op = intent["op"]
            for name, value in event["post"].items():
                if value is None:
                    soak.model.pop(name, None)
                    soak.tombstones[name] = event["seq"]
                else:
                    soak.model[name] = Entry(value, event["seq"], op)
                    soak.tombstones.pop(name, None)
            if "passphrase" in event:
                soak.previous_passphrase = soak.passphrase
                soak.passphrase = event["passphrase"]
                figures.passphrase_changes_acknowledged += 1
            if "recovery_code" in event:
                soak.previous_recovery_code = soak.recovery_code
                soak.recovery_code = event["recovery_code"]
                figures.recovery_code_changes_acknowledged += 1
            if op in ops.CHECKS:
                state = {name: entry.digest for name, entry in soak.model.items()}
                soak.pending_checks.append((intent, event, state))
            figures.acknowledged_ops += 1
            figures.acknowledged_by_op[op] = figures.acknowledged_by_op.get(op, 0) + 1
            soak.next_seq = max(soak.next_seq, event["seq"] + 1)
        elif kind == "error":
            figures.worker_errors += 1
            figures.problem(f"worker: #{event.get('seq')} {event.get('op')}: {event['message']}")
    if in_flight is not None:
        soak.next_seq = max(soak.next_seq, in_flight["seq"] + 1)
    return in_flight


def reconcile(
    model: dict[str, Entry],
    tombstones: dict[str, int],
    found: dict[str, str],
    in_flight: dict[str, Any] | None,
) -> tuple[dict[str, Entry], dict[str, int], list[str], set[int], bool]:
    """Compare what the vault holds (``found``) with what was acknowledged (``model``).

    Returns the new model and tombstones, the problems, the sequence numbers of lost
    acknowledged operations, and whether the operation in flight landed.
    """
    touch_list: list[str] = list(in_flight["touch"]) if in_flight else []
    touch = set(touch_list)
    label = f"#{in_flight['seq']} {in_flight['op']}" if in_flight else ""
    expect: dict[str, str | None] = dict(in_flight.get("expect", {})) if in_flight else {}
    problems: list[str] = []
    lost: set[int] = set()
    changed: set[str] = set()

    for name, entry in model.items():
        got = found.get(name)
        if got == entry.digest:
            continue
        if name in touch and (name not in expect or got == expect[name]):
            changed.add(name)
            continue
        lost.add(entry.seq)
        what = "is missing" if got is None else "has other content"
        problems.append(f"{name} (acknowledged by #{entry.seq} {entry.op}) {what}")

    wanted = Counter(ops.kind_of(n) for n in touch_list if n.endswith(":" + ops.NEW))
    new_budget = Counter(wanted)
    for name in sorted(found.keys() - model.keys()):
        new_name = ops.key(ops.kind_of(name), ops.NEW)
        if name in touch and (name not in expect or expect[name] == found[name]):
            changed.add(name)
        elif new_budget[ops.kind_of(name)] > 0 and expect.get(new_name, found[name]) == found[name]:
            new_budget[ops.kind_of(name)] -= 1
            changed.add(name)
        elif name in tombstones:
            lost.add(tombstones[name])
            problems.append(f"{name} (deleted by #{tombstones[name]}) is back")
        else:
            problems.append(f"{name} is in the vault but was never written")

    # One operation is one transaction: it landed entirely or not at all.
    for kind, left in new_budget.items():
        if 0 < left < wanted[kind]:
            problems.append(
                f"{label} half applied: {wanted[kind] - left} of {wanted[kind]} new {kind}"
            )
    predictable = [n for n in expect if not n.endswith(":" + ops.NEW) and n in touch]
    moved = [n for n in predictable if (model[n].digest if n in model else None) != expect[n]]
    if in_flight and moved:
        landed_on = [n for n in moved if found.get(n) == expect[n]]
        if landed_on and len(landed_on) != len(moved):
            problems.append(f"{label} half applied: {landed_on} of {moved}")
    landed = bool(changed)

    op_label = f"{in_flight['op']} (not acknowledged)" if in_flight else "?"
    seq = int(in_flight["seq"]) if in_flight else -1
    new_model: dict[str, Entry] = {}
    for name, value in found.items():
        known = model.get(name)
        new_model[name] = (
            known if known is not None and known.digest == value else Entry(value, seq, op_label)
        )
    new_tombstones = {n: s for n, s in tombstones.items() if n not in found}
    for name in model.keys() - found.keys():
        new_tombstones[name] = model[name].seq if name not in touch else seq
    return new_model, new_tombstones, problems, lost, landed


def _temp_files(data_dir: Path) -> set[str]:
    """Temp files of the atomic writer left behind by a kill (counted, not a failure here)."""
    return {
        p.name for p in data_dir.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")
    }


def _which_open(soak: Soak, figures: Figures, secrets: list[str], kind: str) -> list[str]:
    """The secrets (passphrases or recovery codes) among ``secrets`` that open the vault."""
    from app.store.errors import WrongSecret

    opened = []
    for secret in secrets:
        vault = _vault(soak.data_dir)
        try:
            if kind == "passphrase":
                vault.unlock(secret).close()
            else:
                vault.unlock_with_recovery(secret).close()
        except WrongSecret:
            continue
        except Exception as error:  # noqa: BLE001 - any other failure is a finding
            figures.problem(f"unlock ({kind}) failed: {type(error).__name__}: {error}")
            continue
        opened.append(secret)
    return opened


def _check_secret(
    soak: Soak, figures: Figures, in_flight: dict[str, Any] | None, kind: str
) -> str | None:
    """Exactly one of the current and the previous secret opens, the acknowledged one; with a
    change in flight, the old or the new. Returns the one that opens (and adopts it)."""
    change_key, attr = (
        ("passwd", "passphrase") if kind == "passphrase" else ("recovery", "recovery_code")
    )
    change = in_flight.get(change_key) if in_flight else None
    current, previous = getattr(soak, attr), getattr(soak, "previous_" + attr)
    candidates = [change["old"], change["new"]] if change else [current, previous]
    opened = _which_open(soak, figures, [c for c in candidates if c], kind)
    prefix = "passphrase" if kind == "passphrase" else "recovery_code"
    if change:
        setattr(figures, f"{prefix}_change_kills", getattr(figures, f"{prefix}_change_kills") + 1)
        if opened == [change["old"]]:
            name = f"{prefix}_change_kills_old_opens"
        elif opened == [change["new"]]:
            name = f"{prefix}_change_kills_new_opens"
            setattr(soak, "previous_" + attr, current)
            setattr(soak, attr, change["new"])
        else:
            name = f"{prefix}_not_exactly_one"
        setattr(figures, name, getattr(figures, name) + 1)
        if name.endswith("exactly_one"):
            figures.problem(f"{len(opened)} of the old and new {kind} open the vault")
    elif len(opened) != 1:
        setattr(
            figures, f"{prefix}_not_exactly_one", getattr(figures, f"{prefix}_not_exactly_one") + 1
        )
        figures.problem(f"{len(opened)} of the current and previous {kind} open the vault")
    elif opened[0] != current:
        figures.problem(f"the vault opens only with a {kind} that was replaced")
    return opened[0] if len(opened) == 1 else None


def verify(soak: Soak, figures: Figures, in_flight: dict[str, Any] | None) -> bool:
    """Reopen and check the vault; False when it cannot be opened at all (stop the run)."""
    passphrase = _check_secret(soak, figures, in_flight, "passphrase")
    if _check_secret(soak, figures, in_flight, "recovery code") is None:
        figures.recovery_code_failures += 1
    try:
        session = _vault(soak.data_dir).unlock(passphrase or soak.passphrase)
    except Exception as error:  # noqa: BLE001
        figures.unlock_failures += 1
        figures.problem(f"the vault does not open: {type(error).__name__}: {error}")
        return False
    try:
        connection = session.connection
        cipher_rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        if cipher_rows:
            figures.cipher_integrity_failures += 1
            figures.problem(f"cipher_integrity_check: {len(cipher_rows)} rows")
        rows = [tuple(row) for row in connection.execute("PRAGMA integrity_check").fetchall()]
        if rows != [("ok",)]:
            figures.integrity_failures += 1
            figures.problem(f"integrity_check: {rows[:3]}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            figures.integrity_failures += 1
            figures.problem("foreign_key_check found rows")
        found = ops.snapshot(connection)
    finally:
        session.close()
    soak.model, soak.tombstones, problems, lost, landed = reconcile(
        soak.model, soak.tombstones, found, in_flight
    )
    for text in problems:
        figures.problem(text)
    figures.lost_ops += len(lost)
    figures.unexpected_objects += sum("never written" in p for p in problems)
    figures.half_applied_ops += sum("half applied" in p for p in problems)
    if in_flight is not None:
        if landed:
            figures.in_flight_landed += 1
        else:
            figures.in_flight_not_landed += 1
    figures.objects_at_end = len(found)
    _run_checks(soak, figures, in_flight, found)
    return True


def _run_checks(
    soak: Soak, figures: Figures, in_flight: dict[str, Any] | None, found: dict[str, str]
) -> None:
    def count(name: str) -> None:
        figures.checked[name] = figures.checked.get(name, 0) + 1

    pending, soak.pending_checks = soak.pending_checks, []
    if in_flight is not None and in_flight["op"] in ops.CHECKS:
        pending.append((in_flight, {}, found))
    for intent, ack, state in pending:
        context = ops.CheckContext(soak.run_dir, intent, ack or None, state, count, figures.problem)
        try:
            ops.CHECKS[intent["op"]](context)
        except Exception as error:  # noqa: BLE001 - a failing check is a finding
            figures.problem(
                f"check of #{intent['seq']} {intent['op']}: {type(error).__name__}: {error}"
            )


def run_cycle(soak: Soak, figures: Figures, rng: random.Random) -> bool:
    figures.cycles += 1
    draw = rng.random()
    from_start = draw < 0.10
    op_names = list(KEY_SLOT_OPS) if 0.10 <= draw < 0.25 else None
    events, returncode, ready = _run_worker(soak, rng, op_names=op_names, from_start=from_start)
    if not ready:
        figures.kills_during_unlock += 1
    if returncode != -9:
        figures.worker_not_killed += 1
        if not any(e.get("t") == "error" for e in events):
            tail = (soak.run_dir / "worker-stderr.txt").read_text("utf-8", "replace")[-600:]
            figures.problem(f"worker ended by itself (exit {returncode}): {tail}")
    in_flight = _apply_acknowledgements(soak, figures, events)
    if in_flight is not None:
        name = in_flight["op"]
        figures.kill_in_flight_by_op[name] = figures.kill_in_flight_by_op.get(name, 0) + 1
    soak.temp_files_seen |= _temp_files(soak.data_dir)
    figures.stale_temp_files_seen = len(soak.temp_files_seen)
    return verify(soak, figures, in_flight)


def run_soak(
    run_dir: Path,
    cycles: int,
    *,
    seed: int | None = None,
    modules: list[str] | None = None,
    progress: Any = None,
) -> Figures:
    """Create a vault in ``run_dir`` and run ``cycles`` kill -9 cycles on it."""
    started = time.monotonic()
    rng = random.Random(seed)
    soak = new_soak(run_dir, modules)
    figures = Figures(modules=list(soak.modules))
    for _ in range(cycles):
        if not run_cycle(soak, figures, rng):
            break
        if progress is not None:
            progress(figures)
    figures.vault_bytes_at_end = sum(
        p.stat().st_size for p in soak.data_dir.iterdir() if p.is_file()
    )
    figures.wall_seconds = time.monotonic() - started
    return figures
