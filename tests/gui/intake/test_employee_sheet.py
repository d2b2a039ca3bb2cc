"""The sheet the employee takes home after the advice: printed or saved in their language,
without a name, a case code or amounts (unless asked), from the same route data as the advice."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.frontend import parse_keywords
from pypdf import PdfReader
from PySide6.QtCore import Qt

import app.i18n as i18n
from app.clock import FixedClock
from app.core.intake import Intake
from app.core.routes import advise
from app.documents import employee_sheet
from app.documents.employee_sheet import build_sheet, render_sheet_pdf
from app.documents.fonts import prepare_text
from app.i18n.pseudo import pseudo
from app.preferences import Preferences
from app.shipped import load_shipped
from app.ui.context import AppContext
from app.ui.intake import IntakeSection

TUESDAY = date(2026, 12, 1)
SHIPPED = load_shipped()
RULES = SHIPPED.rules
EVICTION_AND_SMALL_DEBT = {"threats": ["ontruiming"], "household": "gezin", "total_debt": 2300}


def intake(**answers) -> Intake:
    return Intake.from_dict({"schema_version": "1.0", **answers})


def pdf_text(data: bytes) -> str:
    import io

    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def _flow(qtbot, vault_session, tmp_path, answers):
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=tmp_path / "data",
        clock=FixedClock(today=TUESDAY),
        shipped=SHIPPED,
    )
    (tmp_path / "data").mkdir(exist_ok=True)
    section = IntakeSection(context)
    qtbot.addWidget(section)
    section.resize(1200, 850)
    section.show()
    qtbot.mouseClick(section.list_page.new_button, Qt.MouseButton.LeftButton)
    flow = section.flow
    flow.form.set_intake(intake(**answers))
    flow.go_to_step(flow.stack.count() - 1)
    flow.section = section  # keep the section (and so the flow) alive for the test
    return flow


def test_the_advice_step_offers_the_sheet_and_it_saves_a_dutch_pdf(qtbot, vault_session, tmp_path):
    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    assert flow.sheet_button.isVisible()
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    # printing comes first; saving is offered after it
    assert dialog.print_button.isDefault()
    assert dialog.language.currentData() == "nl"
    assert not dialog.amounts.isChecked()
    preview = dialog.preview.toPlainText()
    assert "Uw volgende stap" in preview and "0800-8115" in preview

    target = tmp_path / "gekozen map" / "volgende-stap.pdf"
    target.parent.mkdir()
    assert dialog.save_to(target)
    text = pdf_text(target.read_bytes())
    for expected in (
        "Uw volgende stap",
        "Schuldhulpverlening gemeente – met spoed",
        "Bel: 14 079",
        "Kijk op: www.zoetermeer.nl/hulp-bij-geldzaken-en-schulden",
        "SUNZ – gift of renteloze lening",
        "samen met een hulpverlener",
        "Neem mee",
        "de brief over de ontruiming",
        "binnen 3 werkdagen",
        "uiterlijk 4 december 2026",  # three working days from the scripted Tuesday
        "Wet gemeentelijke schuldhulpverlening",
        "Gratis en anoniem",
        "0800-8115",
        "Hulp vragen is een sterke stap.",
    ):
        assert expected in " ".join(text.split()), expected
    # no name, no case code, no amounts
    assert flow.record.case_code not in text and "GC-" not in text
    assert "€" not in text and "2.300" not in text
    assert flow.record.case_code not in target.read_bytes().decode("latin-1")


def test_amounts_only_when_the_employee_asks(qtbot, vault_session, tmp_path):
    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    assert "€" not in dialog.preview.toPlainText()
    dialog.amounts.setChecked(True)
    assert "€ 2.300" in dialog.preview.toPlainText()
    target = tmp_path / "blad.pdf"
    assert dialog.save_to(target)
    text = pdf_text(target.read_bytes())
    assert "Uw schulden samen: ongeveer € 2.300." in text
    assert "Een renteloze lening kan tot ongeveer € 2.500." in text


def test_the_advisors_own_choice_comes_first(qtbot, vault_session, tmp_path):
    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    index = flow.advice_view.route_choice.findData("maatschappelijk-werk")
    flow.advice_view.route_choice.setCurrentIndex(index)
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    sheet = dialog.sheet()
    assert sheet.routes[0].name == "Maatschappelijk werk"
    assert len(sheet.routes) <= 3


def test_a_refused_place_is_said_calmly_and_nothing_is_written(qtbot, vault_session, tmp_path):
    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    target = tmp_path / "data" / "blad.pdf"  # the app's own data folder
    assert not dialog.save_to(target)
    assert not target.exists()
    assert not dialog.banner.isHidden() and "map" in dialog.banner.text()


def test_printing_lays_out_the_same_sheet(qtbot, vault_session, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "printer-output.pdf"  # a test stand-in for paper
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "Uw volgende stap" in text and "Bel: 0800-8115" in text
    assert "binnen 3 werkdagen" in text and "€" not in text
    assert "naar de printer" in dialog.banner.text()


def test_full_screen_shows_the_same_sheet_and_escape_closes_it(qtbot, vault_session, tmp_path):
    flow = _flow(qtbot, vault_session, tmp_path, EVICTION_AND_SMALL_DEBT)
    dialog = flow.employee_sheet_dialog()
    qtbot.addWidget(dialog)
    full = dialog.show_full_screen()
    qtbot.waitExposed(full)
    assert "Uw volgende stap" in full.view.toPlainText()
    assert "0800-8115" in full.view.toPlainText()
    qtbot.keyClick(full, Qt.Key.Key_Escape)
    assert not full.isVisible()


def test_every_employee_text_goes_through_translation():
    advice = advise(intake(**EVICTION_AND_SMALL_DEBT), RULES, TUESDAY)
    sheet = build_sheet(advice, RULES, "xx", with_amounts=True)
    translated = [
        sheet.title,
        sheet.intro,
        sheet.routes_heading,
        sheet.reach_heading,
        sheet.bring_heading,
        sheet.municipality_heading,
        sheet.geldfit_heading,
        sheet.encouragement,
        sheet.footer,
        *sheet.geldfit,
    ]
    for route in sheet.routes:
        translated += [route.what, *route.reach, *route.bring, *route.municipality, *route.amounts]
    untranslated = [line for line in translated if not line.startswith("[")]
    assert not untranslated
    # what stays Dutch: the route data of routes.yaml
    assert sheet.routes[0].name == "Schuldhulpverlening gemeente – met spoed"


def test_the_sheet_strings_are_marked_with_the_employee_context():
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(["NP_:1c,2"])}
    found = list(extract_from_file("python", employee_sheet.__file__, keywords=keywords))
    assert len(found) >= 30
    assert {context for _line, _msg, _comments, context in found} == {"employee"}


ARABIC_TITLE = "خطوتك التالية"
ARABIC_HOPE = "طلب المساعدة خطوة قوية"


class _StubArabic:
    """A stand-in catalog until the lead's Arabic translation is there."""

    def gettext(self, message):
        return message

    def ngettext(self, singular, plural, n):
        return singular if n == 1 else plural

    def pgettext(self, context, message):
        return {
            employee_sheet.TITLE: ARABIC_TITLE,
            employee_sheet.ENCOURAGEMENT: ARABIC_HOPE,
        }.get(message, pseudo(message))

    def npgettext(self, context, singular, plural, n):
        return singular if n == 1 else plural


@pytest.fixture
def stub_arabic(monkeypatch):
    monkeypatch.setitem(i18n._translators, "ar", i18n.Translator("ar", _StubArabic()))


def _line_x(data: bytes, needle: str) -> float:
    import io

    page = PdfReader(io.BytesIO(data)).pages[0]
    found: list[float] = []

    def visit(text, _cm, tm, _font, _size):
        if needle in unicodedata.normalize("NFKC", text) and not found:
            found.append(tm[4])

    page.extract_text(visitor_text=visit)
    assert found, needle
    return found[0]


def test_arabic_sheet_is_shaped_and_right_to_left(stub_arabic, tmp_path):
    advice = advise(intake(**EVICTION_AND_SMALL_DEBT), RULES, TUESDAY)
    sheet = build_sheet(advice, RULES, "ar")
    assert sheet.right_to_left
    data = render_sheet_pdf(sheet)
    text = pdf_text(data)
    assert ARABIC_TITLE in text and ARABIC_HOPE in text
    # drawn in visual order with joined letter forms, as the referral's employee copy is
    from app.documents.pdf_text import pdf_text_lines

    assert prepare_text(ARABIC_TITLE, "ar") in pdf_text_lines(data)
    # right aligned: the title starts far to the right; in Dutch at the left margin
    dutch = render_sheet_pdf(build_sheet(advice, RULES, "nl"))
    assert _line_x(dutch, "Uw volgende stap") < 60
    assert _line_x(data, "14 079") > 150  # the phone line, right aligned
    (tmp_path / "ar.pdf").write_bytes(data)
    # the printed and full-screen version: every block right to left and right aligned
    from app.documents.employee_sheet import sheet_html

    page = sheet_html(sheet)
    assert page.count('dir="rtl" align="right"') >= page.count("<p ")
    assert 'dir="ltr"' not in page


@pytest.mark.parametrize("language", ["en", "tr", "pl", "ar"])
def test_the_shipped_translations_reach_the_printed_sheet(language):
    """With the real catalogs (not a stub): the sheet's own words are in the employee's
    language, and the PDF read back holds them (Arabic shaped, in visual order)."""
    from app.documents.pdf_text import pdf_text_lines

    advice = advise(intake(**EVICTION_AND_SMALL_DEBT), RULES, TUESDAY)
    dutch = build_sheet(advice, RULES, "nl")
    sheet = build_sheet(advice, RULES, language)
    for field in ("title", "intro", "encouragement", "bring_heading", "municipality_heading"):
        assert getattr(sheet, field) != getattr(dutch, field), (language, field)
    data = render_sheet_pdf(sheet)
    if language == "ar":
        assert sheet.right_to_left
        assert prepare_text(sheet.title, "ar") in pdf_text_lines(data)
    else:
        text = " ".join(pdf_text(data).split())
        assert " ".join(sheet.title.split()) in text
        assert " ".join(sheet.encouragement.split())[:40] in text
    # route names in the employee's language where routes.yaml has them
    local = RULES.localized(language)
    for route in sheet.routes:
        assert route.name in {r.name for r in local.routes}
    assert "GC-" not in pdf_text(data)  # no case code on what the employee takes home
