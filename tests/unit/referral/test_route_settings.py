"""routes.yaml is the one home of the route settings: Wgs terms, municipality code, and per
recipient the consent fields switched on and the purpose. A municipality edits the file; the
letter, the reminders and the consent step follow, and ``rules check`` refuses bad settings."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.cli import main
from app.core.intake_scenarios import rules_from_yaml
from app.core.referral.status import ReferralStatus
from app.core.routes import RulesError, load_rules
from app.documents.referral_pdf import produce_referral
from app.documents.referral_reader import read_referral, summary_lines
from app.paths import resource_path
from app.store.intakes import IntakeRepository
from app.store.referrals import ReferralRepository
from tests.unit.referral.factories import (
    ADVISOR,
    CONTACT,
    SETTINGS,
    SHIPPED,
    SHV,
    TODAY,
    consent_validator,
    intake_data,
    make_consent,
    make_intake,
    pdf_attachment,
    pdf_text,
)

ROUTES_TEXT = resource_path("routes.yaml").read_text("utf-8")
APP = Path(__file__).resolve().parents[3] / "app"


def edited(text: str = ROUTES_TEXT) -> str:
    """The shipped file as a municipality would edit it (the text, comments and all)."""
    replacements = (
        ("municipality_code: GM0637", "municipality_code: GM0999"),
        ("crisis_working_days: 3", "crisis_working_days: 5"),
        ("regular_weeks: 4", "regular_weeks: 6"),
        (
            "consent_fields: [help_question, contact, crisis, debt_band, creditors_band]\n"
            "      purpose: Aanmelding voor schuldhulpverlening\n",
            "consent_fields: [help_question, contact, crisis, arrears]\n"
            "      purpose: Aanmelding bij de Schuldhulp van Fictiefstad\n",
        ),
    )
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


EDITED = rules_from_yaml(edited())


def test_the_shipped_settings_are_read_from_routes_yaml():
    assert SETTINGS.municipality_code == "GM0637"
    assert (SETTINGS.terms.crisis_working_days, SETTINGS.terms.regular_weeks) == (3, 4)
    assert SETTINGS.minimum_fields("sunz") == SETTINGS.minimum_fields("shv") | {"household"}
    assert SETTINGS.default_purpose("shv") == "Aanmelding voor schuldhulpverlening"
    # any other route or organisation gets the default
    assert SETTINGS.minimum_fields("schuldhulpmaatje") == {"help_question", "contact"}
    assert SETTINGS.default_purpose("andere") == "Verwijzing voor hulp bij geldzorgen"


def test_edited_settings_change_the_consent_minimum_and_the_purpose():
    settings = EDITED.settings
    assert settings.minimum_fields("shv") == {"help_question", "contact", "crisis", "arrears"}
    assert settings.default_purpose("shv") == "Aanmelding bij de Schuldhulp van Fictiefstad"
    assert settings.minimum_fields("sunz") == SETTINGS.minimum_fields("sunz")  # untouched


def test_edited_terms_and_code_change_the_letter_and_its_attachment():
    # threat present: the crisis term goes into the letter, the attachment and its DDAS part
    consent = make_consent(EDITED.settings.minimum_fields("shv"))
    documents = produce_referral(
        make_intake(),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        settings=EDITED.settings,
        shipped=SHIPPED,
        contact=CONTACT,
    )
    text = pdf_text(documents.letter_pdf)
    assert "binnen 5 werkdagen, uiterlijk 4 december 2026" in text  # Fri 27 Nov + 5 working days
    attachment = pdf_attachment(documents.letter_pdf)  # read back through the reader
    assert attachment["ddas"]["gemeentecode"] == "GM0999"
    assert attachment["situation"]["crisis"]["working_days"] == 5
    assert attachment["situation"]["crisis"]["deadline"] == "2026-12-04"

    shipped = produce_referral(
        make_intake(),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        settings=SETTINGS,
        shipped=SHIPPED,
        contact=CONTACT,
    )
    assert "binnen 3 werkdagen, uiterlijk 2 december 2026" in pdf_text(shipped.letter_pdf)
    assert pdf_attachment(shipped.letter_pdf)["ddas"]["gemeentecode"] == "GM0637"


def test_edited_regular_term_changes_the_readers_summary():
    consent = make_consent({"help_question", "crisis"})
    documents = produce_referral(
        make_intake(threats=[]),
        consent,
        ADVISOR,
        SHV,
        TODAY,
        settings=EDITED.settings,
        shipped=SHIPPED,
    )
    read = read_referral(documents.letter_pdf, today=TODAY, shipped=SHIPPED)
    text = "\n".join(summary_lines(read, EDITED.settings.terms))
    # 27 Nov + 6 weeks = Fri 8 Jan 2027
    assert "Eerste gesprek binnen 6 weken, uiterlijk 8 januari 2027" in text
    shipped = "\n".join(summary_lines(read, SETTINGS.terms))
    assert "Eerste gesprek binnen 4 weken, uiterlijk 28 december 2026" in shipped


def test_edited_terms_change_the_reminders(vault_session):
    intake_id = IntakeRepository(vault_session.connection).create(make_intake(), today=TODAY).id
    repo = ReferralRepository(vault_session.connection)
    consent = repo.record_consent(intake_id, make_consent(SETTINGS.minimum_fields("shv")))
    ids = {}
    for crisis in (True, False):
        ids[crisis] = repo.create_referral(
            intake_id,
            consent,
            recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
            crisis=crisis,
            deadline=None,
            contact=None,
            today=TODAY,
        )
        repo.set_status(ids[crisis], ReferralStatus.SENT, TODAY)  # Friday 27 November
    shipped, edited_terms = SETTINGS.terms, EDITED.settings.terms
    # crisis: 3 working days end Wed 2 Dec; 5 working days end Fri 4 Dec
    assert [r.id for r in repo.reminders(date(2026, 12, 3), shipped)] == [ids[True]]
    assert repo.reminders(date(2026, 12, 3), edited_terms) == []
    assert repo.load(ids[True]).reminder(date(2026, 12, 7), edited_terms) == date(2026, 12, 4)
    # regular: 4 weeks end Mon 28 Dec (25 Dec is Christmas); 6 weeks end Fri 8 Jan 2027
    assert {r.id for r in repo.reminders(date(2026, 12, 29), shipped)} == set(ids.values())
    assert [r.id for r in repo.reminders(date(2027, 1, 8), edited_terms)] == [ids[True]]
    assert repo.load(ids[False]).reminder(date(2027, 1, 11), edited_terms) == date(2027, 1, 8)


def test_cli_render_and_read_use_the_given_rules_file(tmp_path, capsys):
    rules = tmp_path / "routes.yaml"
    rules.write_text(edited(), "utf-8")
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(intake_data()), "utf-8")
    consent = tmp_path / "toestemming.json"
    from app.core.consent import consent_to_json

    data = consent_to_json(make_consent(EDITED.settings.minimum_fields("shv")))
    consent_validator().validate(data)
    consent.write_text(json.dumps(data), "utf-8")
    out = tmp_path / "brief.pdf"
    args = ["referral", "render", str(intake), "--consent", str(consent), "--out", str(out)]
    assert main([*args, "--today", "2026-11-27", "--rules", str(rules)]) == 0
    assert "binnen 5 werkdagen, uiterlijk 4 december 2026" in pdf_text(out)
    assert pdf_attachment(out)["ddas"]["gemeentecode"] == "GM0999"
    capsys.readouterr()
    assert main(["referral", "read", str(out), "--today", "2026-11-27", "--rules", str(rules)]) == 0
    assert "binnen 5 werkdagen, uiterlijk 4 december 2026" in capsys.readouterr().out


# --- rules check refuses bad settings ---------------------------------------------------------


def _shv(raw):
    return raw["referral"]["recipients"]["shv"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: _shv(r)["consent_fields"].append("bsn"),
            "referral, route 'shv': onbekend gegeven 'bsn' in consent_fields",
        ),
        (
            lambda r: _shv(r).pop("purpose"),
            "referral, route 'shv': 'purpose' ontbreekt (het doel van de verwijzing)",
        ),
        (
            lambda r: r["referral"]["default"].update(purpose="  "),
            "referral, default: 'purpose' ontbreekt",
        ),
        (
            lambda r: _shv(r).update(consent_fields=[]),
            "referral, route 'shv': 'consent_fields' moet een lijst van gegevens zijn",
        ),
        (
            lambda r: r["referral"]["recipients"].update(nergens=_shv(r)),
            "referral: onbekende route 'nergens'",
        ),
        (lambda r: r.pop("referral"), "'referral' ontbreekt"),
        (
            lambda r: r.update(municipality_code="Zoetermeer"),
            "municipality_code 'Zoetermeer' klopt niet: geef de gemeentecode van het CBS, "
            "GM en vier cijfers (zoals GM0363)",
        ),
        (lambda r: r.update(municipality_code="GM637"), "municipality_code 'GM637' klopt niet"),
        (lambda r: r.pop("municipality_code"), "municipality_code ontbreekt"),
        (
            lambda r: r["deadlines"].update(regular_weeks=0),
            "deadlines: 'regular_weeks' moet een heel getal van 1 tot 60 zijn",
        ),
        (
            lambda r: r["deadlines"].update(crisis_working_days=-3),
            "deadlines: 'crisis_working_days' moet een heel getal van 1 tot 60 zijn",
        ),
        (
            lambda r: r["deadlines"].update(crisis_working_days="drie"),
            "deadlines: 'crisis_working_days' moet een heel getal",
        ),
        (lambda r: r.pop("deadlines"), "'deadlines' ontbreekt"),
    ],
)
def test_bad_settings_are_refused_with_one_clear_line(change, message, tmp_path, capsys):
    raw = yaml.safe_load(ROUTES_TEXT)
    change(raw)
    with pytest.raises(RulesError) as error:
        load_rules(raw)
    assert message in str(error.value)

    path = tmp_path / "routes.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    assert main(["rules", "check", "--rules", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_rules_check_accepts_the_edited_settings(tmp_path, capsys):
    path = tmp_path / "routes.yaml"
    path.write_text(edited(), "utf-8")
    assert main(["rules", "check", "--rules", str(path)]) == 0
    assert "regels in orde" in capsys.readouterr().out


def test_the_route_explanations_name_the_terms_from_deadlines():
    """A route's explanation and note say the terms of deadlines:, also after an edit."""

    def route(rules, route_id):
        return next(r for r in rules.routes if r.id == route_id)

    shipped = rules_from_yaml(ROUTES_TEXT)
    assert "binnen 3 werkdagen helpen" in route(shipped, "shv-crisis").explanation
    assert "De termijn van 3 werkdagen" in (route(shipped, "shv-crisis").unverified_note or "")
    assert "binnen 4 weken" in route(shipped, "shv").explanation
    assert "binnen 5 werkdagen helpen" in route(EDITED, "shv-crisis").explanation
    assert "De termijn van 5 werkdagen" in (route(EDITED, "shv-crisis").unverified_note or "")
    assert "binnen 6 weken" in route(EDITED, "shv").explanation
    for rules in (shipped, EDITED):
        assert not any("{" in r.explanation + (r.unverified_note or "") for r in rules.routes)
        # and in every language the texts are shown in
        for language in ("en", "tr", "pl", "ar"):
            for r in rules.localized(language).routes:
                assert "{" not in r.explanation + (r.unverified_note or ""), (r.id, language)
    assert "within 5 working days" in route(EDITED.localized("en"), "shv-crisis").explanation

    def texts(value):  # a text, or a text per language
        return list(value.values()) if isinstance(value, dict) else [value or ""]

    # the prose in routes.yaml spells no term itself, in no language
    for raw in yaml.safe_load(ROUTES_TEXT)["routes"]:
        prose = " ".join(texts(raw["explanation"]) + texts(raw.get("unverified_note")))
        assert not re.search(r"\b\d+ (werkdagen|weken|working days|weeks)\b", prose), raw["id"]


def test_an_unknown_placeholder_in_an_explanation_is_refused():
    raw = yaml.safe_load(ROUTES_TEXT)
    explanation = raw["routes"][0]["explanation"]
    if isinstance(explanation, dict):
        explanation["nl"] += " Binnen {termijn} dagen."
    else:
        raw["routes"][0]["explanation"] = explanation + " Binnen {termijn} dagen."
    with pytest.raises(RulesError) as error:
        load_rules(raw)
    assert "onbekende plaatshouder '{termijn}' in explanation" in str(error.value)


# --- one home: no route setting is written down in the code -----------------------------------

# A setting in code: the municipality code, or a Wgs term given a number (a constant, a
# default value, a fallback when the rules are missing).
_SETTING_IN_CODE = (
    re.compile(r"GM0637"),
    re.compile(r"(crisis_working_days|regular_weeks|TERM_WEEKS|WORKING_DAYS)\s*(:[^=\n]+)?=\s*\d"),
    re.compile(r"""\.get\(\s*["'](crisis_working_days|regular_weeks)["']\s*,\s*\d"""),
    re.compile(r"(crisis_working_days|regular_weeks)\b[^\n]*\belse\s+\d"),
    re.compile(r"timedelta\(\s*weeks\s*=\s*\d"),
    re.compile(
        r"""["'](shv|sunz|voedselbank|ondernemers|jpf)["']\s*:\s*(N_\(|_DEBT|_BASE|frozen)"""
    ),
)


def test_no_module_under_app_holds_a_route_setting():
    found = []
    for path in sorted(APP.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if any(pattern.search(line) for pattern in _SETTING_IN_CODE):
                found.append(f"{path.relative_to(APP.parent)}:{number}: {line.strip()}")
    assert found == []


def test_the_scan_would_find_the_old_constants():
    old = (
        'ZOETERMEER_GEMEENTECODE = "GM0637"',
        "REGULAR_TERM_WEEKS = 4",
        "    crisis_working_days: int = 3,",
        'crisis_days = deadlines.get("crisis_working_days", 3)',
        "days = rules.crisis_working_days if rules else 3",
        '    "shv": _DEBT_HELP,',
        '    "sunz": N_("Aanvraag van een gift of renteloze lening"),',
    )
    for line in old:
        assert any(pattern.search(line) for pattern in _SETTING_IN_CODE), line
