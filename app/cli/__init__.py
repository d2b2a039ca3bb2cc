"""Headless subcommands. Each area registers its commands in its own module.

Conventions for every command:
- ``--help`` works; user errors raise :class:`UserError` (one Dutch line, exit code 2);
- secrets are read with :func:`read_secret` (standard input when it is not a terminal),
  never from argv;
- commands use the same code paths as the GUI (core/store/documents), never their own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.i18n.messages import TranslatableError

if TYPE_CHECKING:
    from app.clock import Clock
    from app.fileio import UserFiles
    from app.shipped import ShippedData

Handler = Callable[[argparse.Namespace], int]
LANGUAGE_CHOICES = ("nl", "en", "tr", "pl", "ar", "xx")  # app.i18n.LANGUAGES + the test language


class UserError(Exception):
    """A problem the user can fix; its text is shown as one line, without a traceback."""


# Modules that add subcommands; each has ``register(subparsers)``.
_COMMAND_MODULES = (
    "app.cli.vault_cmd",
    "app.cli.intake_cmd",
    "app.cli.signals_cmd",
    "app.cli.referral_cmd",
    "app.cli.selftest_cmd",
    "app.cli.case_cmd",  # case export (AVG: the employee's own data)
    "app.cli.case_delete_cmd",  # case delete / retention / extend / term (issue 12)
)


def add_data_dir_argument(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # On a subcommand the default is SUPPRESS, so `vindplaats --data-dir DIR vault check`
    # keeps the value given before the subcommand instead of overwriting it with None.
    from app.i18n import _

    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        metavar="MAP",
        help=_("map met de kluis (standaard: de gegevensmap van de gebruiker)"),
    )


def add_rules_argument(parser: argparse.ArgumentParser) -> None:
    """``--rules BESTAND``: another rules file than the shipped routes.yaml (see
    ``app.cli.intake_cmd.load_rules_file``)."""
    from app.i18n import _

    parser.add_argument(
        "--rules", type=Path, metavar="BESTAND", help=_("ander regelbestand dan routes.yaml")
    )


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from app.paths import default_data_dir

    return args.data_dir if getattr(args, "data_dir", None) else default_data_dir()


def user_files(args: argparse.Namespace) -> UserFiles:
    """The writer for every file named on the command line (``--out`` and friends).

    It refuses the data folder in use (``--data-dir`` or the default) and any folder that holds
    a vault, and notes each output folder in the preferences for the start-up sweep.
    """
    from app.fileio import UserFiles
    from app.preferences import PreferencesStore

    data_dir = resolve_data_dir(args)
    store = PreferencesStore(data_dir)
    return UserFiles(data_dir, remember_folder=store.remember_output_folder)


def sweep_stale_temp_files(args: argparse.Namespace) -> None:
    """Remove what a killed earlier write left behind (our own temp files, nothing else)."""
    from app.fileio import remove_stale_temp_files
    from app.preferences import PreferencesStore

    try:
        data_dir = resolve_data_dir(args)
        folders = PreferencesStore(data_dir).load().recent_output_folders
        remove_stale_temp_files([Path(f) for f in folders], data_dir=data_dir)
    except OSError:
        pass  # tidying up never stands in the way of the command itself


def read_input_file(path: Path, what: str, *, max_bytes: int) -> bytes:
    """The bytes of a file the user named, at most ``max_bytes``; else one clear UserError."""
    from app.core.bounded import one_line
    from app.i18n import _

    shown = one_line(path, 120)
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserError(_("{what} niet gevonden: {path}").format(what=what, path=shown)) from None
    except OSError:
        raise UserError(
            _("{what} kan niet gelezen worden: {path}").format(what=what, path=shown)
        ) from None
    if len(data) > max_bytes:
        raise UserError(
            _("{what} is te groot (meer dan {size} kB): {path}").format(
                what=what, size=max(max_bytes // 1000, 1), path=shown
            )
        )
    return data


def read_secret(prompt: str, *, stdin=None) -> str:
    """Read one secret line: from standard input when it is not a terminal, else hidden."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        raise UserError("geen invoer: geef de wachtwoordzin via standaardinvoer")
    if stream.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = stream.readline()
    if not line:
        raise UserError("geen invoer: geef de wachtwoordzin via standaardinvoer (één regel)")
    return line.rstrip("\r\n")


def add_command_group(
    subparsers, name: str, *, help: str, description: str | None = None
) -> argparse._SubParsersAction:
    """``vindplaats NAME OPDRACHT``: a group; without an OPDRACHT it prints its help (exit 2)."""
    group = subparsers.add_parser(name, help=help, description=description or help)
    commands = group.add_subparsers(
        dest=f"{name}_command", metavar="OPDRACHT", parser_class=_Parser
    )

    def usage(_args: argparse.Namespace) -> int:
        group.print_help(sys.stderr)
        return 2

    group.set_defaults(handler=usage)
    return commands


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as argparse does, in our words
        self.exit(2, f"{self.prog}: fout: {message}\n")


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The full parser; ``with_commands=False`` gives only the window's own options (fast)."""
    import importlib

    from app.cli.argparse_i18n import translate
    from app.i18n import _

    parser = _Parser(
        prog="vindplaats",
        description=_("Vindplaats voor de vertrouwenspersoon. Zonder opdracht start het venster."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"vindplaats {__version__}",
        help=translate("show program's version number and exit"),
    )
    add_data_dir_argument(parser, top_level=True)
    parser.add_argument(
        "--lang",
        default=None,
        choices=LANGUAGE_CHOICES,
        help=_(
            "taal van de schermen, alleen voor deze keer (xx: testtaal, elke tekst 40%% langer)"
        ),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("trainingsmodus met verzonnen casussen")
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


def run_command(
    args: argparse.Namespace, *, clock: Clock | None = None, shipped: ShippedData | None = None
) -> int:
    """Run the chosen command with the start-up wiring: ``args.clock`` (the one clock) and
    ``args.shipped`` (the shipped data, read lazily) are set here, once, for every handler."""
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        return 0
    wire(args, clock=clock, shipped=shipped)
    try:
        sweep_stale_temp_files(args)
        return handler(args)
    except UserError as error:
        print(f"vindplaats: fout: {error}", file=sys.stderr)
        return 2
    except TranslatableError as error:
        # A core or store error (app.i18n.messages) that no command turned into a UserError:
        # its marked message, translated now, in the language of this run.
        print(f"vindplaats: fout: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vindplaats: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`vindplaats advise ... | head`): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; starting the window does not pay for building every command."""
    given = list(sys.argv[1:] if argv is None else argv)
    quick = _window_arguments(given)
    if quick is not None:
        return quick
    _use_language_of(given)
    if "-h" not in given and "--help" not in given:
        args, rest = build_parser(with_commands=False).parse_known_args(given)
        if not rest:
            return args
    return build_parser().parse_args(given)


def _use_language_of(given: list[str]) -> None:
    """``--lang`` before the parser is built: its help texts, argparse's own texts ("usage:",
    "options", its errors; app/cli/argparse_i18n.py) and the command's messages follow it."""
    from app.cli.argparse_i18n import install
    from app.i18n import set_language

    install()
    for index, word in enumerate(given):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if name != "--lang":
            continue
        if not equals:
            value = given[index + 1] if index + 1 < len(given) else ""
        if value in LANGUAGE_CHOICES:
            set_language(value)
        break


def _window_arguments(given: list[str]) -> argparse.Namespace | None:
    """The window's options in their plain spellings, read without building a parser at all.

    Every start of the window goes through here, and argparse looks up its own translations
    on disk while it builds a parser. Anything unusual (an abbreviation, a subcommand, a bad
    value, --help) returns None, and argparse handles it with its usual messages.
    """
    values: dict[str, object] = {"data_dir": None, "lang": None, "demo": False}
    words = iter(given)
    for word in words:
        name, equals, value = word.partition("=")
        if word == "--demo":
            values["demo"] = True
            continue
        if name not in ("--data-dir", "--lang"):
            return None
        if not equals:
            value = next(words, "")
            if not value or value.startswith("-"):
                return None
        if name == "--lang":
            if value not in LANGUAGE_CHOICES:
                return None
            values["lang"] = value
        else:
            values["data_dir"] = Path(value)
    return argparse.Namespace(**values, command=None)


def wire(
    args: argparse.Namespace, *, clock: Clock | None = None, shipped: ShippedData | None = None
) -> argparse.Namespace:
    """Give the command its clock and shipped data (built here, once; nothing is read yet)."""
    from app.clock import SYSTEM_CLOCK
    from app.shipped import load_shipped

    args.clock = clock if clock is not None else getattr(args, "clock", None) or SYSTEM_CLOCK
    args.shipped = (
        shipped if shipped is not None else getattr(args, "shipped", None) or load_shipped()
    )
    return args


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    shipped: ShippedData | None = None,
) -> int:
    return run_command(parse_arguments(argv), clock=clock, shipped=shipped)
