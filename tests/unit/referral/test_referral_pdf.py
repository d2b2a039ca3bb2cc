"""The referral PDF, read back as the municipality would: only consented data, no metadata."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pikepdf
import pytest
from pypdf import PdfReader

from app.core.consent import FIELD_KEYS, ConsentError
from app.documents.referral_pdf import (
    known_text_hashes,
    load_consent_bundle,
    produce_referral,
    render_consent_text,
)
from app.fileio import UserFiles
from app.i18n.formatting import format_date
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    MARKER,
    SETTINGS,
    SHIPPED,
    SHV,
    SUNZ,
    TODAY,
    ddas_document,
    ddas_validator,
    make_consent,
    make_intake,
    minimum_fields,
    pdf_attachment,
    pdf_text,
    referral_validator,
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def produce(fields, *, recipient=SHV, encrypt=False, intake=None, **kw):
    consent = make_consent(fields, recipient_id=recipient.route_id, recipient_name=recipient.name)
    return produce_referral(
        intake or make_intake(),
        consent,
        ADVISOR,
        recipient,
        TODAY,
        settings=SETTINGS,
        contact=CONTACT,
        employer_name="Fictief Schoonmaak B.V.",
        encrypt=encrypt,
        **kw,
        shipped=SHIPPED,
    )


def test_all_consented_values_appear_in_text_and_attachment():
    docs = produce(FIELD_KEYS)
    text = squash(pdf_text(docs.letter_pdf))
    for key, value in docs.letter.shared_values.items():
        for part in value.split("; "):
            assert squash(part) in text, key
    for expected in (
        "Ik wil overzicht en hulp met de energierekening.",
        "binnen 3 werkdagen, uiterlijk 2 december 2026",
        "€ 5.000 tot € 15.000",
        "3 tot en met 5",
        "huur of hypotheek, energie, zorgverzekering",
        "Loonbeslag: ja",
        "beslagvrije voet",
        "eenoudergezin",
        "28 tot en met 45 jaar",
        "Zelfstandig ondernemer (zzp): nee",
        "Zelf gebeld met de energieleverancier.",
        "Test Medewerker",
        "06-12345678",
        "Voorkeur voor contact: bellen",
        "Fictief Schoonmaak B.V.",
        "warme overdracht",
        "Gemeente Zoetermeer, schuldhulpverlening",
        "Aanmelding voor schuldhulpverlening",
        "27 november 2026",
    ):
        assert expected in text, expected
    # Consent on screen is recorded: no blank signature line for the employee contradicts it.
    assert "Handtekening hulpverlener" not in text
    assert "Handtekening medewerker" not in text
    attachment = pdf_attachment(docs.letter_pdf)
    assert attachment["client"]["help_question"].startswith("Ik wil overzicht")
    assert attachment["ddas"]["aanmelding"]["crisisinterventie"] is True
    assert [s["schuldsoort"] for s in attachment["ddas"]["schulden"]] == ["Overig", "Nuts", "Zorg"]
    assert attachment["situation"]["crisis"]["deadline"] == "2026-12-02"


def test_marker_in_non_consented_fields_never_leaves():
    intake = make_intake(help_question=f"{MARKER} hulpvraag", tried_already=f"{MARKER} geprobeerd")
    docs = produce(
        {"crisis", "debt_band", "creditors_band"},
        intake=intake,
    )
    text = pdf_text(docs.letter_pdf)
    attachment = pdf_attachment(docs.letter_pdf)
    assert MARKER not in text
    assert MARKER not in str(attachment)
    assert MARKER not in pdf_text(docs.copy_pdf)
    # nothing else that was not consented either
    for absent in ("Test Medewerker", "Fictief Schoonmaak", "eenoudergezin", "Loonbeslag"):
        assert absent not in text
        assert absent not in str(attachment)
    assert set(attachment["client"]) == set()
    assert set(attachment["situation"]) == {"crisis", "debt_band", "creditors_band"}


def test_marker_in_consented_field_does_appear():
    intake = make_intake(help_question=f"{MARKER} hulpvraag")
    docs = produce({"help_question"}, intake=intake)
    assert MARKER in pdf_text(docs.letter_pdf)


@pytest.mark.parametrize("fields", [FIELD_KEYS, minimum_fields("shv"), {"help_question"}])
def test_attachment_validates_against_our_schema_and_ddas(fields):
    docs = produce(fields)
    attachment = pdf_attachment(docs.letter_pdf)
    referral_validator().validate(attachment)
    ddas_validator().validate(ddas_document(attachment["ddas"]))


def test_no_identifying_metadata_and_fonts_embedded():
    docs = produce(FIELD_KEYS)
    for data in (docs.letter_pdf, docs.copy_pdf):
        reader = PdfReader(io.BytesIO(data))
        assert not reader.metadata  # no /Info at all
        assert "/Metadata" not in reader.trailer["/Root"]
        assert b"ReportLab" not in data and b"anonymous" not in data
        with pikepdf.open(io.BytesIO(data)) as pdf:
            fonts = []
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    fonts.append(font)
            assert fonts
            for font in fonts:
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.get("/FontDescriptor")
                assert descriptor is not None and "/FontFile2" in descriptor


def test_encrypted_letter_needs_the_password_and_uses_aes256(tmp_path):
    docs = produce(FIELD_KEYS, encrypt=True)
    assert docs.password and re.fullmatch(r"([A-Z2-9]{4}-){4}[A-Z2-9]{4}", docs.password)
    path = tmp_path / "brief.pdf"
    docs.save(path, files=UserFiles())
    reader = PdfReader(path)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert not reader.decrypt("verkeerd wachtwoord")
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    assert "Gemeente Zoetermeer" in pdf_text(path, docs.password)
    assert pdf_attachment(path, docs.password)["case_code"] == "G-2026-0042"


def test_employee_copy_is_encrypted_with_the_same_password(tmp_path):
    docs = produce(FIELD_KEYS, encrypt=True)
    letter, copy = tmp_path / "brief.pdf", tmp_path / "kopie.pdf"
    docs.save(letter, copy, files=UserFiles())
    reader = PdfReader(copy)
    assert reader.is_encrypted and reader.trailer["/Encrypt"]["/R"] == 6
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(copy)
    assert "Uw kopie" in pdf_text(copy, docs.password)
    # without encryption both stay readable (the screen then says so, see the GUI test)
    plain = produce(FIELD_KEYS)
    assert not PdfReader(io.BytesIO(plain.copy_pdf)).is_encrypted


def test_each_encryption_gets_a_new_password():
    assert (
        produce({"help_question"}, encrypt=True).password
        != produce({"help_question"}, encrypt=True).password
    )


def test_sunz_letter_has_a_helper_signature_block():
    docs = produce(minimum_fields("sunz"), recipient=SUNZ)
    text = pdf_text(docs.letter_pdf)
    assert "Handtekening hulpverlener" in text and "Handtekening medewerker" in text
    assert "eenoudergezin" in text  # household is in the SUNZ minimum


def test_expired_withdrawn_and_unknown_text_refuse():
    intake = make_intake()
    consent = make_consent(minimum_fields("shv"))
    with pytest.raises(ConsentError, match="verlopen"):
        produce_referral(
            intake, consent, ADVISOR, SHV, date(2027, 3, 1), settings=SETTINGS, shipped=SHIPPED
        )
    with pytest.raises(ConsentError, match="ingetrokken"):
        produce_referral(
            intake, consent.withdraw(TODAY), ADVISOR, SHV, TODAY, settings=SETTINGS, shipped=SHIPPED
        )
    with pytest.raises(ConsentError, match="geen toestemming"):
        produce_referral(intake, None, ADVISOR, SHV, TODAY, settings=SETTINGS, shipped=SHIPPED)
    with pytest.raises(ConsentError, match="SHA-256"):
        produce_referral(
            intake,
            replace(consent, text_sha256="0" * 64),
            ADVISOR,
            SHV,
            TODAY,
            settings=SETTINGS,
            shipped=SHIPPED,
        )


def test_no_urgency_without_threats():
    docs = produce(FIELD_KEYS, intake=make_intake(threats=[]))
    text = pdf_text(docs.letter_pdf)
    assert "Spoed" not in text and "geen dreigende situatie" in text
    assert pdf_attachment(docs.letter_pdf)["ddas"]["aanmelding"]["crisisinterventie"] is False


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Uw kopie"),
        ("en", "Your copy"),
        ("tr", "Sizin kopyanız"),
        ("pl", "Twoja kopia"),
        ("ar", "نسختك"),
    ],
)
def test_employee_copy_in_the_employee_language(language, expected):
    consent = make_consent(minimum_fields("shv"), language=language)
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
    text = pdf_text(docs.copy_pdf)
    if language == "ar":
        # pypdf reads the visual (reordered) line; compare word by word
        assert all(word in text or word[::-1] in text for word in expected.split())
    else:
        assert expected in text
    assert format_date(consent.expires_on, language=language) in text or language == "ar"
    assert "Gemeente Zoetermeer, schuldhulpverlening" in text
    # the value exactly as sent (pypdf may drop a space in right-aligned lines)
    assert "€5.000tot€15.000" in re.sub(r"\s", "", text)


def test_consent_texts_all_languages_have_a_known_hash():
    hashes = known_text_hashes(SHIPPED)
    assert {language for language, _ in hashes} == {"nl", "en", "tr", "pl", "ar"}
    bundle = load_consent_bundle(SHIPPED, "tr")
    shown = render_consent_text(
        bundle,
        recipient="Gemeente Zoetermeer",
        purpose="Aanmelding",
        fields={"help_question", "debt_band"},
        expires_on=date(2027, 2, 27),
    )
    assert "Gemeente Zoetermeer" in shown and "{" not in shown
    assert bundle.field_labels["debt_band"] in shown
    assert bundle.field_labels["crisis"] not in shown


def test_the_letter_says_how_to_reach_the_advisor_and_how_consent_was_recorded():
    advisor = replace(ADVISOR, phone="070-1234567", email="vertrouwenspersoon@example.org")
    consent = make_consent({"help_question"}, recipient_id=SHV.route_id, recipient_name=SHV.name)
    docs = produce_referral(
        make_intake(),
        consent,
        advisor,
        SHV,
        TODAY,
        settings=SETTINGS,
        shipped=SHIPPED,
    )
    text = squash(pdf_text(docs.letter_pdf))
    assert "Telefoon: 070-1234567" in text
    assert "E-mail: vertrouwenspersoon@example.org" in text
    assert (
        "U bereikt mij, Test Persoon, via telefoon 070-1234567 of e-mail "
        "vertrouwenspersoon@example.org." in text
    )
    given = format_date(consent.given_on, language="nl")
    assert f"Toestemming vastgelegd op {given}, met een bevestiging op het scherm" in text
    assert "geen handtekening van de medewerker" in text
    assert "Handtekening" not in text
    # A reader-facing check number instead of "SHA-256 …"; it is the hash's first 16 digits.
    assert "SHA-256" not in text
    digits = consent.text_sha256[:16].upper()
    number = "-".join(digits[i : i + 4] for i in range(0, 16, 4))
    assert f"Controlenummer van de toestemmingstekst: {number}" in text


def test_paper_consent_keeps_the_employee_signature_block():
    from app.core.consent import ConsentMethod

    consent = replace(
        make_consent({"help_question"}, recipient_id=SHV.route_id, recipient_name=SHV.name),
        method=ConsentMethod.SIGNED_ON_PAPER,
    )
    docs = produce_referral(
        make_intake(), consent, ADVISOR, SHV, TODAY, settings=SETTINGS, shipped=SHIPPED
    )
    text = squash(pdf_text(docs.letter_pdf))
    assert "op papier heeft ondertekend" in text
    assert "Handtekening medewerker" in text


def test_the_footer_counts_pages_as_page_n_of_total():
    docs = produce(FIELD_KEYS)
    reader = PdfReader(io.BytesIO(docs.letter_pdf))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"pagina {number} van {total}" in squash(page.extract_text())
    copy = PdfReader(io.BytesIO(docs.copy_pdf))
    assert f"1 / {len(copy.pages)}" in squash(copy.pages[0].extract_text())
