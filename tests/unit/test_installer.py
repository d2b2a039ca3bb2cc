"""The Windows installer script compiles here too (makensis is in Debian), around a stand-in
payload, so a broken script fails a check; and the version has one source."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "vindplaats.nsi"
needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None,
    reason="makensis not installed (apt-get install nsis; .ci/run installs it)",
)


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "installer_build", ROOT / "installer" / "build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stand_in_payload(folder: Path) -> Path:
    """PyInstaller's one-folder layout with dummy files (the real bundle is not Windows here)."""
    (folder / "_internal").mkdir(parents=True)
    for name in ("vindplaats.exe", "vindplaats-cli.exe"):
        (folder / name).write_bytes(b"MZ stand-in")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return folder


def test_the_version_has_one_source():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    build = _build_module()
    assert build.version() == app.__version__ == importlib.metadata.version("vindplaats")
    assert build.numeric_version("0.2.0rc1") == (0, 2, 0, 0)
    assert build.numeric_version("1.12") == (1, 12, 0, 0)


@needs_makensis
def test_installer_compiles_around_a_stand_in_payload(tmp_path):
    payload = _stand_in_payload(tmp_path / "payload")
    out = tmp_path / "Vindplaats-test-installer.exe"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "--nsis-only",
            str(payload),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    # The version resource carries the one version (UTF-16 in a PE file).
    assert app.__version__.encode("utf-16-le") in data
    assert "Vindplaats".encode("utf-16-le") in data
    # The application icon is the installer's icon too (its PNG images are embedded as-is).
    ico = (ROOT / "resources" / "icons" / "vindplaats.ico").read_bytes()
    count = struct.unpack_from("<H", ico, 4)[0]
    for index in range(count):
        size, offset = struct.unpack_from("<II", ico, 6 + 16 * index + 8)
        assert ico[offset : offset + size] in data


@needs_makensis
def test_a_broken_script_fails(tmp_path):
    payload = _stand_in_payload(tmp_path / "payload")
    broken = tmp_path / "broken.nsi"
    broken.write_text(
        SCRIPT.read_text(encoding="utf-8").replace("SectionEnd", "SectionEindigt", 1),
        encoding="utf-8",
    )
    for script, defines in ((broken, [f"-DVERSION={app.__version__}"]), (SCRIPT, [])):
        result = subprocess.run(
            [
                "makensis",
                "-V2",
                "-WX",
                *defines,
                f"-DPAYLOAD={payload}",
                f"-DOUTFILE={tmp_path / 'x-installer.exe'}",
                str(script),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode != 0
    assert "VERSION ontbreekt" in result.stdout + result.stderr  # no silent 0.0.0 build


def test_the_vault_is_removed_only_when_ticked_and_never_silently():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\Vindplaats"' in text
    assert '"--demo"' in text  # the training-mode shortcut
    removals = [m.start() for m in re.finditer(r'RMDir /r "\$\{DATADIR\}"', text)]
    assert len(removals) == 1
    section = text.rfind("Section /o", 0, removals[0])
    block = text[section : removals[0]]
    assert section > 0 and "SectionEnd" not in block, "only in the off-by-default section"
    assert "IfSilent keep" in block and "MB_DEFBUTTON2" in block
    # The program is removed file by file: a folder the user chose is never wiped.
    assert 'RMDir /r "$INSTDIR"' not in text
    # Every text of our own exists in both languages.
    strings = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", text, re.MULTILINE)
    names = {name for name, _ in strings}
    assert sorted(strings) == sorted((n, lang) for n in names for lang in ("DUTCH", "ENGLISH"))


def test_windows_version_resource_carries_the_one_version(tmp_path):
    build = _build_module()
    text = build.version_info_text("vindplaats-cli", "Vindplaats, opdrachten zonder venster")
    assert f"StringStruct('ProductVersion', {app.__version__!r})" in text
    assert f"filevers={build.numeric_version()}" in text
    # PyInstaller evaluates this text with its own classes (which need pefile, a Windows-only
    # dependency); record the calls with stand-ins to check it is that expression.
    calls: dict[str, list] = {}

    def recorder(name):
        def record(*args, **kwargs):
            calls.setdefault(name, []).append((args, kwargs))
            return name

        return record

    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    path = build.write_version_files(tmp_path) / "vindplaats-cli.txt"
    eval(path.read_text("utf-8"), {name: recorder(name) for name in names})  # noqa: S307
    assert calls["FixedFileInfo"][0][1]["prodvers"] == build.numeric_version()
    strings = dict(args for args, _kw in calls["StringStruct"])
    assert strings["OriginalFilename"] == "vindplaats-cli.exe"
    assert strings["FileVersion"] == app.__version__
    assert strings["LegalCopyright"] == "EUPL-1.2"


def test_the_size_list_groups_qt_by_module_and_plugin_folder(tmp_path, capsys):
    build = _build_module()
    group = build._size_group
    assert group(Path("_internal/PySide6/Qt/lib/libQt6Gui.so.6")) == "Qt: Qt6Gui"
    assert group(Path("_internal/PySide6/Qt6Gui.dll")) == "Qt: Qt6Gui"
    assert group(Path("_internal/PySide6/plugins/platforms/qwindows.dll")) == "Qt plugins/platforms"
    assert group(Path("_internal/PySide6/Qt/translations/qtbase_nl.qm")) == "Qt translations"
    assert group(Path("_internal/babel/locale-data/nl.dat")) == "babel"
    assert group(Path("_internal/python311.dll")) == "python311"
    folder = tmp_path / "bundle"
    (folder / "_internal" / "babel").mkdir(parents=True)
    (folder / "_internal" / "babel" / "a.dat").write_bytes(b"x" * 3000)
    (folder / "vindplaats").write_bytes(b"x" * 1000)
    assert build.report_sizes(folder) == 4000
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("bundle: 0.0 MB unpacked in 2 files")
    assert out[1].endswith("babel") and out[2].endswith("vindplaats")
