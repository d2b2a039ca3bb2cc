"""Benchmarks (not part of the test run). Prints one JSON object with every figure.

    .venv/bin/python tests/perf/bench.py [--only start,store,signals,referral]

Start-up is measured in fresh processes (median of 21 alternating runs, best also shown),
the bare PySide6 window the same way in the same run, so the ratio is fair on any machine.
Our modules are compiled to bytecode first, as ``pip install`` and the PyInstaller build
ship them: PySide6 comes compiled from its wheel, and a source tree run with
PYTHONDONTWRITEBYTECODE set would otherwise recompile every module of ours at every start.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RUNS = 5
START_RUNS = 21  # start-up is noisy on a shared 2-core machine

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.resize(1100, 720); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""

APP_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from app.cli import parse_arguments  # as `vindplaats` does: parse, then build the window
args = parse_arguments(["--data-dir", sys.argv[1]])
from app.paths import default_data_dir
default = default_data_dir()  # a plain start looks this up (platformdirs); pay for it here too
from app.ui.run import build_gui
app, w = build_gui(args.data_dir or default)
w.show()
assert w.stack.currentWidget() is w.lock_screen
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""

RSS_AFTER_UNLOCK = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from app.ui.run import build_gui
app, w = build_gui(Path(sys.argv[1]))
w.show()
session = w.vault.unlock(sys.stdin.readline().rstrip("\\n"))
w._enter(session)
app.processEvents()
def report():
    rss_kb = 0
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    print(rss_kb / 1024, flush=True)
    app.quit()
QTimer.singleShot(200, report)
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    return env


def _time_process(script: str, *args: str) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
        timeout=120,
    ).stdout
    shown = float(out.strip().splitlines()[-1])
    return (shown - started) * 1000


def bench_start(workdir: Path, passphrase: str) -> dict[str, float]:
    data_dir = workdir / "start"
    from app.store.vault import Vault

    Vault(data_dir).create(passphrase)
    compileall.compile_dir(str(ROOT / "app"), quiet=1)  # as installed (see the docstring)
    # Warm the OS file cache once for both, then alternate so drift hits both equally.
    _time_process(BARE_WINDOW)
    _time_process(APP_WINDOW, str(data_dir))
    bare, app = [], []
    for _ in range(START_RUNS):
        bare.append(_time_process(BARE_WINDOW))
        app.append(_time_process(APP_WINDOW, str(data_dir)))
    rss = subprocess.run(
        [sys.executable, "-c", RSS_AFTER_UNLOCK, str(data_dir)],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
        timeout=120,
    ).stdout
    bare_ms = statistics.median(bare)
    app_ms = statistics.median(app)
    return {
        "start_to_lock_screen_ms": round(app_ms, 1),
        "bare_pyside6_window_ms": round(bare_ms, 1),
        "start_ratio": round(app_ms / bare_ms, 2),
        "start_to_lock_screen_best_ms": round(min(app), 1),
        "bare_pyside6_window_best_ms": round(min(bare), 1),
        "rss_after_unlock_mb": round(float(rss.strip().splitlines()[-1]), 1),
    }


def bench_unlock(workdir: Path, passphrase: str) -> dict[str, float]:
    from app.store.vault import Vault

    data_dir = workdir / "unlock"
    vault = Vault(data_dir)
    vault.create(passphrase)
    kdf, rest = [], []
    Vault(data_dir).unlock(passphrase).close()  # warm-up
    for _ in range(RUNS):
        fresh = Vault(data_dir)
        session = fresh.unlock(passphrase)
        kdf.append(fresh.last_unlock_timings["kdf"] * 1000)
        rest.append(fresh.last_unlock_timings["rest"] * 1000)
        session.close()
    return {
        "unlock_kdf_ms": round(statistics.median(kdf), 1),
        "unlock_rest_ms": round(statistics.median(rest), 1),
    }


def _optional(module: str, workdir: Path) -> dict[str, object]:
    try:
        mod = __import__(module)
    except ModuleNotFoundError:
        return {}
    return mod.run(workdir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="start,store,signals,referral,merge")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    passphrase = "benchmark fictieve zin met genoeg woorden"
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="vindplaats-bench-") as tmp:
        workdir = Path(tmp)
        if "store" in parts:
            results.update(bench_unlock(workdir, passphrase))
        if "start" in parts:
            results.update(bench_start(workdir, passphrase))
        if "signals" in parts:
            results.update(_optional("bench_signals", workdir / "signals"))
        if "referral" in parts:
            results.update(_optional("bench_referral", workdir / "referral"))
        if "merge" in parts:  # merge_500/1000/5000_ms and peak memory (takes a few minutes)
            import bench_signals

            results.update(bench_signals.run_merge_scale(workdir / "signals"))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
