"""Kill -9 soak, short version (the long one: ``python -m tests.soak.run --cycles 200``).

``SOAK_CYCLES`` (default 8) and ``SOAK_SEED`` (default: random, printed on failure) change the
short run. The tests below it show that the checker notices a lost write, a write that comes
back, a half-applied operation and a rolled-back key slot.
"""

from __future__ import annotations

import os
import random
import shutil

import pytest

from tests.soak import harness, ops
from tests.soak.harness import Entry, Figures, reconcile

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and select on a pipe")


def test_kill_9_loses_nothing_that_was_acknowledged(tmp_path):
    cycles = int(os.environ.get("SOAK_CYCLES", "8"))
    seed = int(os.environ.get("SOAK_SEED", random.randrange(2**31)))
    figures = harness.run_soak(tmp_path / "soak", cycles, seed=seed)
    summary = f"seed {seed}: {figures.to_json()}"
    assert figures.problems == [], summary
    assert figures.cycles == cycles, summary
    assert figures.acknowledged_ops > 0, summary
    assert figures.lost_ops == 0, summary
    assert figures.integrity_failures == figures.cipher_integrity_failures == 0, summary
    assert figures.worker_not_killed == 0, summary


# --- the checker itself can fail -------------------------------------------------------------


def entry(digest: str, seq: int = 1, op: str = "signal.add") -> Entry:
    return Entry(digest, seq, op)


def test_a_missing_or_changed_acknowledged_object_is_lost():
    model = {"signal:1": entry("a", 1), "intake:1": entry("b", 2), "intake:2": entry("c", 3)}
    found = {"signal:1": "a", "intake:1": "other"}
    _m, _t, problems, lost, landed = reconcile(model, {}, found, None)
    assert lost == {2, 3}
    assert len(problems) == 2 and not landed


def test_only_the_operation_in_flight_may_change_and_only_as_it_would():
    model = {"intake:1": entry("old", 4, "intake.autosave")}
    in_flight = {"seq": 5, "op": "intake.autosave", "touch": ["intake:1"], "expect": {}}
    in_flight["expect"] = {"intake:1": "new"}
    new_model, _t, problems, lost, landed = reconcile(model, {}, {"intake:1": "new"}, in_flight)
    assert (problems, lost, landed) == ([], set(), True)
    assert new_model["intake:1"].digest == "new"
    _m, _t, problems, lost, landed = reconcile(model, {}, {"intake:1": "garbled"}, in_flight)
    assert lost == {4} and problems


def test_a_new_object_is_allowed_only_for_a_create_in_flight():
    in_flight = {
        "seq": 9,
        "op": "signal.add",
        "touch": ["signal:new"],
        "expect": {"signal:new": "s"},
    }
    _m, _t, problems, _lost, landed = reconcile({}, {}, {"signal:7": "s"}, in_flight)
    assert problems == [] and landed
    _m, _t, problems, _lost, _landed = reconcile(
        {}, {}, {"signal:7": "s", "signal:8": "s"}, in_flight
    )
    assert problems == ["signal:8 is in the vault but was never written"]
    _m, _t, problems, lost, _landed = reconcile({}, {"signal:3": 2}, {"signal:3": "x"}, None)
    assert lost == {2} and "is back" in problems[0]


def test_an_operation_that_landed_halfway_is_reported():
    model = {
        "consent:1": entry("c0", 1),
        "referral:1": entry("r0", 2),
        "referral:2": entry("q0", 3),
    }
    in_flight = {
        "seq": 4,
        "op": "consent.withdraw",
        "touch": ["consent:1", "referral:1", "referral:2"],
        "expect": {"consent:1": "c1", "referral:1": "r1", "referral:2": "q1"},
    }
    found = {"consent:1": "c1", "referral:1": "r1", "referral:2": "q0"}
    _m, _t, problems, _lost, _landed = reconcile(model, {}, found, in_flight)
    assert any("half applied" in p for p in problems)


def test_a_write_lost_behind_the_harness_back_is_found(tmp_path):
    soak = harness.new_soak(tmp_path / "soak")
    figures = Figures()
    rng = random.Random(3)
    while not any(name.startswith(("signal:", "intake:")) for name in soak.model):
        assert harness.run_cycle(soak, figures, rng)
        assert figures.cycles < 20, figures.to_json()
    assert figures.problems == []
    victim = next(name for name in sorted(soak.model) if name.startswith(("signal:", "intake:")))
    kind, ident = victim.split(":")
    sql = {
        "signal": "DELETE FROM signal WHERE id = ?",
        "intake": "UPDATE intake SET step = step + 1 WHERE id = ?",
    }[kind]
    with harness._vault(soak.data_dir).unlock(soak.passphrase) as session, session.connection:
        session.connection.execute(sql, (int(ident),))
    assert harness.verify(soak, figures, None)
    assert figures.lost_ops == 1
    assert any(victim in p for p in figures.problems)


def test_a_key_slot_file_rolled_back_is_found(tmp_path):
    soak = harness.new_soak(tmp_path / "soak")
    old_slots = tmp_path / "keyslots-before.json"
    shutil.copy(soak.data_dir / "keyslots.json", old_slots)
    vault = harness._vault(soak.data_dir)
    new = ops.new_passphrase(random.Random(1))
    vault.change_passphrase(soak.passphrase, new)
    code = vault.new_recovery_code(new)
    # as if both changes had been acknowledged
    soak.previous_passphrase, soak.passphrase = soak.passphrase, new
    soak.previous_recovery_code, soak.recovery_code = soak.recovery_code, code
    figures = Figures()
    assert harness.verify(soak, figures, None)
    assert figures.problems == []
    shutil.copy(old_slots, soak.data_dir / "keyslots.json")
    harness.verify(soak, figures, None)
    assert figures.problems == [
        "cycle 0: the vault opens only with a passphrase that was replaced",
        "cycle 0: the vault opens only with a recovery code that was replaced",
    ]
