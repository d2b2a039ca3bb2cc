"""CI check of the translations. Exit code 1 (with one line per problem) when:

- a catalog (translations/<lang>/LC_MESSAGES/messages.po) does not parse or compile;
- a string marked in the code is missing from the Dutch or English catalog, or English has no
  (or only a fuzzy) translation for it;
- a string with message context "employee" (what the employee sees or receives), or any string
  in EMPLOYEE_SOURCES (the intake questions), has no Turkish, Polish or Arabic translation;
- a translation's placeholders ({naam}, %(n)d, %s) differ from the Dutch source;
- a string is marked as ``_(f"...")`` (an f-string cannot be translated);
- the consent texts (resources/consent/<lang>.yaml) of en/tr/pl/ar lack a key of nl.yaml, leave
  one empty, or change its placeholders.

The strings are extracted fresh from app/**.py with babel.cfg, so a string added to the code
without running ``python translations/update_catalogs.py`` is reported too.

    python .ci/check_translations.py [project root]
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("nl", "en", "tr", "pl", "ar")
COMPLETE = ("en",)  # every string translated
EMPLOYEE_LANGUAGES = ("en", "tr", "pl", "ar")  # at least every "employee" string translated
EMPLOYEE = "employee"
# Modules whose strings the employee reads even where they are not marked with the "employee"
# context yet (the intake questions, their "why" texts and answer choices).
EMPLOYEE_SOURCES = ("app/ui/intake/pages.py", "app/ui/intake/labels.py")
KEYWORDS = {**DEFAULT_KEYWORDS, **parse_keywords(["NP_:1c,2"])}

PLACEHOLDER = re.compile(
    r"(?<!\{)\{[^{}]*\}(?!\})"  # str.format fields, not {{ escapes }}
    r"|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]"  # %(name)d
    r"|%[-#0+]*\d*(?:\.\d+)?[sdif](?![a-zA-Z])"  # %s %d
)
FSTRING_IN_GETTEXT = re.compile(
    r"\b(?:_|gettext|ngettext|pgettext|npgettext|N_|NP_)\(\s*(?:\"[^\"]*\"\s*,\s*)?[fF][\"']"
)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


class Report:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def extract_messages() -> dict[tuple[str | None, str], tuple[str | None, str, bool]]:
    """(context, msgid) → (msgid_plural, first location, employee-facing) for app/ strings."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[tuple[str | None, str], tuple[str | None, str, bool]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            msgid, plural = message[0], message[1]
        else:
            msgid, plural = message, None
        if not msgid:
            continue
        employee = context == EMPLOYEE or filename.replace("\\", "/") in EMPLOYEE_SOURCES
        key = (context, msgid)
        if key in found:
            old_plural, location, was_employee = found[key]
            found[key] = (old_plural, location, was_employee or employee)
        else:
            found[key] = (plural, f"{filename}:{lineno}", employee)
    return found


def load_catalog(language: str, report: Report) -> Catalog | None:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    where = str(path.relative_to(ROOT))
    if not path.exists():
        report.add(where, "catalog is missing (run: python translations/update_catalogs.py)")
        return None
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        import gettext

        gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    except Exception as error:  # noqa: BLE001 - any failure here means "does not compile"
        report.add(where, f"does not compile: {error}")
        return None
    return catalog


def forms(message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return list(message.string)
    return [message.string or ""]


def is_translated(message) -> bool:
    return not message.fuzzy and all(form.strip() for form in forms(message))


def check_placeholders(language: str, catalog: Catalog, report: Report) -> None:
    where = f"translations/{language}/LC_MESSAGES/messages.po"
    for message in catalog:
        if not message.id or message.fuzzy or not any(forms(message)):
            continue
        if isinstance(message.id, (list, tuple)):
            allowed = placeholders(message.id[0]) | placeholders(message.id[1])
            translated = [form for form in forms(message) if form]
            if len(forms(message)) != catalog.num_plurals:
                report.add(
                    where,
                    f"{message.id[0]!r}: {len(forms(message))} plural forms, "
                    f"the language has {catalog.num_plurals}",
                )
            for form in translated:
                extra = placeholders(form) - allowed
                if extra:
                    report.add(where, f"{message.id[0]!r}: unknown placeholder {sorted(extra)}")
            if translated and placeholders(translated[-1]) != allowed:
                report.add(
                    where,
                    f"{message.id[0]!r}: last plural form must use {sorted(allowed)}, "
                    f"has {sorted(placeholders(translated[-1]))}",
                )
        else:
            expected = placeholders(message.id)
            actual = placeholders(forms(message)[0])
            if expected != actual:
                report.add(
                    where,
                    f"{message.id!r}: placeholders {sorted(actual)} differ from {sorted(expected)}",
                )


def check_catalogs(report: Report) -> None:
    messages = extract_messages()
    for language in LANGUAGES:
        catalog = load_catalog(language, report)
        if catalog is None:
            continue
        where = f"translations/{language}/LC_MESSAGES/messages.po"
        for (context, msgid), (_plural, location, employee) in sorted(
            messages.items(), key=lambda item: item[1][1]
        ):
            message = catalog.get(msgid, context=context)
            label = f"{msgid!r}" + (f" (context {context})" if context else "") + f" [{location}]"
            if message is None:
                if language in ("nl", "en") or employee:
                    report.add(
                        where,
                        f"missing {label}; run: python translations/update_catalogs.py",
                    )
                continue
            if language == "nl":
                if any(form and form != msgid for form in forms(message)[:1]):
                    report.add(where, f"{label}: Dutch is the source; change the code instead")
                continue
            if language in COMPLETE and not is_translated(message):
                report.add(where, f"untranslated {label}")
            elif employee and language in EMPLOYEE_LANGUAGES:
                if not is_translated(message):
                    report.add(where, f"untranslated employee-facing {label}")
        check_placeholders(language, catalog, report)


def check_fstrings(report: Report) -> None:
    for path in sorted((ROOT / "app").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in FSTRING_IN_GETTEXT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            report.add(
                f"{path.relative_to(ROOT)}:{line}",
                "f-string inside a translation call; use a {named} placeholder and .format()",
            )


def _flatten(data, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            flat.update(_flatten(value, f"{prefix}{index}."))
    elif isinstance(data, str):
        flat[prefix.rstrip(".")] = data
    return flat


NOT_TRANSLATED_KEYS = {"language", "version", "direction", "reviewed"}


def check_consent_texts(report: Report) -> None:
    folder = ROOT / "resources" / "consent"
    source = folder / "nl.yaml"
    if not source.exists():
        return
    import yaml

    dutch = _flatten(yaml.safe_load(source.read_text(encoding="utf-8")))
    for language in EMPLOYEE_LANGUAGES:
        path = folder / f"{language}.yaml"
        where = str(path.relative_to(ROOT))
        if not path.exists():
            report.add(where, "consent text is missing for this language")
            continue
        try:
            translated = _flatten(yaml.safe_load(path.read_text(encoding="utf-8")))
        except yaml.YAMLError as error:
            report.add(where, f"is not valid YAML: {error}")
            continue
        for key, text in dutch.items():
            if key in NOT_TRANSLATED_KEYS:
                continue
            other = translated.get(key)
            if other is None or not other.strip():
                report.add(where, f"{key}: not translated")
            elif placeholders(other) != placeholders(text):
                report.add(
                    where,
                    f"{key}: placeholders {sorted(placeholders(other))} differ from "
                    f"{sorted(placeholders(text))}",
                )


def main() -> int:
    report = Report()
    check_catalogs(report)
    check_fstrings(report)
    check_consent_texts(report)
    for problem in report.problems:
        print(problem)
    if report.problems:
        print(f"check_translations: {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    print("check_translations: all catalogs compile; nl, en and employee texts complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
