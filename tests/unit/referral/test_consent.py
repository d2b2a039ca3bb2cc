"""Consent rules: a letter needs specific, unexpired, unwithdrawn consent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.consent import (
    FIELD_KEYS,
    ConsentError,
    ConsentMethod,
    ConsentText,
    add_months,
    consent_from_json,
    consent_to_json,
    new_consent,
    require_known_text,
    require_valid,
)
from tests.unit.referral.factories import minimum_fields

TEXT = ConsentText("nl", "1", "Toestemming om gegevens te delen met {recipient}.")


def make(**overrides):
    values = dict(
        case_code="G-2026-0001",
        recipient_id="shv",
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        purpose="Aanmelding voor schuldhulpverlening",
        fields=minimum_fields("shv"),
        text=TEXT,
        given_at=datetime(2026, 11, 27, 10, 30, tzinfo=UTC),
        method=ConsentMethod.ON_SCREEN,
    )
    values.update(overrides)
    return new_consent(**values)


def test_default_expiry_is_three_months():
    consent = make()
    assert consent.expires_on == date(2027, 2, 27)
    assert consent.text_sha256 == TEXT.sha256 and len(consent.text_sha256) == 64


def test_valid_consent_passes_until_the_last_day():
    consent = make()
    assert require_valid(consent, date(2026, 11, 27)) is consent
    assert require_valid(consent, date(2027, 2, 27)) is consent


def test_no_consent_refuses_in_dutch():
    with pytest.raises(ConsentError, match="geen toestemming"):
        require_valid(None, date(2026, 11, 27))


def test_expired_consent_refuses():
    with pytest.raises(ConsentError, match="verlopen"):
        require_valid(make(), date(2027, 2, 28))


def test_withdrawn_consent_refuses_from_the_withdrawal_date():
    consent = make().withdraw(date(2026, 12, 1))
    require_valid(consent, date(2026, 11, 30))
    with pytest.raises(ConsentError, match="ingetrokken"):
        require_valid(consent, date(2026, 12, 1))
    # withdrawing again keeps the first date
    assert consent.withdraw(date(2026, 12, 5)).withdrawn_on == date(2026, 12, 1)


def test_consent_without_fields_refuses():
    with pytest.raises(ConsentError, match="geen gegevens"):
        require_valid(make(fields=()), date(2026, 11, 27))


def test_unknown_field_is_rejected():
    with pytest.raises(ConsentError):
        make(fields={"bsn"})


def test_minimum_sets():
    assert {"help_question", "crisis", "debt_band", "creditors_band"} <= minimum_fields("shv")
    assert minimum_fields("sunz") == minimum_fields("shv") | {"household"}
    assert "employer_name" not in minimum_fields("shv")
    assert minimum_fields("schuldhulpmaatje") <= minimum_fields("shv")
    assert minimum_fields("shv-crisis") == minimum_fields("shv")


def test_json_round_trip():
    consent = make(method=ConsentMethod.SIGNED_ON_PAPER).withdraw(date(2026, 12, 2))
    assert consent_from_json(consent_to_json(consent)) == consent


def test_known_text_hash_is_checked():
    consent = make()
    require_known_text(consent, {("nl", "1"): TEXT.sha256})
    with pytest.raises(ConsentError, match="SHA-256"):
        require_known_text(consent, {("nl", "1"): "0" * 64})
    with pytest.raises(ConsentError, match="tekstversie"):
        require_known_text(consent, {})


@settings(max_examples=200)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 48))
def test_add_months_never_goes_backwards(day, months):
    later = add_months(day, months)
    assert later >= day
    assert (later.year - day.year) * 12 + later.month - day.month == months


@settings(max_examples=100)
@given(st.frozensets(st.sampled_from(FIELD_KEYS), min_size=1), st.integers(0, 200))
def test_validity_window(fields, offset):
    consent = make(fields=fields)
    today = date.fromordinal(consent.given_on.toordinal() + offset)
    if today <= consent.expires_on:
        require_valid(consent, today)
    else:
        with pytest.raises(ConsentError):
            require_valid(consent, today)


@settings(max_examples=50, deadline=None)
@given(
    st.frozensets(st.sampled_from(FIELD_KEYS)),
    st.sampled_from(list(ConsentMethod)),
    st.sampled_from(["nl", "en", "tr", "pl", "ar"]),
    st.booleans(),
)
def test_json_form_matches_the_published_schema(fields, method, language, withdrawn):
    from tests.unit.referral.factories import consent_validator

    consent = make(fields=fields, method=method, text=ConsentText(language, "1", "tekst"))
    if withdrawn:
        consent = consent.withdraw(date(2026, 12, 1))
    data = consent_to_json(consent)
    consent_validator().validate(data)
    assert consent_from_json(data) == consent
