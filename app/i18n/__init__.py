"""Translations (gettext catalogs through Babel) and the active language.

``_`` and ``ngettext`` look up the language that is active right now, so a string translated
at display time follows a runtime language switch. Mark strings that must be translated later
(module-level tables) with ``N_`` and pass them through ``_`` when shown.
"""

from __future__ import annotations

import gettext as _gettext

DEFAULT_LANGUAGE = "nl"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    return message


def current_language() -> str:
    return _language


def set_language(code: str) -> None:
    """Activate the catalog for ``code`` (nl, en, tr, pl, ar, or the pseudo-locale xx)."""
    global _active, _language
    from app.i18n.catalogs import load_translations

    _active = load_translations(code)
    _language = code
