"""Limits of the intake and the consent: the schema, the model and the letter agree."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from app.core.consent import ConsentError, consent_from_json
from app.core.intake import Intake
from app.core.intake_codec import MAX_AMOUNT, MAX_TEXT_LENGTH, IntakeFormatError
from app.core.referral.view import MAX_TEXT_LINE_BREAKS, _text
from app.paths import resource_path
from app.shipped import load_shipped

SHIPPED = load_shipped()


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


def test_screen_limits_fit_the_model():
    from app.core.consent import MAX_PURPOSE, MAX_RECIPIENT_NAME
    from app.ui.widgets import MAX_FIELD_LENGTH

    assert MAX_FIELD_LENGTH <= MAX_TEXT_LENGTH
    assert (MAX_PURPOSE, MAX_RECIPIENT_NAME) == (300, 200)  # the referral screen's fields
    from app.ui.intake.questions import parse_amount

    assert parse_amount("10.000.000,00") == MAX_AMOUNT
    assert parse_amount("10.000.000,01") is None


def test_largest_accepted_letter_renders(tmp_path):
    """Every text at its maximum, full of line breaks and markup characters: still a letter."""
    import io
    from datetime import date

    from pypdf import PdfReader

    from app.cli.intake_cmd import load_rules_file
    from app.core.consent import FIELD_KEYS
    from app.core.referral.view import AdvisorProfile, recipient_for
    from app.documents.referral_pdf import load_consent_bundle, produce_referral

    text = ("Test Persoon & <b>zorgen</b>\n" * 200)[:MAX_TEXT_LENGTH]
    intake = Intake.from_dict(
        {
            "schema_version": "1.0",
            "help_question": text,
            "tried_already": text,
            "total_debt": 10_000_000,
            "arrears": [{"kind": "energie", "amount": 10_000_000}] * 50,
            "threats": ["ontruiming", "afsluiting_gas"],
        }
    )
    bundle = load_consent_bundle(SHIPPED, "nl")
    consent = consent_from_json(
        _consent(
            purpose="&<" * 150,
            recipient={"id": "shv-crisis", "name": "R" * 200},
            fields=list(FIELD_KEYS),
            text_sha256=bundle.text.sha256,
            text_version=bundle.text.version,
        )
    )
    rules = load_rules_file(None, SHIPPED)
    documents = produce_referral(
        intake,
        consent,
        AdvisorProfile("N" * 200, "F" * 200),
        recipient_for(rules.route("shv-crisis"), "shv-crisis", consent.recipient_name),
        date(2026, 12, 1),
        settings=rules.settings,
        employer_name="E" * 200,
        shipped=SHIPPED,
    )
    letter = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(documents.letter_pdf)).pages
    )
    assert "Test Persoon & <b>zorgen</b>" in letter
