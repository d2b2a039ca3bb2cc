"""``vindplaats referral read``: the municipality reads a letter made by the app, and refuses
damaged, tampered, wrong-password and foreign PDFs with one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from app.cli import main
from app.core.consent import FIELD_KEYS
from app.core.referral.attachment import attachment_checksum
from app.documents.referral_pdf import produce_referral
from app.documents.referral_reader import (
    MAX_JSON_DEPTH,
    ReferralRefused,
    read_referral,
    summary_lines,
)
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    SETTINGS,
    SHIPPED,
    SHV,
    TODAY,
    ddas_validator,
    make_consent,
    make_intake,
    minimum_fields,
)

ROOT = Path(__file__).resolve().parents[3]


def produce(fields, *, encrypt=False, intake=None):
    consent = make_consent(fields)
    return produce_referral(
        intake or make_intake(),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        settings=SETTINGS,
        contact=CONTACT,
        employer_name="Fictief Schoonmaak B.V.",
        encrypt=encrypt,
        shipped=SHIPPED,
    )


@pytest.fixture(scope="module")
def plain():
    return produce(FIELD_KEYS)


@pytest.fixture(scope="module")
def encrypted():
    return produce(minimum_fields("shv"), encrypt=True)


def run(*args: str, input: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def one_line(text: str) -> str:
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def reembed(data: bytes, attachment: dict, password: str | None = None) -> bytes:
    """The letter with its attachment replaced, saved as the app saves it (re-encrypted)."""
    with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
        pdf.attachments["verwijzing.json"] = pikepdf.AttachedFileSpec(
            pdf, json.dumps(attachment).encode("utf-8"), mime_type="application/json"
        )
        out = io.BytesIO()
        if password:
            pdf.save(out, encryption=pikepdf.Encryption(user=password, owner="x", R=6))
        else:
            pdf.save(out)
        return out.getvalue()


def flip_in_attachment_stream(data: bytes, password: str | None = None) -> bytes:
    """Change one byte inside the stored (compressed, maybe encrypted) attachment stream."""
    with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
        number = pdf.attachments["verwijzing.json"].get_file().obj.objgen[0]
    start = data.index(f"\n{number} 0 obj".encode())
    body = data.index(b"stream", start) + len(b"stream\n") + 20
    return data[:body] + bytes([data[body] ^ 0x55]) + data[body + 1 :]


# --- letters made by the app read back -------------------------------------------------------


@pytest.mark.parametrize("fields", [FIELD_KEYS, minimum_fields("shv"), {"help_question"}])
def test_every_letter_the_app_makes_reads_back(fields):
    docs = produce(fields)
    read = read_referral(docs.letter_pdf, today=TODAY, shipped=SHIPPED)
    assert read.attachment == docs.letter.attachment
    assert read.consent.fields == frozenset(fields)
    assert read.fields_present <= read.consent.fields
    assert read.problems == ()
    # DDAS: the reader's own check, and the test's independent validator on what it writes
    ddas_validator().validate(read.ddas_document())


def test_summary_shows_case_code_urgency_and_consent(plain):
    lines = summary_lines(
        read_referral(plain.letter_pdf, today=TODAY, shipped=SHIPPED), SETTINGS.terms
    )
    text = "\n".join(lines)
    assert "dossiercode G-2026-0042" in lines[0]
    assert "SPOED (crisisinterventie)" in text and "uiterlijk 2 december 2026" in text
    assert "geldig tot en met 27 februari 2027" in text
    assert "Naam van de werkgever" in text and "Let op" not in text


def test_no_threats_shows_the_four_week_term():
    docs = produce(minimum_fields("shv"), intake=make_intake(threats=[]))
    text = "\n".join(
        summary_lines(read_referral(docs.letter_pdf, today=TODAY, shipped=SHIPPED), SETTINGS.terms)
    )
    # four weeks is Friday 25 December (Christmas): the next working day
    assert "Geen dreigende situatie" in text and "uiterlijk 28 december 2026" in text


def test_encrypted_letter_in_process(encrypted):
    read = read_referral(
        encrypted.letter_pdf, password=encrypted.password, today=TODAY, shipped=SHIPPED
    )
    assert read.encrypted and read.consent.fields == minimum_fields("shv")


def test_expired_consent_is_readable_but_flagged(plain, tmp_path, capsys):
    path = tmp_path / "brief.pdf"
    path.write_bytes(plain.letter_pdf)
    code = main(["referral", "read", str(path), "--today", "2027-03-01"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Let op: De toestemming is verlopen op 27 februari 2027" in out


def test_cli_subprocess_encrypted_with_json_and_ddas(encrypted, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(encrypted.letter_pdf)
    out_json, out_ddas = tmp_path / "bijlage.json", tmp_path / "ddas.json"
    result = run(
        "referral",
        "read",
        str(path),
        "--password-stdin",
        "--json",
        str(out_json),
        "--ddas",
        str(out_ddas),
        "--today",
        "2026-11-30",
        input=encrypted.password + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "dossiercode G-2026-0042" in result.stdout
    assert "Gecontroleerd" in result.stdout
    attachment = json.loads(out_json.read_text("utf-8"))
    assert attachment == encrypted.letter.attachment
    ddas = json.loads(out_ddas.read_text("utf-8"))
    ddas_validator().validate(ddas)
    assert ddas["leveringen"][0]["schuldhulptrajecten"][0] == attachment["ddas"]


# --- refusals: one line, exit 2 -----------------------------------------------------------


def refused_in_process(data: bytes, password: str | None = None) -> str:
    with pytest.raises(ReferralRefused) as caught:
        read_referral(data, password=password, today=TODAY, shipped=SHIPPED)
    return str(caught.value)


def test_tampered_pdf_bytes_are_refused(plain, encrypted):
    reason = refused_in_process(flip_in_attachment_stream(plain.letter_pdf))
    assert "beschadigd" in reason or "controlesom" in reason
    bad = flip_in_attachment_stream(encrypted.letter_pdf, encrypted.password)
    reason = refused_in_process(bad, encrypted.password)
    assert "beschadigd" in reason or "controlesom" in reason


def test_changed_attachment_fails_the_checksum(plain, encrypted):
    attachment = json.loads(json.dumps(plain.letter.attachment))
    attachment["situation"]["creditors_band"] = "geen"
    assert "controlesom" in refused_in_process(reembed(plain.letter_pdf, attachment))
    attachment = json.loads(json.dumps(encrypted.letter.attachment))
    attachment["case_code"] = "G-2026-9999"
    bad = reembed(encrypted.letter_pdf, attachment, encrypted.password)
    assert "controlesom" in refused_in_process(bad, encrypted.password)


def test_recomputed_checksum_cannot_hide_a_field_outside_consent(encrypted):
    attachment = json.loads(json.dumps(encrypted.letter.attachment))
    assert "tried" not in attachment["consent"]["fields"]
    attachment["client"]["tried"] = "Zelf gebeld met de verhuurder."
    attachment["content_sha256"] = attachment_checksum(attachment)
    bad = reembed(encrypted.letter_pdf, attachment, encrypted.password)
    reason = refused_in_process(bad, encrypted.password)
    assert reason == "de bijlage bevat gegevens zonder toestemming: Wat al geprobeerd is"


def test_recomputed_checksum_with_ddas_outside_consent(plain):
    docs = produce({"help_question", "contact"})
    attachment = json.loads(json.dumps(docs.letter.attachment))
    attachment["ddas"]["schulden"] = [{"schuldsoort": "Nuts"}]
    attachment["content_sha256"] = attachment_checksum(attachment)
    reason = refused_in_process(reembed(docs.letter_pdf, attachment))
    assert "zonder toestemming: Soorten achterstanden" in reason


def test_invalid_ddas_part_is_refused(plain):
    attachment = json.loads(json.dumps(plain.letter.attachment))
    attachment["ddas"]["schulden"][0]["schuldsoort"] = "Onbekend"
    attachment["content_sha256"] = attachment_checksum(attachment)
    assert "formaat" in refused_in_process(reembed(plain.letter_pdf, attachment))


def test_letter_made_after_expiry_is_refused(plain):
    attachment = json.loads(json.dumps(plain.letter.attachment))
    attachment["created_on"] = "2027-06-01"
    attachment["ddas"]["aanmelding"]["startdatum"] = "2027-06-01"
    attachment["content_sha256"] = attachment_checksum(attachment)
    reason = refused_in_process(reembed(plain.letter_pdf, attachment))
    assert reason == "de brief is gemaakt nadat de toestemming was verlopen"


def test_hostile_attachment_json_is_refused(plain):
    with pikepdf.open(io.BytesIO(plain.letter_pdf)) as pdf:
        deep = b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1)
        for payload in (deep, b'{"a": 1' + b"0" * 5000 + b"}", b'{"a": "\\udcff"}', b"\xff"):
            pdf.attachments["verwijzing.json"] = pikepdf.AttachedFileSpec(pdf, payload)
            out = io.BytesIO()
            pdf.save(out)
            assert "geen geldige of veilige JSON" in refused_in_process(out.getvalue())


def test_extra_attachment_is_refused(plain):
    with pikepdf.open(io.BytesIO(plain.letter_pdf)) as pdf:
        pdf.attachments["extra.txt"] = pikepdf.AttachedFileSpec(pdf, b"extra")
        out = io.BytesIO()
        pdf.save(out)
    assert "andere bijlagen" in refused_in_process(out.getvalue())


def random_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Een gewone PDF, geen verwijsbrief.")
    sheet.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "password", "expected"),
    [
        (lambda p, e: e.letter_pdf, "FOUT-FOUT-FOUT-FOUT-FOUT", "het wachtwoord klopt niet"),
        (lambda p, e: e.letter_pdf, None, "versleuteld: geef het wachtwoord"),
        (lambda p, e: random_pdf(), None, "geen verwijsbrief van Vindplaats"),
        (lambda p, e: p.letter_pdf[: len(p.letter_pdf) // 2], None, "beschadigd"),
        (lambda p, e: p.letter_pdf[:-30], None, "beschadigd"),
        (lambda p, e: b"Dit is tekst.\n", None, "geen PDF-bestand"),
        (lambda p, e: flip_in_attachment_stream(p.letter_pdf), None, ""),
    ],
    ids=["wrong-password", "no-password", "foreign-pdf", "half", "truncated", "text", "flip"],
)
def test_cli_refuses_with_one_line(plain, encrypted, tmp_path, make, password, expected):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make(plain, encrypted))
    args = ["referral", "read", str(path)]
    result = run(*args, *(["--password-stdin"] if password else []), input=(password or "") + "\n")
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("vindplaats: fout: brief.pdf: geweigerd, ")
    assert expected in line


def test_missing_file_is_one_line(tmp_path, capsys):
    assert main(["referral", "read", str(tmp_path / "weg.pdf"), "--today", "2026-11-30"]) == 2
    assert "niet gevonden" in one_line(capsys.readouterr().err)
