"""The catalogs that ship compile, and no translation breaks a {placeholder} or a plural."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.paths import translations_path

PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})|%\(\w+\)[sdif]")


@pytest.mark.parametrize("language", ["nl", "en", "tr", "pl", "ar"])
def test_catalog_compiles_and_keeps_placeholders(language):
    path = translations_path(language, "LC_MESSAGES", "messages.po")
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    write_mo(io.BytesIO(), catalog)
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.id, tuple):
            allowed = set(PLACEHOLDER.findall(message.id[0] + message.id[1]))
            assert len(message.string) == catalog.num_plurals, message.id
            for form in message.string:
                assert set(PLACEHOLDER.findall(form)) <= allowed, (message.id, form)
        else:
            assert set(PLACEHOLDER.findall(message.string)) == set(
                PLACEHOLDER.findall(message.id)
            ), message.id


def test_every_translation_formats_without_error():
    """A translator's typo ("{naam" or "{nam}") would crash the screen at .format()."""
    for language in ("en", "tr", "pl", "ar"):
        path = translations_path(language, "LC_MESSAGES", "messages.po")
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            names = {name.strip("{}") for name in PLACEHOLDER.findall("".join(ids))}
            if not names or any(not name.isidentifier() for name in names):
                continue
            values = dict.fromkeys(names, "x")
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for form in forms:
                if form:
                    form.format(**values)


def test_pseudo_locale_keeps_every_real_message_formattable():
    from app.i18n.pseudo import pseudo

    with translations_path("messages.pot").open("rb") as handle:
        template = read_po(handle)
    for message in template:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            if not msgid:
                continue
            names = {name.strip("{}") for name in PLACEHOLDER.findall(msgid)}
            if any(not name.isidentifier() for name in names):
                continue
            stretched = pseudo(msgid)
            assert stretched.format(**dict.fromkeys(names, "x")), msgid
            assert set(PLACEHOLDER.findall(stretched)) == set(PLACEHOLDER.findall(msgid))
