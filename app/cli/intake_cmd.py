"""``vindplaats advise`` and ``vindplaats rules check``: route advice without the window.

Same code as the GUI: ``app.core.intake`` for the intake, ``app.core.routes`` for the advice.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import UserError, add_command_group, add_rules_argument, read_input_file
from app.core.bounded import one_line
from app.i18n import _, ngettext

if TYPE_CHECKING:
    from app.clock import Clock
    from app.shipped import ShippedData

# An intake is a few kB (two texts of at most 2000 characters); a scenario holds one intake.
INTAKE_MAX_BYTES = 256_000
RULES_MAX_BYTES = 2_000_000  # the shipped routes.yaml is ~60 kB


def register(subparsers) -> None:
    advise = subparsers.add_parser(
        "advise",
        help=_("routeadvies geven voor een gesprek (JSON)"),
        description=_(
            "Leest een gesprek (intake, JSON volgens resources/schemas/intake.schema.json) en "
            "toont het routeadvies als JSON: per route de redenen, de uiterste datum en of die "
            "uit de Wgs komt of een keuze van de gemeente is, of de route nog te bevestigen is, "
            "alleen via een hulpverlener gaat of een pilot is, en bij SUNZ welk middel past."
        ),
    )
    advise.add_argument("intake", type=Path, metavar="INTAKE.json", help=_("het gesprek"))
    advise.add_argument(
        "--today", metavar="JJJJ-MM-DD", help=_("rekenen vanaf deze datum (standaard: vandaag)")
    )
    add_rules_argument(advise)
    advise.set_defaults(handler=_advise)

    commands = add_command_group(
        subparsers,
        "rules",
        help=_("het regelbestand voor routes controleren"),
        description=_("Het regelbestand voor routeadvies controleren."),
    )
    check = commands.add_parser(
        "check",
        help=_("regels controleren en scenario's doorrekenen"),
        description=_(
            "Controleert het regelbestand en rekent elk scenario door. Eén regel per scenario; "
            "eindcode 1 als een scenario niet klopt, 2 als het regelbestand fout is."
        ),
    )
    add_rules_argument(check)
    check.add_argument(
        "--today", metavar="JJJJ-MM-DD", help=_("datum voor scenario's zonder eigen datum")
    )
    check.add_argument("scenarios", type=Path, nargs="*", metavar="SCENARIO", help=_("scenario's"))
    check.set_defaults(handler=_rules_check)


def _read_text(path: Path, what: str, *, max_bytes: int = RULES_MAX_BYTES) -> str:
    data = read_input_file(path, what, max_bytes=max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(
            _("{what} kan niet gelezen worden: {path}").format(what=what, path=one_line(path, 120))
        ) from None


def _today(value: str | None, clock: Clock) -> date:
    if not value:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(_("--today moet een datum zijn als 2027-03-26")) from None


def load_rules_file(path: Path | None, shipped: ShippedData):
    """The rules from ``path`` or the shipped ``resources/routes.yaml``."""
    from app.core.intake_scenarios import rules_from_yaml
    from app.core.routes import RulesError

    if path is None:
        rules, problem = shipped.routes
        if rules is None:
            raise UserError(_("regelbestand klopt niet: {problems}").format(problems=problem))
        return rules
    text = _read_text(path, _("regelbestand"))
    try:
        return rules_from_yaml(text)
    except RulesError as error:
        raise UserError(_("regelbestand klopt niet: {problems}").format(problems=error)) from None


def _load_json(path: Path, what: str) -> Any:
    from app.core.bounded import InputError, loads_json

    data = read_input_file(path, what, max_bytes=INTAKE_MAX_BYTES)
    try:
        return loads_json(data, max_bytes=INTAKE_MAX_BYTES)
    except InputError as error:
        raise UserError(_("{what}: {problem}").format(what=what, problem=error)) from None


@functools.cache
def _intake_validator(shipped: ShippedData) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(shipped.schema("intake"))


def _intake_schema_errors(data: Any, shipped: ShippedData) -> list[str]:
    validator = _intake_validator(shipped)
    problems = []
    # The first few errors are enough for one line; a hostile document can have millions.
    errors = itertools.islice(validator.iter_errors(data), 20)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            missing = [k for k in error.validator_value if k not in error.instance]
            problems.append(_("veld {name} ontbreekt").format(name=", ".join(missing)))
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            extra = sorted(k for k in error.instance if k not in allowed)
            names = ", ".join(one_line(name, 40) for name in extra[:3])
            problems.append(_("onbekend veld: {name}").format(name=names))
        else:
            problems.append(_("veld {where} klopt niet").format(where=where or "/"))
    return problems


def _advise(args: argparse.Namespace) -> int:
    from app.core.intake import Intake
    from app.core.intake_codec import IntakeFormatError
    from app.core.routes import advise

    today = _today(args.today, args.clock)
    rules = load_rules_file(args.rules, args.shipped)
    data = _load_json(args.intake, _("gesprek"))
    problems = _intake_schema_errors(data, args.shipped)
    if problems:
        raise UserError(_("het gesprek past niet bij het schema: {p}").format(p=problems[0]))
    try:
        intake = Intake.from_dict(data)
    except IntakeFormatError as error:
        raise UserError(str(error)) from None
    advice = advise(intake, rules, today)
    json.dump(advice.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _rules_check(args: argparse.Namespace) -> int:
    from app.core.intake_scenarios import Scenario, ScenarioError, run_scenario

    today = _today(args.today, args.clock)
    rules = load_rules_file(args.rules, args.shipped)
    # One line for the rules (with the state of any pilot), one per scenario, then the count.
    summary = ngettext(
        "regels in orde: {n} route", "regels in orde: {n} routes", len(rules.routes)
    ).format(n=len(rules.routes))
    pilots_on = [route.id for route in rules.routes if route.pilot and route.enabled]
    pilots_off = [route.id for route in rules.routes if route.pilot and not route.enabled]
    if pilots_on:
        summary += "; " + _("pilot aan: {routes}").format(routes=", ".join(pilots_on))
    if pilots_off:
        summary += "; " + _("pilot uit: {routes}").format(routes=", ".join(pilots_off))
    print(summary)
    failures = 0
    for path in args.scenarios:
        try:
            data = _load_json(path, _("scenario"))
            intake_data = data.get("intake", {}) if isinstance(data, dict) else None
            problems = (
                _intake_schema_errors(intake_data, args.shipped) if intake_data is not None else []
            )
            if problems:
                raise ScenarioError(_("intake: {p}").format(p=problems[0]))
            scenario = Scenario.from_dict(data)
        except (UserError, ScenarioError) as error:
            failures += 1
            print(_("FOUT  {name}: {error}").format(name=path.name, error=error))
            continue
        result = run_scenario(scenario, rules, today)
        if result.ok:
            print(_("goed  {name}").format(name=path.name))
        else:
            failures += 1
            print(
                _("FOUT  {name}: {problems}").format(
                    name=path.name, problems="; ".join(result.problems)
                )
            )
    if args.scenarios:
        print(
            ngettext(
                "{ok} van {n} scenario goed", "{ok} van {n} scenario's goed", len(args.scenarios)
            ).format(ok=len(args.scenarios) - failures, n=len(args.scenarios))
        )
    return 1 if failures else 0
