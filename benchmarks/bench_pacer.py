"""The practice window while a session runs, against a bare widget repainting one circle.

Both run for the same time in their own process, at the same timer rate
(``player.FRAME_MS``, a precise QTimer). Reported for each: frames painted per
second (frame-timer wake-ups that read the session and refresh
the view) and paint events of the pacer / of the circle, each with its worst
gap, and CPU seconds per wall second (``time.process_time``). Plain script:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python benchmarks/bench_pacer.py

The pacer skips a repaint when the disc would move less than 1/2000 of its
range (a tenth of a pixel), which happens at the still ends of each breath;
so its paint gaps there are longer than its frame gaps by design.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "?")
    bare = run("bare", args.seconds, size)
    ours = run("hipcoach", args.seconds, size)
    print(f"platform: {platform}; window {args.size}; {args.seconds:g} s each")
    for name, r in (("bare circle", bare), ("hipcoach session", ours)):
        print(
            f"{name:17s} {r['fps']:5.1f} paints/s (worst gap {r['worst_gap_ms']:5.1f} ms)  "
            f"{r['ticks_per_s']:5.1f} frames/s (worst gap {r['worst_tick_gap_ms']:5.1f} ms)  "
            f"CPU {r['cpu_per_wall']:.3f} s/s"
        )
    ratio = ours["cpu_per_wall"] / bare["cpu_per_wall"]
    fps_ok = ours["ticks_per_s"] >= 55
    print(
        f"fps {'OK' if fps_ok else 'MISSED'} (target >= 55); "
        f"CPU ratio {ratio:.2f}x {'OK' if ratio <= 1.5 else 'MISSED'} (target <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
