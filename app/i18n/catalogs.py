"""Loading gettext catalogs straight from the shipped ``.po`` files.

There are no compiled ``.mo`` files in the source tree or the package, so a catalog can never
be stale: the ``.po`` the translator edited is what the app shows. Compiling a ``.po`` with
Babel costs about 0.1 s (import plus parse), so the compiled bytes are cached in the user's
cache folder under the SHA-256 of the ``.po`` file; a changed ``.po`` has a different name.
Only the active language is loaded. Dutch is the source language and needs no catalog.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import logging
from pathlib import Path

from app.paths import translations_path

SOURCE_LANGUAGE = "nl"
DOMAIN = "messages"
_CACHE_FORMAT = "1"  # bump when the way .mo bytes are produced changes

log = logging.getLogger(__name__)
_cache_dir: Path | None = None
_cache_enabled = True


def configure_cache(directory: Path | None, *, enabled: bool = True) -> None:
    """Where compiled catalogs are cached (default: the per-user cache folder). Tests use this."""
    global _cache_dir, _cache_enabled
    _cache_dir = directory
    _cache_enabled = enabled


def po_path(code: str) -> Path:
    return translations_path(code, "LC_MESSAGES", f"{DOMAIN}.po")


def compile_po(po_bytes: bytes) -> bytes:
    """``.po`` text → ``.mo`` bytes with Babel. Fuzzy entries are left out, as in msgfmt."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Vindplaats", appauthor=False)) / "catalogs"


def _compiled(code: str, po_bytes: bytes) -> bytes:
    if not _cache_enabled:
        return compile_po(po_bytes)
    digest = hashlib.sha256(_CACHE_FORMAT.encode() + po_bytes).hexdigest()
    cache_file = (_cache_dir or _default_cache_dir()) / f"{code}-{digest}.mo"
    try:
        return cache_file.read_bytes()
    except OSError:
        pass
    mo_bytes = compile_po(po_bytes)
    try:
        from app.fileio import write_app_file

        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob(f"{code}-*.mo"):
            old.unlink(missing_ok=True)
        write_app_file(cache_file, mo_bytes, mode=0o644)
    except OSError:
        log.info("catalog cache not writable; compiling in memory each start")
    return mo_bytes


def load_translations(code: str) -> gettext.NullTranslations:
    """The translations for ``code``; Dutch (and an unknown or missing catalog) → source text."""
    if code == "xx":
        from app.i18n.pseudo import PseudoTranslations

        return PseudoTranslations()
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        po_bytes = po_path(code).read_bytes()
    except OSError:
        log.warning("no catalog for language %s; showing Dutch", code)
        return gettext.NullTranslations()
    mo_bytes = _compiled(code, po_bytes)
    try:
        return gettext.GNUTranslations(io.BytesIO(mo_bytes))
    except (OSError, ValueError):
        # a damaged cache file: compile again from the source of truth
        return gettext.GNUTranslations(io.BytesIO(compile_po(po_bytes)))
