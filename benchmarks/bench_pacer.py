"""The practice window while a session runs, against a bare widget repainting one circle.

Both run for the same time in their own process, at the same timer rate
(``player.FRAME_MS``, a precise QTimer). Reported for each: frames painted per
second (frame-timer wake-ups that read the session and refresh
the view) and paint events of the pacer / of the circle, each with its worst
gap, and CPU seconds per wall second (``time.process_time``). Plain script:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python benchmarks/bench_pacer.py

With ``--browser``, the same run also measures ``breathing_page.html`` (a breathing
circle animated with CSS alone) in a real Chromium window of the same size: CPU seconds
per wall second summed over all of the browser's processes, read from ``/proc``, as a
peer people use instead of an app. Needs ``chromium`` on PATH (Linux only).

The pacer skips a repaint when the disc would move less than 1/2000 of its
range (a tenth of a pixel), which happens at the still ends of each breath;
so its paint gaps there are longer than its frame gaps by design.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

mode, seconds, width, height = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
app = QApplication(sys.argv[:1])
from hipcoach.ui.player import FRAME_MS

stamps = []  # paint events of the pacer / the circle
ticks = []  # frame-timer wake-ups

class PaintStamps(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            stamps.append(time.perf_counter())
        return False

class Circle(QWidget):
    # The baseline: one antialiased circle whose size follows the clock.
    def __init__(self):
        super().__init__()
        self.start = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.update)
        self.timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        self.timer.start()

    def paintEvent(self, event):
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#F7F6F2"))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#56B4E9"))
        t = (time.monotonic() - self.start) % 10.0
        r = min(self.width(), self.height()) * (0.15 + 0.3 * abs(5 - t) / 5)
        p.drawEllipse(QPointF(self.width() / 2, self.height() / 2), r, r)
        p.end()

watch = PaintStamps()
if mode == "bare":
    window = Circle()
    window.resize(width, height)
    window.installEventFilter(watch)
    window.show()
else:
    # The whole application as hipcoach composes it, so the cue scheduler, the screen
    # keeper and the history recorder run on every frame too; only the devices are stand-ins.
    from hipcoach import paths
    from hipcoach.app import Application, Services
    from hipcoach.platform.screen_awake import NullScreenAwake
    from hipcoach.platform.sound import RecordingSoundSink
    from hipcoach.platform.speech import Speech

    paths.ensure_data_dir()
    paths.settings_file().write_text(
        '{"get_ready_seconds": 0, "reduced_motion": false, "color_scheme": "light",'
        ' "checkins_enabled": false, "safety_acknowledged": true}'
    )
    app_ = Application(
        Services(sound=RecordingSoundSink(), speech=Speech(None, "bench"),
                 screen_awake=NullScreenAwake("bench"))
    )
    app_.finish_startup()
    library, window = app_.library, app_.window
    window.resize(width, height)
    window.show()
    ids = [r.id for r in library.routines]
    routine = "breath-resonance" if "breath-resonance" in ids else ids[0]
    window.picker.select(routine)
    window.picker.request_start()
    window.player.pacer.installEventFilter(watch)
    app_.driver.subscribe(lambda _update: ticks.append(time.perf_counter()))

def measure():
    global wall0, cpu0
    stamps.clear()
    ticks.clear()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    QTimer.singleShot(round(seconds * 1000), finish)

def finish():
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    frames = [s for s in stamps if s >= wall0]
    gaps = [b - a for a, b in zip(frames, frames[1:])]
    wakes = [s for s in ticks if s >= wall0]
    tick_gaps = [b - a for a, b in zip(wakes, wakes[1:])]
    print(json.dumps({
        "fps": len(frames) / wall,
        "worst_gap_ms": 1000 * max(gaps) if gaps else None,
        "ticks_per_s": len(wakes) / wall,
        "worst_tick_gap_ms": 1000 * max(tick_gaps) if tick_gaps else None,
        "cpu_per_wall": cpu / wall,
        "frames": len(frames),
    }))
    app.quit()

QTimer.singleShot(1000, measure)  # let the window settle before measuring
app.exec()
"""


def run(mode: str, seconds: float, size: tuple[int, int]) -> dict:
    env = dict(os.environ)
    env["HIPCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="hipcoach-bench-")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(seconds), str(size[0]), str(size[1])],
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _session_cpu_ticks(leader: int) -> int:
    """User + system clock ticks of every process in ``leader``'s session."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state is field 3, session 6, utime 14, stime 15.
        if int(fields[3]) == leader:
            total += int(fields[11]) + int(fields[12])
    return total


def run_browser(seconds: float, size: tuple[int, int]) -> dict:
    """CPU per wall second of Chromium showing ``breathing_page.html`` full-window."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("--browser needs chromium on PATH")
    page = (Path(__file__).parent / "breathing_page.html").resolve().as_uri()
    profile = tempfile.mkdtemp(prefix="hipcoach-bench-browser-")
    proc = subprocess.Popen(
        [
            browser,
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={size[0]},{size[1]}",
            "--window-position=0,0",
            "--kiosk",
            page,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(8)  # start-up and the first layout are not what is compared
        hz = os.sysconf("SC_CLK_TCK")
        wall0, ticks0 = time.perf_counter(), _session_cpu_ticks(proc.pid)
        time.sleep(seconds)
        wall, ticks = time.perf_counter() - wall0, _session_cpu_ticks(proc.pid) - ticks0
        return {"cpu_per_wall": ticks / hz / wall}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--runs", type=int, default=1, help="alternating runs; medians")
    parser.add_argument("--browser", action="store_true", help="also a CSS page in Chromium")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "?")
    results: dict[str, list[dict]] = {"bare": [], "hipcoach": [], "browser": []}
    for _ in range(args.runs):
        results["bare"].append(run("bare", args.seconds, size))
        results["hipcoach"].append(run("hipcoach", args.seconds, size))
        if args.browser:
            results["browser"].append(run_browser(args.seconds, size))

    def median(side: str, key: str) -> float:
        return statistics.median(r[key] for r in results[side])

    print(f"platform: {platform}; window {args.size}; {args.seconds:g} s each; {args.runs} runs")
    for name, side in (("bare circle", "bare"), ("hipcoach session", "hipcoach")):
        print(
            f"{name:17s} {median(side, 'fps'):5.1f} paints/s "
            f"(worst gap {max(r['worst_gap_ms'] for r in results[side]):5.1f} ms)  "
            f"{median(side, 'ticks_per_s'):5.1f} frames/s "
            f"(worst gap {max(r['worst_tick_gap_ms'] for r in results[side]):5.1f} ms)  "
            f"CPU {median(side, 'cpu_per_wall'):.3f} s/s"
        )
    ours = median("hipcoach", "cpu_per_wall")
    ratio = ours / median("bare", "cpu_per_wall")
    fps = median("hipcoach", "ticks_per_s")
    print(
        f"fps {fps:.1f} {'OK' if fps >= 58 else 'MISSED'} (target >= 58); "
        f"CPU against the bare circle {ratio:.2f}x {'OK' if ratio <= 1.0 else 'MISSED'}"
        " (target <= 1.0x)"
    )
    if args.browser:
        page = median("browser", "cpu_per_wall")
        print(f"CSS page in Chromium  CPU {page:.3f} s/s (all of its processes)")
        print(
            f"CPU against the CSS page {ours / page:.2f}x "
            f"{'OK' if ours / page <= 0.7 else 'MISSED'} (target <= 0.7x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
