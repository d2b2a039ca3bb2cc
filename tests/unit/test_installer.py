"""The Windows installer script compiles here too (makensis is in Debian), around a stand-in
payload, so a broken script fails a check; and the version has one source."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
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


# --- what the Linux bundle ships (installer/icu_data.py, installer/prune.py) ----------------

ICU_DATA = (
    Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib" / "libicudata.so.73"
    if sys.platform.startswith("linux")
    else None
)
needs_linux_icu = pytest.mark.skipif(
    ICU_DATA is None or not ICU_DATA.exists() or shutil.which("cc") is None,
    reason="the ICU data library is Linux-only (PySide6's wheel) and is rebuilt with cc",
)


def _installer_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "installer" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icu_keeps_the_five_languages_root_and_everything_not_a_locale():
    icu = _installer_module("icu_data")
    keep = icu.keep_item
    for name in (
        "icudt73l/nl.res",
        "icudt73l/coll/tr.res",
        "icudt73l/curr/pl_PL.res",
        "icudt73l/zone/ar_SA.res",
        "icudt73l/lang/en_GB.res",
        "icudt73l/coll/root.res",
        "icudt73l/pool.res",
        "icudt73l/res_index.res",
        "icudt73l/supplementalData.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/brkitr/line.brk",
        "icudt73l/nfkc.nrm",
    ):
        assert keep(name, 1000), name
    assert keep("icudt73l/ibm-5348_P100-1997.cnv", 3200)  # windows-1252: single-byte, kept
    for name, size in (
        ("icudt73l/de.res", 1000),
        ("icudt73l/coll/zh.res", 1000),
        ("icudt73l/brkitr/cjdict.dict", 2_000_000),
        ("icudt73l/ibm-943_P15A-2003.cnv", 200_000),  # Shift-JIS: multi-byte, dropped
        ("icudt73l/translit/root.res", 1000),
    ):
        assert not keep(name, size), name


def _common_data(items: dict[str, bytes]) -> bytes:
    """A small ICU common-data file in the layout ICU's own tools write."""
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0)
    header = (header + b"CmnD" + bytes([1, 0, 0, 0]) + bytes(4)).ljust(32, b"\0")
    names = b"".join(name.encode() + b"\0" for name in items)
    toc_size = 4 + 8 * len(items)
    offset = toc_size + len(names)
    offset += -(32 + offset) % 16
    toc, body, name_at = [struct.pack("<I", len(items))], b"", toc_size
    for name, blob in items.items():
        toc.append(struct.pack("<II", name_at, offset + len(body)))
        name_at += len(name) + 1
        body += blob + b"\0" * (-len(blob) % 16)
    head = header + b"".join(toc) + names
    return head + b"\xaa" * (-len(head) % 16) + body


def test_icu_filter_keeps_each_kept_item_byte_for_byte():
    icu = _installer_module("icu_data")
    items = {
        "icudt73l/coll/de.res": b"german collation",
        "icudt73l/coll/nl.res": b"dutch collation" * 3,
        "icudt73l/coll/root.res": b"root",
        "icudt73l/uprops.icu": b"properties" * 7,
    }
    data = _common_data(items)
    slim = icu.filter_data(data)
    header_size, toc = icu.read_toc(slim)
    assert header_size == 32 and slim[:32] == data[:32]
    assert [name for name, _start, _end in toc] == [
        "icudt73l/coll/nl.res",
        "icudt73l/coll/root.res",
        "icudt73l/uprops.icu",
    ]
    for name, start, end in toc:
        assert start % 16 == 0
        assert slim[start:end].rstrip(b"\0") == items[name]
    with pytest.raises(ValueError, match="CmnD"):
        icu.read_toc(b"\0" * 64)


QT_BEHAVIOUR = r"""
import json, sys
from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, QStringDecoder, QTime, QTimeZone
from PySide6.QtGui import QFont, QGuiApplication, QTextLayout

app = QGuiApplication(sys.argv[:1])
words = ["Çiçek", "cadde", "İzmir", "ılık", "Ćma", "Łódź", "lody", "IJsland", "Äpfel", "عمر",
         "أحمد", "بدر"]
out = {}
for code in ("nl_NL", "en_GB", "tr_TR", "pl_PL", "ar"):
    locale = QLocale(code)
    out[code] = [
        sorted(words, key=QCollator(locale).sortKey),
        locale.toUpper("istanbul ılık"),
        locale.toLower("İSTANBUL IŞIK"),
        locale.toString(1234567.891, "f", 2),
        locale.toCurrencyString(1234.5),
        locale.toString(QDate(2026, 3, 4), QLocale.FormatType.LongFormat),
    ]
summer = QDateTime(QDate(2026, 7, 1), QTime(12, 0))
out["tz"] = QTimeZone(b"Europe/Amsterdam").displayName(
    summer, QTimeZone.NameType.LongName, QLocale("nl_NL"))
out["windows-1252"] = QStringDecoder("windows-1252").isValid()  # an ICU converter
layout = QTextLayout("سلام عليكم ١٢٣", QFont("DejaVu Sans"))
layout.beginLayout()
layout.createLine().setLineWidth(500)
layout.endLayout()
out["arabic glyphs"] = sorted(list(run.glyphIndexes()) for run in layout.glyphRuns())
print(json.dumps(out, ensure_ascii=False))
"""


@needs_linux_icu
def test_qt_sorts_cases_formats_and_shapes_the_same_with_the_bundles_icu(tmp_path):
    """The bundle's smaller ICU changes nothing the app shows in its five languages."""
    icu = _installer_module("icu_data")
    slim = icu.slim_library(ICU_DATA, tmp_path / "icu")
    assert slim.stat().st_size < 8_000_000 < ICU_DATA.stat().st_size

    def run(preload: Path | None) -> dict:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)  # same soname: QtCore links this one instead
        out = subprocess.run(
            [sys.executable, "-c", QT_BEHAVIOUR],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        ).stdout
        return json.loads(out)

    full, small = run(None), run(slim)
    assert small == full
    assert small["tr_TR"][1] == "İSTANBUL ILIK"  # Turkish dotted capital I
    assert small["nl_NL"][4] == "€\u00a01.234,50"
    assert small["windows-1252"] is True
    assert small["arabic glyphs"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files: Linux only")
def test_only_libraries_something_links_against_are_kept(tmp_path):
    prune = _installer_module("prune")
    qt_lib = ICU_DATA.parent if ICU_DATA else None
    assert qt_lib is not None
    core, widgets = qt_lib / "libQt6Core.so.6", qt_lib / "libQt6Widgets.so.6"
    assert "libicuuc.so.73" in prune.needed(core)
    assert prune.needed(ROOT / "installer" / "build.py") == []
    libraries = {
        path.name: path
        for path in (
            core,
            qt_lib / "libQt6Gui.so.6",
            qt_lib / "libicuuc.so.73",
            qt_lib / "libicudata.so.73",
            qt_lib / "libQt6Pdf.so.6",
        )
        if path.exists()
    }
    linked = prune.reachable(libraries, [widgets])
    assert {"libQt6Core.so.6", "libQt6Gui.so.6", "libicuuc.so.73", "libicudata.so.73"} <= linked
    assert "libQt6Pdf.so.6" not in linked  # nothing here links it: an orphan, left out
    assert "libcups.so.2" in prune.SYSTEM_LIBRARIES


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux, ldd"
)
def test_the_build_stops_when_a_bundled_library_misses_a_dependency(tmp_path, capsys):
    build = _build_module()
    internal = tmp_path / "bundle" / "_internal"
    internal.mkdir(parents=True)
    charts = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"
    shutil.copy(charts / "libQt6Charts.so.6", internal)  # without the Qt libraries it links
    with pytest.raises(SystemExit, match="libQt6Widgets.so.6, needed by libQt6Charts.so.6"):
        build.check_libraries(tmp_path / "bundle")
    for name in (
        "libQt6Widgets.so.6",
        "libQt6Gui.so.6",
        "libQt6Core.so.6",
        "libQt6OpenGL.so.6",
        "libQt6OpenGLWidgets.so.6",
        "libQt6DBus.so.6",
        "libicui18n.so.73",
        "libicuuc.so.73",
        "libicudata.so.73",
    ):
        shutil.copy(charts / name, internal)
    assert build.check_libraries(tmp_path / "bundle") == 10
