"""Screenshots of the practice window, mid-session, for docs/screenshots/.

Run under Xvfb so the window is real (or with QT_QPA_PLATFORM=offscreen):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py --size 1366x768
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshots.py --size 1920x1080

A fake clock puts the session exactly where each picture needs it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hipcoach import paths
from hipcoach.core.clock import FakeClock
from hipcoach.core.routines import load_library
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.core.timeline import PhaseKind, SegmentKind, Side
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.wake_timer import session_driver

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def seek(window: MainWindow, clock: FakeClock, want) -> None:
    """Advance the clock in small steps until ``want(snapshot)`` holds."""
    for _ in range(20000):
        snap = window.driver.update()
        if snap is not None and want(snap):
            return
        clock.advance(0.1)
    raise SystemExit("did not reach the wanted moment")


def mid_phase(kind: PhaseKind, side: Side | None = None, at: float = 0.5):
    def want(snap) -> bool:
        m = snap.moment
        return (
            snap.countdown == 0
            and m.phase.kind is kind
            and (side is None or m.segment.side is side)
            and abs(m.progress - at) < 0.03
        )

    return want


def anticlockwise_circles(snap) -> bool:
    """A few seconds into the second direction of a pose done both ways round."""
    m = snap.moment
    return (
        snap.countdown == 0
        and m.segment.side_label == "anticlockwise"
        and m.t - m.segment.start > 4
    )


def shoot(app: QApplication, window: MainWindow, name: str) -> None:
    for _ in range(5):
        app.processEvents()
    path = OUT / name
    window.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--routine", default="desk-sitter-psoas")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("hipcoach")
    OUT.mkdir(parents=True, exist_ok=True)
    library = load_library(paths.assets_dir())
    for scheme in ("light", "dark"):
        clock = FakeClock()
        settings = Settings(
            color_scheme=scheme,
            reduced_motion=False,
            last_routine=args.routine,
            safety_acknowledged=True,
        )
        model = SettingsModel(settings, lambda _s: None)
        window = MainWindow(library, session_driver(clock), model)
        window.setGeometry(0, 0, width, height)
        window.show()
        shoot(app, window, f"picker-{scheme}-{width}.png")
        window.picker.request_start()
        seek(window, clock, anticlockwise_circles)
        shoot(app, window, f"direction-{scheme}-{width}.png")
        seek(window, clock, lambda s: s.moment.segment.kind is SegmentKind.REST)
        clock.advance(2.0)
        window.driver.update()
        shoot(app, window, f"transition-{scheme}-{width}.png")
        seek(window, clock, mid_phase(PhaseKind.INHALE, Side.RIGHT, 0.6))
        shoot(app, window, f"player-{scheme}-{width}.png")
        window.toggle_care()
        shoot(app, window, f"cautions-{scheme}-{width}.png")
        window.toggle_care()
        window.toggle_full_screen()
        seek(window, clock, mid_phase(PhaseKind.EXHALE, Side.LEFT if scheme == "light" else None))
        shoot(app, window, f"mat-{scheme}-{width}.png")
        seek(window, clock, lambda s: s.moment.phase.kind is PhaseKind.SWITCH_SIDES)
        clock.advance(2.0)
        window.driver.update()
        shoot(app, window, f"mat-switch-{scheme}-{width}.png")
        if scheme == "dark":
            window.set_reduced_motion(True, save=False)
            seek(window, clock, mid_phase(PhaseKind.INHALE))
            shoot(app, window, f"mat-reduced-motion-{scheme}-{width}.png")
            window.player.toggle()
            shoot(app, window, f"mat-paused-{scheme}-{width}.png")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
