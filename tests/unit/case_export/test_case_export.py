"""The employee's own data of one conversation (AVG access and portability): a readable PDF,
encrypted by default, and a JSON document valid against case-export.schema.json."""

from __future__ import annotations

import io
import json
from datetime import date

import pikepdf
import pytest
from pypdf import PdfReader

from app.cli import main
from app.clock import FixedClock
from app.core.consent import text_sha256
from app.core.referral.status import ReferralStatus
from app.documents.case_export import save_case_export
from app.documents.referral_pdf import load_consent_bundle
from app.fileio import ProtectedTargetError, UserFiles
from app.store.audit import list_events
from app.store.case_export import case_export_document
from app.store.intakes import IntakeNotFound, IntakeRepository
from app.store.referrals import ReferralRepository
from tests.conftest import TEST_PASSPHRASE
from tests.unit.referral.factories import (
    CONTACT,
    RULES,
    SHIPPED,
    TERMS,
    TODAY,
    make_consent,
    make_intake,
    minimum_fields,
    pdf_text,
)

LATER = date(2026, 12, 14)


def route_name(route_id):
    route = RULES.route(route_id)
    return route.name if route else None


def fill_case(connection):
    """One conversation with advice, two consents (one withdrawn) and two referrals."""
    from app.core.routes import advise

    intakes = IntakeRepository(connection)
    intake = make_intake(help_question="Test Persoon wil hulp met de huur.")
    record = intakes.create(intake, today=TODAY)
    stored = advise(intake, RULES, TODAY).to_dict()
    intakes.store_advice(record.id, stored, today=TODAY)
    intakes.choose_route(record.id, "sunz", "De medewerker wil eerst een gift proberen.")
    intakes.set_follow_up(record.id, date(2026, 12, 10))
    referrals = ReferralRepository(connection)
    consent = referrals.record_consent(record.id, make_consent(minimum_fields("shv")))
    first = referrals.create_referral(
        record.id,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=True,
        deadline=date(2026, 12, 2),
        contact=CONTACT,
        today=TODAY,
    )
    referrals.mark_produced(first, today=TODAY, encrypted=True)
    referrals.set_status(first, ReferralStatus.SENT, TODAY)
    other = referrals.record_consent(
        record.id, make_consent({"help_question"}, language="tr", recipient_id="sunz")
    )
    second = referrals.create_referral(
        record.id,
        other,
        recipient_name="Stichting Urgente Noden Zoetermeer",
        crisis=False,
        deadline=None,
        contact=None,
        today=TODAY,
    )
    referrals.withdraw(second, date(2026, 11, 30))
    return intakes.load(record.id)


def document_for(connection, code):
    return case_export_document(connection, code, today=LATER, terms=TERMS, route_name=route_name)


def test_document_holds_everything_and_validates(vault_session):
    record = fill_case(vault_session.connection)
    document = document_for(vault_session.connection, record.case_code)
    SHIPPED.validator("case-export").validate(document)
    assert document["case_code"] == record.case_code
    assert document["intake"]["help_question"] == "Test Persoon wil hulp met de huur."
    assert document["advice"]["chosen_route"] == "sunz"
    assert document["advice"]["advice"]["routes"][0]["name"]
    consents = [item["consent"] for item in document["consents"]]
    assert [c["recipient"]["id"] for c in consents] == ["shv", "sunz"]
    nl = load_consent_bundle(SHIPPED, "nl").text
    assert consents[0]["text_version"] == nl.version
    assert consents[0]["text_sha256"] == text_sha256(nl.text)
    assert consents[1]["withdrawn_on"] == "2026-11-30"
    first, second = document["referrals"]
    assert [h["status"] for h in first["history"]] == ["concept", "verzonden"]
    assert first["letter_made_on"] == TODAY.isoformat() and first["contact"]["phone"]
    assert second["status"] == "ingetrokken"
    kinds = [(r["kind"], r["on"]) for r in document["reminders"]]
    assert ("vervolggesprek", "2026-12-10") in kinds
    assert any(kind == "termijn_verstreken" for kind, _on in kinds)
    # the audit log says an export was made, never for which case
    events = [e for e in list_events(vault_session.connection) if e.event == "case_exported"]
    assert len(events) == 1 and record.case_code not in str(events[0])


def test_pdf_is_encrypted_by_default_and_reads_in_plain_dutch(vault_session, tmp_path):
    record = fill_case(vault_session.connection)
    document = document_for(vault_session.connection, record.case_code)
    pdf, out = tmp_path / "gegevens.pdf", tmp_path / "gegevens.json"
    result = save_case_export(document, files=UserFiles(), pdf_path=pdf, json_path=out)
    assert result.password
    reader = PdfReader(pdf)
    assert reader.is_encrypted and reader.trailer["/Encrypt"]["/R"] == 6
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(pdf)
    text = pdf_text(pdf, result.password)
    for expected in (
        record.case_code,
        "Uw antwoorden",
        "Test Persoon wil hulp met de huur.",
        "Eenoudergezin".lower(),
        "Gemeente Zoetermeer, schuldhulpverlening",
        "Stichting Urgente Noden Zoetermeer",
        "ingetrokken",
        "De medewerker wil eerst een gift proberen.",
        "10 december 2026",
        text_sha256(load_consent_bundle(SHIPPED, "nl").text.text)[:16],
    ):
        assert expected.lower() in text.lower(), expected
    assert json.loads(out.read_text("utf-8")) == document
    with pikepdf.open(pdf, password=result.password) as opened:
        assert "/Info" not in opened.trailer or not dict(opened.docinfo)


def test_without_encryption_and_json_only(vault_session, tmp_path):
    record = fill_case(vault_session.connection)
    document = document_for(vault_session.connection, record.case_code)
    pdf = tmp_path / "open.pdf"
    result = save_case_export(
        document, files=UserFiles(), pdf_path=pdf, json_path=None, encrypt=False
    )
    assert result.password is None and not PdfReader(pdf).is_encrypted
    only = save_case_export(
        document, files=UserFiles(), pdf_path=None, json_path=tmp_path / "a.json"
    )
    assert only.password is None


def test_never_into_the_vault_folder(vault_session):
    record = fill_case(vault_session.connection)
    document = document_for(vault_session.connection, record.case_code)
    folder = vault_session.data_dir
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(ProtectedTargetError):
        save_case_export(
            document,
            files=UserFiles(folder),
            pdf_path=folder.parent / "ok.pdf",
            json_path=folder / "gegevens.json",
        )
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not (folder.parent / "ok.pdf").exists()


def test_unknown_code(vault_session):
    with pytest.raises(IntakeNotFound):
        document_for(vault_session.connection, "GC-2026-XXXX")


def _cli(monkeypatch, *argv):
    from app.store import keyslots

    # the test vault's cheap KDF; a real one is refused below the production minimum
    monkeypatch.setattr(keyslots, "PRODUCTION_MINIMUM", keyslots.TEST_KDF)
    monkeypatch.setattr("sys.stdin", io.StringIO(TEST_PASSPHRASE + "\n"))
    return main(list(argv), clock=FixedClock(today=LATER))


@pytest.fixture
def filled(make_vault):
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    record = fill_case(session.connection)
    session.close()
    return vault.data_dir, record.case_code


def test_cli_export(filled, tmp_path, monkeypatch, capsys):
    data_dir, code = filled
    pdf, out = tmp_path / "uit" / "g.pdf", tmp_path / "uit" / "g.json"
    pdf.parent.mkdir()
    args = ["case", "export", code, "--data-dir", str(data_dir), "--pdf", str(pdf)]
    assert _cli(monkeypatch, *args, "--json", str(out)) == 0
    captured = capsys.readouterr()
    password = captured.out.strip()
    assert len(password) == 24
    assert "JSON-bestand is niet versleuteld" in captured.err
    assert "Uw antwoorden" in pdf_text(pdf, password)
    SHIPPED.validator("case-export").validate(json.loads(out.read_bytes()))


def test_cli_refuses_cleanly(filled, tmp_path, monkeypatch, capsys):
    data_dir, code = filled
    base = ["case", "export", "--data-dir", str(data_dir)]
    assert _cli(monkeypatch, *base, code) != 0
    assert "Kies --pdf, --json of allebei" in capsys.readouterr().err
    assert _cli(monkeypatch, *base, "GC-2026-XXXX", "--json", str(tmp_path / "x.json")) != 0
    assert "geen gesprek met deze code" in capsys.readouterr().err
    assert _cli(monkeypatch, *base, code, "--json", str(data_dir / "x.json")) != 0
    err = capsys.readouterr().err
    assert "map van de kluis" in err and "Traceback" not in err
    assert not (data_dir / "x.json").exists() and not (tmp_path / "x.json").exists()


def test_a_bare_conversation_exports_too(vault_session, tmp_path):
    """Just started: no answers, no advice, no consent. Still readable, still valid."""
    from app.core.intake import Intake

    record = IntakeRepository(vault_session.connection).create(Intake(), today=TODAY)
    document = document_for(vault_session.connection, record.case_code.lower())
    SHIPPED.validator("case-export").validate(document)
    assert document["consents"] == [] and document["referrals"] == []
    result = save_case_export(
        document, files=UserFiles(), pdf_path=tmp_path / "g.pdf", json_path=None, encrypt=False
    )
    text = pdf_text(result.pdf_path)
    for expected in (
        "nog geen advies bewaard",
        "geen toestemming gegeven",
        "geen verwijzing gemaakt",
        "niet ingevuld",
    ):
        assert expected in text


def test_cli_wrong_passphrase_is_one_line(filled, tmp_path, monkeypatch, capsys):
    from app.store import keyslots

    data_dir, code = filled
    monkeypatch.setattr(keyslots, "PRODUCTION_MINIMUM", keyslots.TEST_KDF)
    monkeypatch.setattr("sys.stdin", io.StringIO("verkeerde fictieve zin\n"))
    out = tmp_path / "g.json"
    args = ["case", "export", code, "--data-dir", str(data_dir), "--json", str(out)]
    assert main(args, clock=FixedClock(today=LATER)) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
