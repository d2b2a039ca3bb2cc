"""What Vindplaats ships and under which licences, read from the installed distributions.

Nothing here is typed by hand: the list is the dependency closure of the ``vindplaats``
distribution (its ``Requires-Dist``, recursively, without extras), and each licence comes from
that distribution's own metadata: ``License-Expression``, else a short ``License`` field, else
the ``License ::`` classifiers, else the names of its licence files. A frozen build copies
exactly this metadata (``installer/vindplaats.spec`` calls :func:`bundled_distributions`), so
a package left out of the bundle is left out of the list too. The fonts and SQLCipher (inside
the sqlcipher3 wheel, whose metadata names only its own licence) are added with what the
shipped files say about themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.shipped import ShippedData


APP_DISTRIBUTION = "vindplaats"
FONT_LICENCE_FILE = "LICENSE-DejaVu.txt"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SHORT = 80


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str  # SPDX expression or what the metadata declares; "" when nothing is declared
    licence_files: tuple[str, ...] = ()  # inside the dist-info folder (or resources/fonts)
    distribution: str = ""  # whose metadata holds the licence files; "" for the fonts


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_distributions(root: str = APP_DISTRIBUTION) -> list[metadata.Distribution]:
    """``root`` and everything it needs at run time, each once, in a stable order."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop(0)
        key = normalise(name)
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not installed here (a platform-only dependency, or left out of a bundle)
        found[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" in requirement.replace('"', "'").replace("extra==", "extra =="):
                continue
            match = _NAME.match(requirement)
            if match:
                pending.append(match.group(1))
    root_key = normalise(root)
    return [found[key] for key in sorted(found, key=lambda k: (k != root_key, k))]


def declared_licence(meta) -> str:
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) <= _SHORT and "\n" not in text:
        return text
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.split("::")[-1].strip() != "OSI Approved"
    ]
    if classifiers:
        return " / ".join(dict.fromkeys(classifiers))
    if text:
        return text.splitlines()[0][:_SHORT].strip()
    return ""


def _licence_files(dist: metadata.Distribution) -> tuple[str, ...]:
    names = dist.metadata.get_all("License-File") or []
    present = []
    for name in names:
        for candidate in (f"licenses/{name}", name):
            if dist.read_text(candidate) is not None:
                present.append(candidate)
                break
    return tuple(present)


def components(shipped: ShippedData) -> list[Component]:
    """Vindplaats first, then every bundled distribution, then the fonts and SQLCipher."""
    out: list[Component] = []
    for dist in bundled_distributions():
        meta = dist.metadata
        files = _licence_files(dist)
        out.append(
            Component(meta["Name"], meta["Version"], declared_licence(meta), files, meta["Name"])
        )
    out.append(_font_component(shipped.font_licence_text))
    sqlcipher = _sqlcipher_component(out)
    if sqlcipher is not None:
        out.append(sqlcipher)
    return out


def licence_text(component: Component, shipped: ShippedData) -> str:
    """The full text of the component's licence files (empty when it ships none)."""
    texts = []
    for name in component.licence_files:
        if not component.distribution:  # the fonts: their licence ships in resources/fonts
            texts.append(shipped.font_licence_text if name == FONT_LICENCE_FILE else "")
            continue
        try:
            text = metadata.distribution(component.distribution).read_text(name)
        except metadata.PackageNotFoundError:
            text = None
        texts.append(text or "")
    return "\n\n".join(text for text in texts if text)


def _font_component(licence: str) -> Component:
    """The PDF fonts, described by their own licence file's first line."""
    first = licence.splitlines()[0] if licence else ""
    match = re.match(r"(.+?)\s+(\d+(?:\.\d+)+)", first)
    name, version = (match.group(1), match.group(2)) if match else ("DejaVu Sans", "")
    return Component(name, version, FONT_LICENCE_FILE, (FONT_LICENCE_FILE,))


def _sqlcipher_component(found: list[Component]) -> Component | None:
    wheel = next((c for c in found if normalise(c.name) == "sqlcipher3"), None)
    if wheel is None:
        return None
    try:
        import sqlcipher3

        connection = sqlcipher3.connect(":memory:")
        try:
            row = connection.execute("PRAGMA cipher_version").fetchone()
        finally:
            connection.close()
    except Exception:  # noqa: BLE001 - the list must open even when SQLCipher does not
        return None
    version = str(row[0]).split()[0] if row and row[0] else ""
    return Component("SQLCipher", version, wheel.licence, wheel.licence_files, wheel.distribution)
