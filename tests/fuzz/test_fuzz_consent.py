"""Consent JSON (referral render --consent): ConsentError/InputError or a schema problem only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.paths import resource_path
from tests.fuzz.checks import check_consent, check_consent_document
from tests.fuzz.strategies import fuzz_settings, mutated, mutated_text

EXAMPLE_TEXT = resource_path("consent", "voorbeeld-toestemming.json").read_text("utf-8")
import json  # noqa: E402

EXAMPLE = json.loads(EXAMPLE_TEXT)


@fuzz_settings
@given(mutated(EXAMPLE))
def test_mutated_consent(document):
    check_consent_document(document)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(EXAMPLE_TEXT)))
def test_raw_and_mutated_text(data):
    check_consent(data)
