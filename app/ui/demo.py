"""``vindplaats --demo``: a throwaway vault with fictional data, for workshops and demos.

The vault lives in a fresh temporary folder, never in the user's data folder, and is made with
cheap key-derivation parameters (:data:`app.store.keyslots.TEST_KDF`). That is acceptable only
because everything in it is made up: fictional conversations (the training cases) and a few
hundred fictional signals spread over the last weeks. Remove it with
:func:`remove_demo_vault` when the demo ends.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from app.clock import Clock
from app.core.concepts.age import AgeBand
from app.core.concepts.contract import SIGNAL_VALUES
from app.core.routes import advise
from app.core.signals import IsoWeek, Signal, Source
from app.core.training import load_cases
from app.paths import default_data_dir
from app.shipped import ShippedData
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.keyslots import TEST_KDF
from app.store.signals import SignalRepository, SignalSettings, save_settings
from app.store.vault import Vault

DEMO_PREFIX = "vindplaats-demo-"
# Training mode's passphrase: short and shown on the lock screen, so a trainer can type it in
# front of a group. Acceptable only because the demo vault holds made-up data and is deleted
# at the end; the user's own vault is never opened in training mode.
DEMO_PASSPHRASE = "samen oefenen"  # noqa: S105 - fictional data only, see above
_OWNER_FILE = "eigenaar.pid"  # the process that made the folder (stale folders: see below)
DEMO_WEEKS = 26
DEMO_SIGNALS = 360
DEMO_DEPARTMENTS = ("Schoonmaak", "Productie", "Bezorging", "Kantoor")
DEMO_SECTOR = "schoonmaak"
# The fixed seed makes every demo look the same, so a trainer can prepare what to show.
_SEED = 20261130

# How often each category shows up, roughly: common signals often, rare ones seldom.
_WEIGHTS = {
    "voorschot-of-betaaldatum": 9,
    "vaker-kort-verzuim": 8,
    "stress-en-spanning": 8,
    "extra-uren-of-diensten": 6,
    "concentratieproblemen": 6,
    "noemt-zelf-geldzorgen": 5,
    "loonbeslag": 4,
    "lenen-bij-collegas": 4,
    "bellen-met-schuldeisers": 4,
    "cak-inhouding-zorgpremie": 3,
    "scheiding": 3,
    "post-en-formulieren-ontwijken": 3,
    "vakantiedagen-laten-uitbetalen": 3,
    "deurwaarder-informatieverzoek": 2,
    "lening-bij-werkgever": 2,
    "acute-achterstand-of-afsluiting": 2,
}


class DemoFolderRefused(ValueError):
    """The demo vault would land in the user's real data folder."""


def prepare_demo_vault(base_dir: Path, *, shipped: ShippedData, clock: Clock) -> tuple[Vault, str]:
    """Create and seed a fictional vault in a new temporary folder under ``base_dir``.

    Returns the vault (locked) and its (short, shown) passphrase; unlock it with
    ``vault.unlock(passphrase)``. ``base_dir`` must not be (inside) the user's data folder.
    """
    base = Path(base_dir)
    base.mkdir(parents=True, exist_ok=True)
    _refuse_real_data_dir(base)
    remove_stale_demo_folders(base)
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX, dir=base))
    (folder / _OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    passphrase = DEMO_PASSPHRASE
    vault = Vault(folder / "kluis", kdf=TEST_KDF, clock=clock)
    try:
        vault.create(passphrase)
        with vault.unlock(passphrase) as session:
            seed_demo_data(session.connection, shipped, clock)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return vault, passphrase


def remove_demo_vault(vault: Vault) -> None:
    """Delete the demo folder (only a folder that :func:`prepare_demo_vault` made)."""
    folder = Path(vault.data_dir).parent
    if folder.name.startswith(DEMO_PREFIX) and (folder / "kluis") == Path(vault.data_dir):
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_demo_folders(base_dir: Path) -> list[Path]:
    """Delete demo folders left behind by a training session that did not end normally (a
    crash, a power cut, a kill): those whose owning process is gone. Returns what went."""
    removed: list[Path] = []
    for folder in Path(base_dir).glob(DEMO_PREFIX + "*"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            owner = int((folder / _OWNER_FILE).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            owner = None  # made before owners were noted, or half made: not in use
        if owner is not None and owner != os.getpid() and _process_alive(owner):
            continue  # another training session on this computer, still running
        if owner == os.getpid():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def seed_demo_data(connection, shipped: ShippedData, clock: Clock) -> None:
    """Fictional conversations (the training cases) and signals, through the repositories."""
    today = clock.today()
    catalogue = shipped.catalogue
    rules, problem = shipped.routes
    if rules is None:
        raise ValueError(f"routes.yaml: {problem}")
    cases = load_cases(shipped.training_cases_data, catalogue, rules)
    rng = random.Random(_SEED)

    save_settings(
        connection,
        SignalSettings(departments=DEMO_DEPARTMENTS, k=10, sector=DEMO_SECTOR),
        clock=clock,
    )

    intakes = IntakeRepository(connection, clock=clock)
    statuses = (IntakeStatus.OPEN, IntakeStatus.REFERRED, IntakeStatus.OPEN, IntakeStatus.CLOSED)
    for number, case in enumerate(cases):
        held = today - timedelta(days=3 + 9 * number)
        record = intakes.create(case.intake, today=held, step=0)
        advice = advise(case.intake, rules, held)
        stored = advice.to_dict() | {"crisis": advice.crisis, "date": held.isoformat()}
        intakes.store_advice(record.id, stored, today=held)
        intakes.set_status(record.id, statuses[number % len(statuses)])
        if number % 2 == 0:
            intakes.set_follow_up(record.id, today + timedelta(days=1 + number))
    # One unfinished conversation, as an advisor would have after an interrupted talk.
    intakes.create(replace(cases[0].intake, help_question=None), today=today, step=2)

    active = {category.id for category in catalogue.active()}
    weights = {key: value for key, value in _WEIGHTS.items() if key in active}
    for category in catalogue.active():
        weights.setdefault(category.id, 1)
    categories = list(weights)
    chances = [weights[key] for key in categories]
    by_logged_week: dict[IsoWeek, list[Signal]] = {}
    for _index in range(DEMO_SIGNALS):
        # More signals in recent weeks, a few in every week.
        weeks_back = min(int(rng.expovariate(1 / 8)), DEMO_WEEKS - 1)
        week = IsoWeek.of(today - timedelta(weeks=weeks_back))
        signal = Signal(
            category=rng.choices(categories, chances)[0],
            iso_year=week.year,
            iso_week=week.week,
            source=rng.choice(list(Source)),
            department=rng.choice(DEMO_DEPARTMENTS) if rng.random() < 0.8 else None,
            age_band=rng.choice(list(AgeBand)[1:]) if rng.random() < 0.6 else None,
            contract_type=rng.choice(SIGNAL_VALUES) if rng.random() < 0.5 else None,
            conversation_offered=rng.random() < 0.6 if rng.random() < 0.7 else None,
        )
        by_logged_week.setdefault(week, []).append(signal)
    signals = SignalRepository(connection, clock=clock)
    for logged, batch in sorted(by_logged_week.items()):
        signals.add_many(batch, logged_in=logged)


def _refuse_real_data_dir(base: Path) -> None:
    with contextlib.suppress(OSError):
        real = default_data_dir().resolve()
        resolved = base.resolve()
        if resolved == real or real in resolved.parents:
            raise DemoFolderRefused(
                "de demokluis mag niet in de gewone gegevensmap van Vindplaats staan"
            )
