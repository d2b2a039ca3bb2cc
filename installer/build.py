"""Build the frozen app (PyInstaller) and, where makensis exists, the Windows installer.

    python installer/build.py            # freeze, smoke-run, then makensis if available
    python installer/build.py --no-nsis  # freeze and smoke-run only

Run it on Windows for a Windows installer (PyInstaller does not cross-compile). On Linux the
same script produces a Linux folder build, which is how the spec is checked here.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "installer" / "build"
DIST = ROOT / "installer" / "dist"


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def freeze() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--workpath",
            str(BUILD),
            "--distpath",
            str(DIST),
            str(ROOT / "installer" / "vindplaats.spec"),
        ],
        check=True,
    )
    return DIST / "vindplaats"


def smoke_run(folder: Path) -> None:
    """The frozen app must answer --version and create + check a vault headless."""
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = folder / f"vindplaats-cli{suffix}"
    out = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True)
    print("frozen:", out.stdout.strip())
    with tempfile.TemporaryDirectory() as tmp:
        passphrase = "rooktest fictieve kluis met lange zin\n"  # noqa: S105 - throwaway vault
        subprocess.run(
            [str(cli), "vault", "init", "--data-dir", tmp],
            input=passphrase,
            capture_output=True,
            text=True,
            check=True,
        )
        subprocess.run(
            [str(cli), "vault", "check", "--data-dir", tmp],
            input=passphrase,
            capture_output=True,
            text=True,
            check=True,
        )
    print("frozen: vault init + check ok")


def installer(folder: Path) -> Path | None:
    makensis = shutil.which("makensis")
    if makensis is None:
        print("makensis not found: skipping the installer")
        return None
    out = DIST / f"Vindplaats-{version()}-setup.exe"
    subprocess.run(
        [
            makensis,
            f"-DVERSION={version()}",
            f"-DSOURCE={folder}",
            f"-DOUTFILE={out}",
            str(ROOT / "installer" / "vindplaats.nsi"),
        ],
        check=True,
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-nsis", action="store_true")
    args = parser.parse_args()
    folder = freeze()
    smoke_run(folder)
    if not args.no_nsis:
        built = installer(folder)
        if built:
            print(f"installer: {built} ({built.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
