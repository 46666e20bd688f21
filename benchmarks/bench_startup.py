"""Cold start to the first painted window: the ``hipcoach`` command against a bare QMainWindow.

Each run is a fresh ``python`` process; the time is from just before the process
is launched to the first paint event in its window, read on the system-wide
monotonic clock by both sides. Runs alternate between the two, medians are
reported. Plain script, not a test:

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python benchmarks/bench_startup.py

Run it with the Python of an install made as a person would (``pip install .``, no test
tools): the test tools bring ``typing_extensions``, which msgspec then imports at start.

By default the watcher is a filter on the whole application, the method the targets
in docs/performance.md were set with. ``--watch window`` puts it on the main window
alone: the same moment, without the filter's own cost, which is larger for the bare
window (it is a bigger share of its time) than for hipcoach.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# Both sides watch for the first paint the same way: an application-wide event filter
# that reports the first paint of any widget and ends the process there (``os._exit``:
# nothing after the paint, such as tearing the program down, is counted or waited for).
# It is installed just before the window is shown, because a Python filter on every event
# would otherwise tax the construction of a window with many widgets far more than an
# empty one.
WATCH = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            print(time.monotonic(), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = FirstPaint()
"""

BARE = (
    WATCH
    + r"""
from PySide6.QtWidgets import QMainWindow
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
app.installEventFilter(watch)
window.show()
app.exec()
"""
)

# For context, not a target: the bare window plus what any hipcoach window needs before
# it can draw (Python importing the core and msgspec, settings, the routine library).
FLOOR = (
    "from hipcoach import cli\nimport hipcoach.core.routines, hipcoach.core.settings\n"
    + BARE.replace(
        "window = QMainWindow()",
        """from hipcoach import paths
from hipcoach.core.routines import load_library
from hipcoach.core.settings import SettingsStore
SettingsStore(paths.settings_file()).load()
load_library(paths.assets_dir(), paths.custom_routines_dir(), paths.data_dir() / "patterns.json")
window = QMainWindow()""",
    )
)

# For context, not a target: a window with the same kinds of Qt widgets as hipcoach's first
# frame, and about as many words, written as plain straight-line code (no hipcoach, no
# routine files): what the content itself costs Qt. Everything hipcoach adds beyond this
# is its own Python (imports, the library, building the window).
STOCK = BARE.replace(
    "window = QMainWindow()",
    r"""from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QLabel, QLineEdit, QListWidget, QPushButton, QSplitter,
    QTextBrowser, QVBoxLayout,
)
window = QMainWindow()
for menu in ("File", "Session", "Routines", "History", "View", "Help"):
    window.menuBar().addMenu(menu).addAction(menu + " action")
left, right = QWidget(), QWidget()
lbox, rbox = QVBoxLayout(left), QVBoxLayout(right)
lbox.addWidget(QLineEdit())
tags = QComboBox()
tags.addItems(["All routines", "breath only", "hips", "psoas", "floor", "chair"])
lbox.addWidget(tags)
routines = QListWidget()
routines.setWordWrap(True)
routines.addItems(
    [f"Routine number {i}\n{5 + i} min · breath only, short, beginner, no lying on back, "
     "no kneeling, no holds" for i in range(19)]
)
lbox.addWidget(routines)
def bold(widget, scale):
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)
    return widget
rbox.addWidget(bold(QLabel("Desk-sitter psoas and hip flexors"), 1.8))
rbox.addWidget(QLabel("11 min · psoas, hips, floor, no holds"))
details = QTextBrowser()
details.setHtml(
    "<p>" + "Ten minutes for the front of the hips after a day in a chair. " * 4 + "</p>"
    + "<h3>You'll need</h3><ul><li>A folded blanket</li><li>A yoga block</li></ul>"
    + "<h3>Steps</h3><table>" + "".join(
        f"<tr><td>{i}.</td><td><b>Kneeling hip-flexor stretch</b> (each side)</td>"
        f"<td>2:24</td><td>Longer exhale 4 / 6</td></tr>" for i in range(1, 11)
    ) + "</table><h3>Take care</h3><ul>"
    + "<li>Hold a chair if your balance is unsteady</li>" * 9 + "</ul>"
)
rbox.addWidget(details)
def button(text):
    made = QPushButton()
    made.setText(text)
    return made
grid = QGridLayout()
for row, question in enumerate(("How tight do your hips feel?", "How calm do you feel?")):
    grid.addWidget(QLabel(question), row, 0)
    for value in range(1, 6):
        grid.addWidget(button(str(value)), row, value)
    grid.addWidget(QLabel("1 = loose, 5 = very tight"), row, 6)
rbox.addLayout(grid)
rbox.addWidget(bold(button("Start"), 1.5))
rbox.addWidget(QLabel("Space starts the chosen routine."))
splitter = QSplitter()
splitter.addWidget(left)
splitter.addWidget(right)
window.setCentralWidget(splitter)""",
)

# The real start-up, as the `hipcoach` command runs it: hipcoach.launcher.main() with no
# arguments (logging, single-instance check, settings, library, window). The only addition
# is the same first-paint watcher, hooked into MainWindow.show when its module is first
# imported, so nothing is imported earlier or in another order than in a real start.
HIPCOACH = r"""
import importlib.util, os, sys, time

def watch_first_paint(main_window_class):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                print(time.monotonic(), flush=True)
                os._exit(0)
            return False

    show = main_window_class.show

    def show_watched(window):
        QApplication.instance().installEventFilter(FirstPaint(window))
        show(window)

    main_window_class.show = show_watched

class HookMainWindow:  # a meta path finder (importlib.abc would import more)
    def find_spec(self, name, path, target=None):
        if name != "hipcoach.ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_watch(module):
            exec_module(module)
            watch_first_paint(module.MainWindow)

        spec.loader.exec_module = exec_and_watch
        return spec

sys.meta_path.insert(0, HookMainWindow())
from hipcoach.launcher import main
sys.exit(main())
"""


def watching_the_window(code: str) -> str:
    """``code`` with its first-paint watcher on the main window alone.

    Both windows get the first paint event themselves (checked), so this times the same
    moment without a Python filter on every object of the application, which costs the
    bare window about 50 ms of its own (PySide6 builds the Python types, and their enums,
    of every object an event is delivered to).
    """
    changed = code.replace(
        "app.installEventFilter(watch)", "window.installEventFilter(watch)"
    ).replace(
        "QApplication.instance().installEventFilter(FirstPaint(window))",
        "window.installEventFilter(FirstPaint(window))",
    )
    assert changed.count("window.installEventFilter(") == 1, "the watcher moved"
    return changed


def run_once(code: str, env: dict[str, str]) -> float:
    # Let the X server and the previous process's teardown settle: each run should find
    # a quiet machine, whichever program ran before it.
    time.sleep(0.5)
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"child failed ({out.returncode}):\n{out.stderr}")
    return float(out.stdout.split()[0]) - start


def instructions(code: str, env: dict[str, str]) -> int:
    """Instructions one run executes up to its first paint, counted by valgrind's callgrind.

    Unlike milliseconds, the count hardly moves from one run to the next (0.1 %), so it
    tells whether a change to start-up helps, whatever state this machine is in; it does
    not see waiting (disk, the X server) or memory stalls. About 20 s a run.
    """
    with tempfile.TemporaryDirectory(prefix="hipcoach-callgrind-") as folder:
        valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/run.%p"]
        out = subprocess.run(
            [*valgrind, sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if out.returncode != 0:
            raise SystemExit(f"child failed under valgrind ({out.returncode}):\n{out.stderr}")
        counts = []
        for name in os.listdir(folder):
            with open(os.path.join(folder, name)) as report:
                for line in report:
                    if line.startswith("totals:"):
                        counts.append(int(line.split()[1]))
        # Qt may fork a helper (D-Bus's autolaunch) that gets a report of its own.
        return max(counts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--watch",
        choices=("application", "window"),
        default="application",
        help="where the first-paint watcher listens (see the module docstring)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions once each under valgrind instead of timing (see instructions())",
    )
    args = parser.parse_args()
    env = dict(os.environ)
    # An installed app runs from compiled bytecode; a shell that forbids writing it
    # would make every run compile hipcoach from source (~30 ms) and measure that instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["HIPCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="hipcoach-bench-")
    if args.watch == "window":
        bare_code, floor_code, stock_code, ours_code = (
            watching_the_window(c) for c in (BARE, FLOOR, STOCK, HIPCOACH)
        )
    else:
        bare_code, floor_code, stock_code, ours_code = BARE, FLOOR, STOCK, HIPCOACH
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
        # Always watching the window: with a filter on the whole application, what it is
        # handed depends on timing, which valgrind slows fifty-fold, so counts would vary.
        programs = {
            "bare QMainWindow": BARE,
            "bare + core, library, settings": FLOOR,
            "same Qt widgets, plain code": STOCK,
            "hipcoach window": HIPCOACH,
        }
        run_once(watching_the_window(HIPCOACH), env)  # bytecode compiled outside the count
        counts = {
            name: instructions(watching_the_window(code), env) for name, code in programs.items()
        }
        base = counts["bare QMainWindow"]
        print("instructions to the first paint, watching the window:")
        for name, count in counts.items():
            print(f"  {name:32s} {count / 1e6:8.1f} M  ({count / base:.2f}x)")
        return 0
    run_once(bare_code, env)  # warm the OS file cache for both: this measures cold *processes*
    run_once(ours_code, env)
    bare, floor, stock, ours = [], [], [], []
    for _ in range(args.runs):
        bare.append(run_once(bare_code, env))
        floor.append(run_once(floor_code, env))
        stock.append(run_once(stock_code, env))
        ours.append(run_once(ours_code, env))
    b, f, o = statistics.median(bare), statistics.median(floor), statistics.median(ours)
    k = statistics.median(stock)
    platform = env.get("QT_QPA_PLATFORM") or ("xcb" if env.get("DISPLAY") else "default")
    print(f"platform: {platform}; {args.runs} runs each, medians; watching the {args.watch}")
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
        f"bare + core, library, settings: {f * 1000:7.1f} ms "
        f"({f / b:.2f}x; the floor for any window that shows the library)"
    )
    stock_paired = statistics.median(x / y for x, y in zip(stock, bare, strict=True))
    print(
        f"same Qt widgets, plain code:    {k * 1000:7.1f} ms ({k / b:.2f}x; paired "
        f"{stock_paired:.2f}x; what the first frame's content costs Qt)"
    )
    # The machine's speed drifts between runs (a virtual machine can jump by 50 %), so
    # each hipcoach run is also compared with the bare run just before it.
    paired = statistics.median(x / y for x, y in zip(ours, bare, strict=True))
    fastest = min(ours) / min(bare)
    ratio = o / b
    print(
        f"ratio of medians: {ratio:.2f}x; median of paired ratios: {paired:.2f}x; "
        f"ratio of fastest runs: {fastest:.2f}x"
    )
    # The verdict reads the paired ratio: both halves of a pair ran within a second of
    # each other, so the machine's drift cancels; the unpaired medians do not cancel it.
    print(f"target <= 1.3x (paired): {'OK' if paired <= 1.3 else 'MISSED'} ({paired:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
