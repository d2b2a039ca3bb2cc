"""One definition of a valid intake: intake.schema.json accepts a document exactly when
``Intake.from_dict`` does. Proved over a generated corpus (valid and invalid documents) and
over hand-written edge cases; ``from_dict`` never fails with anything but IntakeFormatError."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind, DdasDebtKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.contract import ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.schemes import Scheme
from app.core.concepts.threats import Threat
from app.core.intake import Intake
from app.core.intake_codec import FIELDS, IntakeFormatError
from app.paths import resource_path

SCHEMA = json.loads(resource_path("schemas", "intake.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_valid(document: Any) -> bool:
    return bool(VALIDATOR.is_valid(document))


def model_accepts(document: Any) -> bool:
    try:
        Intake.from_dict(document)
    except IntakeFormatError:
        return False
    return True


def as_json(document: Any) -> Any:
    """The document as a JSON reader would hand it over (proves it is JSON at all)."""
    return json.loads(json.dumps(document))


def test_schema_lists_exactly_the_fields_the_model_reads():
    assert set(SCHEMA["properties"]) == set(FIELDS) == set(Intake().to_dict())


# --- the corpus --------------------------------------------------------------------------------

EDGE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    29,
    30,
    31,
    130,
    131,
    168,
    169,
    1000,
    1001,
    10_000_000,
    10_000_001,
    10**30,
    -(10**30),
    0.0,
    -0.0,
    2.0,
    2.5,
    0.005,
    12.345,
    168.0,
    168.00001,
    9_999_999.99,
    10_000_000.0,
    10_000_000.01,
    1e27,
    -1e27,
    1e-300,
    "unknown",
    "Unknown",
    "UNKNOWN",
    "",
    "0",
    "12.50",
    "1.0",
    "1.0\n",
    "2.0",
    "1",
    "1.x",
    "ja",
    "2026-12-03",
    "2026-02-29",
    "2028-02-29",
    "2000-02-29",
    "2100-02-28",
    "1999-12-31",
    "2026-13-01",
    "2026-04-31",
    "2026-12-03\n",
    "20261203",
    "2026-12-03T10:00",
    "x\x00y",
    "a\udcffb",
    "x" * 2000,
    "x" * 2001,
    [],
    {},
    ["unknown"],
    [None],
    [[]],
    {"kind": "loon"},
    {"a": {"b": {"c": [1, {"d": None}]}}},
    [[[[[]]]]],
]

ENUMS: dict[str, list[str]] = {
    "household": [x.value for x in Household],
    "age_band": [x.value for x in AgeBand],
    "contract": [x.value for x in ContractType],
    "preferred_contact": [x.value for x in ContactPreference],
}
CHOICES: dict[str, list[str]] = {
    "threats": [x.value for x in Threat],
    "life_areas": [x.value for x in LifeArea],
    "unclaimed_schemes": [x.value for x in Scheme],
}
ROWS: dict[str, tuple[list[str], str]] = {
    "income": ([x.value for x in IncomeKind], "net_per_month"),
    "fixed_costs": ([x.value for x in CostKind], "per_month"),
    "arrears": ([x.value for x in ArrearKind], "amount"),
}
COUNTS = {"household_size": (1, 30), "age_years": (0, 130), "creditor_count": (0, 1000)}
BOOLS = (
    "own_business",
    "food_shortage",
    "business_debt",
    "collection_agency",
    "bailiff",
    "wage_garnishment",
    "bank_garnishment",
)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)
edge = st.sampled_from(EDGE_VALUES)
special = st.sampled_from([None, "unknown"])
money = st.one_of(
    st.integers(min_value=-5, max_value=10_000_005),
    st.floats(min_value=-1, max_value=10_000_001, allow_nan=False),
    st.sampled_from([0, 0.01, 10_000_000, 10_000_000.0, 10_000_000.000001, 1e27]),
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),  # years 1..9999; the schema takes 2000-2099
    st.dates(min_value=__import__("datetime").date(2000, 1, 1)).map(lambda d: d.isoformat()),
    st.from_regex(r"\A20[0-9]{2}-[0-9]{2}-[0-9]{2}\Z"),  # shape right, day may not exist
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec=None), max_size=8),  # includes surrogates and NUL
    st.integers(min_value=1995, max_value=2005).map(lambda n: "y" * n),
)


def row(kinds: list[str], amount_key: str, with_ddas: bool) -> st.SearchStrategy[Any]:
    keys: dict[str, st.SearchStrategy[Any]] = {
        "kind": st.one_of(st.sampled_from(kinds), edge),
        amount_key: st.one_of(money, special, edge),
    }
    if with_ddas:
        keys["ddas_kind"] = st.one_of(st.sampled_from([x.value for x in DdasDebtKind]), edge)
    optional = st.fixed_dictionaries({}, optional={**keys, "extra": json_values})
    rest = {key: value for key, value in keys.items() if key != "kind"}
    required = st.fixed_dictionaries({"kind": keys["kind"]}, optional=rest)
    return st.one_of(required, required, optional, json_values)


def field_value(name: str) -> st.SearchStrategy[Any]:
    """Mostly plausible values for one field, sometimes edge cases and arbitrary JSON."""
    if name in ENUMS:
        good = st.sampled_from(ENUMS[name])
    elif name in CHOICES:
        options = CHOICES[name]
        good = st.one_of(
            st.lists(st.sampled_from(options), unique=True, max_size=len(options)),
            st.lists(st.sampled_from(options), max_size=len(options) + 2),  # maybe repeats
        )
    elif name in ROWS:
        kinds, amount_key = ROWS[name]
        good = st.lists(row(kinds, amount_key, name == "arrears"), max_size=3)
        good = st.one_of(good, st.integers(49, 52).map(lambda n: [{"kind": kinds[0]}] * n))
    elif name in COUNTS:
        low, high = COUNTS[name]
        good = st.one_of(
            st.integers(low - 2, high + 2), st.integers(low, high).map(float), st.floats(-2, 2000)
        )
    elif name in BOOLS:
        good = st.booleans()
    elif name in ("total_debt", "hours_per_week"):
        good = money
    elif name == "threat_date":
        good = dates
    elif name in ("help_question", "tried_already"):
        good = texts
    elif name == "schema_version":
        good = st.one_of(st.sampled_from(["1.0", "1.1", "1.10"]), st.from_regex(r"\A[0-9.]+\Z"))
    else:  # pragma: no cover - a new field must get a strategy here
        raise AssertionError(name)
    return st.one_of(good, good, good, good, good, good, special, edge, json_values)


@st.composite
def documents(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 30)) == 0:
        return draw(st.one_of(json_scalars, st.lists(json_values, max_size=3)))
    names = draw(st.lists(st.sampled_from(sorted(FIELDS)), unique=True, max_size=8))
    document = {name: draw(field_value(name)) for name in names}
    if draw(st.integers(0, 15)) == 0:
        document[draw(st.text(max_size=10))] = draw(json_values)
    return document


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_schema_valid_exactly_when_from_dict_accepts(document):
    document = as_json(document)
    valid = schema_valid(document)
    event("schema-valid" if valid else "schema-invalid")
    assert model_accepts(document) == valid, document
    if valid:
        # What the model writes back is valid again and reads back to the same intake.
        intake = Intake.from_dict(document)
        written = as_json(intake.to_dict())
        assert schema_valid(written)
        assert Intake.from_dict(written) == intake


# --- hand-written edge cases -------------------------------------------------------------------

V = {"schema_version": "1.0"}
CASES: list[tuple[Any, bool]] = [
    ({}, True),
    (V, True),
    ({"schema_version": "1.12"}, True),
    ({"schema_version": "1"}, False),
    ({"schema_version": "2.0"}, False),
    ({"schema_version": "1.0\n"}, False),
    ({"schema_version": None}, False),
    ({"schema_version": 1.0}, False),
    ({**V, "household_size": 0}, False),
    ({**V, "household_size": 1}, True),
    ({**V, "household_size": 30}, True),
    ({**V, "household_size": 31}, False),
    ({**V, "household_size": -1}, False),
    ({**V, "household_size": 2.0}, True),
    ({**V, "household_size": 2.5}, False),
    ({**V, "household_size": 1e27}, False),
    ({**V, "household_size": True}, False),
    ({**V, "household_size": "2"}, False),
    ({**V, "household_size": "unknown"}, True),
    ({**V, "age_years": 0}, True),
    ({**V, "age_years": 130}, True),
    ({**V, "age_years": 131}, False),
    ({**V, "creditor_count": 1000}, True),
    ({**V, "creditor_count": 1001}, False),
    ({**V, "hours_per_week": 168}, True),
    ({**V, "hours_per_week": 168.01}, False),
    ({**V, "hours_per_week": -0.0}, True),
    ({**V, "total_debt": 10_000_000}, True),
    ({**V, "total_debt": 10_000_000.01}, False),
    ({**V, "total_debt": 1e27}, False),
    ({**V, "total_debt": 10**30}, False),
    ({**V, "total_debt": -0.01}, False),
    ({**V, "total_debt": "12.50"}, False),
    ({**V, "total_debt": 12.345}, True),
    ({**V, "total_debt": False}, False),
    ({**V, "household": "bij_ouders"}, True),
    ({**V, "household": "Bij_ouders"}, False),
    ({**V, "household": ["alleenstaand"]}, False),
    ({**V, "threats": ["ontruiming", "ontruiming"]}, False),
    ({**V, "threats": [x.value for x in Threat]}, True),
    ({**V, "threats": ["unknown"]}, False),
    ({**V, "threats": "ontruiming"}, False),
    ({**V, "unclaimed_schemes": []}, True),
    ({**V, "unclaimed_schemes": ["zoetermeerpas", "kwijtschelding"]}, True),
    ({**V, "unclaimed_schemes": ["zoetermeerpas", "zoetermeerpas"]}, False),
    ({**V, "unclaimed_schemes": ["huurtoeslag"]}, False),
    ({**V, "threat_date": "2026-12-03"}, True),
    ({**V, "threat_date": "2028-02-29"}, True),
    ({**V, "threat_date": "2026-02-29"}, False),
    ({**V, "threat_date": "2100-01-01"}, False),
    ({**V, "threat_date": "1999-12-31"}, False),
    ({**V, "threat_date": "2026-12-03\n"}, False),
    ({**V, "threat_date": "20261203"}, False),
    ({**V, "threat_date": "3-12-2026"}, False),
    ({**V, "threat_date": 20261203}, False),
    ({**V, "threat_date": "unknown"}, True),
    ({**V, "help_question": "x" * 2000}, True),
    ({**V, "help_question": "x" * 2001}, False),
    ({**V, "help_question": "nul\x00teken"}, False),
    ({**V, "help_question": "a\udcffb"}, False),
    ({**V, "help_question": "regel\nregel 😀"}, True),
    ({**V, "arrears": [{"kind": "cjib"}] * 50}, True),
    ({**V, "arrears": [{"kind": "cjib"}] * 51}, False),
    ({**V, "arrears": [{"kind": "cjib", "ddas_kind": "Publiek", "amount": 10}]}, True),
    ({**V, "arrears": [{"kind": "cjib", "ddas_kind": "publiek"}]}, False),
    ({**V, "arrears": [{"kind": "cjib", "extra": 1}]}, False),
    ({**V, "arrears": [{"amount": 10}]}, False),
    ({**V, "arrears": [{"kind": "cjib", "amount": 1e27}]}, False),
    ({**V, "arrears": [{"kind": "cjib", "amount": "unknown"}]}, True),
    ({**V, "income": [{"kind": "loon", "amount": 10}]}, False),
    ({**V, "income": [{"kind": "loon", "net_per_month": {"nested": [1, 2]}}]}, False),
    ({**V, "income": [["loon", 10]]}, False),
    ({**V, "income": [{"kind": "loon", "net_per_month": 2150.5}]}, True),
    ({**V, "nieuw_veld": 1}, False),
    ({**V, "a": {"b": {"c": {"d": []}}}}, False),
    ([V], False),
    ("unknown", False),
    (None, False),
    (1e27, False),
]


@pytest.mark.parametrize(("document", "expected"), CASES)
def test_hand_written_edge_cases(document, expected):
    document = as_json(document)
    assert schema_valid(document) is expected
    assert model_accepts(document) is expected
