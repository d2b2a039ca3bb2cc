"""Translations (gettext catalogs through Babel) and the active language.

``_`` and ``ngettext`` look up the language that is active right now, so a string translated
at display time follows a runtime language switch. Mark strings that must be translated later
(module-level tables) with ``N_`` and pass them through ``_`` when shown.

Source strings are Dutch. Strings the *employee* sees or receives carry the message context
``"employee"`` (``pgettext("employee", ...)``, ``NP_("employee", ...)``): CI requires those to
be translated in every language. To show them in the employee's own language while the UI
stays Dutch, use ``translator(code)`` instead of the global functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext as _gettext

DEFAULT_LANGUAGE = "nl"
EMPLOYEE = "employee"  # message context of employee-facing strings (write it literally in calls)
LANGUAGES = ("nl", "en", "tr", "pl", "ar")  # real UI languages; "xx" is the pseudo-locale
PSEUDO_LANGUAGE = "xx"
RTL_LANGUAGES = frozenset({"ar"})


class Translator:
    """The messages of one language. Cheap to pass around; get one from :func:`translator`."""

    def __init__(self, language: str, translations: _gettext.NullTranslations | SourceText) -> None:
        self.language = language
        self._translations = translations

    @property
    def is_rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    _ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._translations.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translations.npgettext(context, singular, plural, n)

    def employee(self, message: str) -> str:
        """Translate a message marked elsewhere with ``NP_("employee", message)``."""
        return self._translations.pgettext(EMPLOYEE, message)


class SourceText:
    """Dutch, the source language: every message is shown as written.

    Behaves like ``gettext.NullTranslations`` without importing gettext (and locale), which
    the lock screen would otherwise pay for at every start in Dutch.
    """

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


_translators: dict[str, Translator] = {DEFAULT_LANGUAGE: Translator(DEFAULT_LANGUAGE, SourceText())}
_active = _translators[DEFAULT_LANGUAGE]


def translator(code: str) -> Translator:
    """The translator for ``code`` (nl, en, tr, pl, ar, xx); loaded once per process."""
    found = _translators.get(code)
    if found is None:
        from app.i18n.catalogs import load_translations

        found = _translators[code] = Translator(code, load_translations(code))
    return found


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active.npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - gettext convention
    """Mark ``message`` (with its context) for extraction; translate it later with pgettext."""
    del context
    return message


def current_language() -> str:
    return _active.language


def current_translator() -> Translator:
    return _active


def is_rtl(code: str | None = None) -> bool:
    return (code or _active.language) in RTL_LANGUAGES


def isolate(text: str, language: str | None = None) -> str:
    """Keep ``text`` (a path, a code, a name) in its own direction inside a translated sentence.

    In a right-to-left language ``/tmp/data`` would otherwise be shown as ``tmp/data/``. Wraps the
    text in Unicode FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE for screens (Qt renders them
    invisibly); left-to-right languages get the text back unchanged. Not for PDFs: there use
    ``app.documents.fonts.prepare_text``.
    """
    if not is_rtl(language):
        return text
    return f"\u2068{text}\u2069"


def directed(text: str, language: str | None = None) -> str:
    """Lay ``text`` out in the language's direction, even when it starts with a Latin name.

    Qt chooses the direction of a word-wrapped label from its first letter, so in Arabic
    "Vindplaats مقفل" or "SUNZ – منحة ..." was laid out left to right (the Latin name on the
    left, the line aligned left). A RIGHT-TO-LEFT MARK (U+200F, invisible) in front fixes the
    direction. A text without any right-to-left letter (a Latin name such as "Humanitas
    Zoetermeer", a Dutch text not translated yet) is also isolated, so it is aligned like the
    rest of the screen while its own full stop stays at its end. Left-to-right languages get
    the text back unchanged. For screens, not PDFs.
    """
    if not text or not is_rtl(language) or text.startswith("\u200f"):
        return text
    if not any("\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufefc" for char in text):
        return f"\u200f\u2066{text}\u2069"  # RLM, LEFT-TO-RIGHT ISOLATE ... PDI
    return f"\u200f{text}"


def set_language(code: str) -> None:
    """Activate the catalog for ``code`` (nl, en, tr, pl, ar, or the pseudo-locale xx).

    An unknown code raises ``ValueError``; a missing catalog falls back to Dutch text.
    """
    global _active
    if code not in LANGUAGES and code != PSEUDO_LANGUAGE:
        raise ValueError(f"unknown language code: {code!r}")
    _active = translator(code)
