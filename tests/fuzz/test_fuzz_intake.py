"""Intake JSON (advise, referral render, rules check): IntakeFormatError/InputError only."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.checks import check_intake, check_intake_document
from tests.fuzz.strategies import fuzz_settings, json_values, mutated, mutated_text

FULL = {
    "schema_version": "1.0",
    "household": "gezin",
    "household_size": 4,
    "age_band": "28_45",
    "age_years": 34,
    "contract": "oproep",
    "hours_per_week": 24.5,
    "own_business": False,
    "income": [
        {"kind": "loon", "net_per_month": 1650.5},
        {"kind": "toeslagen", "net_per_month": "unknown"},
    ],
    "fixed_costs": [{"kind": "huur_hypotheek", "per_month": 850}],
    "food_shortage": True,
    "arrears": [{"kind": "energie", "amount": 1200}, {"kind": "cjib", "amount": None}],
    "creditor_count": 6,
    "total_debt": 8500,
    "business_debt": "unknown",
    "collection_agency": True,
    "bailiff": True,
    "wage_garnishment": False,
    "bank_garnishment": None,
    "threats": ["afsluiting_gas"],
    "help_question": "Test Persoon wil overzicht.",
    "tried_already": "unknown",
    "life_areas": ["stress", "administratie"],
    "preferred_contact": "telefoon",
}


@fuzz_settings
@given(mutated(FULL))
def test_mutated_intake(document):
    check_intake_document(document)


@fuzz_settings
@given(json_values)
def test_any_json_value(document):
    check_intake_document(document)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(json.dumps(FULL))))
def test_raw_and_mutated_text(data):
    check_intake(data)
