"""Loading gettext catalogs. Placeholder until the languages issue lands: Dutch source text."""

from __future__ import annotations

import gettext


def load_translations(code: str) -> gettext.NullTranslations:
    return gettext.NullTranslations()
