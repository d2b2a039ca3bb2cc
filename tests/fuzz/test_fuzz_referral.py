"""``referral read``: a letter (PDF, plain or encrypted) and its attachment verwijzing.json.
Only ReferralRefused (one line), for changed, forged or random input."""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st

from app.core.consent import FIELD_KEYS
from app.core.referral.attachment import attachment_checksum
from app.documents.referral_pdf import produce_referral
from tests.fuzz.checks import check_referral_attachment, check_referral_pdf
from tests.fuzz.strategies import NASTY_TEXTS, fuzz_settings, mutated, mutated_text
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    SETTINGS,
    SHIPPED,
    SHV,
    TODAY,
    make_consent,
    make_intake,
    minimum_fields,
)


def _produce(fields, encrypt=False):
    return produce_referral(
        make_intake(),
        make_consent(fields),
        ADVISOR,
        SHV,
        TODAY,
        contact=CONTACT,
        employer_name="Fictief Schoonmaak B.V.",
        encrypt=encrypt,
        settings=SETTINGS,
        shipped=SHIPPED,
    )


PLAIN = _produce(FIELD_KEYS)
ENCRYPTED = _produce(minimum_fields("shv"), encrypt=True)
ATTACHMENT = PLAIN.letter.attachment
ATTACHMENT_TEXT = json.dumps(ATTACHMENT, ensure_ascii=False, indent=2)


def resigned(attachment):
    """A changed attachment with a matching checksum (a careful forger): the schema, DDAS
    and consent checks behind the checksum must refuse it on their own."""
    if isinstance(attachment, dict):
        try:
            attachment["content_sha256"] = attachment_checksum(attachment)
        except (TypeError, ValueError):
            pass
    return attachment


def test_the_letters_pass():
    check_referral_pdf(PLAIN.letter_pdf)
    check_referral_pdf(ENCRYPTED.letter_pdf, ENCRYPTED.password)
    check_referral_attachment(json.dumps(ATTACHMENT).encode("utf-8"))


@fuzz_settings
@given(mutated(ATTACHMENT, max_changes=3).map(resigned))
def test_mutated_attachment(attachment):
    try:
        data = json.dumps(attachment, allow_nan=True).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return
    check_referral_attachment(data)


@fuzz_settings
@given(
    st.sampled_from(sorted(k for k, v in ATTACHMENT.items() if isinstance(v, dict))),
    st.data(),
)
def test_attachment_with_a_field_outside_consent_or_a_hostile_text(part, data):
    attachment = copy.deepcopy(ATTACHMENT)
    if attachment[part]:
        key = data.draw(st.sampled_from(sorted(attachment[part])))
        attachment[part][key] = data.draw(st.one_of(st.sampled_from(NASTY_TEXTS), st.text()))
    else:
        attachment[part][data.draw(st.text(max_size=20))] = data.draw(st.text(max_size=20))
    check_referral_attachment(json.dumps(resigned(attachment)).encode("utf-8", "surrogatepass"))


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), mutated_text(ATTACHMENT_TEXT)))
def test_raw_and_mutated_attachment_text(data):
    check_referral_attachment(data)


@fuzz_settings
@given(
    st.booleans(),
    st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=16), st.integers(0, 64)),
        min_size=1,
        max_size=4,
    ),
)
def test_changed_pdf_bytes(encrypted, changes):
    docs = ENCRYPTED if encrypted else PLAIN
    data = docs.letter_pdf
    for where, insert, removed in changes:
        start = int(where * len(data))
        data = data[:start] + insert + data[start + removed :]
    check_referral_pdf(data, docs.password)


@fuzz_settings
@given(st.one_of(st.binary(max_size=400), st.binary(max_size=400).map(lambda b: b"%PDF-1.7\n" + b)))
def test_raw_pdf_bytes(data):
    check_referral_pdf(data)
