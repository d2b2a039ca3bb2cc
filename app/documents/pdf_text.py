"""Read the text of a PDF back with pikepdf (which the app ships), for the self-test.

pypdf is only a test dependency, so the frozen app cannot use it. This reader is small on
purpose and reads only what our own reportlab PDFs contain: text shown with ``Tj``/``TJ`` in
the page content (and in form XObjects), in fonts that carry a ``/ToUnicode`` map, which
reportlab writes for every embedded TrueType subset. Each text-showing operator becomes one
string; a line of a paragraph is one operator, so the result is the lines as drawn. Text is
returned as drawn: Arabic in visual order and in its presentation forms (see
``app.documents.fonts``), which is exactly what the self-test wants to see.
"""

from __future__ import annotations

import io
import re

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.DOTALL)
_MAX_RANGE = 65536  # a damaged map must not make us build millions of entries


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", errors="replace")


def parse_to_unicode(cmap: bytes) -> tuple[dict[bytes, str], int]:
    """A ``/ToUnicode`` CMap → (code bytes → text, code length in bytes)."""
    mapping: dict[bytes, str] = {}
    width = 1
    for kind, body in _SECTION.findall(cmap):
        values = _HEX.findall(body)
        if kind == b"bfchar":
            for code, text in zip(values[0::2], values[1::2], strict=False):
                key = bytes.fromhex(code.decode("ascii"))
                width = max(width, len(key))
                mapping[key] = _utf16(text)
        else:
            # <lo> <hi> <first>: only the plain form; reportlab writes none of the array form
            for lo, hi, first in zip(values[0::3], values[1::3], values[2::3], strict=False):
                start, end = int(lo, 16), int(hi, 16)
                size = len(lo) // 2
                width = max(width, size)
                base = int(first, 16)
                for offset in range(min(end - start + 1, _MAX_RANGE)):
                    key = (start + offset).to_bytes(size, "big")
                    mapping[key] = chr(base + offset) if base + offset < 0x110000 else "\ufffd"
    return mapping, width


def _decode(data: bytes, mapping: dict[bytes, str], width: int) -> str:
    return "".join(
        mapping.get(data[index : index + width], "\ufffd") for index in range(0, len(data), width)
    )


def _font_maps(resources) -> dict[str, tuple[dict[bytes, str], int]]:
    maps: dict[str, tuple[dict[bytes, str], int]] = {}
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return maps
    for name, font in fonts.items():
        to_unicode = font.get("/ToUnicode")
        if to_unicode is not None:
            maps[str(name)] = parse_to_unicode(to_unicode.read_bytes())
    return maps


def _content_lines(pikepdf, holder, resources, depth: int = 0) -> list[str]:
    lines: list[str] = []
    maps = _font_maps(resources)
    current: tuple[dict[bytes, str], int] = ({}, 1)
    for operands, operator in pikepdf.parse_content_stream(holder, "Tf Tj TJ ' \" Do"):
        op = str(operator)
        if op == "Tf" and operands:
            current = maps.get(str(operands[0]), ({}, 1))
        elif op in ("Tj", "'", '"') and operands:
            lines.append(_decode(bytes(operands[-1]), *current))
        elif op == "TJ" and operands:
            parts = [bytes(item) for item in operands[0] if isinstance(item, pikepdf.String)]
            lines.append("".join(_decode(part, *current) for part in parts))
        elif op == "Do" and operands and depth < 4 and resources is not None:
            xobjects = resources.get("/XObject")
            xobject = xobjects.get(str(operands[0])) if xobjects is not None else None
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                inner = xobject.get("/Resources", resources)
                lines.extend(_content_lines(pikepdf, xobject, inner, depth + 1))
    return lines


def pdf_text_lines(pdf_bytes: bytes, password: str = "") -> list[str]:
    """Every string the PDF draws, page by page, decoded through its fonts' Unicode maps."""
    import pikepdf

    lines: list[str] = []
    with pikepdf.open(io.BytesIO(pdf_bytes), password=password) as pdf:
        for page in pdf.pages:
            lines.extend(_content_lines(pikepdf, page, page.obj.get("/Resources")))
    return lines
