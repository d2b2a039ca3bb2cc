"""Proof: every damage to a real vault is detected, without a traceback, and the check
changes no file.

A real vault with intakes and signals (written through the repositories) is damaged in
every page (a few offsets each: the start, the header area, the middle, the IV and the HMAC
at the end), cut short at several sizes, damaged in its write-ahead log (a vault as a crash
leaves it, with committed rows only in ``vault.db-wal``) and in ``keyslots.json``. For each
trial ``Vault.check`` must report the vault unhealthy or raise a ``VaultError`` (never
another exception), and the sha256 of ``vault.db``, ``vault.db-wal`` and ``keyslots.json``
must be the same after the check as before it. A handful go through the real
``vindplaats vault check``.

The long variant flips every byte of several pages (first, second, a middle one, the last)
and of the first WAL frames; run it by hand (a few minutes)::

    VINDPLAATS_DAMAGE_FULL=1 python -m pytest tests/unit/store/test_damage_proof.py -q -s

It prints its figures (trials, detected, tracebacks, files modified).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from app.core.intake import Intake
from app.core.signals import IsoWeek, Signal, Source
from app.store import keyslots, wal
from app.store.errors import VaultError
from app.store.intakes import IntakeRepository
from app.store.signals import SignalRepository
from app.store.vault import UnlockThrottle, Vault

FULL = os.environ.get("VINDPLAATS_DAMAGE_FULL") == "1"
PASSPHRASE = "fictieve kluis lamp wolk"
PAGE = 4096
# Inside a page: the very start (page 1: the salt), the header area, the middle, SQLCipher's
# IV (the last 80 bytes are IV + HMAC), the HMAC, the last byte.
PAGE_OFFSETS = (0, 17, 100, 2048, PAGE - 80, PAGE - 40, PAGE - 1)
# Inside a WAL frame: page number, commit size, both salts, both checksums, the page.
FRAME_OFFSETS = (0, 5, 9, 13, 17, 22, 24, 24 + 2048, 24 + PAGE - 1)
WAL_HEADER_OFFSETS = (0, 5, 9, 13, 17, 21, 25, 29)


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@dataclass
class Tally:
    trials: int = 0
    detected: int = 0
    tracebacks: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def figures(self) -> str:
        return (
            f"trials={self.trials} detected={self.detected} "
            f"tracebacks={len(self.tracebacks)} files_modified={len(self.modified)}"
        )

    def assert_perfect(self) -> None:
        assert self.tracebacks == [], self.tracebacks[:5]
        assert self.missed == [], self.missed[:10]
        assert self.modified == [], self.modified[:10]
        assert self.detected == self.trials > 0


class Lab:
    """One vault folder; damage, check, compare, restore."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.folder = vault.data_dir
        self.watched = [
            self.folder / "vault.db",
            self.folder / "vault.db-wal",
            self.folder / "keyslots.json",
        ]
        self.originals = {p: p.read_bytes() for p in self.folder.iterdir()}

    def restore(self) -> None:
        for path in self.folder.iterdir():
            if path not in self.originals:
                path.unlink()
        for path, data in self.originals.items():
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)

    def trial(self, tally: Tally, label: str, damage: Callable[[], None], *, unlock=False) -> None:
        damage()
        before = {p.name: sha256(p) for p in self.watched}
        tally.trials += 1
        attempts = [lambda: self.vault.check(passphrase=PASSPHRASE)]
        if unlock:
            attempts.append(lambda: self.vault.unlock(PASSPHRASE))
        detected = True
        for attempt in attempts:
            try:
                outcome = attempt()
            except VaultError:
                continue
            except Exception as error:  # noqa: BLE001 - counting exactly these
                tally.tracebacks.append(f"{label}: {type(error).__name__}: {error}")
                detected = False
                continue
            if hasattr(outcome, "healthy"):
                detected = detected and not outcome.healthy
            else:  # a session: the damage was not noticed
                outcome.close()
                detected = False
        if detected:
            tally.detected += 1
        else:
            tally.missed.append(label)
        after = {p.name: sha256(p) for p in self.watched}
        if after != before:
            tally.modified.append(label)
        self.restore()

    # -- kinds of damage ----------------------------------------------------------------------

    def flip(self, name: str, offset: int, mask: int = 0x55) -> Callable[[], None]:
        def damage() -> None:
            path = self.folder / name
            data = bytearray(path.read_bytes())
            data[offset] ^= mask
            path.write_bytes(bytes(data))

        return damage

    def cut(self, name: str, size: int) -> Callable[[], None]:
        def damage() -> None:
            path = self.folder / name
            path.write_bytes(path.read_bytes()[:size])

        return damage


def fill(vault: Vault, *, signals: int, intakes: int, keep_log: bool = False):
    session = vault.unlock(PASSPHRASE)
    if keep_log:
        session.connection.execute("PRAGMA wal_autocheckpoint = 0")
    SignalRepository(session.connection).add_many(
        [Signal("loonbeslag", 2026, 1 + i % 52, Source.ADMINISTRATION) for i in range(signals)],
        logged_in=IsoWeek(2026, 48),
    )
    repo = IntakeRepository(session.connection)
    for _ in range(intakes):
        repo.create(Intake(), today=date(2026, 11, 30))
    return session


def cheap_vault(folder: Path) -> Vault:
    return Vault(folder, kdf=keyslots.TEST_KDF, throttle=UnlockThrottle(), sleep=lambda s: None)


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Lab:
    folder = tmp_path_factory.mktemp("proef") / "kluis"
    vault = cheap_vault(folder)
    vault.create(PASSPHRASE)
    fill(vault, signals=400, intakes=40).close()
    assert sorted(p.name for p in folder.iterdir()) == ["keyslots.json", "vault.db"]
    assert vault.check(passphrase=PASSPHRASE).healthy
    return Lab(cheap_vault(folder))


@pytest.fixture(scope="module")
def crashed_lab(tmp_path_factory) -> Lab:
    """A vault as kill -9 leaves it: the last transactions only in vault.db-wal."""
    source = tmp_path_factory.mktemp("voor-crash") / "kluis"
    vault = cheap_vault(source)
    vault.create(PASSPHRASE)
    fill(vault, signals=200, intakes=10).close()
    session = fill(vault, signals=150, intakes=5, keep_log=True)
    target = tmp_path_factory.mktemp("na-crash") / "kluis"
    target.mkdir()
    for name in ("vault.db", "vault.db-wal", "keyslots.json"):
        shutil.copyfile(source / name, target / name)
    session.close()
    crashed = Lab(cheap_vault(target))
    assert crashed.vault.check(passphrase=PASSPHRASE).healthy  # (its audit row is undone:)
    crashed.restore()
    assert wal_frames(crashed) >= 5
    return crashed


def wal_frames(lab: Lab) -> int:
    size = (lab.folder / "vault.db-wal").stat().st_size
    return (size - wal.HEADER_BYTES) // (wal.FRAME_HEADER_BYTES + PAGE)


def test_every_page_flipped_is_detected_and_nothing_is_written(lab):
    pages = (lab.folder / "vault.db").stat().st_size // PAGE
    assert pages >= 20
    tally = Tally()
    for page in range(pages):
        for index, offset in enumerate(PAGE_OFFSETS):
            lab.trial(
                tally,
                f"page {page + 1} +{offset}",
                lab.flip("vault.db", page * PAGE + offset),
                unlock=index in (0, 2, 5),
            )
    print(f"\npages {pages}: {tally.figures()}")
    tally.assert_perfect()


def test_every_cut_is_detected_and_nothing_is_written(lab):
    size = (lab.folder / "vault.db").stat().st_size
    tally = Tally()
    for cut in sorted({0, 1, 100, PAGE - 1, PAGE, 2 * PAGE, size - PAGE, size // 2, size - 1}):
        lab.trial(tally, f"cut at {cut}", lab.cut("vault.db", cut), unlock=True)
    print(f"\ncuts: {tally.figures()}")
    tally.assert_perfect()


def test_every_key_slot_damage_is_detected(lab):
    size = (lab.folder / "keyslots.json").stat().st_size
    tally = Tally()
    for offset in range(0, size, 23):
        lab.trial(tally, f"keyslots +{offset}", lab.flip("keyslots.json", offset))
    for cut in (0, 1, size // 2, size - 2):
        lab.trial(tally, f"keyslots cut {cut}", lab.cut("keyslots.json", cut))
    print(f"\nkey slots: {tally.figures()}")
    tally.assert_perfect()


def test_every_log_damage_is_detected_and_nothing_is_written(crashed_lab):
    frames = wal_frames(crashed_lab)
    assert frames >= 5
    tally = Tally()
    for offset in WAL_HEADER_OFFSETS:
        crashed_lab.trial(tally, f"wal header +{offset}", crashed_lab.flip("vault.db-wal", offset))
    for frame in range(frames):
        start = wal.HEADER_BYTES + frame * (wal.FRAME_HEADER_BYTES + PAGE)
        every_offset = frame < 3 or frame >= frames - 3
        for offset in FRAME_OFFSETS if every_offset else FRAME_OFFSETS[2::3]:
            crashed_lab.trial(
                tally,
                f"wal frame {frame + 1} +{offset}",
                crashed_lab.flip("vault.db-wal", start + offset),
            )
    print(f"\nwal frames {frames}: {tally.figures()}")
    tally.assert_perfect()


def test_the_undamaged_lab_vaults_are_healthy_between_trials(lab, crashed_lab):
    """The trials above restore every byte: what they detected was the damage, not leftovers."""
    assert lab.vault.check(passphrase=PASSPHRASE).healthy
    lab.restore()
    assert crashed_lab.vault.check(passphrase=PASSPHRASE).healthy
    crashed_lab.restore()


# --- through the real command --------------------------------------------------------------


def test_a_handful_through_vindplaats_vault_check(tmp_path):
    folder = tmp_path / "kluis"
    cwd = Path(__file__).resolve().parents[3]

    def cli(*args: str, stdin: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "app", *args, "--data-dir", str(folder)],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=cwd,
        )

    made = cli("vault", "init", stdin=PASSPHRASE + "\n")
    assert made.returncode == 0, made.stderr
    fill(Vault(folder, throttle=UnlockThrottle()), signals=300, intakes=20).close()
    lab = Lab(Vault(folder))
    size = (folder / "vault.db").stat().st_size
    damages = {
        "page 2": lab.flip("vault.db", PAGE + 300),
        "middle page": lab.flip("vault.db", (size // PAGE // 2) * PAGE + 2000),
        "last HMAC": lab.flip("vault.db", size - 10),
        "cut to 1 byte": lab.cut("vault.db", 1),
        "key slots": lab.flip("keyslots.json", 200),
    }
    for label, damage in damages.items():
        damage()
        before = {p.name: sha256(p) for p in lab.watched}
        result = cli("vault", "check", stdin=PASSPHRASE + "\n")
        assert result.returncode in (1, 2), (label, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, label
        assert len(result.stderr.strip().splitlines()) <= 1, (label, result.stderr)
        assert "De kluis is in orde." not in result.stdout, label
        assert {p.name: sha256(p) for p in lab.watched} == before, label
        lab.restore()
    healthy = cli("vault", "check", stdin=PASSPHRASE + "\n")
    assert healthy.returncode == 0, healthy.stderr


# --- the long variant ----------------------------------------------------------------------


@pytest.mark.skipif(not FULL, reason="long run: set VINDPLAATS_DAMAGE_FULL=1")
def test_every_byte_of_several_pages_and_log_frames(lab, crashed_lab):
    pages = (lab.folder / "vault.db").stat().st_size // PAGE
    tally = Tally()
    for page in sorted({0, 1, pages // 2, pages - 1}):
        for offset in range(PAGE):
            damage = lab.flip("vault.db", page * PAGE + offset)
            lab.trial(tally, f"page {page + 1} +{offset}", damage)
    print(f"\nfull, pages: {tally.figures()}")
    log_tally = Tally()
    frame_bytes = wal.FRAME_HEADER_BYTES + PAGE
    for offset in range(wal.HEADER_BYTES + 2 * frame_bytes):
        crashed_lab.trial(log_tally, f"wal +{offset}", crashed_lab.flip("vault.db-wal", offset))
    last = wal.HEADER_BYTES + (wal_frames(crashed_lab) - 1) * frame_bytes
    for offset in range(last, last + frame_bytes):
        crashed_lab.trial(log_tally, f"wal +{offset}", crashed_lab.flip("vault.db-wal", offset))
    print(f"full, wal: {log_tally.figures()}")
    tally.assert_perfect()
    log_tally.assert_perfect()
