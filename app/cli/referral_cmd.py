"""``vindplaats referral render``: a referral letter without the window; ``referral read``:
the municipality's first step when a letter arrives (see app.documents.referral_reader).

Same code as the GUI (``app.documents.referral_pdf.produce_referral``): no valid consent, no
letter. Personal data never goes in arguments: the intake and the consent are files, the sender
is a small JSON file (``--advisor``), the password is printed once and stored nowhere.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import (
    UserError,
    add_command_group,
    add_rules_argument,
    read_input_file,
    user_files,
)
from app.i18n import _

if TYPE_CHECKING:
    from app.clock import Clock
    from app.shipped import ShippedData


def register(subparsers) -> None:
    commands = add_command_group(
        subparsers,
        "referral",
        help=_("verwijsbrieven maken (met toestemming) en ontvangen brieven controleren"),
        description=_(
            "Verwijsbrieven maken met vastgelegde toestemming van de medewerker, en een "
            "ontvangen verwijsbrief controleren (voor de gemeente)."
        ),
    )

    render = commands.add_parser(
        "render",
        help=_("een verwijsbrief (PDF) maken uit een gesprek en een toestemming"),
        description=_(
            "Maakt de verwijsbrief als PDF uit een gesprek (JSON volgens "
            "resources/schemas/intake.schema.json) en een toestemming (JSON volgens "
            "resources/schemas/consent.schema.json). Alleen gegevens waarvoor toestemming is "
            "gegeven komen in de brief. Zonder geldige toestemming wordt geen brief gemaakt."
        ),
    )
    render.add_argument("intake", type=Path, metavar="INTAKE.json", help=_("het gesprek"))
    render.add_argument(
        "--consent", type=Path, required=True, metavar="CONSENT.json", help=_("de toestemming")
    )
    render.add_argument("--out", type=Path, required=True, metavar="BRIEF.pdf", help=_("de brief"))
    render.add_argument(
        "--employee-copy",
        type=Path,
        metavar="KOPIE.pdf",
        help=_("ook de kopie voor de medewerker opslaan (in de taal van de toestemming)"),
    )
    render.add_argument(
        "--encrypt",
        action="store_true",
        help=_("de brief en de kopie versleutelen (AES-256); het wachtwoord verschijnt één keer"),
    )
    render.add_argument(
        "--advisor",
        type=Path,
        metavar="AFZENDER.json",
        help=_('afzender: {"name": ..., "function": ..., "employer_name": ...}'),
    )
    render.add_argument(
        "--today", metavar="JJJJ-MM-DD", help=_("datum van de brief (standaard: vandaag)")
    )
    add_rules_argument(render)
    render.set_defaults(handler=_render)

    read = commands.add_parser(
        "read",
        help=_("een ontvangen verwijsbrief controleren en samenvatten"),
        description=_(
            "Opent een verwijsbrief (PDF) van Vindplaats, controleert de machineleesbare "
            "bijlage (versie, controlesom, formaat, DDAS v1.0) en of elk gegeven onder de "
            "toestemming valt, en toont een korte samenvatting. Afsluitcode 0: in orde; "
            "1: leesbaar, maar let op (bijvoorbeeld verlopen toestemming); 2: geweigerd."
        ),
    )
    read.add_argument("letter", type=Path, metavar="BRIEF.pdf", help=_("de verwijsbrief"))
    read.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("het wachtwoord van een versleutelde brief lezen van standaardinvoer (één regel)"),
    )
    read.add_argument(
        "--json", type=Path, metavar="UIT.json", help=_("de gecontroleerde bijlage opslaan")
    )
    read.add_argument(
        "--ddas",
        type=Path,
        metavar="UIT.json",
        help=_("het DDAS-deel opslaan als DDAS v1.0-document (Uitwisselmodel)"),
    )
    read.add_argument(
        "--today", metavar="JJJJ-MM-DD", help=_("datum van vandaag (standaard: vandaag)")
    )
    add_rules_argument(read)
    read.set_defaults(handler=_read)


def _read_json(path: Path, what: str) -> Any:
    from app.cli.intake_cmd import INTAKE_MAX_BYTES
    from app.core.bounded import InputError, loads_json

    data = read_input_file(path, what, max_bytes=INTAKE_MAX_BYTES)
    try:
        return loads_json(data, max_bytes=INTAKE_MAX_BYTES)
    except InputError as error:
        raise UserError(_("{what}: {problem}").format(what=what, problem=error)) from None


def _today(value: str | None, clock: Clock) -> date:
    if not value:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(_("--today moet een datum zijn als 2026-12-01")) from None


def consent_schema_problem(data: Any, shipped: ShippedData) -> str | None:
    """The first problem of a consent document against consent.schema.json (Dutch), or None."""
    validator = shipped.validator("consent")
    # A few errors are enough for one line; str() keys: paths mix names and list indices.
    first = itertools.islice(validator.iter_errors(data), 20)
    errors = sorted(first, key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return None
    error = errors[0]
    where = "/".join(str(part) for part in error.absolute_path) or "/"
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [key for key in error.validator_value if key not in error.instance]
        return _("veld {name} ontbreekt").format(name=", ".join(missing))
    if error.validator == "additionalProperties":
        return _("onbekend veld in {where}").format(where=where)
    return _("veld {where} klopt niet").format(where=where)


def _advisor(path: Path | None):
    from app.core.referral.view import AdvisorProfile

    if path is None:
        # A sample letter: the advisor fills in the name by hand.
        return AdvisorProfile("Naam: ______________________", _("Vertrouwenspersoon"))
    data = _read_json(path, _("afzender"))
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), str) and data[key].strip() for key in ("name", "function")
    ):
        raise UserError(_("de afzender heeft een naam (name) en functie (function) nodig"))
    return AdvisorProfile(
        data["name"],
        data["function"],
        str(data.get("employer_name") or ""),
        str(data.get("phone") or ""),
        str(data.get("email") or ""),
    )


def _render(args: argparse.Namespace) -> int:
    from app.cli.intake_cmd import load_rules_file
    from app.core.consent import ConsentError, consent_from_json
    from app.core.intake import Intake
    from app.core.intake_codec import IntakeFormatError
    from app.core.referral.view import recipient_for
    from app.documents.referral_pdf import produce_referral
    from app.fileio import WriteError

    today = _today(args.today, args.clock)
    files = user_files(args)
    try:
        files.check(*(p for p in (args.out, args.employee_copy) if p is not None))
    except WriteError as error:
        raise UserError(str(error)) from None
    try:
        intake = Intake.from_dict(_read_json(args.intake, _("gesprek")))
    except IntakeFormatError as error:
        raise UserError(_("gesprek klopt niet: {reason}").format(reason=error)) from None
    consent_data = _read_json(args.consent, _("toestemming"))
    problem = consent_schema_problem(consent_data, args.shipped)
    if problem:
        raise UserError(_("toestemming klopt niet: {reason}").format(reason=problem))
    advisor = _advisor(args.advisor)
    try:
        consent = consent_from_json(consent_data)
        rules = load_rules_file(args.rules, args.shipped)
        recipient = recipient_for(
            rules.route(consent.recipient_id), consent.recipient_id, consent.recipient_name
        )
        documents = produce_referral(
            intake,
            consent,
            advisor,
            recipient,
            today,
            settings=rules.settings,
            employer_name=advisor.employer_name,
            encrypt=args.encrypt,
            shipped=args.shipped,
        )
        documents.save(args.out, args.employee_copy, files=files)
    except ConsentError as error:
        raise UserError(str(error)) from None
    except WriteError as error:
        raise UserError(str(error)) from None
    print(_("Brief opgeslagen: {path}").format(path=args.out), file=sys.stderr)
    if documents.password:
        print(
            _(
                "Wachtwoord van de brief (alleen nu zichtbaar; geef het telefonisch door, "
                "niet in dezelfde mail):"
            ),
            file=sys.stderr,
        )
        if args.employee_copy is not None:
            print(_("De kopie voor de medewerker opent met hetzelfde wachtwoord."), file=sys.stderr)
        print(documents.password)
    elif args.employee_copy is not None:
        print(
            _(
                "Let op: de kopie voor de medewerker is niet versleuteld (zonder --encrypt). "
                "Geef hem de medewerker mee en verwijder het bestand daarna."
            ),
            file=sys.stderr,
        )
    return 0


def _read(args: argparse.Namespace) -> int:
    from app.cli import read_secret
    from app.cli.intake_cmd import load_rules_file
    from app.documents.referral_reader import (
        ReferralRefused,
        read_referral_file,
        summary_lines,
    )

    today = _today(args.today, args.clock)
    terms = load_rules_file(args.rules, args.shipped).settings.terms  # the Wgs terms of the summary
    password = read_secret(_("Wachtwoord van de brief: ")) if args.password_stdin else None
    try:
        read = read_referral_file(args.letter, password=password, today=today, shipped=args.shipped)
    except ReferralRefused as error:
        raise UserError(
            _("{name}: geweigerd, {reason}").format(name=args.letter.name, reason=error)
        ) from None
    from app.fileio import WriteError

    files = user_files(args)
    try:
        if args.json is not None:
            files.write(args.json, _json_bytes(read.attachment))
        if args.ddas is not None:
            files.write(args.ddas, _json_bytes(read.ddas_document(args.clock.now())))
    except WriteError as error:
        raise UserError(str(error)) from None
    for line in summary_lines(read, terms):
        print(line)
    return 1 if read.problems else 0


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
