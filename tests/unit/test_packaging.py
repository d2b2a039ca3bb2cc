"""The installed app (a wheel, as `pip install .` builds it) carries everything it needs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _declared_packages() -> set[str]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return set(tomllib.load(handle)["tool"]["setuptools"]["packages"])


def test_every_code_folder_is_a_declared_package():
    folders = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "app").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    missing = folders - _declared_packages()
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_wheel_contains_code_data_and_translations(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("vindplaats-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())

    def shipped(folder: str, prefix: str) -> set[str]:
        base = ROOT / folder
        return {
            prefix + str(path.relative_to(base)).replace("\\", "/")
            for path in base.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".mo"
        }

    expected = shipped("resources", "app/resources/") | shipped("translations", "app/translations/")
    expected |= {
        "app/" + str(p.relative_to(ROOT / "app")).replace("\\", "/")
        for p in (ROOT / "app").rglob("*")
        if p.is_file() and p.suffix in {".py", ".sql"} and "__pycache__" not in p.parts
    }
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel: {missing[:10]}"
