"""Limits of the intake and the consent: the schema, the model and the letter agree."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from app.core.consent import ConsentError, consent_from_json
from app.core.intake import MAX_AMOUNT, MAX_TEXT_LENGTH, Intake, IntakeFormatError
from app.core.referral import MAX_TEXT_LINE_BREAKS, _text
from app.paths import resource_path


def schema(name):
    return jsonschema.Draft202012Validator(
        json.loads(resource_path("schemas", name).read_text("utf-8"))
    )


@pytest.mark.parametrize(
    "data",
    [
        {"total_debt": 1e27},
        {"total_debt": 10**30},
        {"total_debt": 10_000_000.01},
        {"arrears": [{"kind": "cjib", "amount": 1e27}]},
        {"hours_per_week": 169},
        {"creditor_count": 10**6},
        {"help_question": "x" * (MAX_TEXT_LENGTH + 1)},
        {"arrears": [{"kind": "cjib"}] * 51},
        {"threats": ["ontruiming", "ontruiming"]},
    ],
)
def test_schema_and_model_refuse_the_same_outsized_intake(data):
    document = {"schema_version": "1.0", **data}
    assert list(schema("intake.schema.json").iter_errors(document))
    if "threats" in data:
        return  # duplicates are harmless to the model (it keeps a set)
    with pytest.raises(IntakeFormatError):
        Intake.from_dict(document)


def test_the_largest_accepted_amounts_pass_both():
    document = {"schema_version": "1.0", "total_debt": 10_000_000, "hours_per_week": 168}
    assert not list(schema("intake.schema.json").iter_errors(document))
    intake = Intake.from_dict(document)
    assert intake.total_debt == MAX_AMOUNT and intake.hours_per_week == Decimal(168)


def test_intake_text_with_lone_surrogate_is_refused():
    with pytest.raises(IntakeFormatError):
        Intake.from_dict({"schema_version": "1.0", "help_question": "a\udcffb"})


def test_unknown_field_names_are_echoed_on_one_line():
    with pytest.raises(IntakeFormatError) as caught:
        Intake.from_dict({"schema_version": "1.0", "a\nb\nc" * 100: 1})
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 120


def _consent(**changes):
    data = json.loads(resource_path("consent", "voorbeeld-toestemming.json").read_text("utf-8"))
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"purpose": "p" * 301},
        {"purpose": "regel een\nregel twee"},
        {"recipient": {"id": "shv", "name": "n" * 201}},
        {"recipient": {"id": "shv", "name": "Gemeente\x00"}},
        {"case_code": "c" * 65},
        {"text_version": "1" * 41},
    ],
)
def test_schema_and_model_refuse_long_or_multiline_consent_texts(changes):
    data = _consent(**changes)
    with pytest.raises(ConsentError):
        consent_from_json(data)
    assert list(schema("consent.schema.json").iter_errors(data))


def test_letter_text_keeps_at_most_so_many_line_breaks():
    assert _text("een\n\n\n\ntwee") == "een\n\ntwee"
    many = _text("regel\n" * 4000)
    assert many is not None and many.count("\n") <= MAX_TEXT_LINE_BREAKS
    assert many.count("regel") == 4000  # nothing of the employee's words is lost
