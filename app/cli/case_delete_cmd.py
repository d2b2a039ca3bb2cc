"""``vindplaats case delete|retention|extend|term``: delete one case completely, see and set
how long closed cases are kept.

These commands join the ``case`` group when another module made it already (``case export``
in app.cli.case_cmd, listed before this module in app.cli._COMMAND_MODULES); otherwise this
module makes the group.

- ``case delete CODE``: the employee's right to erasure. Deletes the intake, its advice,
  consents, referral letters, reminders, drafts and resume point; asks to type the code again
  (on a terminal) unless ``--yes`` is given. The audit log keeps only that it happened.
- ``case extend CODE [--months N]``: keep one closed case longer; the reason is the second
  line on standard input (never in argv).
- ``case retention``: the term in force and the closed cases with their deletion dates.
- ``case term [--months N | --default] [--maximum N | --no-maximum]``: the advisor's term and
  the organisation's maximum (a setting in the vault).

The passphrase is read from standard input (one line) or asked for on a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from app.cli import UserError, add_command_group, add_data_dir_argument, read_secret
from app.i18n import _, ngettext


def register(subparsers) -> None:
    group = subparsers.choices.get("case")
    if group is None:
        commands = add_command_group(
            subparsers,
            "case",
            help=_("één gesprek verwijderen; bewaartermijn van afgesloten gesprekken"),
        )
    else:
        commands = next(
            action for action in group._actions if isinstance(action, argparse._SubParsersAction)
        )
    add_commands(commands)


def add_commands(commands) -> None:
    """Add delete, retention, extend and term to the ``case`` group's subcommands."""
    delete = commands.add_parser(
        "delete",
        help=_("één gesprek helemaal verwijderen (recht op verwijdering)"),
        description=_(
            "Verwijdert het gesprek met deze code helemaal: gesprek, advies, toestemmingen, "
            "verwijzingen, herinneringen, concepten en de plek om verder te gaan. Dit kan "
            "niet ongedaan worden. Leest de wachtwoordzin van standaardinvoer."
        ),
    )
    delete.add_argument(
        "code", metavar="CODE", help=_("de code van het gesprek, bijv. GC-2026-7K3F")
    )
    delete.add_argument(
        "--yes", action="store_true", help=_("niet om bevestiging vragen (voor scripts)")
    )
    add_data_dir_argument(delete)
    delete.set_defaults(handler=_delete)

    listing = commands.add_parser(
        "retention",
        help=_("bewaartermijn en wanneer afgesloten gesprekken worden verwijderd"),
    )
    add_data_dir_argument(listing)
    listing.set_defaults(handler=_retention)

    extend = commands.add_parser(
        "extend",
        help=_("één afgesloten gesprek langer bewaren, met een reden"),
        description=_(
            "Bewaart een afgesloten gesprek langer. Leest twee regels van standaardinvoer: de "
            "wachtwoordzin en de reden (nooit op de opdrachtregel: schrijf geen namen op)."
        ),
    )
    extend.add_argument("code", metavar="CODE", help=_("de code van het gesprek"))
    extend.add_argument(
        "--months", type=int, default=3, metavar="N", help=_("hoeveel maanden langer (standaard 3)")
    )
    add_data_dir_argument(extend)
    extend.set_defaults(handler=_extend)

    term = commands.add_parser(
        "term",
        help=_("de bewaartermijn (en het maximum van de organisatie) instellen"),
        description=_(
            "Stelt in hoeveel maanden een afgesloten gesprek bewaard blijft. De organisatie "
            "kan een maximum instellen; een eigen termijn mag korter zijn, nooit langer."
        ),
    )
    months = term.add_mutually_exclusive_group()
    months.add_argument("--months", type=int, metavar="N", help=_("eigen termijn in maanden"))
    months.add_argument("--default", action="store_true", help=_("terug naar de standaardtermijn"))
    maximum = term.add_mutually_exclusive_group()
    maximum.add_argument(
        "--maximum", type=int, metavar="N", help=_("maximum van de organisatie in maanden")
    )
    maximum.add_argument("--no-maximum", action="store_true", help=_("geen maximum"))
    add_data_dir_argument(term)
    term.set_defaults(handler=_term)


def _vault(args: argparse.Namespace):
    """The vault (a seam for tests, which use cheap KDF parameters)."""
    from app.cli import resolve_data_dir
    from app.store.vault import Vault

    return Vault(resolve_data_dir(args), clock=args.clock)


@contextlib.contextmanager
def _session(args: argparse.Namespace):
    from app.store.errors import VaultError

    vault = _vault(args)
    passphrase = read_secret(_("Wachtwoordzin: "))
    try:
        session = vault.unlock(passphrase)
    except VaultError as error:
        raise UserError(str(error)) from None
    finally:
        del passphrase
    try:
        line = retention_line(session.retention_deleted)
        if line:
            print(line, file=sys.stderr)
        yield session
    finally:
        session.close()


def retention_line(deleted: int | None) -> str:
    """The one calm line after an unlock that deleted closed cases (empty when none)."""
    if not deleted:
        return ""
    return ngettext(
        "{n} afgesloten gesprek is verwijderd: de bewaartermijn was voorbij.",
        "{n} afgesloten gesprekken zijn verwijderd: de bewaartermijn was voorbij.",
        deleted,
    ).format(n=deleted)


def _delete(args: argparse.Namespace) -> int:
    from app.store.intakes import IntakeRepository

    code = args.code.strip().upper()
    confirm_on_terminal = not args.yes and sys.stdin is not None and sys.stdin.isatty()
    if not args.yes and not confirm_on_terminal:
        raise UserError(
            _("Verwijderen kan niet ongedaan worden. Geef --yes om zonder vraag te verwijderen.")
        )
    with _session(args) as session:
        intakes = IntakeRepository(session.connection, clock=args.clock)
        record = intakes.find_by_code(code)
        if record is None:
            raise UserError(_("Er is geen gesprek met code {code}.").format(code=code[:20]))
        if confirm_on_terminal:
            typed = input(_("Typ de code {code} om te bevestigen: ").format(code=code))
            if typed.strip().upper() != code:
                raise UserError(_("De code klopt niet. Er is niets verwijderd."))
        intakes.delete(record.id)
    print(_("Gesprek {code} is helemaal verwijderd.").format(code=code))
    return 0


def _retention(args: argparse.Namespace) -> int:
    from app.i18n.formatting import format_date
    from app.store.retention import RetentionStore

    with _session(args) as session:
        store = RetentionStore(session.connection, clock=args.clock)
        policy = store.policy()
        cases = store.schedule()
    print(_term_line(policy))
    if not cases:
        print(_("Er zijn geen afgesloten gesprekken."))
    for case in cases:
        line = _("{code}: afgesloten op {closed}, wordt verwijderd op {deletion}").format(
            code=case.case_code,
            closed=format_date(case.closed_on),
            deletion=format_date(case.deletion),
        )
        if case.extended:
            line += _(" (verlengd)")
        print(line)
    return 0


def _term_line(policy) -> str:
    line = ngettext(
        "Bewaartermijn: {n} maand na het afsluiten.",
        "Bewaartermijn: {n} maanden na het afsluiten.",
        policy.term,
    ).format(n=policy.term)
    if policy.maximum is not None:
        line += " " + ngettext(
            "Maximum van de organisatie: {n} maand.",
            "Maximum van de organisatie: {n} maanden.",
            policy.maximum,
        ).format(n=policy.maximum)
    return line


def _term(args: argparse.Namespace) -> int:
    from app.core.retention import RetentionError
    from app.store.retention import RetentionStore

    with _session(args) as session:
        store = RetentionStore(session.connection, clock=args.clock)
        try:
            if args.no_maximum:
                store.set_maximum(None)
            elif args.maximum is not None:
                store.set_maximum(args.maximum)
            if args.default:
                store.set_term(None)
            elif args.months is not None:
                store.set_term(args.months)
        except RetentionError as error:
            raise UserError(str(error)) from None
        policy = store.policy()
    print(_term_line(policy))
    return 0


def _extend(args: argparse.Namespace) -> int:
    from app.core.retention import RetentionError
    from app.i18n.formatting import format_date
    from app.store.intakes import IntakeRepository
    from app.store.retention import RetentionStore

    code = args.code.strip().upper()
    with _session(args) as session:
        record = IntakeRepository(session.connection, clock=args.clock).find_by_code(code)
        if record is None:
            raise UserError(_("Er is geen gesprek met code {code}.").format(code=code[:20]))
        reason = read_secret(_("Waarom blijft dit gesprek langer bewaard? "))
        store = RetentionStore(session.connection, clock=args.clock)
        try:
            until = store.extend(record.id, args.months, reason, today=args.clock.today())
        except RetentionError as error:
            raise UserError(str(error)) from None
    print(_("{code} wordt nu op {day} verwijderd.").format(code=code, day=format_date(until)))
    return 0
