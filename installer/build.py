"""Build the frozen app (PyInstaller) and, where makensis exists, the Windows installer.

    python installer/build.py            # freeze, smoke-run, then makensis if available
    python installer/build.py --no-nsis  # freeze and smoke-run only

Run it on Windows for a Windows installer (PyInstaller does not cross-compile). On Linux the
same script produces a Linux folder build, which is how the spec is checked here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "installer" / "build"
DIST = ROOT / "installer" / "dist"


def version() -> str:
    """The one version source, ``app.__version__`` (pyproject.toml reads it too)."""
    namespace: dict[str, object] = {}
    source = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    exec(compile(source, "app/__init__.py", "exec"), namespace)  # noqa: S102 - our own file
    return str(namespace["__version__"])


def numeric_version(text: str | None = None) -> tuple[int, int, int, int]:
    """Four numbers for Windows' version resources: ``0.2.0rc1`` -> ``(0, 2, 0, 0)``."""
    numbers = []
    for part in (text or version()).split(".")[:3]:
        digits = re.match(r"\d+", part)
        numbers.append(int(digits.group()) if digits else 0)
    while len(numbers) < 4:
        numbers.append(0)
    return (numbers[0], numbers[1], numbers[2], numbers[3])


EXECUTABLES = {
    "vindplaats": "Vindplaats voor de vertrouwenspersoon",
    "vindplaats-cli": "Vindplaats, opdrachten zonder venster",
}


def version_info_text(exe_name: str, description: str) -> str:
    """A PyInstaller ``version=`` file (Windows version resource) from the one version."""
    numbers = numeric_version()
    strings = {
        "CompanyName": "Vindplaats",
        "FileDescription": description,
        "FileVersion": version(),
        "InternalName": exe_name,
        "LegalCopyright": "EUPL-1.2",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "Vindplaats",
        "ProductVersion": version(),
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0413 = Dutch (Netherlands), 1200 = Unicode: the table's key is 041304B0.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable('041304B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])]),
  ],
)
"""


def write_version_files(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, description in EXECUTABLES.items():
        (folder / f"{name}.txt").write_text(version_info_text(name, description), "utf-8")
    return folder


def freeze(entry: Path | None = None, dist: Path = DIST, work: Path = BUILD) -> Path:
    """Freeze with the spec into ``dist/vindplaats``; ``entry`` replaces the launcher script
    (the start-up benchmark freezes a bare window with the same spec)."""
    # The spec reads the version files from here (a spec takes no arguments of its own).
    env = dict(os.environ, VINDPLAATS_VERSION_DIR=str(write_version_files(work / "version")))
    if entry is not None:
        env["VINDPLAATS_ENTRY"] = str(entry)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--workpath",
            str(work),
            "--distpath",
            str(dist),
            str(ROOT / "installer" / "vindplaats.spec"),
        ],
        check=True,
        env=env,
    )
    return dist / "vindplaats"


def _size_group(relative: Path) -> str:
    """What a file of the frozen folder belongs to, for the size list."""
    parts = relative.parts[1:] if relative.parts[0] == "_internal" else relative.parts
    name = parts[-1]
    if parts[0] == "PySide6":
        if "plugins" in parts:
            return "Qt plugins/" + parts[parts.index("plugins") + 1]
        if "translations" in parts:
            return "Qt translations"
        qt = re.match(r"(?:lib)?(Qt6\w+?)(?:\.so|\.dll|$)", name)
        if qt:
            return "Qt: " + qt.group(1)
        if name.startswith("libicu") or name.startswith("icu"):
            return "Qt: ICU"
        return "PySide6 (bindings)"
    if len(parts) > 1:
        return parts[0]
    return re.sub(r"(\.so[.\d]*|\.dll|\.pyd)$", "", name)


def report_sizes(folder: Path, top: int = 30) -> int:
    """Print what the frozen folder holds, largest first; return the total in bytes."""
    groups: dict[str, int] = {}
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            key = _size_group(path.relative_to(folder))
            groups[key] = groups.get(key, 0) + size
            total += size
            count += 1
    print(f"bundle: {total / 1e6:.1f} MB unpacked in {count} files; largest parts:")
    for key, size in sorted(groups.items(), key=lambda item: -item[1])[:top]:
        print(f"  {size / 1e6:7.1f} MB  {key}")
    return total


def check_libraries(folder: Path) -> int:
    """Linux: every bundled library's dependencies resolve, in the bundle or on the system.

    The self-test runs offscreen and never prints, so a library only the X11 platform plugin
    or the CUPS print plugin needs would otherwise go missing unnoticed. Returns the number of
    files checked (0 where this does not apply)."""
    ldd = shutil.which("ldd")
    internal = folder / "_internal"
    if not sys.platform.startswith("linux") or ldd is None:
        return 0
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))  # as the bootloader sets it
    missing: dict[str, list[str]] = {}
    count = 0
    for path in sorted(internal.rglob("*.so*")):
        if not path.is_file() or path.is_symlink() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        count += 1
        out = subprocess.run([ldd, str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], []).append(str(path.relative_to(internal)))
    if missing:
        lines = [f"  {name}, needed by {', '.join(users)}" for name, users in missing.items()]
        raise SystemExit("libraries not found:\n" + "\n".join(lines))
    print(f"libraries: the dependencies of all {count} resolve")
    return count


def smoke_run(folder: Path) -> None:
    """The frozen app must answer --version and pass its own self-test (see app/selftest.py)."""
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = folder / f"vindplaats-cli{suffix}"
    out = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True)
    print("frozen:", out.stdout.strip())
    result = subprocess.run(
        [str(cli), "self-test"], capture_output=True, encoding="utf-8", errors="replace"
    )
    print(result.stdout, end="")
    if result.returncode != 0:
        print(result.stderr, end="", file=sys.stderr)
        raise SystemExit(f"frozen self-test failed (exit code {result.returncode})")


def installer(folder: Path, out: Path | None = None) -> Path | None:
    """Wrap the frozen ``folder`` with NSIS; warnings count as errors (``-WX``)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        print("makensis not found: skipping the installer")
        return None
    out = (out or DIST / f"Vindplaats-{version()}-setup.exe").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()  # makensis reads relative paths from the script's folder
    if not any((folder / name).exists() for name in ("vindplaats.exe", "vindplaats")):
        raise SystemExit(f"not a frozen Vindplaats folder: {folder}")
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",
            f"-DVERSION={version()}",
            "-DVIVERSION=" + ".".join(str(n) for n in numeric_version()),
            f"-DPAYLOAD={folder}",
            f"-DOUTFILE={out}",
            str(ROOT / "installer" / "vindplaats.nsi"),
        ],
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"makensis failed (exit code {result.returncode})")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-nsis", action="store_true", help="freeze and smoke-run only")
    parser.add_argument(
        "--nsis-only",
        metavar="PAYLOAD",
        type=Path,
        help="only compile the installer around this folder (e.g. a stand-in with a dummy "
        "vindplaats.exe, to check the NSIS script on Linux)",
    )
    parser.add_argument("--out", type=Path, help="where the installer goes")
    args = parser.parse_args()
    if args.nsis_only:
        built = installer(args.nsis_only, args.out)
        if built is None:
            return 1
        print(f"installer: {built} ({built.stat().st_size / 1e6:.1f} MB)")
        return 0
    folder = freeze()
    report_sizes(folder)
    check_libraries(folder)
    smoke_run(folder)
    if not args.no_nsis:
        built = installer(folder)
        if built:
            print(f"installer: {built} ({built.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
