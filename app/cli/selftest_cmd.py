"""``vindplaats self-test``: check this installation (see :mod:`app.selftest`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help=_("controleren of Vindplaats op deze computer goed werkt"),
        description=_(
            "Controleert deze installatie met verzonnen gegevens in een tijdelijke map: de "
            "versleutelde kluis, de PDF's met de meegeleverde lettertypen (ook Arabisch), de "
            "vertalingen en het hoofdvenster. Eén regel per controle met de tijd in ms. Uw eigen "
            "kluis wordt niet geopend. Geeft 0 terug als alles goed is."
        ),
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="BESTAND",
        help=_("de regels ook in dit tekstbestand zetten (voor vindplaats.exe zonder console)"),
    )
    parser.add_argument(
        "--only", action="append", metavar="CONTROLE", help=_("alleen deze controle (herhaalbaar)")
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from app.cli import UserError
    from app.selftest import CHECKS, header, run_self_test, summary

    names = [name for name, _check in CHECKS]
    unknown = [name for name in args.only or [] if name not in names]
    if unknown:
        raise UserError(
            _("onbekende controle: {name} (kies uit {names})").format(
                name=unknown[0], names=", ".join(names)
            )
        )
    import sys

    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        # A Windows console's code page must not turn a report into a traceback.
        sys.stdout.reconfigure(errors="replace")
    lines: list[str] = []

    def write(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    write(header())
    results = run_self_test(write, shipped=args.shipped, only=args.only)
    write(summary(results))
    if args.report is not None:
        from app.cli import user_files
        from app.fileio import WriteError

        try:
            user_files(args).write(args.report, ("\n".join(lines) + "\n").encode("utf-8"))
        except WriteError as error:
            raise UserError(str(error)) from None
    return 0 if results and all(result.ok for result in results) else 1
