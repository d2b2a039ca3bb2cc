"""Hostile rules files and scenarios: every problem is a RulesError/ScenarioError on one line."""

from __future__ import annotations

import copy

import pytest

from app.core.intake_scenarios import Scenario, ScenarioError, rules_from_yaml
from app.core.routes import RulesError, load_rules
from app.core.yaml_text import safe_load
from app.paths import resource_path

SHIPPED = safe_load(resource_path("routes.yaml").read_text("utf-8"))


def broken(change):
    data = copy.deepcopy(SHIPPED)
    change(data)
    return data


def _first_condition(data):
    for route in data["routes"]:
        for condition in route.get("conditions") or []:
            if condition.get("all"):
                return condition
    raise AssertionError


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _first_condition(d).__setitem__("all", [["crisis"]]),
        lambda d: _first_condition(d).__setitem__("all", [{"a": 1}]),
        lambda d: d.__setitem__("crisis_facts", [["ontruiming"]]),
        lambda d: d["facts"].__setitem__("a\nb\nc", "x"),
        lambda d: d["facts"].__setitem__(("a", "b"), "x"),
        lambda d: d["routes"][0].__setitem__("deadline", ["crisis"]),
        lambda d: d["routes"][0].__setitem__("contact", {"tel": {"a": 1}}),
        lambda d: d["parameters"].__setitem__(next(iter(d["parameters"])), float("inf")),
        lambda d: d.__setitem__("schema_version", "x\n" * 1000),
        lambda d: d["facts"].update({f"onbekend\n{i}": "x" for i in range(5000)}),
    ],
)
def test_broken_rules_give_one_line(change):
    with pytest.raises(RulesError) as caught:
        load_rules(broken(change))
    message = str(caught.value)
    assert "\n" not in message and len(message) < 1500


def test_rules_text_goes_through_the_bounded_reader():
    for text in ("a: " + "[" * 10_000, "a: 1" + "0" * 5000, "x: 2026-13-45", "[" * 100):
        with pytest.raises(RulesError):
            rules_from_yaml(text)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x", "a\nb": 1},
        {"name": "x", "expected": [["shv"]]},
        {"name": "x", "expected": ["shv"] * 1000},
        {"name": "x", "expected": ["a\nb"], "not_expected": ["a\nb"]},
        {"name": "x", "today": "2026-13-45"},
        {"name": "x", "expected_deadlines": {"shv": "morgen"}, "today": "2026-01-01"},
        {"name": "x", "intake": {"total_debt": 1e27}},
        {"name": "x", "intake": []},
    ],
)
def test_broken_scenarios_give_one_line(data):
    with pytest.raises(ScenarioError) as caught:
        Scenario.from_dict(data)
    assert "\n" not in str(caught.value)
