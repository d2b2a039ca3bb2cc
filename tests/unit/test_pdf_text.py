"""The self-test's PDF reader (pikepdf only) against pypdf, on a real referral letter."""

from __future__ import annotations

import re
import unicodedata

from app.core.consent import FIELD_KEYS
from app.documents.pdf_text import parse_to_unicode, pdf_text_lines
from app.documents.referral_pdf import produce_referral
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    SETTINGS,
    SHIPPED,
    SHV,
    TODAY,
    make_consent,
    make_intake,
    pdf_text,
)


def _squash(text: str) -> str:
    # as factories.pdf_text does: NFKC, no-break spaces as spaces
    text = unicodedata.normalize("NFKC", text).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_lines_read_with_pikepdf_are_the_text_pypdf_reads():
    consent = make_consent(FIELD_KEYS)
    docs = produce_referral(
        make_intake(),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        contact=CONTACT,
        settings=SETTINGS,
        shipped=SHIPPED,
    )
    lines = pdf_text_lines(docs.letter_pdf)
    expected = _squash(pdf_text(docs.letter_pdf))
    assert len(lines) > 20
    assert "Test Persoon" in lines
    for line in lines:
        assert "\ufffd" not in line
        assert _squash(line) in expected, line


def test_encrypted_letter_needs_its_password():
    import pikepdf
    import pytest

    consent = make_consent(FIELD_KEYS)
    docs = produce_referral(
        make_intake(),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        encrypt=True,
        settings=SETTINGS,
        shipped=SHIPPED,
    )
    with pytest.raises(pikepdf.PasswordError):
        pdf_text_lines(docs.letter_pdf)
    assert "Test Persoon" in pdf_text_lines(docs.letter_pdf, password=docs.password)


def test_to_unicode_ranges_and_two_byte_codes():
    cmap = (
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"2 beginbfchar <0001> <0041> <0002> <D83DDE00> endbfchar\n"
        b"1 beginbfrange <0010> <0012> <0061> endbfrange\n"
    )
    mapping, width = parse_to_unicode(cmap)
    assert width == 2
    assert mapping[b"\x00\x01"] == "A"
    assert mapping[b"\x00\x02"] == "\U0001f600"
    assert [mapping[bytes([0, n])] for n in (0x10, 0x11, 0x12)] == ["a", "b", "c"]
