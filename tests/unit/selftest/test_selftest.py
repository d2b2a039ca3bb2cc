"""``vindplaats self-test``: run as IT support would, in a fresh process without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.selftest import CHECKS

ROOT = Path(__file__).resolve().parents[3]


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.pop("WAYLAND_DISPLAY", None)
    # A user data folder that must stay untouched: the self-test works in a temporary folder.
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    env["XDG_CACHE_HOME"] = str(tmp_path / "home" / "cache")
    return env


def test_self_test_passes_and_prints_one_timed_line_per_check(tmp_path):
    report = tmp_path / "zelftest.txt"
    result = subprocess.run(
        [sys.executable, "-m", "app", "self-test", "--report", str(report)],
        cwd=ROOT,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(CHECKS) + 2
    assert lines[0].startswith("Vindplaats ") and "vanuit Python" in lines[0]
    for (name, _check), line in zip(CHECKS, lines[1:], strict=False):
        assert line.startswith("ok"), line
        assert f" {name} " in line and " ms " in line, line
    assert "platform offscreen" in result.stdout  # it chose offscreen itself: no display here
    assert "SQLCipher 4." in result.stdout
    assert "'Cancel' wordt 'Annuleren'" in result.stdout
    assert lines[-1].startswith("zelftest geslaagd")
    assert result.stderr == ""
    assert report.read_text(encoding="utf-8").splitlines() == lines
    assert not (tmp_path / "home" / "data").exists(), "the user's data folder was touched"


def test_a_failing_check_is_named_and_the_exit_code_is_not_zero(tmp_path, monkeypatch, capsys):
    from app.cli import main

    # A build that forgot Qt's translations: the folder Qt looks in is empty.
    monkeypatch.setattr("app.ui.i18n_qt.qt_translations_dir", lambda: str(tmp_path))
    code = main(["self-test", "--only", "vertalingen", "--only", "qt-vertalingen"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[1].startswith("ok") and " vertalingen " in out[1]
    assert out[2].startswith("FOUT") and "qtbase_nl.qm ontbreekt" in out[2]
    assert out[-1] == "zelftest mislukt: qt-vertalingen"


def test_unknown_check_name_is_one_line(capsys):
    from app.cli import main

    assert main(["self-test", "--only", "alles"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "onbekende controle: alles" in err
