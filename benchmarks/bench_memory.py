"""Resident memory over a 60-minute session, played on a fast fake clock.

The real application (window, driver, recorder with its checkpoints, cue player with a
recording sound sink) plays a built-in routine; "Hold 15 s longer" is pressed whenever
less than a minute is left, so one session lasts the full hour. The fake clock moves
``--step`` seconds per frame and every frame is drawn (``processEvents``), so an hour
takes a minute or two of real time instead of sixty. Resident memory (VmRSS) is read
every simulated five minutes. Plain script, not a test:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_memory.py

What it does not reproduce: an hour of real time (Qt's own caches that age by wall
time) and real audio output.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--step", type=float, default=0.25, help="simulated seconds per frame")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    from hipcoach import paths

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ[paths.DATA_DIR_ENV] = tempfile.mkdtemp(prefix="hipcoach-bench-")

    from PySide6.QtWidgets import QApplication

    from hipcoach.app import Application, Services
    from hipcoach.core.clock import FakeClock
    from hipcoach.platform.screen_awake import NullScreenAwake
    from hipcoach.platform.sound import RecordingSoundSink
    from hipcoach.platform.speech import Speech

    qt_app = QApplication([])
    paths.ensure_data_dir()
    paths.settings_file().write_text(
        '{"get_ready_seconds": 0, "reduced_motion": false, "color_scheme": "light",'
        ' "checkins_enabled": false, "safety_acknowledged": true}'
    )
    clock = FakeClock()
    app = Application(
        Services(
            clock=clock,
            sound=RecordingSoundSink(),
            speech=Speech(None, "bench"),
            screen_awake=NullScreenAwake("bench"),
        )
    )
    app.finish_startup()
    width, height = (int(v) for v in args.size.split("x"))
    app.window.resize(width, height)
    app.window.show()
    qt_app.processEvents()
    app.window.picker.select("breath-resonance")
    app.window.picker.request_start()
    driver = app.driver
    assert driver.active, "the session did not start"
    samples = [(0.0, rss_mb())]
    total = args.minutes * 60
    next_sample = 300.0
    elapsed = 0.0
    while elapsed < total:
        clock.advance(args.step)
        elapsed += args.step
        snap = driver.update()
        if snap is not None and snap.moment.routine_left < 60:
            driver.extend()
        qt_app.processEvents()
        if elapsed >= next_sample:
            samples.append((elapsed / 60, rss_mb()))
            next_sample += 300.0
    assert driver.active, "the session ended before the hour was up"
    print(
        json.dumps(
            {
                "minutes": args.minutes,
                "rss_mb": [(round(m, 1), round(mb, 1)) for m, mb in samples],
                "start_mb": round(samples[0][1], 1),
                "end_mb": round(samples[-1][1], 1),
                "max_mb": round(max(mb for _, mb in samples), 1),
                "sounds_played": len(app.sound.played),
            }
        )
    )
    driver.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
