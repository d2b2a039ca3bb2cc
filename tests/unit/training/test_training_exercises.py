"""Scoring of the two exercises: signals seen, and routes compared with the real engine."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.intake_scenarios import rules_from_yaml
from app.core.training import (
    Verdict,
    load_cases,
    route_options,
    score_routes,
    score_signals,
    signal_options,
)
from app.paths import resource_path
from app.shipped import load_shipped

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

TODAY = date(2026, 11, 30)
CATALOGUE = SHIPPED.catalogue
RULES = rules_from_yaml(resource_path("routes.yaml").read_text(encoding="utf-8"))
CASES = load_cases(
    yaml.safe_load(resource_path("training", "cases.yaml").read_text(encoding="utf-8")),
    CATALOGUE,
    RULES,
)
BY_ID = {case.id: case for case in CASES}


def test_all_signals_right_is_perfect():
    case = BY_ID["casus-a"]
    result = score_signals(case, case.signal_ids, CATALOGUE)
    assert result.score.perfect and result.score.percent == 100
    assert all(item.verdict is Verdict.CORRECT for item in result.feedback)
    assert "Helemaal goed" in result.summary()


def test_missed_and_extra_signals_get_feedback_with_the_catalogue_why():
    case = BY_ID["casus-a"]
    chosen = {"vaker-kort-verzuim", "loonbeslag"}
    result = score_signals(case, chosen, CATALOGUE)
    assert (result.score.correct, result.score.missed, result.score.extra) == (1, 3, 1)
    assert result.score.percent == 20  # 1 of 5 in common
    verdicts = {item.category.id: item.verdict for item in result.feedback}
    assert verdicts["vaker-kort-verzuim"] is Verdict.CORRECT
    assert verdicts["voorschot-of-betaaldatum"] is Verdict.MISSED
    assert verdicts["loonbeslag"] is Verdict.EXTRA
    missed = next(i for i in result.feedback if i.category.id == "voorschot-of-betaaldatum")
    assert missed.category.why == CATALOGUE.get("voorschot-of-betaaldatum").why
    assert "eerder" in missed.where
    assert missed.headline.startswith("Gemist")
    # Order: correct first, then missed, then extra.
    order = [item.verdict for item in result.feedback]
    assert order == sorted(order, key=list(Verdict).index)
    assert "1 van de 4" in result.summary()


def test_nothing_ticked_misses_everything():
    case = BY_ID["casus-d"]
    result = score_signals(case, [], CATALOGUE)
    assert result.score.correct == 0 and result.score.missed == len(case.signals)
    assert result.score.fraction == 0.0


def test_unknown_signal_in_answer_is_refused():
    with pytest.raises(ValueError):
        score_signals(BY_ID["casus-a"], ["bestaat-niet"], CATALOGUE)


def test_signal_options_are_the_active_catalogue():
    options = signal_options(CATALOGUE)
    assert [c.id for c in options] == [c.id for c in CATALOGUE.active()]
    for case in CASES:
        assert case.signal_ids <= {c.id for c in options}


@settings(max_examples=100, deadline=None)
@given(
    case=st.sampled_from(CASES),
    chosen=st.sets(st.sampled_from([c.id for c in CATALOGUE.active()])),
)
def test_signal_counts_always_add_up(case, chosen):
    result = score_signals(case, chosen, CATALOGUE)
    score = result.score
    assert score.correct + score.missed == len(case.signals)
    assert score.correct + score.extra == len(chosen)
    assert 0.0 <= score.fraction <= 1.0
    assert score.perfect == (set(chosen) == case.signal_ids)


def test_route_exercise_compares_with_the_engine_and_shows_reasons():
    case = BY_ID["casus-a"]  # energy cut-off: shv-crisis, sunz, maatschappelijk-werk
    result = score_routes(case, ["shv-crisis", "geldfit"], RULES, TODAY)
    assert result.first_route == "shv-crisis" and result.first_chosen
    verdicts = {item.route.id: item.verdict for item in result.feedback}
    assert verdicts == {
        "shv-crisis": Verdict.CORRECT,
        "sunz": Verdict.MISSED,
        "maatschappelijk-werk": Verdict.MISSED,
        "geldfit": Verdict.EXTRA,
    }
    crisis = result.feedback[0]
    assert crisis.first and crisis.deadline == date(2026, 12, 3)
    assert any("energiebedrijf" in reason for reason in crisis.reasons)
    extra = next(i for i in result.feedback if i.route.id == "geldfit")
    assert extra.reasons == ()
    summary = result.summary()
    assert "1 van de 3" in summary and "3 werkdagen" in summary


def test_route_exercise_first_route_missed_is_pointed_out():
    case = BY_ID["casus-g"]
    result = score_routes(case, ["maatschappelijk-werk"], RULES, TODAY)
    assert not result.first_chosen
    assert "Let op" in result.summary()


def test_route_exercise_exact_answer_is_perfect_for_every_case():
    for case in CASES:
        result = score_routes(case, case.expected_routes, RULES, TODAY)
        assert result.score.perfect, case.id


def test_route_options_are_enabled_routes_only():
    ids = [route.id for route in route_options(RULES)]
    assert "jpf" in ids  # the pilot is switched on
    assert "jpf" not in [route.id for route in route_options(RULES.with_enabled({"jpf": False}))]
    assert ids[0] == "shv-crisis"
    with pytest.raises(ValueError):
        score_routes(BY_ID["casus-a"], ["bestaat-niet"], RULES, TODAY)
