"""The shipped workshop cases: valid, fictional, and the real rules engine agrees with them."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.intake_scenarios import rules_from_yaml
from app.core.routes import advise
from app.core.training import TrainingDataError, check_expected_routes, load_cases
from app.paths import resource_path
from app.shipped import load_shipped

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def catalogue():
    return SHIPPED.catalogue


@pytest.fixture(scope="module")
def rules():
    return rules_from_yaml(resource_path("routes.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(resource_path("training", "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cases(raw, catalogue, rules):
    return load_cases(raw, catalogue, rules)


def test_shipped_cases_load(cases):
    assert 6 <= len(cases) <= 8
    assert len({case.id for case in cases}) == len(cases)
    for case in cases:
        assert case.title.startswith("Casus ")
        assert "Fictie" in case.title
        assert case.story and case.opener and case.signals


def test_each_case_expects_what_the_real_engine_advises(cases, rules):
    assert check_expected_routes(cases, rules, TODAY) == []
    for case in cases:
        assert advise(case.intake, rules, TODAY).route_ids == list(case.expected_routes)


def test_the_mix_of_situations_is_covered(cases, rules):
    advices = {case.id: advise(case.intake, rules, TODAY) for case in cases}
    assert any(advice.crisis for advice in advices.values()), "a crisis case"
    assert any(case.intake.effective_age_band.value == "18_27" for case in cases), "a young one"
    assert any(case.intake.is_self_employed for case in cases), "self-employed on the side"
    assert any({"loonbeslag", "cak-inhouding-zorgpremie"} <= case.signal_ids for case in cases), (
        "garnishment + CAK"
    )
    assert any(advice.route_ids == ["geldfit"] for advice in advices.values()), "nothing serious"
    assert any(
        case.intake.household is not None and case.intake.household.value == "eenoudergezin"
        for case in cases
    ), "a single parent"


def test_cases_hold_no_realistic_personal_data(raw):
    text = yaml.safe_dump(raw, allow_unicode=True)
    assert raw["fictional"] is True
    assert not re.search(r"\b\d{9}\b", text), "nothing like a BSN"
    assert not re.search(r"\bNL\d{2}[A-Z]{4}\d{10}\b", text), "nothing like an IBAN"
    assert "@" not in text, "no e-mail addresses"
    assert not re.search(r"\b06[- ]?\d{8}\b", text), "no mobile numbers"


def test_unknown_signal_and_route_are_reported(raw, catalogue, rules):
    broken = copy.deepcopy(raw)
    broken["cases"][0]["signals"].append({"id": "bestaat-niet"})
    broken["cases"][1]["expected_routes"] = ["geen-route"]
    with pytest.raises(TrainingDataError) as caught:
        load_cases(broken, catalogue, rules)
    text = str(caught.value)
    assert "bestaat-niet" in text and "geen-route" in text
    assert len(caught.value.problems) == 2


def test_duplicate_ids_bad_intake_and_missing_story_are_reported(raw, catalogue):
    broken = copy.deepcopy(raw)
    broken["cases"][1]["id"] = broken["cases"][0]["id"]
    broken["cases"][2]["intake"]["household"] = "kasteel"
    broken["cases"][3]["story"] = "  "
    with pytest.raises(TrainingDataError) as caught:
        load_cases(broken, catalogue)
    assert len(caught.value.problems) == 3


def test_file_must_say_it_is_fictional(raw, catalogue):
    broken = copy.deepcopy(raw)
    del broken["fictional"]
    with pytest.raises(TrainingDataError):
        load_cases(broken, catalogue)
    with pytest.raises(TrainingDataError):
        load_cases([], catalogue)


def test_check_expected_routes_names_a_case_that_drifted(cases, rules):
    from dataclasses import replace

    drifted = replace(cases[0], expected_routes=("geldfit",))
    problems = check_expected_routes([drifted], rules, TODAY)
    assert len(problems) == 1 and cases[0].id in problems[0]


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "title", "story", "signals", "intake", "expected_routes", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cases=st.lists(_json, max_size=3), fictional=st.booleans())
def test_any_damaged_file_gives_a_dutch_problem_list_not_a_crash(catalogue, cases, fictional):
    try:
        load_cases({"fictional": fictional, "cases": cases}, catalogue)
    except TrainingDataError as error:
        assert error.problems
