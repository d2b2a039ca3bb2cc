"""``vindplaats referral render``: same code as the GUI, one-line Dutch errors."""

from __future__ import annotations

import json
from dataclasses import replace

import pikepdf
import pytest

from app.cli import main
from app.core.consent import FIELD_KEYS, consent_to_json
from tests.unit.referral.factories import (
    MARKER,
    consent_validator,
    intake_data,
    make_consent,
    minimum_fields,
    pdf_attachment,
    pdf_text,
    referral_validator,
)


@pytest.fixture
def files(tmp_path):
    def write(intake=None, consent=None, advisor=None):
        intake_path = tmp_path / "intake.json"
        consent_path = tmp_path / "toestemming.json"
        intake_path.write_text(json.dumps(intake or intake_data()), "utf-8")
        consent_record = consent or make_consent(minimum_fields("shv"))
        consent_json = consent_to_json(consent_record)
        consent_validator().validate(consent_json)
        consent_path.write_text(json.dumps(consent_json), "utf-8")
        paths = [str(intake_path), "--consent", str(consent_path)]
        if advisor:
            advisor_path = tmp_path / "afzender.json"
            advisor_path.write_text(json.dumps(advisor), "utf-8")
            paths += ["--advisor", str(advisor_path)]
        return paths

    return write


def test_render_plain(files, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    copy = tmp_path / "kopie.pdf"
    args = files(advisor={"name": "Test Persoon", "function": "Vertrouwenspersoon"})
    code = main(
        [
            "referral",
            "render",
            *args,
            "--out",
            str(out),
            "--employee-copy",
            str(copy),
            "--today",
            "2026-11-27",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # no password without --encrypt
    text = pdf_text(out)
    assert "binnen 3 werkdagen, uiterlijk 2 december 2026" in text
    assert "Test Persoon" in text
    referral_validator().validate(pdf_attachment(out))
    assert "Uw kopie" in pdf_text(copy)
    assert "de kopie voor de medewerker is niet versleuteld" in captured.err


def test_render_encrypted_prints_the_password_once(files, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    copy = tmp_path / "kopie.pdf"
    code = main(
        [
            "referral",
            "render",
            *files(),
            "--out",
            str(out),
            "--employee-copy",
            str(copy),
            "--encrypt",
            "--today",
            "2026-11-27",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    password = captured.out.strip()
    assert "opent met hetzelfde wachtwoord" in captured.err
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(copy)
    assert "Uw kopie" in pdf_text(copy, password)
    assert len(password) == 24
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    with pikepdf.open(out, password=password) as pdf:
        assert pdf.encryption.R == 6 and pdf.encryption.V == 5
    assert "Gemeente Zoetermeer" in pdf_text(out, password)


def test_marker_in_unconsented_field_stays_out(files, tmp_path):
    out = tmp_path / "brief.pdf"
    intake = intake_data(tried_already=f"{MARKER} geprobeerd")
    consent = make_consent(set(FIELD_KEYS) - {"tried"})
    assert (
        main(
            [
                "referral",
                "render",
                *files(intake, consent),
                "--out",
                str(out),
                "--today",
                "2026-11-27",
            ]
        )
        == 0
    )
    assert MARKER not in pdf_text(out)
    assert MARKER not in json.dumps(pdf_attachment(out))


@pytest.mark.parametrize(
    ("consent", "today", "message"),
    [
        (make_consent(minimum_fields("shv")), "2027-03-01", "verlopen"),
        (
            make_consent(minimum_fields("shv")).withdraw(
                make_consent(minimum_fields("shv")).given_on
            ),
            "2026-11-28",
            "ingetrokken",
        ),
        (
            replace(make_consent(minimum_fields("shv")), text_sha256="a" * 64),
            "2026-11-27",
            "SHA-256",
        ),
    ],
)
def test_invalid_consent_refuses_without_traceback(
    files, tmp_path, capsys, consent, today, message
):
    out = tmp_path / "brief.pdf"
    code = main(
        ["referral", "render", *files(consent=consent), "--out", str(out), "--today", today]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_bad_files_give_one_line(tmp_path, capsys):
    intake = tmp_path / "intake.json"
    intake.write_text("{", "utf-8")
    consent = tmp_path / "c.json"
    consent.write_text(json.dumps({"schema_version": "1.0"}), "utf-8")
    assert (
        main(
            [
                "referral",
                "render",
                str(intake),
                "--consent",
                str(consent),
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert "geen geldige JSON" in capsys.readouterr().err
    intake.write_text(json.dumps(intake_data()), "utf-8")
    assert (
        main(
            [
                "referral",
                "render",
                str(intake),
                "--consent",
                str(consent),
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert "ontbreekt" in capsys.readouterr().err


def test_help_works(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["referral", "render", "--help"])
    assert exit_info.value.code == 0
    assert "toestemming" in capsys.readouterr().out


def test_shipped_example_consent_renders_a_sample_letter(tmp_path, capsys):
    """resources/consent/voorbeeld-toestemming.json stays valid for the shipped nl text."""
    from app.paths import resource_path

    example = resource_path("consent", "voorbeeld-toestemming.json")
    consent_validator().validate(json.loads(example.read_text("utf-8")))
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(intake_data()), "utf-8")
    out = tmp_path / "voorbeeld.pdf"
    code = main(
        [
            "referral",
            "render",
            str(intake),
            "--consent",
            str(example),
            "--out",
            str(out),
            "--today",
            "2026-11-27",
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = pdf_text(out)
    assert "uiterlijk 2 december 2026" in text and "Naam: ____" in text
