"""Frozen start-up: the PyInstaller bundle's first window against a bare PySide6 window frozen
with the same spec (not part of the test run; it freezes twice, so it takes a few minutes).

    .venv/bin/pip install pyinstaller
    nice -n 10 .venv/bin/python tests/perf/bench_frozen_start.py [--runs 21] [--no-build]

Both bundles come from ``installer/vindplaats.spec`` through ``installer/build.py``; the bare
one only swaps the entry script (``VINDPLAATS_ENTRY``) for a ``QMainWindow`` of the same size,
so it carries the same libraries, data and Python archive. Each run starts a fresh process on
a private Xvfb display and stops the clock when Qt receives the window's first ``Expose``
event (Qt's own ``qt.qpa.events`` log line on stderr, the same for both); the process is then
ended. Runs alternate between the two, after one warm-up each, so drift hits both alike.
The real app opens on its lock screen (a vault exists), as a daily start does.

Prints one JSON object: medians, best runs, the ratio and both bundle sizes, the CPU time
each process had used by its first window (Linux; steadier than the wall clock when other
work shares the machine), and for
reference the same bare window run by the venv's Python (not frozen). ``--no-build``
reuses the last bundles (``installer/dist/vindplaats`` and ``installer/build/bench/dist``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BARE_DIST = ROOT / "installer" / "build" / "bench" / "dist"
BARE_WORK = ROOT / "installer" / "build" / "bench" / "work"
MARKER = "XCB_EXPOSE"
TIMEOUT_S = 60

BARE_WINDOW = '''"""A bare PySide6 window: the yardstick for the frozen start-up benchmark."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()
sys.exit(app.exec())
'''


def _build_module():
    path = ROOT / "installer" / "build.py"
    spec = importlib.util.spec_from_file_location("installer_build", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb not found (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as handle:
        number = handle.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def _cpu_ms(pid: int) -> float:
    """CPU time the process has used so far, all its threads (Linux schedstat, in ns)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e6


def time_to_first_window(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from starting ``command`` until Qt handles its first Expose event: wall
    clock, and CPU time used by then (less sensitive to other load on a shared machine)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    try:
        deadline = started + TIMEOUT_S
        for line in process.stderr:
            if MARKER in line:
                wall = (time.perf_counter() - started) * 1000
                return wall, _cpu_ms(process.pid)
            if time.perf_counter() > deadline:
                break
        raise SystemExit(f"no window from {command[0]} (exit code {process.poll()})")
    finally:
        process.kill()
        process.wait()


def _size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1e6, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--no-build", action="store_true", help="reuse the last two bundles")
    parser.add_argument(
        "--app", type=Path, help="measure this frozen folder instead (implies --no-build)"
    )
    args = parser.parse_args()
    build = _build_module()
    app_dir = args.app or build.DIST / "vindplaats"
    bare_dir = BARE_DIST / "vindplaats"
    if not (args.no_build or args.app):
        BARE_WORK.mkdir(parents=True, exist_ok=True)
        entry = BARE_WORK / "bare_window.py"
        entry.write_text(BARE_WINDOW, encoding="utf-8")
        build.freeze()
        build.freeze(entry=entry, dist=BARE_DIST, work=BARE_WORK)
    for folder in (app_dir, bare_dir):
        if not (folder / "vindplaats").exists():
            raise SystemExit(f"no bundle in {folder}: run without --no-build")

    from app.store.vault import Vault

    server, display = _start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="vindplaats-frozen-start-") as tmp:
            data_dir = Path(tmp) / "vault"
            Vault(data_dir).create("benchmark fictieve zin met genoeg woorden")
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("QT_", "WAYLAND_"))
            }
            env.update(
                DISPLAY=display,
                QT_QPA_PLATFORM="xcb",
                QT_LOGGING_RULES="qt.qpa.events=true",
                HOME=tmp,  # preferences, caches and logs of both stay in the temporary folder
                XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                XDG_CACHE_HOME=str(Path(tmp) / "cache"),
            )
            bare_cmd = [str(bare_dir / "vindplaats")]
            app_cmd = [str(app_dir / "vindplaats"), "--data-dir", str(data_dir)]
            # For reference only: the same bare window, not frozen (python -c, as bench.py).
            plain_cmd = [sys.executable, "-c", BARE_WINDOW]
            for command in (bare_cmd, app_cmd, plain_cmd):  # warm the file cache
                time_to_first_window(command, env)
            bare, app, plain = [], [], []
            for _ in range(args.runs):
                bare.append(time_to_first_window(bare_cmd, env))
                app.append(time_to_first_window(app_cmd, env))
                plain.append(time_to_first_window(plain_cmd, env))
    finally:
        server.kill()
        server.wait()
    bare_ms, app_ms = statistics.median(w for w, _c in bare), statistics.median(w for w, _c in app)
    bare_cpu, app_cpu = (
        statistics.median(c for _w, c in bare),
        statistics.median(c for _w, c in app),
    )
    print(
        json.dumps(
            {
                "frozen_start_to_lock_screen_ms": round(app_ms, 1),
                "frozen_bare_pyside6_window_ms": round(bare_ms, 1),
                "frozen_start_ratio": round(app_ms / bare_ms, 2),
                "frozen_start_best_ms": round(min(w for w, _c in app), 1),
                "frozen_bare_best_ms": round(min(w for w, _c in bare), 1),
                "frozen_start_cpu_ms": round(app_cpu, 1),
                "frozen_bare_cpu_ms": round(bare_cpu, 1),
                "frozen_start_cpu_ratio": round(app_cpu / bare_cpu, 2),
                "unfrozen_bare_pyside6_window_ms": round(
                    statistics.median(w for w, _c in plain), 1
                ),
                "runs": args.runs,
                "app_bundle_mb": _size_mb(app_dir),
                "bare_bundle_mb": _size_mb(bare_dir),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
