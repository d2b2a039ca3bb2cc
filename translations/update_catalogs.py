"""Extract all marked strings into messages.pot and bring every catalog up to date.

    python translations/update_catalogs.py

Runs Babel's own ``pybabel extract`` (with babel.cfg) and ``pybabel update`` (or ``init`` for a
new language). New strings appear with an empty translation; changed ones come back marked
fuzzy (not shown in the app until a translator removes the flag). Then run
``python .ci/check_translations.py`` to see what is still missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("nl", "en", "tr", "pl", "ar")
KEYWORDS = ("NP_:1c,2",)  # in addition to Babel's defaults (_, N_, ngettext, pgettext, ...)


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> Path:
    pot = TRANSLATIONS / "messages.pot"
    keywords = [f"--keyword={keyword}" for keyword in KEYWORDS]
    pybabel(
        "extract",
        "--mapping-file",
        str(ROOT / "babel.cfg"),
        *keywords,
        "--add-comments=TRANSLATORS:",
        "--sort-by-file",
        "--width=100",
        "--project=Vindplaats",
        "--version=0.1",
        "--copyright-holder=Vindplaats",
        "--output-file",
        str(pot),
        ".",
    )
    return pot


def update(pot: Path, language: str) -> None:
    po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    common = ["--input-file", str(pot), "--output-dir", str(TRANSLATIONS), "--locale", language]
    if po.exists():
        pybabel("update", *common, "--ignore-obsolete", "--width=100")
    else:
        pybabel("init", *common, "--width=100")


def main() -> int:
    import os

    os.chdir(ROOT)  # locations in the catalogs are relative to the project root
    pot = extract()
    for language in LANGUAGES:
        update(pot, language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
