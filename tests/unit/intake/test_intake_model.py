"""The intake model: three answer states, derived views, JSON round trip, schema."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind, DdasDebtKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.contract import INTAKE_ANSWERS, ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.debt import DebtBand
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat
from app.core.intake import UNKNOWN, Arrear, FixedCost, IncomeSource, Intake
from app.core.intake_codec import IntakeFormatError
from app.paths import resource_path

SCHEMA = json.loads(resource_path("schemas", "intake.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_every_arrear_kind_maps_to_a_ddas_debt_kind():
    assert ArrearKind.HEALTH_INSURANCE.ddas_kind is DdasDebtKind.ZORG
    assert ArrearKind.ENERGY.ddas_kind is DdasDebtKind.NUTS
    assert ArrearKind.WATER.ddas_kind is DdasDebtKind.NUTS
    assert ArrearKind.TAX_ALLOWANCES.ddas_kind is DdasDebtKind.PUBLIEK
    assert ArrearKind.CJIB.ddas_kind is DdasDebtKind.PUBLIEK
    assert ArrearKind.DUO.ddas_kind is DdasDebtKind.PUBLIEK
    assert ArrearKind.MUNICIPAL_TAXES.ddas_kind is DdasDebtKind.PUBLIEK
    assert ArrearKind.RENT_MORTGAGE.ddas_kind is DdasDebtKind.OVERIG
    ddas_enum = {"Zorg", "Publiek", "Nuts", "Overig"}  # DDAS v1.0 EnumSchuldensoort
    assert {kind.ddas_kind.value for kind in ArrearKind} <= ddas_enum


def test_unknown_is_distinct_from_not_answered_and_survives_json():
    intake = Intake(household=UNKNOWN, bailiff=None, threats=UNKNOWN)
    data = json.loads(json.dumps(intake.to_dict()))
    assert data["household"] == "unknown"
    assert data["bailiff"] is None
    back = Intake.from_dict(data)
    assert back.household is UNKNOWN
    assert back.bailiff is None
    assert back.threats is UNKNOWN
    assert not UNKNOWN  # never mistaken for "yes"


def test_budget_is_income_minus_fixed_costs_and_none_when_a_part_is_unknown():
    intake = Intake(
        income=[
            IncomeSource(IncomeKind.WAGES, Decimal("1850.50")),
            IncomeSource(IncomeKind.ALLOWANCES, Decimal(120)),
        ],
        fixed_costs=[
            FixedCost(CostKind.HOUSING, Decimal(900)),
            FixedCost(CostKind.ENERGY, Decimal("150.25")),
        ],
    )
    assert intake.budget == Decimal("920.25")
    intake.fixed_costs = [FixedCost(CostKind.HOUSING, UNKNOWN)]
    assert intake.budget is None


def test_age_in_years_decides_the_band_at_the_edges():
    assert Intake(age_years=17).effective_age_band is AgeBand.UNDER_18
    assert Intake(age_years=18).effective_age_band is AgeBand.FROM_18_TO_27
    assert Intake(age_years=27).effective_age_band is AgeBand.FROM_18_TO_27
    assert (
        Intake(age_years=28, age_band=AgeBand.FROM_18_TO_27).effective_age_band
        is AgeBand.FROM_28_TO_45
    )
    assert Intake(age_band=AgeBand.FROM_67).effective_age_band is AgeBand.FROM_67
    assert Intake(age_band=UNKNOWN).effective_age_band is None


def test_crisis_and_debt_views_for_the_letter():
    intake = Intake(
        threats=[Threat.CUT_OFF_WATER, Threat.EVICTION],
        arrears=[Arrear(ArrearKind.WATER, Decimal(300)), Arrear(ArrearKind.CJIB, Decimal(200))],
    )
    assert intake.crisisinterventie
    assert intake.present_threats == [Threat.EVICTION, Threat.CUT_OFF_WATER]
    assert intake.debt_total == Decimal(500)
    assert intake.debt_band is DebtBand.UP_TO_1000
    assert intake.ddas_debt_kinds == [DdasDebtKind.PUBLIEK, DdasDebtKind.NUTS]
    assert Intake(arrears=[], threats=[]).debt_band is DebtBand.NONE
    assert Intake().debt_band is DebtBand.UNKNOWN
    assert not Intake(threats=UNKNOWN).crisisinterventie


@pytest.mark.parametrize(
    ("amount", "band"),
    [
        (1000, DebtBand.UP_TO_1000),
        (1001, DebtBand.FROM_1000_TO_5000),
        (40000, DebtBand.FROM_15000_TO_40000),
        (40001, DebtBand.FROM_40000),
    ],
)
def test_debt_band_upper_bounds_are_inclusive(amount, band):
    assert Intake(total_debt=Decimal(amount)).debt_band is band


def test_self_employed_from_contract_or_own_business():
    assert Intake(contract=ContractType.SELF_EMPLOYED).is_self_employed
    assert Intake(contract=ContractType.PERMANENT, own_business=True).is_self_employed
    assert not Intake(contract=ContractType.PERMANENT, own_business=UNKNOWN).is_self_employed


@pytest.mark.parametrize(
    "bad",
    [
        {"household": "kasteel"},
        {"arrears": [{"kind": "energie", "amount": -5}]},
        {"creditor_count": True},
        {"threats": "ontruiming"},
        {"naam": "Test Persoon"},
        {"schema_version": "2.0"},
    ],
)
def test_malformed_documents_are_refused_with_a_dutch_message(bad):
    with pytest.raises(IntakeFormatError) as error:
        Intake.from_dict({"schema_version": "1.0", **bad})
    assert "Test Persoon" not in str(error.value)


# --- hypothesis: any intake survives JSON and matches the published schema -------------------


def answer(values):
    return st.one_of(st.none(), st.just(UNKNOWN), values)


money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)

intakes = st.builds(
    Intake,
    household=answer(st.sampled_from(Household)),
    household_size=answer(st.integers(1, 12)),
    age_band=answer(st.sampled_from(AgeBand)),
    age_years=answer(st.integers(15, 90)),
    contract=answer(st.sampled_from(INTAKE_ANSWERS)),
    hours_per_week=answer(st.decimals(0, 60, places=1)),
    own_business=answer(st.booleans()),
    income=answer(
        st.lists(st.builds(IncomeSource, st.sampled_from(IncomeKind), answer(money)), max_size=3)
    ),
    fixed_costs=answer(
        st.lists(st.builds(FixedCost, st.sampled_from(CostKind), answer(money)), max_size=3)
    ),
    food_shortage=answer(st.booleans()),
    arrears=answer(
        st.lists(st.builds(Arrear, st.sampled_from(ArrearKind), answer(money)), max_size=4)
    ),
    creditor_count=answer(st.integers(0, 40)),
    total_debt=answer(money),
    bailiff=answer(st.booleans()),
    wage_garnishment=answer(st.booleans()),
    threats=answer(st.lists(st.sampled_from(Threat), unique=True)),
    # any text the codec accepts: no NUL, no lone surrogate (see intake_codec.TEXT_PATTERN)
    help_question=answer(
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=50
        )
    ),
    life_areas=answer(st.lists(st.sampled_from(LifeArea), unique=True)),
    preferred_contact=answer(st.sampled_from(ContactPreference)),
)


@settings(max_examples=150, deadline=None)
@given(intakes)
def test_any_intake_round_trips_through_json_and_matches_the_schema(intake):
    data = json.loads(json.dumps(intake.to_dict()))
    assert list(VALIDATOR.iter_errors(data)) == []
    assert Intake.from_dict(data) == intake
