"""Cold start to the first painted window: hipcoach's MainWindow against a bare QMainWindow.

Each run is a fresh ``python`` process; the time is from just before the process
is launched to the first paint event of the window, read on the system-wide
monotonic clock by both sides. Runs alternate between the two, medians are
reported. Plain script, not a test:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.monotonic(), flush=True)
            QApplication.instance().exit(0)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
watch = FirstPaint()
window.installEventFilter(watch)
window.show()
app.exec()
"""

# For context, not a target: the bare window plus what any hipcoach window needs before
# it can draw (Python importing the core and msgspec, settings, the routine library, and
# PySide6 building its Qt namespace on first use of any Qt enum).
FLOOR = BARE.replace(
    "window = QMainWindow()",
    """from PySide6.QtCore import Qt
Qt.AlignmentFlag
from hipcoach import paths
from hipcoach.core.routines import load_library
from hipcoach.core.settings import SettingsStore
SettingsStore(paths.settings_file()).load()
load_library(paths.assets_dir(), paths.custom_routines_dir(), paths.data_dir() / "patterns.json")
window = QMainWindow()""",
)

# The real composition, as run_gui builds it before the window is shown (the rest waits
# for finish_startup()); the core is imported before Qt, as hipcoach.cli.main does.
HIPCOACH = "import hipcoach.core.routines, hipcoach.core.settings\n" + BARE.replace(
    """window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)""",
    """app.setApplicationName("hipcoach")
from hipcoach.app import Application, Services

window = Application(Services()).window""",
)


def run_once(code: str, env: dict[str, str]) -> float:
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"child failed ({out.returncode}):\n{out.stderr}")
    return float(out.stdout.split()[0]) - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    # An installed app runs from compiled bytecode; a shell that forbids writing it
    # would make every run compile hipcoach from source (~30 ms) and measure that instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["HIPCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="hipcoach-bench-")
    run_once(BARE, env)  # warm the OS file cache for both: this measures cold *processes*
    run_once(HIPCOACH, env)
    bare, floor, ours = [], [], []
    for _ in range(args.runs):
        bare.append(run_once(BARE, env))
        floor.append(run_once(FLOOR, env))
        ours.append(run_once(HIPCOACH, env))
    b, f, o = statistics.median(bare), statistics.median(floor), statistics.median(ours)
    platform = env.get("QT_QPA_PLATFORM") or ("xcb" if env.get("DISPLAY") else "default")
    print(f"platform: {platform}; {args.runs} runs each, medians")
    print(
        f"bare QMainWindow   first paint: {b * 1000:7.1f} ms  (runs: "
        + ", ".join(f"{x * 1000:.0f}" for x in bare)
        + ")"
    )
    print(
        f"hipcoach window    first paint: {o * 1000:7.1f} ms  (runs: "
        + ", ".join(f"{x * 1000:.0f}" for x in ours)
        + ")"
    )
    print(
        f"bare + core, library, settings, Qt namespace: {f * 1000:7.1f} ms "
        f"({f / b:.2f}x; the floor for any window that shows the library)"
    )
    ratio = o / b
    print(f"ratio: {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
