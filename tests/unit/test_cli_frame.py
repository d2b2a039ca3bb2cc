"""The command frame: --data-dir on either side of the subcommand, --help, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

from app.cli import build_parser

PASSPHRASE = "fictieve kluis lamp wolk zee"


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_data_dir_before_and_after_the_subcommand(tmp_path):
    parser = build_parser()
    before = parser.parse_args(["--data-dir", str(tmp_path), "vault", "check"])
    after = parser.parse_args(["vault", "check", "--data-dir", str(tmp_path)])
    assert before.data_dir == tmp_path
    assert after.data_dir == tmp_path
    assert parser.parse_args([]).data_dir is None


def test_every_subcommand_has_help():
    parser = build_parser()
    subparsers = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    assert {"vault"} <= set(subparsers)
    for name in subparsers:
        result = _run(name, "--help")
        assert result.returncode == 0, name
        assert "usage" in result.stdout.lower() or "gebruik" in result.stdout.lower()


def test_unknown_command_is_one_line_without_traceback():
    result = _run("bestaat-niet")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_window_options_parse_without_building_every_command(tmp_path):
    from app.cli import parse_arguments

    args = parse_arguments(["--data-dir", str(tmp_path), "--lang", "en"])
    assert args.command is None and args.data_dir == tmp_path and args.lang == "en"
    args = parse_arguments(["--data-dir", str(tmp_path), "vault", "check"])
    assert args.command == "vault" and args.data_dir == tmp_path
    assert parse_arguments(["--demo"]).demo is True


def test_unknown_language_is_a_one_line_error():
    result = _run("--lang", "de")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


WINDOW_COMMAND_LINES = [
    [],
    ["--demo"],
    ["--data-dir", "/tmp/kluis"],
    ["--data-dir=/tmp/kluis", "--lang=ar"],
    ["--lang", "xx", "--demo", "--data-dir", "map met spaties"],
    ["--lang", "en", "--lang", "pl"],  # the last one wins, as in argparse
    ["--data-dir", "/a", "--data-dir", "/b"],
    ["--data-dir="],
    ["--data", "/tmp/kluis"],  # an abbreviation: argparse's job
    ["--lang", "de"],
    ["--data-dir", "--demo"],
    ["--data-dir"],
    ["vault", "check"],
    ["--version"],
]


def test_quick_window_path_agrees_with_argparse(capsys):
    """Every start skips argparse when it can; the result must be exactly argparse's."""
    import pytest

    from app.cli import parse_arguments

    def with_argparse(argv):
        parser = build_parser()
        try:
            return ("ok", vars(parser.parse_args(argv)))
        except SystemExit as stop:
            return ("exit", stop.code)

    def as_started(argv):
        try:
            return ("ok", vars(parse_arguments(argv)))
        except SystemExit as stop:
            return ("exit", stop.code)

    for argv in WINDOW_COMMAND_LINES:
        expected = with_argparse(argv)
        if expected[0] == "ok" and expected[1].get("command") is None:
            expected[1].setdefault("command", None)
        assert as_started(argv) == expected, argv
    capsys.readouterr()  # argparse's own error lines for the bad ones
    with pytest.raises(SystemExit):
        parse_arguments(["--lang", "de"])
