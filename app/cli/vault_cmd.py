"""``vindplaats vault …``: create, check and change the passphrase of the vault headless.

Same code paths as the GUI (``app.store.vault``). Secrets come from standard input (one line
each when it is not a terminal), never from argv.
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
)
from app.i18n import _


def register(subparsers) -> None:
    commands = add_command_group(
        subparsers,
        "vault",
        help=_("de versleutelde kluis beheren"),
        description=_("De versleutelde kluis aanmaken, controleren en beveiligen."),
    )

    init = commands.add_parser(
        "init",
        help=_("een nieuwe kluis aanmaken"),
        description=_(
            "Maakt een nieuwe kluis en toont de herstelcode. De wachtwoordzin komt van "
            "standaardinvoer (één regel) of wordt twee keer gevraagd op een terminal."
        ),
    )
    add_data_dir_argument(init)
    init.set_defaults(handler=_init)

    check = commands.add_parser(
        "check",
        help=_("de kluis openen en controleren"),
        description=_(
            "Opent de kluis, controleert versleuteling en structuur en toont een kort "
            "verslag. Eindcode 0 alleen als alles in orde is."
        ),
    )
    add_data_dir_argument(check)
    check.add_argument(
        "--recovery",
        action="store_true",
        help=_("openen met de herstelcode in plaats van de wachtwoordzin"),
    )
    check.set_defaults(handler=_check)

    passwd = commands.add_parser(
        "passwd",
        help=_("de wachtwoordzin wijzigen"),
        description=_(
            "Wijzigt de wachtwoordzin. Leest twee regels: de oude en de nieuwe wachtwoordzin."
        ),
    )
    add_data_dir_argument(passwd)
    passwd.set_defaults(handler=_passwd)
    _register_backup(commands)


def _vault(args: argparse.Namespace):
    from app.store.vault import Vault

    return Vault(resolve_data_dir(args), clock=args.clock)


def _new_passphrase(prompt: str) -> str:
    from app.store.policy import evaluate_passphrase

    passphrase = read_secret(prompt)
    verdict = evaluate_passphrase(passphrase)
    if not verdict.ok:
        raise UserError(verdict.message)
    if sys.stdin is not None and sys.stdin.isatty():
        again = read_secret(_("Herhaal de wachtwoordzin: "))
        if again != passphrase:
            raise UserError(_("De twee wachtwoordzinnen zijn niet gelijk. Er is niets gemaakt."))
    return passphrase


def _usable_vault(args: argparse.Namespace):
    """The vault, once its folder is known to be readable (else one line, not "no vault")."""
    from app.store.errors import VaultError

    vault = _vault(args)
    try:
        vault.check_folder()
    except VaultError as error:
        raise UserError(str(error)) from None
    return vault


def _init(args: argparse.Namespace) -> int:
    from app.store.errors import VaultError

    vault = _usable_vault(args)
    if vault.exists():
        raise UserError(_("In deze map staat al een kluis. Er is niets overschreven."))
    passphrase = _new_passphrase(_("Nieuwe wachtwoordzin: "))
    try:
        code = vault.create(passphrase)
    except VaultError as error:
        raise UserError(str(error)) from None
    print(_("De kluis is aangemaakt."))
    print(_("Herstelcode (schrijf deze op en bewaar hem veilig, los van de laptop):"))
    print(code)
    print(_("Met de herstelcode komt u in de kluis als u de wachtwoordzin vergeet."))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Read-only: a damaged vault is reported and left exactly as it was."""
    from app.store.errors import VaultError

    vault = _usable_vault(args)
    try:
        if args.recovery:
            code = read_secret(_("Herstelcode: "))
            report = vault.check(recovery_code=code)
        else:
            report = vault.check(passphrase=read_secret(_("Wachtwoordzin: ")))
    except VaultError as error:
        raise UserError(str(error)) from None
    for line in report.lines:
        print(line)
    if report.healthy:
        print(_("De kluis is in orde."))
        return 0
    print(_("De kluis is NIET in orde."))
    return 1


def _passwd(args: argparse.Namespace) -> int:
    from app.store.errors import VaultError

    vault = _usable_vault(args)
    if not vault.exists():
        raise UserError(_("In deze map staat geen kluis."))
    old = read_secret(_("Huidige wachtwoordzin: "))
    new = _new_passphrase(_("Nieuwe wachtwoordzin: "))
    try:
        vault.change_passphrase(old, new)
    except VaultError as error:
        raise UserError(str(error)) from None
    print(_("De wachtwoordzin is gewijzigd. De oude werkt niet meer."))
    return 0


# --- backup and restore ------------------------------------------------------------------


def _register_backup(commands) -> None:
    backup = commands.add_parser(
        "backup",
        help=_("een gecontroleerde reservekopie maken"),
        description=_(
            "Maakt een reservekopie van de kluis in één versleuteld bestand en controleert "
            "die meteen. Leest de wachtwoordzin (of met --recovery de herstelcode) van "
            "standaardinvoer. Kies een map buiten de gegevensmap, bij voorkeur een USB-stick."
        ),
    )
    add_data_dir_argument(backup)
    backup.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BESTAND",
        help=_("het bestand van de reservekopie (of een map: dan kiest Vindplaats de naam)"),
    )
    backup.add_argument(
        "--recovery",
        action="store_true",
        help=_("openen met de herstelcode in plaats van de wachtwoordzin"),
    )
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore",
        help=_("een reservekopie terugzetten"),
        description=_(
            "Zet een reservekopie terug in de gegevensmap. Leest de wachtwoordzin (of met "
            "--recovery de herstelcode) die gold toen de reservekopie werd gemaakt. Een "
            "bestaande kluis wordt alleen vervangen met --replace; die blijft bewaard tot de "
            "teruggezette kluis is geopend en gecontroleerd, en wordt daarna verwijderd."
        ),
    )
    add_data_dir_argument(restore)
    restore.add_argument(
        "--replace",
        action="store_true",
        help=_("een bestaande kluis in de gegevensmap vervangen"),
    )
    restore.add_argument(
        "--recovery",
        action="store_true",
        help=_("openen met de herstelcode in plaats van de wachtwoordzin"),
    )
    restore.add_argument("file", type=Path, metavar="BESTAND", help=_("de reservekopie"))
    restore.set_defaults(handler=_restore)


def _when(moment) -> str:
    from app.i18n.formatting import format_datetime

    return format_datetime(moment.astimezone().replace(tzinfo=None))


def _backup(args: argparse.Namespace) -> int:
    from app.store import backup
    from app.store.errors import VaultError

    vault = _vault(args)
    if not vault.exists():
        raise UserError(_("In deze map staat geen kluis."))
    out = Path(args.out)
    if out.is_dir():
        out = out / backup.default_backup_name(args.clock.now())
    try:
        if args.recovery:
            session = vault.unlock_with_recovery(read_secret(_("Herstelcode: ")))
        else:
            session = vault.unlock(read_secret(_("Wachtwoordzin: ")))
        try:
            result = backup.make_backup(session, out, clock=args.clock)
        finally:
            session.close()
    except VaultError as error:
        raise UserError(str(error)) from None
    print(
        _("De reservekopie is gemaakt en gecontroleerd: {path} ({when}).").format(
            path=result.path, when=_when(result.created_at)
        )
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.store import backup
    from app.store.errors import VaultError

    data_dir = resolve_data_dir(args)
    try:
        if args.recovery:
            code = read_secret(_("Herstelcode van de reservekopie: "))
            result = backup.restore_backup(
                args.file, data_dir, recovery_code=code, replace=args.replace, clock=args.clock
            )
        else:
            passphrase = read_secret(_("Wachtwoordzin van de reservekopie: "))
            result = backup.restore_backup(
                args.file, data_dir, passphrase=passphrase, replace=args.replace, clock=args.clock
            )
    except VaultError as error:
        raise UserError(str(error)) from None
    print(
        _("De reservekopie van {when} is teruggezet in {folder}.").format(
            when=_when(result.created_at), folder=result.data_dir
        )
    )
    if result.replaced:
        print(_("De vorige kluis is verwijderd, nadat de teruggezette kluis goed openging."))
    return 0
