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
      "expected_deadlines": {"shv-crisis": "2027-04-01", "geldfit": null},  # optional
      "expected_terms": {"shv-crisis": "wgs", "ondernemers": null},   # optional: wgs|gemeente
      "expected_instruments": {"sunz": "gift"},   # optional: gift|lening|gift_of_lening
      "expected_reasons": {"sunz": ["aflosruimte_navragen"]}   # optional: reason codes
    }

``expected_terms`` says where the first-conversation term of a route comes from: ``wgs`` (the
law), ``gemeente`` (a municipal choice), or null (no term). A route named in any ``expected_*``
mapping must be advised.
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
        "expected_terms",
        "expected_instruments",
        "expected_reasons",
    }
)

TERM_SOURCES = ("wgs", "gemeente")
INSTRUMENT_KINDS = ("gift", "lening", "gift_of_lening")


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
    expected_terms: Mapping[str, str | None] = field(default_factory=dict)
    expected_instruments: Mapping[str, str | None] = field(default_factory=dict)
    expected_reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

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
        terms = _choices(data.get("expected_terms"), "expected_terms", TERM_SOURCES)
        instruments = _choices(
            data.get("expected_instruments"), "expected_instruments", INSTRUMENT_KINDS
        )
        reasons_raw = data.get("expected_reasons") or {}
        if not isinstance(reasons_raw, Mapping) or len(reasons_raw) > MAX_IDS:
            raise ScenarioError("'expected_reasons' moet route-id's met lijsten van codes bevatten")
        reasons = {
            one_line(key, 40): _ids(value, "expected_reasons") for key, value in reasons_raw.items()
        }
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
            expected_terms=terms,
            expected_instruments=instruments,
            expected_reasons=reasons,
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
    for route_id, source in scenario.expected_terms.items():
        actual = by_id.get(route_id)
        if actual is None:
            problems.append(f"bron termijn voor '{route_id}' verwacht, maar niet geadviseerd")
            continue
        got_source = actual.term.source if actual.term else None
        if got_source != source:
            problems.append(
                f"bron termijn '{route_id}': {got_source or 'geen termijn'}, "
                f"verwacht {source or 'geen termijn'}"
            )
    for route_id, kind in scenario.expected_instruments.items():
        actual = by_id.get(route_id)
        if actual is None:
            problems.append(f"middel voor '{route_id}' verwacht, maar de route is niet geadviseerd")
            continue
        got_kind = actual.instrument.kind if actual.instrument else None
        if got_kind != kind:
            problems.append(f"middel '{route_id}': {got_kind or 'geen'}, verwacht {kind or 'geen'}")
    for route_id, codes in scenario.expected_reasons.items():
        actual = by_id.get(route_id)
        if actual is None:
            problems.append(f"redenen voor '{route_id}' verwacht, maar niet geadviseerd")
            continue
        have = {reason.code for reason in actual.reasons}
        missing = [one_line(code, 40) for code in codes if code not in have]
        if missing:
            problems.append(f"reden bij '{route_id}' ontbreekt: {', '.join(missing[:3])}")
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


def _choices(value: object, label: str, allowed: tuple[str, ...]) -> dict[str, str | None]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or len(value) > MAX_IDS:
        raise ScenarioError(f"'{label}' moet route-id's met een waarde bevatten")
    result: dict[str, str | None] = {}
    for key, choice in value.items():
        if choice is not None and (not isinstance(choice, str) or choice not in allowed):
            raise ScenarioError(
                f"'{label}': gebruik {', '.join(allowed)} of null, niet '{one_line(choice, 40)}'"
            )
        result[one_line(key, 40)] = choice
    return result


def _ids(value: object, label: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"'{label}' moet een lijst van route-id's zijn")
    if len(value) > MAX_IDS:
        raise ScenarioError(f"'{label}' heeft meer dan {MAX_IDS} route-id's")
    return tuple(value)
