"""Catalogs load straight from the .po files (never stale), per language, with a safe cache."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given, settings
from hypothesis import strategies as st

import app.i18n as i18n
from app.i18n import catalogs
from app.i18n.pseudo import pseudo


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    catalogs.configure_cache(tmp_path / "cache")
    monkeypatch.setattr(i18n, "_translators", {})
    yield
    catalogs.configure_cache(None)
    i18n.set_language("nl")


def _write_catalog(root, code, entries):
    catalog = Catalog(locale=code)
    for msgid, msgstr, context in entries:
        catalog.add(msgid, msgstr, context=context)
    path = root / code / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


@pytest.fixture
def fake_translations(tmp_path, monkeypatch):
    root = tmp_path / "translations"
    monkeypatch.setattr(catalogs, "translations_path", lambda *parts: root.joinpath(*parts))
    return root


def test_dutch_is_the_source_text():
    i18n.set_language("nl")
    assert i18n._("Opslaan") == "Opslaan"
    assert i18n.ngettext("{n} signaal", "{n} signalen", 2) == "{n} signalen"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        i18n.set_language("de-bogus")


def test_edited_po_is_used_next_start_never_a_stale_copy(fake_translations):
    po = _write_catalog(fake_translations, "tr", [("Opslaan", "Kaydet", None)])
    assert catalogs.load_translations("tr").gettext("Opslaan") == "Kaydet"
    po.unlink()
    po.parent.rmdir()
    _write_catalog(fake_translations, "tr", [("Opslaan", "Kaydet et", None)])
    assert catalogs.load_translations("tr").gettext("Opslaan") == "Kaydet et"


def test_employee_context_and_translator_for_another_language(fake_translations):
    _write_catalog(
        fake_translations,
        "pl",
        [("Je bepaalt zelf wat we delen.", "Sam decydujesz, co udostępnimy.", "employee")],
    )
    i18n.set_language("nl")
    polish = i18n.translator("pl")
    text = "Je bepaalt zelf wat we delen."
    assert polish.pgettext("employee", text) == "Sam decydujesz, co udostępnimy."
    assert polish.employee(i18n.NP_("employee", text)) == "Sam decydujesz, co udostępnimy."
    assert i18n.pgettext("employee", text) == text  # the UI itself stays Dutch
    assert not polish.is_rtl and i18n.translator("ar").is_rtl


def test_fuzzy_translations_are_not_shown(fake_translations):
    catalog = Catalog(locale="en")
    catalog.add("Opslaan", "Save", flags=["fuzzy"])
    path = fake_translations / "en" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    assert catalogs.load_translations("en").gettext("Opslaan") == "Opslaan"


def test_damaged_cache_falls_back_to_the_po(fake_translations, tmp_path):
    _write_catalog(fake_translations, "en", [("Opslaan", "Save", None)])
    catalogs.load_translations("en")
    for cached in (tmp_path / "cache").glob("en-*.mo"):
        cached.write_bytes(b"garbage")
    assert catalogs.load_translations("en").gettext("Opslaan") == "Save"


def test_unwritable_cache_still_loads(fake_translations, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    catalogs.configure_cache(blocker / "cache")
    _write_catalog(fake_translations, "en", [("Opslaan", "Save", None)])
    assert catalogs.load_translations("en").gettext("Opslaan") == "Save"


def test_missing_catalog_shows_dutch(fake_translations):
    assert catalogs.load_translations("tr").gettext("Opslaan") == "Opslaan"


PLACEHOLDER = st.sampled_from(["{naam}", "{n}", "%(n)d", "%s", "<b>", "&amp;"])
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(WORD, PLACEHOLDER), min_size=1, max_size=8))
def test_pseudo_locale_keeps_placeholders_and_stretches(pieces):
    message = "".join(pieces)
    result = pseudo(message)
    assert result.startswith("[") and result.endswith("]")
    assert len(result) >= len(message) * 1.4
    for piece in pieces:
        if piece in ("{naam}", "{n}", "%(n)d", "%s", "<b>", "&amp;"):
            assert piece in result


def test_pseudo_locale_formats_like_the_original():
    i18n.set_language("xx")
    text = i18n._("Gesprek met {naam}").format(naam="Test Persoon")
    assert "Test Persoon" in text and text.startswith("[")


@pytest.mark.parametrize(
    ("language", "settings", "week"),
    [
        ("en", "Settings", "week 48, 2026"),
        ("tr", "Ayarlar", "2026, 48. hafta"),
        ("pl", "Ustawienia", "tydzień 48, 2026"),
        ("ar", "الإعدادات", "الأسبوع 48، 2026"),
    ],
)
def test_shipped_catalogs_translate(language, settings, week):
    from app.i18n.formatting import format_week

    i18n.set_language(language)
    assert i18n._("Instellingen") == settings
    assert format_week(2026, 48) == week
    assert format_week(2026, 48, language="nl") == "week 48, 2026"


def test_isolate_only_changes_right_to_left_text():
    assert i18n.isolate("/tmp/data", "nl") == "/tmp/data"
    assert i18n.isolate("/tmp/data", "ar") == "\u2068/tmp/data\u2069"
