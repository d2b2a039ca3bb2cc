"""The pseudo-locale ``xx``: every string ~40% longer, accented and bracketed.

It shows at a glance which texts are not translatable (they stay plain) and which layouts clip
(the closing bracket disappears). Placeholders (``{naam}``, ``%(n)d``, ``%s``), markup tags,
entities and the Qt mnemonic ``&`` are kept intact, so formatting still works.
"""

from __future__ import annotations

import gettext
import math
import re

_PROTECTED = re.compile(
    r"\{[^{}]*\}"  # str.format fields
    r"|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]"  # printf-style
    r"|<[^>]*>"  # markup tags
    r"|&[a-zA-Z]+;|&#\d+;"  # entities
    r"|&&|&(?=\w)"  # Qt mnemonic marker (the letter after it is stretched normally)
    r"|\b(?:Ctrl|Shift|Alt|Meta)(?:\+[\w-]+)+"  # key names stay as the keyboard prints them
)
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "àéîöûýÀÉÎÖÛÝçñšž")
STRETCH = 0.4


def _stretch(segment: str, carry: float) -> tuple[str, float]:
    """Accent every letter and repeat some of them, so words grow the way long words in other
    languages do (and still wrap at spaces, unlike one long run of padding)."""
    out: list[str] = []
    for char in segment:
        accented = char.translate(_ACCENTS)
        out.append(accented)
        if char.isalpha():
            carry += STRETCH * 1.25  # letters are ~80% of a sentence
            if carry >= 1:
                out.append(accented)
                carry -= 1
    return "".join(out), carry


def pseudo(message: str) -> str:
    """``Opslaan`` → ``[Öppšlààn]``: same placeholders, at least 40% longer, bracketed."""
    if not message:
        return message
    parts: list[str] = []
    position = 0
    carry = 0.5
    for match in _PROTECTED.finditer(message):
        stretched, carry = _stretch(message[position : match.start()], carry)
        parts.append(stretched)
        parts.append(match.group(0))
        position = match.end()
    stretched, carry = _stretch(message[position:], carry)
    parts.append(stretched)
    body = "".join(parts)
    missing = math.ceil(len(message) * (1 + STRETCH)) - len(body) - 2
    if missing > 0:
        body += " " + "~" * max(1, missing - 1)
    return f"[{body}]"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
