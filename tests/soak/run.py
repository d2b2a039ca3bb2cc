"""The long kill -9 soak: ``python -m tests.soak.run --cycles 200``.

Prints one JSON line with the figures (and progress on stderr); exit code 1 when anything
acknowledged was lost or any check failed. See the README, "Soak test (kill -9)".
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from tests.soak.harness import Figures, run_soak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak.run")
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=None, help="keep the vault and logs here")
    parser.add_argument(
        "--with",
        dest="modules",
        action="append",
        default=[],
        help="also load the operations in this module (e.g. tests.soak.ops_more)",
    )
    args = parser.parse_args(argv)
    run_dir = args.dir or Path(tempfile.mkdtemp(prefix="vindplaats-soak-"))

    def progress(figures: Figures) -> None:
        if figures.cycles % 10 == 0:
            print(
                f"{figures.cycles} cycles, {figures.acknowledged_ops} acknowledged, "
                f"{figures.lost_ops} lost, {len(figures.problems)} problems",
                file=sys.stderr,
                flush=True,
            )

    try:
        figures = run_soak(
            run_dir, args.cycles, seed=args.seed, modules=args.modules, progress=progress
        )
    finally:
        if args.dir is None:
            shutil.rmtree(run_dir, ignore_errors=True)
    print(json.dumps(figures.to_json(), ensure_ascii=False))
    return 0 if figures.clean else 1


if __name__ == "__main__":
    sys.exit(main())
