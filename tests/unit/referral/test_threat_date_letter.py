"""The threat date in the referral letter: next to the 3-working-day term, with a warning when
it comes before the end of the term. Read back from the real PDF and its attachment."""

from __future__ import annotations

import re

from app.core.consent import FIELD_KEYS
from app.documents.referral_pdf import produce_referral
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    SETTINGS,
    SHIPPED,
    SHV,
    TERMS,
    TODAY,
    make_consent,
    make_intake,
    pdf_attachment,
    pdf_text,
    referral_validator,
)

# TODAY is Friday 27 November 2026; the term of 3 working days ends Wednesday 2 December.


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def produce(intake, fields=FIELD_KEYS):
    consent = make_consent(fields, recipient_id=SHV.route_id, recipient_name=SHV.name)
    return produce_referral(
        intake, consent, ADVISOR, SHV, TODAY, contact=CONTACT, settings=SETTINGS, shipped=SHIPPED
    )


def test_a_cut_off_before_the_term_end_is_shown_and_warned_about():
    docs = produce(make_intake(threat_date="2026-12-01"))
    text = squash(pdf_text(docs.letter_pdf))
    assert "binnen 3 werkdagen, uiterlijk 2 december 2026" in text
    assert "Datum van de afsluiting: 1 december 2026." in text
    assert "Let op: de afsluiting is eerder dan de termijn van 3 werkdagen." in text
    attachment = pdf_attachment(docs.letter_pdf)
    assert attachment["situation"]["crisis"]["threat_date"] == "2026-12-01"
    assert not list(referral_validator().iter_errors(attachment))


def test_a_date_on_or_after_the_term_end_is_shown_without_warning():
    for day, shown in (("2026-12-02", "2 december 2026"), ("2026-12-15", "15 december 2026")):
        text = squash(pdf_text(produce(make_intake(threat_date=day)).letter_pdf))
        assert f"Datum van de afsluiting: {shown}." in text
        assert "eerder dan de termijn" not in text


def test_an_eviction_is_named_as_such():
    intake = make_intake(threats=["ontruiming"], threat_date="2026-11-30")
    text = squash(pdf_text(produce(intake).letter_pdf))
    assert "Datum van de ontruiming: 30 november 2026." in text
    assert "Let op: de ontruiming is eerder dan de termijn van 3 werkdagen." in text


def test_no_date_without_crisis_consent_or_without_a_threat():
    fields = tuple(key for key in FIELD_KEYS if key != "crisis")
    docs = produce(make_intake(threat_date="2026-12-01"), fields)
    text = squash(pdf_text(docs.letter_pdf))
    assert "1 december 2026" not in text and "afsluiting" not in text
    assert "crisis" not in pdf_attachment(docs.letter_pdf)["situation"]
    # A date left over without any threat ticked is not a threat date.
    docs = produce(make_intake(threats=[], threat_date="2026-12-01"))
    assert "1 december 2026" not in squash(pdf_text(docs.letter_pdf))
    assert "threat_date" not in pdf_attachment(docs.letter_pdf)["situation"]["crisis"]


def test_with_parents_household_in_letter_and_attachment():
    docs = produce(make_intake(household="bij_ouders", household_size=1))
    text = squash(pdf_text(docs.letter_pdf))
    assert "Huishouden: woont bij ouders of verzorgers (1 persoon leeft van dit inkomen)" in text
    attachment = pdf_attachment(docs.letter_pdf)
    assert attachment["client"]["household"] == {"kind": "bij_ouders", "people": 1}
    assert not list(referral_validator().iter_errors(attachment))


def test_the_reader_summary_shows_the_threat_date_and_the_warning():
    from app.documents.referral_reader import read_referral, summary_lines

    docs = produce(make_intake(threat_date="2026-12-01"))
    read = read_referral(docs.letter_pdf, today=TODAY, shipped=SHIPPED)
    assert read.problems == ()
    text = "\n".join(summary_lines(read, TERMS))
    assert "Datum waarop de dreiging ingaat: 1 december 2026" in text
    assert "Let op: dat is eerder dan de termijn van 3 werkdagen." in text
    later = read_referral(
        produce(make_intake(threat_date="2026-12-09")).letter_pdf, today=TODAY, shipped=SHIPPED
    )
    text = "\n".join(summary_lines(later, TERMS))
    assert "9 december 2026" in text and "eerder dan de termijn" not in text
