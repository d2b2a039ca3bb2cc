"""Entry point: ``vindplaats`` starts the window; ``vindplaats <opdracht>`` runs headless."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import parse_arguments, run_command

    args = parse_arguments(argv)
    if getattr(args, "command", None):
        return run_command(args)
    from app.ui.run import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
