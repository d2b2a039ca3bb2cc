"""Texts in the shipped data files (routes, signal catalogue, training cases) in several languages.

A text field is either plain text (Dutch) or a mapping per language::

    name: Voedselbank                       # Dutch only
    name: {nl: Voedselbank, en: Food bank}  # Dutch required, the others optional

Dutch (``nl``) is required: it is the source, and the letter to the municipality uses it. A
language that is missing falls back to Dutch. :func:`read_text` checks one field and returns the
Dutch text plus the other languages; the loaders keep those in a ``translations`` mapping
``{field: {language: text}}`` and :func:`pick` chooses the text for the active language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from app.core.bounded import one_line

SOURCE_LANGUAGE: Final = "nl"
TEXT_LANGUAGES: Final = ("nl", "en", "tr", "pl", "ar")  # as app.i18n.LANGUAGES

Translations = Mapping[str, Mapping[str, str]]  # {field: {language: text}}


def _clean(text: str, flatten: bool) -> str:
    return " ".join(text.split()) if flatten else text.strip()


def read_text(
    value: object, where: str, problems: list[str], *, flatten: bool = True
) -> tuple[str | None, dict[str, str]]:
    """``(Dutch text, {language: text})`` of one field; a problem line for a bad value.

    ``flatten`` joins the lines of a folded text into one. A missing or empty Dutch text is
    ``None`` (without a problem line: the caller knows whether the field is required).
    """
    if value is None:
        return None, {}
    if isinstance(value, str):
        return (_clean(value, flatten) or None), {}
    if not isinstance(value, Mapping):
        problems.append(f"{where} moet tekst zijn, of tekst per taal (nl, en, tr, pl, ar)")
        return None, {}
    others: dict[str, str] = {}
    dutch: str | None = None
    for language, text in value.items():
        if language not in TEXT_LANGUAGES:
            shown = one_line(language, 20)  # echoed input: one line, escaped
            problems.append(f"{where}: onbekende taal '{shown}' (gebruik nl, en, tr, pl, ar)")
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: de tekst in '{language}' is leeg of geen tekst")
            continue
        if language == SOURCE_LANGUAGE:
            dutch = _clean(text, flatten)
        else:
            others[str(language)] = _clean(text, flatten)
    if dutch is None:
        problems.append(f"{where}: de Nederlandse tekst (nl) ontbreekt")
    return dutch, others


def pick(translations: Translations, key: str, dutch: str, language: str | None) -> str:
    """The text of field ``key`` in ``language``, or ``dutch`` when it has none."""
    if not language or language == SOURCE_LANGUAGE:
        return dutch
    return translations.get(key, {}).get(language) or dutch


def active_language() -> str:
    """The language of the UI right now (``xx``, the pseudo-locale, reads Dutch data)."""
    from app.i18n import current_language

    language = current_language()
    return language if language in TEXT_LANGUAGES else SOURCE_LANGUAGE
