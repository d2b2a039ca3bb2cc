"""``vindplaats case export CODE``: everything about one conversation, for the employee.

Same code as Gesprekken → "Gegevens meegeven…" (``app.store.case_export`` and
``app.documents.case_export``). The vault's passphrase comes from standard input; the PDF's
password is printed once and stored nowhere. Neither file may go into the vault's folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import (
    UserError,
    add_command_group,
    add_data_dir_argument,
    read_secret,
    resolve_data_dir,
    user_files,
)
from app.i18n import _


def register(subparsers) -> None:
    commands = add_command_group(
        subparsers,
        "case",
        help=_("de gegevens van één gesprek meegeven aan de medewerker"),
        description=_("De gegevens van één gesprek bekijken en meegeven."),
    )
    export = commands.add_parser(
        "export",
        help=_("alle gegevens van één gesprek opslaan als PDF en JSON"),
        description=_(
            "Slaat alles op wat de kluis over één gesprek bewaart (antwoorden, advies, "
            "toestemmingen, verwijzingen, herinneringen en data): een leesbare PDF, standaard "
            "versleuteld, en een JSON-bestand volgens resources/schemas/case-export.schema.json. "
            "Voor het recht van de medewerker op inzage en overdracht (AVG). Leest de "
            "wachtwoordzin van de kluis van standaardinvoer."
        ),
    )
    add_data_dir_argument(export)
    export.add_argument("code", metavar="CODE", help=_("de code van het gesprek"))
    export.add_argument("--pdf", type=Path, metavar="UIT.pdf", help=_("de leesbare PDF"))
    export.add_argument("--json", type=Path, metavar="UIT.json", help=_("het JSON-bestand"))
    export.add_argument(
        "--no-encrypt",
        action="store_true",
        help=_("de PDF niet versleutelen (standaard: AES-256, het wachtwoord verschijnt één keer)"),
    )
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from app.documents.case_export import save_case_export
    from app.fileio import WriteError
    from app.store.case_export import case_export_document
    from app.store.errors import VaultError
    from app.store.intakes import IntakeNotFound
    from app.store.vault import Vault

    if args.pdf is None and args.json is None:
        raise UserError(_("Kies --pdf, --json of allebei. Er is niets opgeslagen."))
    files = user_files(args)
    try:
        files.check(*(p for p in (args.pdf, args.json) if p is not None))
    except WriteError as error:
        raise UserError(str(error)) from None
    vault = Vault(resolve_data_dir(args), clock=args.clock)
    if not vault.exists():
        raise UserError(_("In deze map staat geen kluis."))
    rules, _problem = args.shipped.routes
    today = args.clock.today()

    def route_name(route_id: str) -> str | None:
        route = rules.route(route_id) if rules is not None else None
        return route.name if route is not None else None

    try:
        session = vault.unlock(read_secret(_("Wachtwoordzin: ")))
        try:
            document = case_export_document(
                session.connection,
                args.code,
                today=today,
                terms=rules.settings.terms if rules is not None else None,
                route_name=route_name,
                clock=args.clock,
            )
        finally:
            session.close()
        result = save_case_export(
            document,
            files=files,
            pdf_path=args.pdf,
            json_path=args.json,
            encrypt=not args.no_encrypt,
        )
    except IntakeNotFound:
        raise UserError(_("Er is geen gesprek met deze code. Er is niets opgeslagen.")) from None
    except (VaultError, WriteError) as error:
        raise UserError(str(error)) from None
    for path in (result.pdf_path, result.json_path):
        if path is not None:
            print(_("Opgeslagen: {path}").format(path=path), file=sys.stderr)
    if result.json_path is not None:
        print(
            _(
                "Let op: het JSON-bestand is niet versleuteld. Geef het de medewerker mee en "
                "verwijder het daarna van deze computer."
            ),
            file=sys.stderr,
        )
    if result.password:
        print(
            _("Wachtwoord van de PDF (alleen nu zichtbaar; geef het de medewerker apart mee):"),
            file=sys.stderr,
        )
        print(result.password)
    return 0
