"""The shipped data files in several languages: Dutch is required, the others optional with a
Dutch fallback; English is complete and the employee-facing route texts exist in tr, pl, ar."""

from __future__ import annotations

import copy

import pytest

from app.core.routes import RulesError, load_rules
from app.core.signals import Catalogue, SignalError
from app.core.training import TrainingDataError, load_cases
from app.core.yaml_text import safe_load
from app.shipped import load_shipped

EMPLOYEE_LANGUAGES = ("tr", "pl", "ar")


@pytest.fixture(scope="module")
def shipped():
    return load_shipped()


@pytest.fixture(scope="module")
def rules_data(shipped):
    return safe_load((shipped.root / "routes.yaml").read_text(encoding="utf-8"))


def _dutch_only(data):
    """The same structure with every {nl: ..., en: ...} text replaced by its Dutch text."""
    if isinstance(data, dict):
        if "nl" in data and set(data) <= {"nl", "en", "tr", "pl", "ar"}:
            return data["nl"]
        return {key: _dutch_only(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_dutch_only(item) for item in data]
    return data


def test_a_rules_file_without_translations_still_loads_and_falls_back_to_dutch(rules_data):
    translated = load_rules(rules_data)
    plain = load_rules(_dutch_only(rules_data))
    assert [r.name for r in plain.routes] == [r.name for r in translated.routes]
    english = plain.localized("en")
    assert english.route("voedselbank").name == "Voedselbank"  # Dutch, not an empty text
    assert english.facts == plain.facts


def test_the_dutch_texts_stay_the_source(shipped):
    rules = shipped.rules
    assert rules.route("voedselbank").name == "Voedselbank"
    assert rules.route("shv").organisation == "Gemeente Zoetermeer, schuldhulpverlening"
    assert rules.localized("nl") is rules


def test_english_rules_are_complete(shipped):
    rules, english = shipped.rules, shipped.rules.localized("en")
    for dutch, route in zip(rules.routes, english.routes, strict=True):
        assert route.name != dutch.name, route.id
        assert route.explanation != dutch.explanation, route.id
        if dutch.unverified_note:
            assert route.unverified_note != dutch.unverified_note, route.id
        if "note" in dutch.contact:
            assert route.contact["note"] != dutch.contact["note"], route.id
        assert route.contact.get("phone") == dutch.contact.get("phone")  # numbers as they are
    assert all(english.facts[key] != text for key, text in rules.facts.items())
    assert all(english.texts[key] != text for key, text in rules.texts.items())
    assert english.route("voedselbank").name == "Food bank"


@pytest.mark.parametrize("language", EMPLOYEE_LANGUAGES)
def test_employee_facing_route_texts_exist_in_tr_pl_ar(shipped, language):
    rules = shipped.rules
    for route in rules.routes:
        for key in ("name", "organisation", "explanation"):
            assert language in route.translations.get(key, {}), (route.id, key)
        if "note" in route.contact:
            assert language in route.translations.get("contact.note", {}), route.id
    localized = shipped.rules_in(language)
    assert all(localized.facts[key] != text for key, text in rules.facts.items())
    assert all(localized.texts[key] != text for key, text in rules.texts.items())
    assert shipped.rules_in("ar").route("shv").name == "مساعدة البلدية في الديون"


def test_amounts_in_translated_reasons_follow_the_language(shipped):
    from datetime import date

    from app.core.intake import Intake
    from app.core.routes import advise

    family = Intake.from_dict({"schema_version": "1.0", "household": "gezin", "total_debt": 1350})
    english = advise(family, shipped.rules_in("en"), date(2026, 12, 1)).routes
    dutch = advise(family, shipped.rules, date(2026, 12, 1)).routes
    assert any("(€1,350)" in reason.text for route in english for reason in route.reasons)
    assert any("(€ 1.350)" in reason.text for route in dutch for reason in route.reasons)


def test_the_advice_on_screen_is_in_the_language_the_stored_advice_dutch(shipped):
    from datetime import date

    from app.core.routes import advise

    case = load_cases(shipped.training_cases_data, shipped.catalogue, shipped.rules)[0]
    dutch = advise(case.intake, shipped.rules, date(2026, 12, 1))
    english = advise(case.intake, shipped.rules_in("en"), date(2026, 12, 1))
    assert [r.route_id for r in english.routes] == [r.route_id for r in dutch.routes]
    assert english.routes[0].name == "Municipal debt help – urgent"
    assert dutch.routes[0].name == "Schuldhulpverlening gemeente – met spoed"
    assert "there is a cut-off letter" in " ".join(r.text for r in english.routes[0].reasons)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"en": "Food bank"}, "de Nederlandse tekst (nl) ontbreekt"),
        ({"nl": "Voedselbank", "de": "Tafel"}, "onbekende taal 'de'"),
        ({"nl": "Voedselbank", "en": ""}, "de tekst in 'en' is leeg"),
        (["Voedselbank"], "moet tekst zijn, of tekst per taal"),
    ],
)
def test_rules_check_names_a_bad_translation(rules_data, value, problem):
    data = copy.deepcopy(rules_data)
    data["routes"][5]["name"] = value
    with pytest.raises(RulesError) as raised:
        load_rules(data)
    assert any(problem in line for line in raised.value.problems), raised.value.problems


def test_a_translated_contact_note_and_reason_are_checked_too(rules_data):
    data = copy.deepcopy(rules_data)
    data["routes"][0]["contact"]["note"] = {"en": "no Dutch"}
    data["facts"]["stress"] = {"nl": "stress", "xx": "x"}
    with pytest.raises(RulesError) as raised:
        load_rules(data)
    text = " ".join(raised.value.problems)
    assert "contact 'note'" in text and "onbekende taal 'xx'" in text


def test_english_catalogue_is_complete_and_dutch_stays_for_exports(shipped):
    catalogue = shipped.catalogue
    english = shipped.catalogue_in("en")
    for dutch, category in zip(catalogue.categories, english.categories, strict=True):
        assert (category.label, category.why, category.opener) != (
            dutch.label,
            dutch.why,
            dutch.opener,
        )
        assert category.label != dutch.label and category.why != dutch.why
        assert category.opener != dutch.opener
        assert not dutch.caution or category.caution != dutch.caution
    assert english.label("loonbeslag") == "Seizure of wages"
    assert english.group_label("payroll") == "Salary and HR administration"
    assert all(a.label != b.label for a, b in zip(english.sectors, catalogue.sectors, strict=True))
    assert all(a != b for a, b in zip(english.usage_notes, catalogue.usage_notes, strict=True))
    assert catalogue.label("loonbeslag") == "Beslag op het loon"
    assert catalogue.find("Beslag op het loon").id == "loonbeslag"  # the CSV import: Dutch


def test_a_catalogue_without_translations_loads_and_a_bad_one_is_refused(shipped):
    data = safe_load((shipped.root / "signals.yaml").read_text(encoding="utf-8"))
    plain = Catalogue.from_mapping(_dutch_only(data))
    assert plain.localized("en").label("loonbeslag") == "Beslag op het loon"
    data["categories"][0]["label"] = {"en": "Seizure of wages"}
    with pytest.raises(SignalError):
        Catalogue.from_mapping(data)


def test_english_training_cases_are_complete(shipped):
    cases = load_cases(shipped.training_cases_data, shipped.catalogue, shipped.rules)
    for case in cases:
        english = case.localized("en")
        assert english.title != case.title and english.story != case.story
        assert english.opener != case.opener and english.theme != case.theme
        assert all(a.where != b.where for a, b in zip(english.signals, case.signals, strict=True))
        assert all(a != b for a, b in zip(english.discussion, case.discussion, strict=True))
        assert english.expected_routes == case.expected_routes
    assert cases[0].localized("en").title == "Case A — Fictional Cleaner"
    plain = load_cases(_dutch_only(shipped.training_cases_data), shipped.catalogue, shipped.rules)
    assert plain[0].localized("en").title == cases[0].title


def test_a_training_case_without_dutch_is_refused(shipped):
    data = copy.deepcopy(shipped.training_cases_data)
    data["cases"][0]["story"] = {"en": "English only"}
    with pytest.raises(TrainingDataError):
        load_cases(data, shipped.catalogue, shipped.rules)


def test_rules_check_accepts_the_translated_shipped_file(shipped, capsys):
    from app.cli import main

    assert main(["rules", "check", "--rules", str(shipped.root / "routes.yaml")]) == 0
    assert "regels in orde" in capsys.readouterr().out
