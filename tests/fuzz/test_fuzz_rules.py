"""Rules (routes.yaml) and scenario files: RulesError/ScenarioError/InputError only."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from app.core.intake import Intake
from app.core.routes import RulesError, advise, load_rules
from app.core.yaml_text import safe_load
from app.paths import resource_path
from tests.fuzz.checks import (
    TODAY,
    check_rules,
    check_scenario,
    check_scenario_document,
    counted,
    one_line,
)
from tests.fuzz.strategies import fuzz_settings, mutated, mutated_text
from tests.fuzz.test_fuzz_intake import FULL

RULES_TEXT = resource_path("routes.yaml").read_text("utf-8")
RULES = safe_load(RULES_TEXT)
SCENARIO = {
    "name": "Afsluiting",
    "today": "2026-12-01",
    "enable": ["jpf"],
    "intake": FULL,
    "expected": ["shv-crisis"],
    "not_expected": ["geldfit"],
    "expected_deadlines": {"shv-crisis": "2026-12-04"},
}


@fuzz_settings
@given(mutated(RULES, max_changes=4))
def test_mutated_rules(data):
    counted("rules")
    try:
        ruleset = load_rules(data)
    except RulesError as error:
        one_line(error)
        return
    advise(Intake.from_dict(FULL), ruleset, TODAY)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(RULES_TEXT)))
def test_raw_and_mutated_rules_text(data):
    check_rules(data)


@fuzz_settings
@given(mutated(SCENARIO, max_changes=4))
def test_mutated_scenario(document):
    check_scenario_document(document)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(json.dumps(SCENARIO))))
def test_raw_and_mutated_scenario_text(data):
    check_scenario(data)
