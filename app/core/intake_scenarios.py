"""Scenarios: a fictional intake plus the routes that must (not) be advised.

The municipality changes ``routes.yaml`` and runs the shipped scenarios to see nothing broke
(``vindplaats rules check``). Pure: the caller reads the files and passes the parsed data.

Scenario file (JSON)::

    {
      "name": "Afsluitingsbrief energie",
      "description": "...",                      # optional
      "today": "2027-03-26",                     # optional, needed for expected_deadlines
      "enable": ["jpf"], "disable": ["sunz"],    # optional: switch routes for this scenario
      "intake": { ...intake.schema.json... },
      "expected": ["shv-crisis"],
      "not_expected": ["shv"],
      "expected_deadlines": {"shv-crisis": "2027-04-01", "geldfit": null}   # optional
    }
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.core.bounded import InputError, load_yaml, one_line
from app.core.intake import Intake
from app.core.intake_codec import IntakeFormatError
from app.core.routes import RulesError, RuleSet, advise, load_rules

_KEYS = frozenset(
    {
        "name",
        "description",
        "today",
        "enable",
        "disable",
        "intake",
        "expected",
        "not_expected",
        "expected_deadlines",
    }
)


MAX_IDS = 200  # route ids in expected, not_expected, enable, disable


class ScenarioError(ValueError):
    """A scenario file is malformed (Dutch text)."""


@dataclass(frozen=True)
class Scenario:
    name: str
    intake: Intake
    expected: tuple[str, ...]
    not_expected: tuple[str, ...]
    today: date | None = None
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    expected_deadlines: Mapping[str, date | None] = field(default_factory=dict)
    description: str = ""

    @classmethod
    def from_dict(cls, data: object) -> Scenario:
        if not isinstance(data, Mapping):
            raise ScenarioError("het scenario is geen JSON-object")
        extra = set(data) - _KEYS
        if extra:
            names = sorted(one_line(key, 40) for key in extra)[:3]
            raise ScenarioError("onbekende sleutel in scenario: " + ", ".join(names))
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ScenarioError("het scenario heeft geen 'name'")
        try:
            raw_intake = data.get("intake")
            intake = Intake.from_dict({} if raw_intake is None else raw_intake)
        except IntakeFormatError as error:
            raise ScenarioError(f"intake: {error}") from None
        today = _date(data.get("today"), "today") if data.get("today") is not None else None
        deadlines_raw = data.get("expected_deadlines") or {}
        if not isinstance(deadlines_raw, Mapping):
            raise ScenarioError("'expected_deadlines' moet route-id's met datums bevatten")
        deadlines = {
            one_line(key, 40): (_date(value, "expected_deadlines") if value is not None else None)
            for key, value in deadlines_raw.items()
        }
        if deadlines and today is None:
            raise ScenarioError("'expected_deadlines' vraagt om 'today'")
        expected = _ids(data.get("expected"), "expected")
        not_expected = _ids(data.get("not_expected"), "not_expected")
        both = set(expected) & set(not_expected)
        if both:
            raise ScenarioError(
                "route staat in expected én not_expected: "
                + ", ".join(sorted(one_line(route_id, 40) for route_id in both)[:3])
            )
        return cls(
            name=name.strip(),
            intake=intake,
            expected=expected,
            not_expected=not_expected,
            today=today,
            enable=_ids(data.get("enable"), "enable"),
            disable=_ids(data.get("disable"), "disable"),
            expected_deadlines=deadlines,
            description=str(data.get("description") or ""),
        )


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    problems: tuple[str, ...]
    advised: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def run_scenario(
    scenario: Scenario,
    rules: RuleSet,
    today: date,
    non_working: Container[date] | None = None,
) -> ScenarioResult:
    """Advise the scenario's intake and compare with what it expects."""
    problems: list[str] = []
    changes = {route_id: True for route_id in scenario.enable}
    changes.update({route_id: False for route_id in scenario.disable})
    try:
        effective = rules.with_enabled(changes) if changes else rules
    except RulesError as error:
        return ScenarioResult(scenario, (str(error),), ())
    known = {route.id for route in rules.routes}
    for route_id in scenario.expected + scenario.not_expected:
        if route_id not in known:
            problems.append(f"route '{one_line(route_id, 40)}' staat niet in de regels")
    advice = advise(scenario.intake, effective, scenario.today or today, non_working)
    advised = tuple(advice.route_ids)
    for route_id in scenario.expected:
        if route_id in known and route_id not in advised:
            problems.append(f"'{route_id}' verwacht maar niet geadviseerd")
    for route_id in scenario.not_expected:
        if route_id in advised:
            problems.append(f"'{route_id}' geadviseerd maar niet verwacht")
    by_id = {route.route_id: route for route in advice.routes}
    for route_id, deadline in scenario.expected_deadlines.items():
        actual = by_id.get(route_id)
        if actual is None:
            problems.append(
                f"termijn voor '{route_id}' verwacht, maar de route is niet geadviseerd"
            )
        elif actual.deadline != deadline:
            got = actual.deadline.isoformat() if actual.deadline else "geen"
            want = deadline.isoformat() if deadline else "geen"
            problems.append(f"termijn '{route_id}': {got}, verwacht {want}")
    return ScenarioResult(scenario, tuple(problems), advised)


def rules_from_yaml(text: str) -> RuleSet:
    """Parse and check the text of a rules file (YAML), with the limits of the bounded reader."""
    try:
        data: Any = load_yaml(text)
    except InputError as error:
        raise RulesError([str(error)]) from None
    return load_rules(data)


def _date(value: object, label: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ScenarioError(f"'{label}' is geen datum (JJJJ-MM-DD)") from None


def _ids(value: object, label: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"'{label}' moet een lijst van route-id's zijn")
    if len(value) > MAX_IDS:
        raise ScenarioError(f"'{label}' heeft meer dan {MAX_IDS} route-id's")
    return tuple(value)
