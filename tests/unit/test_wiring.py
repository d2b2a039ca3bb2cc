"""One home for the shipped data and one clock: nothing else under app/ opens resources/ or
asks the operating system for the time, and a scripted clock changes what the CLI writes."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.shipped import ShippedData, load_shipped

APP = Path(__file__).resolve().parents[2] / "app"
WIRING = {"app/shipped.py", "app/paths.py"}
CLOCK = {"app/clock.py"}
FINDERS = ("resource_path", "_shipped_dir")
TIME_CALLS = {"now", "today", "utcnow"}
TIME_OWNERS = {"datetime", "date"}


def _modules():
    for path in sorted(APP.rglob("*.py")):
        relative = path.relative_to(APP.parent).as_posix()
        yield relative, ast.parse(path.read_text("utf-8"), filename=relative)


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_only_the_wiring_module_finds_files_under_resources():
    offenders = []
    for relative, tree in _modules():
        if relative in WIRING:
            continue
        for node in ast.walk(tree):
            used = _name_of(node) in FINDERS and isinstance(node, (ast.Name, ast.Attribute))
            imported = isinstance(node, ast.ImportFrom) and any(
                alias.name in FINDERS for alias in node.names
            )
            # a home-made path to the folder: Path(__file__).parent / "resources"
            spelled = isinstance(node, ast.Constant) and node.value in ("resources", "resources/")
            if used or imported or spelled:
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == [], "resources/ is opened only by app/shipped.py: " + ", ".join(offenders)


def test_only_the_clock_module_reads_the_time():
    offenders = []
    for relative, tree in _modules():
        if relative in CLOCK:
            continue
        for node in ast.walk(tree):
            # now() on datetime, today() on date (also via dt.), and a bare default such as
            # ``today=<date>.today`` handed on without a call
            if (
                isinstance(node, ast.Attribute)
                and node.attr in TIME_CALLS
                and _name_of(node.value) in TIME_OWNERS
            ):
                offenders.append(f"{relative}:{node.lineno}")
    assert sorted(set(offenders)) == [], "the time comes from app.clock: " + ", ".join(offenders)


def test_shipped_data_reads_nothing_until_asked_and_each_part_once(tmp_path):
    missing = ShippedData(tmp_path / "er-is-niets")  # made at start-up: no file is touched
    rules, problem = missing.routes
    assert rules is None
    assert problem == "het bestand routes.yaml ontbreekt of is niet leesbaar"
    with pytest.raises(OSError):
        _ = missing.catalogue

    shipped = load_shipped()
    assert shipped.catalogue is shipped.catalogue  # read once, kept
    assert shipped.routes.rules is shipped.rules and shipped.rules is not None
    assert shipped.schema("intake")["$schema"].startswith("https://json-schema.org/")


def test_a_broken_routes_file_is_one_dutch_reason_not_a_traceback(tmp_path):
    root = tmp_path / "resources"
    shutil.copytree(load_shipped().root, root)
    (root / "routes.yaml").write_text("routes: [\n", "utf-8")
    rules, problem = ShippedData(root).routes
    assert rules is None and problem and "Traceback" not in problem


def test_a_scripted_clock_dates_the_city_merge_the_cli_writes(tmp_path, capsys):
    from app.cli import main
    from tests.unit.signals.test_merge import make_export, write

    exports = [
        write(tmp_path, f"{sector}.json", make_export(sector))
        for sector in ("schoonmaak", "productie", "horeca")
    ]
    out = tmp_path / "uit"
    out.mkdir()
    for day, week in ((dt.date(2031, 5, 6), "2031-W19"), (dt.date(2027, 1, 1), "2026-W53")):
        target = out / f"stad-{week}.json"
        code = main(
            [
                "signals",
                "merge",
                *map(str, exports),
                "--out",
                str(out / f"stad-{week}.pdf"),
                "--json",
                str(target),
            ],
            clock=FixedClock(today=day),
        )
        assert code == 0, capsys.readouterr().err
        assert json.loads(target.read_text("utf-8"))["created_week"] == week


def test_the_documents_layer_receives_rows_and_never_opens_the_vault():
    offenders = []
    for relative, tree in _modules():
        if not relative.startswith("app/documents/"):
            continue
        type_only = {
            id(child)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and _name_of(node.test) == "TYPE_CHECKING"
            for child in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            if any(name == "app.store" or name.startswith("app.store.") for name in names):
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == [], "documents get their data from the caller: " + ", ".join(offenders)


# What stamps a time in the vault (audit entries, saved_at, key slots): the callers in the GUI
# and the CLI hand it the start-up clock (AppContext.clock / args.clock), never the default.
STAMPING = {
    "Vault",
    "IntakeRepository",
    "ReferralRepository",
    "SignalRepository",
    "DraftStore",
    "save_settings",
    "make_backup",
    "restore_backup",
}
# The self-test's own throwaway vault with fictional rows, removed when it ends.
OWN_CLOCK = {"app/selftest.py"}


def test_the_gui_and_the_cli_hand_the_start_up_clock_to_what_stamps_a_time():
    offenders = []
    for relative, tree in _modules():
        if relative in OWN_CLOCK:
            continue
        caller = relative.startswith(("app/ui/", "app/cli/"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name_of(node.func)
            audit_entry = (
                name == "record"
                and isinstance(node.func, ast.Attribute)
                and _name_of(node.func.value) == "audit"
            )
            if not (audit_entry or (caller and name in STAMPING)):
                continue
            if not any(keyword.arg in ("clock", None) for keyword in node.keywords):
                offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == [], "pass clock= (the start-up clock): " + ", ".join(offenders)
