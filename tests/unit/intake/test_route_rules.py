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
        "er is een afsluitingsbrief van het energiebedrijf (stroom)",
        "de termijn van 3 werkdagen komt uit de Wgs: de wet noemt deze bedreigende situatie",
    ]
    assert first.term.source == "wgs" and first.term.length == 3
    assert advice.crisis and advice.crisis_source == "wgs"


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
    assert reasons(intake, "shv-crisis", load_rules(raw))[0] == "er ligt beslag op het loon"
    # the law does not name it: a municipal choice, said so in the reasons and the term
    crisis = advise(intake, load_rules(raw), MONDAY).routes[0]
    assert crisis.term.source == "gemeente"
    assert "keuze van de gemeente" in crisis.reasons[-1].text


def test_sunz_brings_social_work_along_with_the_reason():
    intake = Intake(household=Household.SINGLE, total_debt=Decimal(900))
    assert "sunz" in ids(intake)
    texts = reasons(intake, "maatschappelijk-werk")
    assert any("SUNZ" in text and "vertrouwenspersoon" in text for text in texts)


@pytest.mark.parametrize(
    ("household", "amount", "instrument"),
    [
        (Household.SINGLE, 1750, "gift_of_lening"),
        (Household.SINGLE, 1751, "gift"),  # above the single loan, within the gift
        (Household.SINGLE, 2000, "gift"),
        (Household.SINGLE, 2001, None),
        (Household.FAMILY, 2000, "gift_of_lening"),
        (Household.FAMILY, 2001, "lening"),
        (Household.FAMILY, 2500, "lening"),
        (Household.SINGLE_PARENT, 2501, None),
        (Household.PARTNER, 2500, "lening"),
        (UNKNOWN, 1750, "gift_of_lening"),
        (UNKNOWN, 2001, None),  # household unknown: the single loan limit
    ],
)
def test_sunz_limits_and_instrument(household, amount, instrument):
    advice = advise(Intake(household=household, total_debt=Decimal(amount)), RULES, MONDAY)
    sunz = next((route for route in advice.routes if route.route_id == "sunz"), None)
    assert (sunz.instrument.kind if sunz else None) == instrument
    if sunz and sunz.instrument.loan:
        # no budget in the intake: the reasons say the room to repay must be asked
        assert "aflosruimte_navragen" in {reason.code for reason in sunz.reasons}
        assert sunz.instrument.room == "navragen"


def _with_budget(debt, income, costs, household=Household.SINGLE):
    return Intake(
        household=household,
        total_debt=Decimal(debt),
        income=[IncomeSource(IncomeKind.WAGES, Decimal(income))],
        fixed_costs=[FixedCost(CostKind.HOUSING, Decimal(costs))],
    )


def test_sunz_loan_needs_room_to_repay_from_the_quick_budget():
    # 1440 / 36 = 40.00 a month; a single person's living money norm is 315
    enough = advise(_with_budget(1440, 1400, 1045), RULES, MONDAY).routes[0]
    assert enough.route_id == "sunz" and enough.instrument.kind == "gift_of_lening"
    assert enough.instrument.room == "genoeg"
    assert enough.instrument.room_amount == Decimal(40)
    assert any("€ 40 over, dat is genoeg" in r.text for r in enough.reasons)
    short = advise(_with_budget(1440, 1400, "1045.01"), RULES, MONDAY).routes[0]
    assert short.instrument.kind == "gift" and short.instrument.room == "te_krap"
    assert any("een lening past niet" in r.text for r in short.reasons)
    # too large for the gift and no room for the loan: municipal debt help, not SUNZ
    family = _with_budget(2400, 1900, 1300, Household.FAMILY)
    assert "sunz" not in ids(family)
    assert "een lening past niet" in " ".join(reasons(family, "shv"))


def test_sunz_amounts_are_parameters_shown_as_unverified():
    assert RULES.parameters["sunz_gift_max"] == 2000
    assert RULES.parameters["sunz_loan_months"] == 36
    assert "sunz_gift_max" in RULES.unverified_parameters
    texts = reasons(Intake(household=Household.SINGLE, total_debt=Decimal(900)), "sunz")
    assert "de bedragen van SUNZ zijn uit 2017 en niet bevestigd" in texts
    raw = copy.deepcopy(RAW)
    raw["parameters"]["sunz_gift_max"] = 500
    raw["parameters"]["sunz_max_single"] = {"value": 800, "unverified": False}
    rules = load_rules(raw)
    assert "sunz" not in ids(Intake(household=Household.SINGLE, total_debt=Decimal(900)), rules)
    texts = reasons(Intake(household=Household.SINGLE, total_debt=Decimal(400)), "sunz", rules)
    assert any("€ 500 per cliënt" in text for text in texts)


def test_sunz_is_not_for_minors():
    intake = Intake(age_years=17, total_debt=Decimal(300))
    assert "sunz" not in ids(intake)
    assert "sunz" in ids(Intake(age_years=18, total_debt=Decimal(300)))


def test_sunz_is_not_for_the_self_employed():
    intake = Intake(contract=ContractType.SELF_EMPLOYED, total_debt=Decimal(500))
    assert "sunz" not in ids(intake)
    assert "ondernemers" in ids(intake)


@pytest.mark.parametrize(
    ("age", "jpf", "jip"),
    [(17, False, True), (18, True, True), (27, True, True), (28, False, False)],
)
def test_youth_routes_at_the_age_edges(age, jpf, jip):
    advised = ids(Intake(age_years=age, arrears=[Arrear(ArrearKind.DUO, Decimal(4000))]))
    assert ("jpf" in advised) is jpf
    assert ("jip" in advised) is jip


@pytest.mark.parametrize(("age", "jip"), [(17, True), (18, True), (27, True), (28, False)])
def test_young_adults_without_debts_get_youth_work_not_only_geldfit(age, jip):
    advised = ids(Intake(age_years=age, arrears=[], threats=[]))
    assert "geldfit" in advised
    assert ("jip" in advised) is jip
    assert "jpf" not in advised  # the fund is for debts


def test_jpf_is_shipped_as_a_pilot_and_can_be_switched_off():
    jpf = RULES.route("jpf")
    assert jpf.enabled and jpf.pilot and not jpf.wgs
    young = Intake(age_years=20, arrears=[Arrear(ArrearKind.DUO, Decimal(4000))])
    routes = advise(young, RULES, MONDAY).routes
    advised = next(route for route in routes if route.route_id == "jpf")
    assert advised.pilot and advised.pilot_label == "pilot, te bevestigen"
    assert advised.deadline is None and advised.term is None
    assert "jpf" not in ids(young, RULES.with_enabled({"jpf": False}))


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
    assert data["schema_version"] == "1.1"
    assert data["crisis"] == {
        "source": "wgs",
        "facts": [{"fact": "afsluiting_gas", "source": "wgs"}],
    }
    first = data["routes"][0]
    assert first["id"] == "shv-crisis" and first["priority"] == 1
    assert first["reasons"][0] == "er is een afsluitingsbrief voor het gas"
    assert first["deadline"] == "2027-04-01"
    assert first["term"] == {
        "kind": "crisis",
        "source": "wgs",
        "working_days": 3,
        "date": "2027-04-01",
    }
    assert first["wgs"] is True and first["pilot"] is False and first["instrument"] is None
    assert first["unverified"] is True and "crisisprocedure" in first["unverified_note"]
    assert first["via_helper_only"] is False and first["helper_route"] is None


def test_wgs_binds_only_municipal_debt_help():
    bound = {route.id for route in RULES.routes if route.wgs}
    assert bound == {"shv", "shv-crisis"}
    for route in RULES.routes:
        if not route.wgs:
            assert route.deadline == "none", route.id
    zzp = Intake(contract=ContractType.SELF_EMPLOYED, threats=[Threat.BUSINESS_SEIZURE])
    advice = advise(zzp, RULES, MONDAY)
    by_id = {route.route_id: route for route in advice.routes}
    assert by_id["ondernemers"].deadline is None and by_id["ondernemers"].term is None
    assert by_id["shv-crisis"].term.source == "gemeente"
    assert advice.crisis_source == "gemeente"
    # the crisis facts in the file say where they come from
    assert {f for f in RULES.crisis_facts if RULES.source_of(f) == "gemeente"} == {
        "beslag_bedrijf",
        "bankkrediet_opgezegd",
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
        (
            lambda r: r["crisis_facts"].append({"fact": "loonbeslag", "source": "wgs"}),
            "de Wgs noemt 'loonbeslag' niet als bedreigende situatie",
        ),
        (
            lambda r: r["crisis_facts"].pop(0),
            "'ontruiming' ontbreekt; de Wgs noemt dit een bedreigende situatie",
        ),
        (
            lambda r: r["crisis_facts"][1].update(source="gemeente"),
            "'afsluiting_gas' is een bedreigende situatie uit de Wgs",
        ),
        (
            lambda r: r["crisis_facts"][6].update(source="wet"),
            "bij 'beslag_bedrijf' moet source wgs of gemeente zijn",
        ),
        (lambda r: r["routes"][1].update(deadline="wgs"), "de Wgs geldt niet voor deze route"),
        (lambda r: r["routes"][4].update(pilot="ja"), "route 'jpf': 'pilot' moet true of false"),
        (lambda r: r["routes"][4].update(wgs=True), "een pilot is een keuze van de gemeente"),
        (lambda r: r["routes"][3].update(instrument="lening"), "'instrument' moet sunz zijn"),
        (
            lambda r: r["parameters"].update(sunz_gift_max={"value": 2000, "unverified": "ja"}),
            "bij 'sunz_gift_max' moet unverified true of false zijn",
        ),
        (
            lambda r: r["parameters"].update(sunz_loan_months=0),
            "'sunz_loan_months' moet een heel getal van 1 of meer zijn",
        ),
        (
            lambda r: r["routes"][3]["conditions"][0].update(show=["gokken"]),
            "onbekend feit 'gokken'",
        ),
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
    income=answer(
        st.lists(
            st.builds(IncomeSource, st.sampled_from(IncomeKind), st.decimals(0, 4000, places=2)),
            max_size=2,
        )
    ),
    fixed_costs=answer(
        st.lists(
            st.builds(FixedCost, st.sampled_from(CostKind), st.decimals(0, 2500, places=2)),
            max_size=2,
        )
    ),
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


def test_at_least_50_scenarios_cover_every_route():
    assert len(SCENARIOS) >= 50
    covered = set()
    for path in SCENARIOS:
        covered |= set(json.loads(path.read_text("utf-8"))["expected"])
    assert {route.id for route in RULES.routes} <= covered


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario(path):
    scenario = Scenario.from_dict(json.loads(path.read_text("utf-8")))
    result = run_scenario(scenario, RULES, MONDAY)
    assert result.ok, result.problems


def test_older_rules_files_without_the_new_keys_still_load():
    raw = copy.deepcopy(RAW)
    raw["crisis_facts"] = [entry["fact"] for entry in raw["crisis_facts"]]
    for key in ("sunz_gift_max", "sunz_loan_months"):
        raw["parameters"].pop(key)
    for key in ("pilot", "termijn_wgs_crisis", "termijn_gemeente_crisis"):
        raw["texts"].pop(key)
    for route in raw["routes"]:
        route.pop("wgs", None)
        route.pop("pilot", None)
    rules = load_rules(raw)
    assert rules.source_of("ontruiming") == "wgs"
    assert rules.source_of("beslag_bedrijf") == "gemeente"
    assert rules.parameters["sunz_gift_max"] == 2000
    crisis = advise(Intake(threats=[Threat.EVICTION]), rules, MONDAY).routes[0]
    assert crisis.term.source == "wgs" and "Wgs" in crisis.reasons[-1].text


@settings(max_examples=200, deadline=None)
@given(intakes)
def test_sunz_is_advised_exactly_when_an_instrument_fits(intake):
    from app.core.routes import sunz_instrument

    advice = advise(intake, RULES, MONDAY)
    sunz = next((route for route in advice.routes if route.route_id == "sunz"), None)
    instrument = sunz_instrument(intake, RULES)
    band = intake.effective_age_band
    excluded = intake.is_self_employed or (band is not None and band.value == "onder_18")
    fits = instrument is not None and instrument.kind is not None
    assert (sunz is not None) == (fits and not excluded)
    if sunz is not None:
        assert sunz.instrument == instrument
        assert sunz.deadline is None
        limit = RULES.parameters["sunz_max_single"]
        if intake.is_single is False:
            limit = RULES.parameters["sunz_max_family"]
        if instrument.loan:
            assert instrument.debt <= limit and instrument.room in ("genoeg", "navragen")
            assert (instrument.room == "navragen") == (intake.budget is None)
            if instrument.room == "genoeg":
                assert instrument.room_amount >= instrument.per_month
        codes = {reason.code for reason in sunz.reasons}
        assert instrument.room is None or f"aflosruimte_{instrument.room}" in codes
        if instrument.gift:
            assert instrument.debt <= RULES.parameters["sunz_gift_max"]
