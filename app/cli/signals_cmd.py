"""``vindplaats signals export|import|merge``: the same code paths as the Signalen screen."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from pathlib import Path

from app.cli import (
    UserError,
    add_command_group,
    add_data_dir_argument,
    read_input_file,
    read_secret,
    resolve_data_dir,
    user_files,
)
from app.clock import Clock
from app.i18n import _, ngettext

_GRANULARITIES = {"week": "week", "maand": "month", "kwartaal": "quarter"}
_SOURCES = {
    "eigen": "eigen_waarneming",
    "collega": "collega",
    "administratie": "administratie",
    "medewerker": "medewerker",
}


def register(subparsers) -> None:
    commands = add_command_group(
        subparsers, "signals", help=_("anonieme signalen: exporteren, inlezen, samenvoegen")
    )

    export = commands.add_parser(
        "export", help=_("anonieme, afgeschermde export voor een periode (wachtwoordzin via stdin)")
    )
    add_data_dir_argument(export)
    export.add_argument(
        "--from",
        dest="start",
        required=True,
        metavar="JJJJ-MM-DD",
        help=_("eerste dag van een maand (een export gaat over hele maanden of kwartalen)"),
    )
    export.add_argument(
        "--to", dest="end", required=True, metavar="JJJJ-MM-DD", help=_("laatste dag van een maand")
    )
    export.add_argument(
        "--format",
        choices=("json", "csv", "pdf", "long"),
        required=True,
        help=_("long: lange CSV voor onderzoek (DuckDB, R, pandas), één regel per aantal"),
    )
    export.add_argument("--out", type=Path, required=True, metavar="BESTAND")
    export.add_argument(
        "--per",
        choices=tuple(_GRANULARITIES),
        default=None,
        help=_("week, maand of kwartaal (standaard: de fijnste indeling die veilig genoeg is)"),
    )
    export.set_defaults(handler=export_command)

    imp = commands.add_parser(
        "import", help=_("signalen inlezen uit een CSV-bestand (wachtwoordzin via stdin)")
    )
    add_data_dir_argument(imp)
    imp.add_argument("file", type=Path, metavar="BESTAND.csv")
    imp.add_argument(
        "--bron",
        choices=tuple(_SOURCES),
        default=None,
        help=_("bron voor regels zonder kolom 'bron'"),
    )
    imp.add_argument(
        "--alleen-controleren",
        dest="dry_run",
        action="store_true",
        help=_("alleen laten zien wat er ingelezen zou worden"),
    )
    imp.set_defaults(handler=import_command)

    merge = commands.add_parser(
        "merge", help=_("exports van werkgevers samenvoegen tot één overzicht voor de gemeente")
    )
    merge.add_argument("exports", nargs="+", type=Path, metavar="EXPORT.json")
    merge.add_argument("--out", type=Path, required=True, metavar="STAD.pdf")
    merge.add_argument("--csv", type=Path, default=None, metavar="STAD.csv")
    merge.add_argument("--json", type=Path, default=None, metavar="STAD.json")
    merge.add_argument(
        "--long",
        type=Path,
        default=None,
        metavar="STAD-LANG.csv",
        help=_("lange CSV voor onderzoek (DuckDB, R, pandas), één regel per gepubliceerd aantal"),
    )
    merge.add_argument(
        "--k",
        type=int,
        default=10,
        help=_("het kleinste aantal dat getoond wordt; kleinere worden verborgen (minstens 5)"),
    )
    merge.set_defaults(handler=merge_command)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            _("'{text}' is geen datum; schrijf JJJJ-MM-DD").format(text=text[:20])
        ) from None


def _open_vault(data_dir: Path, clock: Clock):
    """The vault in ``data_dir``, stamped by ``clock`` (a seam for tests, which use cheap KDF
    parameters)."""
    from app.store.vault import Vault

    return Vault(data_dir, clock=clock)


@contextlib.contextmanager
def _session(args: argparse.Namespace):
    from app.store.errors import VaultError

    passphrase = read_secret(_("Wachtwoordzin: "))
    try:
        session = _open_vault(resolve_data_dir(args), args.clock).unlock(passphrase)
    except VaultError as error:
        raise UserError(str(error)) from None
    finally:
        del passphrase
    try:
        yield session
    finally:
        session.close()


def export_command(args: argparse.Namespace) -> int:
    from app.core.signals import Granularity, SignalError
    from app.documents.signal_export import prepare_export, route_names, write_export
    from app.fileio import WriteError
    from app.store import audit
    from app.store.export_inputs import read_export_inputs
    from app.store.export_periods import record_export

    start, end = _date(args.start), _date(args.end)
    files = user_files(args)
    try:
        files.check(args.out)  # before the passphrase is asked
    except WriteError as error:
        raise UserError(str(error)) from None
    granularity = Granularity(_GRANULARITIES[args.per]) if args.per else None
    with _session(args) as session:
        try:
            document = prepare_export(
                read_export_inputs(session.connection, start, end),
                today=args.clock.today(),
                catalogue=args.shipped.catalogue,
                granularity=granularity,
            )
        except SignalError as error:
            raise UserError(str(error)) from None
        try:
            write_export(
                document,
                args.format,
                args.out,
                args.shipped.catalogue,
                files=files,
                route_names=route_names(args.shipped.rules),
            )
        except WriteError as error:
            raise UserError(str(error)) from None
        record_export(session.connection, document)
        audit.record(session.connection, "signals.exported", args.format, clock=args.clock)
    table = document["signals"]["by_period"]
    hidden = sum(v is None for row in table["cells"] for v in row)
    period = document["period"]
    print(
        _(
            "Export geschreven: {name} ({format}, {first} t/m {last}, indeling {granularity}, "
            "{hidden} cellen afgeschermd)."
        ).format(
            name=args.out.name,
            format=args.format,
            first=period["first_week"],
            last=period["last_week"],
            granularity=Granularity(period["granularity"]).label().lower(),
            hidden=hidden,
        )
    )
    return 0


def import_command(args: argparse.Namespace) -> int:
    from app.core.signal_import import MAX_FILE_BYTES, decode_csv, parse_signal_csv
    from app.core.signals import IsoWeek, Source
    from app.store.signals import SignalRepository, load_settings

    data = read_input_file(args.file, _("CSV-bestand"), max_bytes=MAX_FILE_BYTES)
    text = decode_csv(data)
    current = IsoWeek.of(args.clock.today())
    default_source = Source(_SOURCES[args.bron]) if args.bron else None
    with _session(args) as session:
        settings = load_settings(session.connection)
        preview = parse_signal_csv(
            text,
            args.shipped.catalogue,
            departments=settings.departments,
            current_week=current,
            default_source=default_source,
        )
        for line in preview.report_lines():
            print(line)
        accepted = preview.accepted
        if accepted and not args.dry_run:
            SignalRepository(session.connection, clock=args.clock).add_many(
                accepted, logged_in=current
            )
    n, r = len(accepted), len(preview.refused)
    if args.dry_run:
        summary = ngettext("{n} signaal zou ik inlezen", "{n} signalen zou ik inlezen", n)
    else:
        summary = ngettext("{n} signaal ingelezen", "{n} signalen ingelezen", n)
    refused = ngettext("{r} regel geweigerd.", "{r} regels geweigerd.", r)
    print(summary.format(n=n) + ", " + refused.format(r=r))
    if preview.problem and not accepted:
        return 1
    return 0


def merge_command(args: argparse.Namespace) -> int:
    from app.core.suppression import validate_k
    from app.documents.merge import city_csv_bytes, merge_files, render_city_pdf
    from app.documents.signal_export import to_json_bytes
    from app.fileio import WriteError

    try:
        validate_k(args.k)
    except ValueError as error:
        raise UserError(str(error)) from None
    files = user_files(args)
    try:
        files.check(*(p for p in (args.out, args.csv, args.json) if p is not None))
    except WriteError as error:
        raise UserError(str(error)) from None
    catalogue = args.shipped.catalogue
    result = merge_files(
        args.exports,
        catalogue,
        schema=args.shipped.schema("signal-export"),
        k=args.k,
        created=args.clock.today(),
    )
    for line in result.report_lines():
        print(line)
    if result.document is None:
        raise UserError(_("geen enkele bruikbare export; er is niets geschreven"))
    outputs = [(args.out, render_city_pdf(result.document, catalogue))]
    if args.csv:
        outputs.append((args.csv, city_csv_bytes(result.document, catalogue)))
    if args.json:
        outputs.append((args.json, to_json_bytes(result.document)))
    if args.long:
        from app.documents.signal_long import to_long_csv_bytes

        outputs.append((args.long, to_long_csv_bytes(result.document, catalogue)))
    try:
        files.write_all(outputs)
    except WriteError as error:
        raise UserError(str(error)) from None
    print(
        ngettext(
            "{a} export samengevoegd, {s} overgeslagen, {r} geweigerd.",
            "{a} exports samengevoegd, {s} overgeslagen, {r} geweigerd.",
            len(result.accepted),
        ).format(a=len(result.accepted), s=len(result.skipped), r=len(result.refused))
    )
    return 0
