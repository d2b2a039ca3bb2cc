"""Fonts and right-to-left text for reportlab PDFs.

reportlab's built-in fonts (Helvetica) have no ``ı``, ``ł`` or Arabic, so every PDF embeds the
shipped DejaVu Sans (``resources/fonts/``). reportlab draws glyphs left to right and does no
Arabic joining of its own (its bidi needs ``rlbidi``, which we do not ship), so Arabic text is
prepared here: letters are replaced by their contextual presentation forms (initial, medial,
final, isolated; the forms come from the Unicode database, not from a hand-written table) and
the result is put in visual order with python-bidi. Lines must be wrapped *before* reordering,
which :class:`RTLParagraph` does; use :func:`paragraph` and it picks the right flowable.

Usage::

    regular, bold = register_pdf_fonts()
    style = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15)
    story.append(paragraph(text, style, language))         # any language, plain text
    canvas.drawString(x, y, prepare_text(line, language))   # one short line
"""

from __future__ import annotations

import functools
import unicodedata

from bidi import get_display
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

REGULAR = "VindplaatsSans"
BOLD = "VindplaatsSans-Bold"
RTL_LANGUAGES = frozenset({"ar"})

_LAM = "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")
_TATWEEL = "\u0640"
_ZWJ = "\u200d"


@functools.cache
def register_pdf_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab once; returns the two font names.

    The bold face is also registered as the family's bold, so ``<b>`` in a Paragraph works.
    """
    # shapable=False: the text is shaped by prepare_text; letting reportlab's harfbuzz pass run
    # on already visual-order text would reverse it a second time.
    from app.shipped import installed_fonts

    fonts = installed_fonts()
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts.regular), shapable=False))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts.bold), shapable=False))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES


# --- Arabic joining -------------------------------------------------------------------------


@functools.cache
def _arabic_tables() -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], str]]:
    """Presentation forms per base letter, and lam-alef ligatures, from the Unicode database."""
    forms: dict[str, dict[str, str]] = {}
    ligatures: dict[tuple[str, str], str] = {}
    # FE70-FEFF first: the basic Arabic forms every Arabic font has; FB50-FDFF only adds letters
    # missing there (Persian, Urdu). Of the many two-letter ligatures only lam-alef is mandatory.
    for cp in (*range(0xFE70, 0xFF00), *range(0xFB50, 0xFE00)):
        decomposition = unicodedata.decomposition(chr(cp)).split()
        if len(decomposition) < 2 or not decomposition[0].startswith("<"):
            continue
        tag = decomposition[0].strip("<>")
        if tag not in ("isolated", "final", "initial", "medial"):
            continue
        bases = tuple(chr(int(part, 16)) for part in decomposition[1:])
        if len(bases) == 1 and 0x0600 <= ord(bases[0]) <= 0x06FF:
            forms.setdefault(bases[0], {}).setdefault(tag, chr(cp))
        elif len(bases) == 2 and bases[0] == _LAM and bases[1] in _ALEFS and cp >= 0xFEF5:
            ligatures.setdefault((bases[1], tag), chr(cp))
    return forms, ligatures


def _is_transparent(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf") and char != _ZWJ


def _joins_forward(char: str | None) -> bool:
    """Can ``char`` connect to the letter after it (dual-joining or join-causing)?"""
    if char is None:
        return False
    if char in (_TATWEEL, _ZWJ):
        return True
    return "initial" in _arabic_tables()[0].get(char, {})


def _joins_backward(char: str | None) -> bool:
    """Can ``char`` connect to the letter before it (dual- or right-joining)?"""
    if char is None:
        return False
    if char in (_TATWEEL, _ZWJ):
        return True
    return "final" in _arabic_tables()[0].get(char, {})


def _neighbour(text: str, index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(text):
        if not _is_transparent(text[index]):
            return text[index]
        index += step
    return None


def shape_arabic(text: str) -> str:
    """Replace Arabic letters by their contextual presentation forms (still in logical order)."""
    forms, ligatures = _arabic_tables()
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char not in forms:
            out.append(char)
            index += 1
            continue
        before = _neighbour(text, index, -1)
        after = _neighbour(text, index, +1)
        joins_before = _joins_forward(before) and _joins_backward(char)
        if char == _LAM and after is not None:
            ligature_form = "final" if joins_before else "isolated"
            ligature = ligatures.get((after, ligature_form))
            if ligature:
                # lam + alef is a mandatory ligature; marks between them stay after it
                out.append(ligature)
                index += 1
                while index < len(text) and _is_transparent(text[index]):
                    out.append(text[index])
                    index += 1
                index += 1  # the alef itself
                continue
        joins_after = _joins_forward(char) and _joins_backward(after)
        if joins_before and joins_after:
            tag = "medial"
        elif joins_before:
            tag = "final"
        elif joins_after:
            tag = "initial"
        else:
            tag = "isolated"
        out.append(forms[char].get(tag, char) if tag != "isolated" else char)
        index += 1
    return "".join(out)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def prepare_text(text: str, language: str) -> str:
    """Text ready for ``canvas.drawString`` / a one-line Paragraph: Arabic joined and ordered.

    For one line only: wrapping must happen before the visual reordering (see
    :class:`RTLParagraph`). Latin text without Arabic letters comes back unchanged.
    """
    if not is_rtl(language) and not _has_rtl(text):
        return text
    base = "R" if is_rtl(language) else "L"
    return "\n".join(
        get_display(shape_arabic(line), base_dir=base) if line else line
        for line in text.split("\n")
    )


# --- flowables ------------------------------------------------------------------------------


class RTLParagraph(Flowable):
    """A plain-text paragraph for right-to-left languages: wraps in logical order, then shapes
    and reorders each line, right-aligned (or centred if the style says so). No markup."""

    def __init__(self, text: str, style: ParagraphStyle, *, _lines: list[str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._logical_lines = _lines
        self._width = 0.0

    def _wrap_lines(self, width: float) -> list[str]:
        font, size = self.style.fontName, self.style.fontSize
        lines: list[str] = []
        for block in self.text.split("\n"):
            words = block.split()
            if not words:
                lines.append("")
                continue
            line = words[0]
            for word in words[1:]:
                candidate = f"{line} {word}"
                if pdfmetrics.stringWidth(shape_arabic(candidate), font, size) <= width:
                    line = candidate
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._width = availWidth
        if self._logical_lines is None:
            self._logical_lines = self._wrap_lines(availWidth)
        return availWidth, len(self._logical_lines) * self.style.leading

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._logical_lines or self._wrap_lines(availWidth)
        fit = int(availHeight // self.style.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        return [
            RTLParagraph(self.text, self.style, _lines=lines[:fit]),
            RTLParagraph(self.text, self.style, _lines=lines[fit:]),
        ]

    def minWidth(self) -> float:  # noqa: N802 - reportlab API (tables size columns with it)
        font, size = self.style.fontName, self.style.fontSize
        words = self.text.split() or [""]
        return max(pdfmetrics.stringWidth(shape_arabic(word), font, size) for word in words)

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        canvas = self.canv
        font, size, leading = self.style.fontName, self.style.fontSize, self.style.leading
        canvas.setFont(font, size)
        canvas.setFillColor(self.style.textColor)
        lines = self._logical_lines or []
        height = len(lines) * leading
        for number, line in enumerate(lines):
            y = height - (number + 1) * leading + (leading - size) * 0.5 + size * 0.2
            visual = get_display(shape_arabic(line), base_dir="R")
            if self.style.alignment == TA_CENTER:
                canvas.drawCentredString(self._width / 2, y, visual)
            else:
                canvas.drawRightString(self._width, y, visual)


def paragraph(text: str, style: ParagraphStyle, language: str) -> Flowable:
    """A flowable for plain ``text`` (escaped, never markup) in ``language``.

    Right-to-left languages get an :class:`RTLParagraph`; others a reportlab ``Paragraph``
    (line breaks kept). Use a style whose ``fontName`` comes from :func:`register_pdf_fonts`.
    """
    if is_rtl(language):
        return RTLParagraph(text, style)
    # "&", "<" and ">" travel through reportlab's markup parser as private-use characters and
    # are put back in the parsed fragments: escaped as entities, each one became a fragment of
    # its own, and 2000 of them in a help question took most of a second to lay out.
    marked = prepare_text(text, language).translate(_MARK_MARKUP).replace("\n", "<br/>")
    flowable = Paragraph(marked, style)
    for fragment in flowable.frags:
        if isinstance(getattr(fragment, "text", None), str):
            fragment.text = fragment.text.translate(_UNMARK_MARKUP)
    return flowable


_MARK_MARKUP = str.maketrans({"&": "\ue000", "<": "\ue001", ">": "\ue002"})
_UNMARK_MARKUP = str.maketrans({"\ue000": "&", "\ue001": "<", "\ue002": ">"})
