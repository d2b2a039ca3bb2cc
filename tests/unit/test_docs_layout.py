"""The layout the docs describe is the tree: every file, folder and module that CONTRIBUTING.md
names exists, and so does every path the README names."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A path: app/..., tests/..., resources/..., translations/..., installer/..., .ci/...; or a
# bare file name (intake_codec.py) that the layout block gives under the folder of its line.
PATH = re.compile(r"(?<![\w./-])((?:\.ci|app|tests|resources|translations|installer)/[\w./*-]*)")
FILE = re.compile(r"(?<![\w./-])([\w-]+\.(?:py|yaml|json|sql|md))\b")
MODULE = re.compile(r"`(app(?:\.\w+)+)`")
# What a document names that is not in the repository: written by the app at run time, or in
# the user's data folder.
NOT_IN_THE_TREE = {"voorkeuren.json", "keyslots.json", "unlock_attempts.json", "verwijzing.json"}


def _layout_block(text: str) -> list[str]:
    section = text.split("## Layout and ownership", 1)[1]
    return section.split("```", 2)[1].splitlines()


def _exists(name: str, folders: list[Path]) -> bool:
    name = name.rstrip(".,;:")
    if "*" in name:
        return any(ROOT.glob(name))
    return any((folder / name).exists() for folder in folders)


def test_every_path_in_the_contributing_layout_block_exists():
    block = _layout_block((ROOT / "CONTRIBUTING.md").read_text("utf-8"))
    current: list[Path] = []
    missing = []
    for line in block:
        first = line.split(maxsplit=1)[0] if line.strip() else ""
        if line and not line[0].isspace() and "/" in first:
            current = [ROOT / first.rstrip(",")]
        for name in PATH.findall(line):
            if not _exists(name, [ROOT]):
                missing.append(name)
        for name in FILE.findall(line):
            if f"/{name}" in line or name in NOT_IN_THE_TREE or name.startswith("NNNN"):
                continue
            folders = [ROOT, *current, ROOT / "resources", ROOT / "app" / "core"]
            if not _exists(name, folders) and not any(ROOT.rglob(f"app/**/{name}")):
                missing.append(name)
    assert len(block) > 20  # the block was found
    assert missing == []


def test_every_migration_the_layout_lists_is_there_and_every_one_there_is_listed():
    block = "\n".join(_layout_block((ROOT / "CONTRIBUTING.md").read_text("utf-8")))
    listed = set(re.findall(r"\b(\d{4}) [a-z]", block))
    shipped = {path.name[:4] for path in (ROOT / "app" / "store" / "schema").glob("*.sql")}
    assert listed == shipped


def test_every_cli_module_and_ui_area_is_named_in_the_layout():
    block = "\n".join(_layout_block((ROOT / "CONTRIBUTING.md").read_text("utf-8")))
    for module in sorted((ROOT / "app" / "cli").glob("*_cmd.py")):
        assert module.stem in block
    for area in sorted((ROOT / "app" / "ui").iterdir()):
        if area.is_dir() and (area / "__init__.py").exists():
            assert f"ui/{area.name}" in block


@pytest.mark.parametrize("document", ["CONTRIBUTING.md", "README.md"])
def test_every_path_and_module_a_document_names_exists(document):
    text = (ROOT / document).read_text("utf-8")
    missing = []
    for number, line in enumerate(text.splitlines(), 1):
        for name in PATH.findall(line):
            if not _exists(name, [ROOT]):
                missing.append(f"{document}:{number}: {name}")
        for dotted in MODULE.findall(line):
            if not _importable(dotted):
                missing.append(f"{document}:{number}: {dotted}")
    assert missing == []


def _importable(dotted: str) -> bool:
    """``app.x.y`` is a module, or an attribute of one (``app.store.db.open_database``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        value: object = module
        for attribute in parts[cut:]:
            if not hasattr(value, attribute):
                return False
            value = getattr(value, attribute)
        return True
    return False
