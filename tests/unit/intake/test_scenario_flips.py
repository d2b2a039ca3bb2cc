"""Every shipped scenario really checks something: flip one expectation and rules check fails.

A scenario that still passes with its expectation turned around would guard nothing when the
municipality edits routes.yaml.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import pytest

from app.cli import main
from app.core.intake_scenarios import Scenario, run_scenario
from app.core.routes import load_rules
from app.core.yaml_text import safe_load
from app.paths import resource_path

RULES = load_rules(safe_load(resource_path("routes.yaml").read_text("utf-8")))
MONDAY = date(2026, 11, 30)
PATHS = sorted(resource_path("scenarios").glob("*.json"))
OTHER_INSTRUMENT = {"gift": "lening", "lening": "gift_of_lening", "gift_of_lening": "gift"}
OTHER_SOURCE = {"wgs": "gemeente", "gemeente": None, None: "wgs"}


def _flips(data: dict) -> list[tuple[str, dict]]:
    """Every single flip of one expectation in a scenario."""
    flips = []
    for route_id in data.get("expected", []):
        flipped = copy.deepcopy(data)
        flipped["expected"].remove(route_id)
        flipped.setdefault("not_expected", []).append(route_id)
        for key in ("expected_deadlines", "expected_terms", "expected_instruments"):
            flipped.get(key, {}).pop(route_id, None)
        flipped.get("expected_reasons", {}).pop(route_id, None)
        flips.append((f"expected {route_id}", flipped))
    for route_id in data.get("not_expected", []):
        flipped = copy.deepcopy(data)
        flipped["not_expected"].remove(route_id)
        flipped.setdefault("expected", []).append(route_id)
        flips.append((f"not_expected {route_id}", flipped))
    for route_id, day in data.get("expected_deadlines", {}).items():
        flipped = copy.deepcopy(data)
        other = (date.fromisoformat(day) + timedelta(days=1)).isoformat() if day else data["today"]
        flipped["expected_deadlines"][route_id] = other
        flips.append((f"deadline {route_id}", flipped))
        if day:
            flipped = copy.deepcopy(data)
            flipped["expected_deadlines"][route_id] = None
            flips.append((f"no deadline {route_id}", flipped))
    for route_id, source in data.get("expected_terms", {}).items():
        flipped = copy.deepcopy(data)
        flipped["expected_terms"][route_id] = OTHER_SOURCE[source]
        flips.append((f"term {route_id}", flipped))
    for route_id, kind in data.get("expected_instruments", {}).items():
        flipped = copy.deepcopy(data)
        flipped["expected_instruments"][route_id] = OTHER_INSTRUMENT[kind]
        flips.append((f"instrument {route_id}", flipped))
    for route_id, codes in data.get("expected_reasons", {}).items():
        flipped = copy.deepcopy(data)
        flipped["expected_reasons"][route_id] = [*codes, "niet_gegeven"]
        flips.append((f"reason {route_id}", flipped))
    return flips


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_flipped_expectation_fails(path):
    data = json.loads(path.read_text("utf-8"))
    assert run_scenario(Scenario.from_dict(data), RULES, MONDAY).ok
    flips = _flips(data)
    assert flips, "a scenario without expectations checks nothing"
    for label, flipped in flips:
        result = run_scenario(Scenario.from_dict(flipped), RULES, MONDAY)
        assert not result.ok, f"{path.name}: flipping '{label}' still passes"


def test_every_kind_of_expectation_is_used_by_the_shipped_scenarios():
    used = set()
    for path in PATHS:
        used |= set(json.loads(path.read_text("utf-8")))
    assert {
        "expected_deadlines",
        "expected_terms",
        "expected_instruments",
        "expected_reasons",
        "enable",
        "disable",
    } <= used


# A sample across kinds, through the command a municipality runs.
SAMPLE = {
    "13-sunz-alleenstaand-op": "expected sunz",
    "17-sunz-gezin-boven": "not_expected sunz",
    "20-leeftijd-18": "expected jpf",
    "22-leeftijd-28": "not_expected jpf",
    "34-veel-schuldeisers": "expected shv",
    "28-voedselbank-net-boven-norm": "not_expected voedselbank",
    "56-koningsdag-2027": "deadline shv-crisis",
    "70-bevrijdingsdag-lustrum-2025": "deadline shv-crisis",
    "76-bijbaan-bankkrediet-gemeente": "term shv-crisis",
    "09-zzp-beslag-bedrijf": "no deadline shv-crisis",
    "41-sunz-alleenstaand-te-krap-gift-past": "instrument sunz",
    "45-sunz-eenoudergezin-lening": "reason sunz",
}


@pytest.mark.parametrize(("stem", "label"), sorted(SAMPLE.items()))
def test_rules_check_command_fails_on_a_flipped_scenario(stem, label, tmp_path, capsys):
    path = resource_path("scenarios", f"{stem}.json")
    data = json.loads(path.read_text("utf-8"))
    assert main(["rules", "check", str(path)]) == 0
    flipped = dict(_flips(data))[label]
    target = tmp_path / f"{stem}.json"
    target.write_text(json.dumps(flipped, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["rules", "check", str(target)]) == 1
    out = capsys.readouterr().out
    assert f"FOUT  {stem}.json" in out and "0 van 1 scenario goed" in out
