"""Every domain enum has one home: defined once under app/, imported from there, fully labelled."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

import app
import app.core.concepts
from app.core.concepts.contract import INTAKE_ANSWERS, SIGNAL_VALUES, ContractType
from app.core.concepts.debt import LIMITS, DebtBand
from app.paths import resource_path

APP = Path(app.__file__).parent
ROOT = APP.parent
ENUM_BASES = {"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"}


def _trees(*folders: Path):
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _enum_homes() -> dict[str, list[str]]:
    homes: dict[str, list[str]] = defaultdict(list)
    for path, tree in _trees(APP):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & ENUM_BASES:
                    homes[node.name].append(_module_name(path))
    return homes


def test_each_enum_class_is_defined_once_under_app():
    homes = _enum_homes()
    assert "ContractType" in homes and "Household" in homes  # the scan sees the enums
    duplicates = {name: places for name, places in homes.items() if len(places) > 1}
    assert duplicates == {}


def test_every_user_imports_an_enum_from_its_home():
    homes = {name: places[0] for name, places in _enum_homes().items()}
    wrong = []
    for path, tree in _trees(APP, ROOT / "tests"):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
                for alias in node.names:
                    home = homes.get(alias.name)
                    if home is not None and node.module != home:
                        wrong.append(f"{path.relative_to(ROOT)}: {alias.name} from {node.module}")
    assert wrong == []


def _concept_modules():
    for info in pkgutil.iter_modules(app.core.concepts.__path__):
        yield importlib.import_module(f"app.core.concepts.{info.name}")


@pytest.mark.parametrize("module", list(_concept_modules()), ids=lambda m: m.__name__)
def test_every_member_has_a_label_for_each_place_it_is_shown(module):
    labels = getattr(module, "LABELS", None)
    if labels is None:  # a concept without wording of its own (debt bands: the letter's limits)
        return
    enum = type(next(iter(labels)))
    assert set(labels) == set(enum)
    letter = getattr(module, "LETTER_LABELS", None)
    if letter is not None:
        assert set(letter) == set(enum)
        assert all(text == text.strip() and text for text in letter.values())


def test_the_contract_sets_match_the_intake_schema_and_the_signal_table():
    schema = json.loads(resource_path("schemas", "intake.schema.json").read_text("utf-8"))
    offered = schema["properties"]["contract"]["anyOf"][0]["enum"]
    assert offered == [c.value for c in INTAKE_ANSWERS]
    sql = (APP / "store" / "schema" / "0003_signals.sql").read_text("utf-8")
    allowed = re.search(r"contract_type IN \(([^)]*)\)", sql)
    assert allowed is not None
    assert [v.strip(" '") for v in allowed.group(1).split(",")] == [c.value for c in SIGNAL_VALUES]
    assert set(INTAKE_ANSWERS) | set(SIGNAL_VALUES) == set(ContractType)


def test_an_intake_does_not_take_a_signal_only_contract_and_a_signal_no_intake_only_one():
    from app.core.intake import Intake
    from app.core.intake_codec import IntakeFormatError
    from app.core.signals import Catalogue, Signal, SignalError, Source

    with pytest.raises(IntakeFormatError):
        Intake.from_dict({"schema_version": "1.0", "contract": "anders"})
    intake = Intake.from_dict({"schema_version": "1.0", "contract": "geen"})
    assert intake.contract is ContractType.NONE

    catalogue = Catalogue.from_mapping(
        {
            "groups": [{"id": "g", "label": "Groep"}],
            "categories": [{"id": "c", "group": "g", "label": "C", "why": "w", "opener": "o"}],
        }
    )
    for contract in SIGNAL_VALUES:
        Signal("c", 2026, 10, Source.COLLEAGUE, contract_type=contract).validate(catalogue)
    with pytest.raises(SignalError):
        Signal("c", 2026, 10, Source.COLLEAGUE, contract_type=ContractType.NONE).validate(catalogue)


AMOUNTS = ["0", "0.01", "999.99", "1000", "1000.01", "5000", "15000.5", "40000", "40000.01", "1e6"]


@pytest.mark.parametrize("euros", AMOUNTS)
def test_the_debt_band_of_an_amount_lies_within_the_limits_the_letter_gives(euros):
    amount = Decimal(euros)
    band = DebtBand.for_amount(amount)
    low, high = LIMITS[band]
    if band is DebtBand.NONE:
        assert amount <= 0
        return
    assert low is None or amount > low
    assert high is None or amount <= high


def _is_text(node: ast.AST) -> bool:
    """A label: a string, or a string marked with N_() / _()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in ("N_", "_")
        and len(node.args) == 1
        and _is_text(node.args[0])
    )


def _label_mappings(tree: ast.AST):
    """(name, dict) for each module-level mapping that is a table of labels: named ..LABELS..
    or every value marked with N_() (colours and marks keyed by an enum are not labels)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if not isinstance(value, ast.Dict) or not value.keys or None in value.keys:
            continue
        name = getattr(target, "id", getattr(target, "attr", ""))
        marked = all(isinstance(v, ast.Call) and _is_text(v) for v in value.values)
        if ("LABEL" in name.upper() or marked) and all(_is_text(v) for v in value.values):
            yield name, value


def test_the_labels_of_an_enum_live_in_its_home_module():
    """A mapping from an enum's members to texts (its labels) is written once, next to the
    enum; screens, letters and exports import it, so a label changes in one place."""
    homes = {name: places[0] for name, places in _enum_homes().items()}
    found = 0
    elsewhere = []
    for path, tree in _trees(APP):
        module = _module_name(path)
        for name, mapping in _label_mappings(tree):
            keys = mapping.keys
            if not all(isinstance(key, ast.Attribute) for key in keys):
                continue
            owners = {getattr(key.value, "id", None) for key in keys}  # type: ignore[union-attr]
            if len(owners) != 1 or (owner := owners.pop()) not in homes:
                continue
            found += 1
            if module != homes[owner]:
                elsewhere.append(f"{path.relative_to(ROOT)}:{mapping.lineno} {name} ({owner})")
    assert found >= 20  # the scan sees the label mappings
    assert elsewhere == []
