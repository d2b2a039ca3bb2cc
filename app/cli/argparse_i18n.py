"""argparse's own texts ("usage: ", "options", its error messages) in the language of this run.

argparse translates its texts with ``gettext`` in its own domain ``argparse``, for which we ship
no catalog, so ``vindplaats --help`` said "usage:" and "show this help message and exit" in
every language. :func:`install` replaces argparse's module-level ``_`` and ``ngettext`` (which
argparse looks up each time it needs a text) by functions that map argparse's English message
to a Dutch source string marked here with ``N_`` and translate that through our catalogs:
Dutch shows the Dutch text, English argparse's own text, the other languages their catalog
(Dutch where a message is not translated yet). A message argparse has that is not listed here
(a newer Python) stays English, as before.
"""

from __future__ import annotations

import argparse
from typing import Final

from app.i18n import N_, _, current_language, ngettext

# argparse's msgid (Python 3.11-3.13) -> our Dutch source string.
MESSAGES: Final = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("positionele argumenten"),
    "options": N_("opties"),
    "optional arguments": N_("opties"),  # Python before 3.10
    "show this help message and exit": N_("deze hulp tonen en stoppen"),
    "show program's version number and exit": N_("het versienummer tonen en stoppen"),
    "the following arguments are required: %s": N_("deze argumenten zijn verplicht: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "expected one argument": N_("verwacht één argument"),
    "expected at most one argument": N_("verwacht hoogstens één argument"),
    "expected at least one argument": N_("verwacht minstens één argument"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde (%(type)s): %(value)r"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "optie niet eenduidig: %(option)s kan %(matches)s zijn"
    ),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s: %(message)s"),
    "not allowed with argument %s": N_("niet samen met argument %s"),
    "one of the arguments %s is required": N_("een van de argumenten %s is verplicht"),
    "ignored explicit argument %r": N_("argument %r genegeerd"),
    "unexpected option string: %s": N_("onverwachte optie: %s"),
    "can't open '%(filename)s': %(error)s": N_("kan '%(filename)s' niet openen: %(error)s"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
}
# argparse's ngettext pairs -> our Dutch pair.
PLURALS: Final = {
    ("expected %s argument", "expected %s arguments"): (
        N_("verwacht %s argument"),
        N_("verwacht %s argumenten"),
    ),
}


def translate(message: str) -> str:
    """argparse's ``_``: its English message in the active language."""
    dutch = MESSAGES.get(message)
    if dutch is None or current_language() == "en":
        return message
    return _(dutch)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``."""
    dutch = PLURALS.get((singular, plural))
    if dutch is None or current_language() == "en":
        return singular if n == 1 else plural
    return ngettext(dutch[0], dutch[1], n)


def install() -> None:
    """Route argparse's texts through :func:`translate` (once per process; harmless again)."""
    module = argparse  # its globals `_` and `ngettext` are looked up at each call
    if hasattr(module, "_") and hasattr(module, "ngettext"):
        module._ = translate  # type: ignore[attr-defined]
        module.ngettext = translate_plural  # type: ignore[attr-defined]
