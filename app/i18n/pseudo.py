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
)
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "àéîöûýÀÉÎÖÛÝçñšž")
STRETCH = 0.4


def pseudo(message: str) -> str:
    """``Opslaan`` → ``[Öpslààn ~~~]``: same placeholders, about 40% longer."""
    if not message:
        return message
    parts: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(message):
        parts.append(message[position : match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        position = match.end()
    parts.append(message[position:].translate(_ACCENTS))
    body = "".join(parts)
    padding = max(1, math.ceil(len(message) * STRETCH) - 3)
    lines = body.split("\n")
    lines[-1] = f"{lines[-1]} {'~' * padding}"
    return "[" + "\n".join(lines) + "]"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
