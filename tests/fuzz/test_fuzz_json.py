"""The bounded JSON reader: any text or bytes gives a value or an InputError."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.checks import check_json
from tests.fuzz.strategies import fuzz_settings, json_values, mutated_text


@fuzz_settings
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_raw_input(data):
    check_json(data)


@fuzz_settings
@given(json_values.map(lambda v: json.dumps(v, allow_nan=True)).flatmap(mutated_text))
def test_mutated_json(text):
    check_json(text)
