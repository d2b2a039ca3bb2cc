"""PDFs in Turkish and Arabic show the right letters: embedded font, Arabic joined and ordered."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from app.documents.fonts import paragraph, prepare_text, register_pdf_fonts, shape_arabic

TURKISH = "Çalışan onayı: İşveren hiçbir şey görmez. Ağustos, ılık, Iğdır"
POLISH = "Zgoda pracownika: łąka, gęś, żółć, świeca, ćma, koń, ŁĄĘŻŚĆŃÓ"
ARABIC_TITLE = "موافقة الموظف"
ARABIC_BODY = (
    "أنت توافق على مشاركة هذه المعلومات مع البلدية فقط. يمكنك سحب موافقتك في أي وقت، "
    "وهذا سهل مثل إعطائها. لا تُشارك أي معلومات مع صاحب العمل."
)


def _build_pdf(path, texts, language):
    regular, bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=14, leading=18)
    story = [paragraph(texts[0], heading, language)]
    story += [paragraph(text, body, language) for text in texts[1:]]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    extracted = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    # compare words, not line breaks: the layout decides where lines end
    return " ".join(unicodedata.normalize("NFKC", extracted).split())


def test_register_is_idempotent():
    assert register_pdf_fonts() == register_pdf_fonts()


def test_turkish_and_polish_pdf_reads_back(tmp_path):
    text = _build_pdf(tmp_path / "tr.pdf", [TURKISH, POLISH], "tr")
    assert TURKISH in text
    assert POLISH in text


def test_arabic_pdf_reads_back_in_reading_order(tmp_path):
    text = _build_pdf(tmp_path / "ar.pdf", [ARABIC_TITLE, ARABIC_BODY * 8], "ar")
    assert ARABIC_TITLE in text
    for phrase in ("يمكنك سحب موافقتك", "صاحب العمل", "المعلومات"):
        assert phrase in text


def test_arabic_letters_take_their_joined_forms():
    shaped = shape_arabic("سلام")
    # seen initial, lam-alef ligature (final form), meem isolated
    assert shaped == "\ufeb3\ufefc\u0645"
    assert prepare_text("سلام", "ar") == "\u0645\ufefc\ufeb3"


def test_latin_text_is_left_alone():
    assert prepare_text(TURKISH, "tr") == TURKISH
    assert prepare_text("Test Persoon", "ar") == "Test Persoon"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=[chr(c) for c in range(0x0621, 0x064B)] + [" "], max_size=40))
def test_shaping_keeps_the_letters(text):
    assert unicodedata.normalize("NFKC", shape_arabic(text)) == unicodedata.normalize("NFKC", text)


def test_arabic_in_a_table_cell(tmp_path):
    from reportlab.platypus import Table

    regular, _bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13)
    table = Table([[paragraph(ARABIC_TITLE, body, "ar"), paragraph("Test Persoon", body, "nl")]])
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    text = unicodedata.normalize("NFKC", PdfReader(str(path)).pages[0].extract_text())
    assert ARABIC_TITLE in text and "Test Persoon" in text
