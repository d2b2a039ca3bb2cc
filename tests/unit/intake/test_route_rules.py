"""The rules engine with the shipped routes.yaml: one test per rule, properties, scenarios."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from decimal import Decimal

import holidays
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.concepts.arrears import ArrearKind
from app.core.concepts.contract import INTAKE_ANSWERS, ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat
from app.core.intake import UNKNOWN, Arrear, FixedCost, IncomeSource, Intake
from app.core.intake_scenarios import Scenario, run_scenario
from app.core.routes import RulesError, advise, load_rules
from app.core.workdays import working_days_between
from app.paths import resource_path

RAW = yaml.safe_load(resource_path("routes.yaml").read_text("utf-8"))
RULES = load_rules(RAW)
MONDAY = date(2026, 11, 30)
NL = holidays.country_holidays("NL")


def ids(intake, rules=RULES, today=MONDAY):
    return advise(intake, rules, today).route_ids


def reasons(intake, route_id, rules=RULES):
    advice = advise(intake, rules, MONDAY)
    return [r.text for route in advice.routes if route.route_id == route_id for r in route.reasons]


def test_shipped_rules_have_every_required_route():
    required = {
        "shv",
        "shv-crisis",
        "sunz",
        "jpf",
        "geldfit",
        "schuldhulpmaatje",
        "humanitas",
        "formulierenbrigade",
        "voedselbank",
        "jip",
        "maatschappelijk-werk",
        "ondernemers",
    }
    assert required <= {route.id for route in RULES.routes}


def test_unverified_routes_say_what_the_municipality_must_confirm():
    for route in RULES.routes:
        if route.unverified:
            assert route.unverified_note


def test_sunz_and_voedselbank_explain_the_confidential_advisor_is_not_their_helper():
    for route_id in ("sunz", "voedselbank"):
        route = RULES.route(route_id)
        assert route.via_helper_only and route.helper_route == "maatschappelijk-werk"
        assert "hulpverlen" in route.explanation


def test_threat_gives_crisis_route_with_reason_and_three_working_days():
    intake = Intake(threats=[Threat.CUT_OFF_ELECTRICITY])
    advice = advise(intake, RULES, MONDAY)
    first = advice.routes[0]
    assert first.route_id == "shv-crisis"
    assert first.deadline == date(2026, 12, 3)
    assert [r.text for r in first.reasons] == [
        "er is een afsluitingsbrief van het energiebedrijf (stroom)"
    ]
    assert advice.crisis


def test_no_threat_gives_the_four_week_term_for_municipal_help():
    intake = Intake(total_debt=Decimal(9000), threats=[])
    advice = advise(intake, RULES, MONDAY)
    shv = next(route for route in advice.routes if route.route_id == "shv")
    assert shv.deadline == date(2026, 12, 28)
    assert "shv-crisis" not in advice.route_ids


def test_garnishment_is_not_a_crisis_unless_the_municipality_adds_it():
    intake = Intake(wage_garnishment=True, threats=[])
    assert "shv-crisis" not in ids(intake)
    assert "shv" in ids(intake)
    raw = copy.deepcopy(RAW)
    raw["crisis_facts"].append("loonbeslag")
    assert "shv-crisis" in ids(intake, load_rules(raw))
    assert reasons(intake, "shv-crisis", load_rules(raw)) == ["er ligt beslag op het loon"]


def test_sunz_brings_social_work_along_with_the_reason():
    intake = Intake(household=Household.SINGLE, total_debt=Decimal(900))
    assert "sunz" in ids(intake)
    texts = reasons(intake, "maatschappelijk-werk")
    assert any("SUNZ" in text and "vertrouwenspersoon" in text for text in texts)


@pytest.mark.parametrize(
    ("household", "amount", "expected"),
    [
        (Household.SINGLE, 1750, True),
        (Household.SINGLE, 1751, False),
        (Household.FAMILY, 2500, True),
        (Household.SINGLE_PARENT, 2501, False),
        (UNKNOWN, 1750, True),
        (UNKNOWN, 2000, False),
    ],
)
def test_sunz_limits(household, amount, expected):
    assert ("sunz" in ids(Intake(household=household, total_debt=Decimal(amount)))) is expected


def test_sunz_is_not_for_the_self_employed():
    intake = Intake(contract=ContractType.SELF_EMPLOYED, total_debt=Decimal(500))
    assert "sunz" not in ids(intake)
    assert "ondernemers" in ids(intake)


@pytest.mark.parametrize(
    ("age", "jpf", "jip"),
    [(17, False, True), (18, True, True), (27, True, True), (28, False, False)],
)
def test_youth_routes_at_the_age_edges(age, jpf, jip):
    rules = RULES.with_enabled({"jpf": True})
    advised = ids(Intake(age_years=age, arrears=[Arrear(ArrearKind.DUO, Decimal(4000))]), rules)
    assert ("jpf" in advised) is jpf
    assert ("jip" in advised) is jip


def test_jpf_is_shipped_switched_off_and_then_never_advised():
    assert not RULES.route("jpf").enabled
    assert "jpf" not in ids(Intake(age_years=20, arrears=[Arrear(ArrearKind.DUO, Decimal(4000))]))


def test_voedselbank_from_food_shortage_or_living_money_below_norm():
    assert "voedselbank" in ids(Intake(food_shortage=True))
    below = Intake(
        household=Household.SINGLE,
        income=[IncomeSource(IncomeKind.WAGES, Decimal(1000))],
        fixed_costs=[FixedCost(CostKind.HOUSING, Decimal(686))],
    )
    assert "voedselbank" in ids(below)  # 314 < 200 + 115
    below.fixed_costs = [FixedCost(CostKind.HOUSING, Decimal(685))]
    assert "voedselbank" not in ids(below)


@pytest.mark.parametrize(
    ("area", "route_id"),
    [
        (LifeArea.PAPERWORK, "humanitas"),
        (LifeArea.FORMS, "formulierenbrigade"),
        (LifeArea.LANGUAGE, "formulierenbrigade"),
        (LifeArea.STRESS, "maatschappelijk-werk"),
        (LifeArea.RELATIONSHIP, "maatschappelijk-werk"),
    ],
)
def test_life_area_routes(area, route_id):
    assert route_id in ids(Intake(life_areas=[area]))


def test_debts_give_a_volunteer_when_there_is_no_crisis():
    assert "schuldhulpmaatje" in ids(Intake(total_debt=Decimal(3000), threats=[]))
    assert "schuldhulpmaatje" not in ids(
        Intake(total_debt=Decimal(3000), threats=[Threat.EVICTION])
    )


def test_nothing_wrong_and_all_unknown_lead_to_geldfit_only():
    fine = Intake(arrears=[], threats=[], food_shortage=False, wage_garnishment=False)
    assert ids(fine) == ["geldfit"]
    assert ids(Intake()) == ["geldfit"]
    everything_unknown = Intake.from_dict(
        {key: "unknown" for key in Intake().to_dict() if key != "schema_version"}
    )
    assert ids(everything_unknown) == ["geldfit"]


def test_advice_is_ordered_by_priority():
    intake = Intake(
        threats=[Threat.EVICTION],
        contract=ContractType.SELF_EMPLOYED,
        food_shortage=True,
        life_areas=[LifeArea.PAPERWORK, LifeArea.STRESS],
        age_years=19,
    )
    priorities = [route.priority for route in advise(intake, RULES, MONDAY).routes]
    assert priorities == sorted(priorities)


def test_cli_shape_of_the_advice():
    data = advise(Intake(threats=[Threat.CUT_OFF_GAS]), RULES, date(2027, 3, 26)).to_dict()
    assert data["schema_version"] == "1.0"
    assert data["routes"][0] == {
        "id": "shv-crisis",
        "priority": 1,
        "reasons": ["er is een afsluitingsbrief voor het gas"],
        "deadline": "2027-04-01",
    }


# --- validation messages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["routes"][0].update(priority="hoog"), "'priority' moet een heel getal zijn"),
        (
            lambda r: r["routes"][0]["conditions"][0].update(all=["crisis_achtig"]),
            "onbekend feit 'crisis_achtig'",
        ),
        (lambda r: r["routes"].append(copy.deepcopy(r["routes"][0])), "staat er twee keer in"),
        (
            lambda r: r["routes"][3].update(helper_route="nergens"),
            "helper_route 'nergens' bestaat niet",
        ),
        (lambda r: r["routes"][0].pop("enabled"), "'enabled' ontbreekt"),
        (
            lambda r: r["routes"][0].update(deadline="morgen"),
            "'deadline' moet crisis, wgs of none zijn",
        ),
        (lambda r: r["crisis_facts"].append("brand"), "crisis_facts: onbekend feit 'brand'"),
        (
            lambda r: r["parameters"].update(sunz_max_single="veel"),
            "'sunz_max_single' moet een getal",
        ),
        (lambda r: r["facts"].pop("ontruiming"), "feit 'ontruiming' heeft geen tekst"),
    ],
)
def test_rules_validation_names_the_problem(change, message):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(RulesError) as error:
        load_rules(raw)
    assert message in str(error.value)


# --- properties -------------------------------------------------------------------------------


def answer(values):
    return st.one_of(st.none(), st.just(UNKNOWN), values)


intakes = st.builds(
    Intake,
    household=answer(st.sampled_from(Household)),
    age_years=answer(st.integers(15, 80)),
    contract=answer(st.sampled_from(INTAKE_ANSWERS)),
    own_business=answer(st.booleans()),
    food_shortage=answer(st.booleans()),
    arrears=answer(
        st.lists(
            st.builds(Arrear, st.sampled_from(ArrearKind), answer(st.decimals(0, 20000, places=0))),
            max_size=3,
        )
    ),
    creditor_count=answer(st.integers(0, 10)),
    total_debt=answer(st.decimals(0, 50000, places=0)),
    bailiff=answer(st.booleans()),
    wage_garnishment=answer(st.booleans()),
    bank_garnishment=answer(st.booleans()),
    threats=answer(st.lists(st.sampled_from(Threat), unique=True)),
    life_areas=answer(st.lists(st.sampled_from(LifeArea), unique=True)),
)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2032, 12, 31))
route_ids = [route.id for route in RULES.routes]


@settings(max_examples=200, deadline=None)
@given(intakes, days)
def test_any_threat_gives_crisis_route_within_three_working_days(intake, today):
    advice = advise(intake, RULES, today)
    if intake.present_threats:
        crisis = next(route for route in advice.routes if route.route_id == "shv-crisis")
        assert crisis.deadline is not None
        assert today < crisis.deadline
        assert working_days_between(today, crisis.deadline) == 3
        assert crisis.reasons
    else:
        assert "shv-crisis" not in advice.route_ids


@settings(max_examples=200, deadline=None)
@given(intakes, days, st.sets(st.sampled_from(route_ids), min_size=1))
def test_a_switched_off_route_is_never_advised(intake, today, switched_off):
    rules = RULES.with_enabled({route_id: False for route_id in switched_off})
    advice = advise(intake, rules, today)
    assert not set(advice.route_ids) & switched_off
    for route in advice.routes:
        assert route.reasons


@settings(max_examples=200, deadline=None)
@given(intakes, days)
def test_a_deadline_is_never_on_a_weekend_or_public_holiday(intake, today):
    for route in advise(intake, RULES.with_enabled({"jpf": True}), today).routes:
        if route.deadline is not None:
            assert route.deadline.weekday() < 5
            assert route.deadline not in NL
            assert route.deadline <= today + timedelta(weeks=4, days=7)


# --- the shipped scenarios --------------------------------------------------------------------

SCENARIOS = sorted(resource_path("scenarios").glob("*.json"))


def test_at_least_25_scenarios_cover_every_route():
    assert len(SCENARIOS) >= 25
    covered = set()
    for path in SCENARIOS:
        covered |= set(json.loads(path.read_text("utf-8"))["expected"])
    assert {route.id for route in RULES.routes} <= covered


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario(path):
    scenario = Scenario.from_dict(json.loads(path.read_text("utf-8")))
    result = run_scenario(scenario, RULES, MONDAY)
    assert result.ok, result.problems
