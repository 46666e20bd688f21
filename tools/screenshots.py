"""Screenshots of the whole app for docs/screenshots/: the list, a session, mat mode,
the end screen and the history, in light and dark.

Run under Xvfb so the window is real (or with QT_QPA_PLATFORM=offscreen):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py --size 1366x768
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshots.py --size 1920x1080

`--lang es` takes them in Spanish (files named `picker-es-…`); `--out DIR` writes them
somewhere else, to look at a language or a change without touching docs/screenshots.

The app is built as it runs, in a scratch data folder with a few weeks of made-up
history, silent, and with a fake clock that puts each session exactly where its
picture needs it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
from PySide6.QtWidgets import QApplication

from hipcoach import i18n, paths
from hipcoach.core.clock import FakeClock
from hipcoach.core.history_format import CheckIn, SessionRecord, new_session_id
from hipcoach.core.settings import Settings
from hipcoach.core.timeline import PhaseKind, SegmentKind, Side

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


class StayAwake:
    """The screen-awake service, as a desktop that grants it."""

    failure_reason = ""

    def inhibit(self, _reason: str) -> bool:
        return True

    def release(self) -> None:
        pass


def seek(app, clock: FakeClock, want) -> None:
    """Advance the clock in small steps until ``want(snapshot)`` holds."""
    for _ in range(20000):
        snap = app.driver.update()
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
        and m.segment.side_label == i18n.content_text("anticlockwise")
        and m.t - m.segment.start > 4
    )


def shoot(qt_app: QApplication, window, name: str, out: Path = OUT) -> None:
    for _ in range(5):
        qt_app.processEvents()
    if i18n.language() != i18n.DEFAULT:
        stem, _, rest = name.partition("-")
        name = f"{stem}-{i18n.language()}-{rest}"
    path = out / name
    window.grab().save(str(path))
    print(path)


def past_sessions(now: datetime) -> list[SessionRecord]:
    """Five weeks of evenings, most of them practised, some with check-ins."""
    rng = random.Random(7)
    titles = (
        ("desk-sitter-psoas", "Desk-sitter psoas and hip flexors", 11),
        ("evening-hip-unwind", "Evening hip unwind", 16),
        ("breath-box", "Box breathing 4-4-4-4", 5),
    )
    records = []
    for days_ago in range(35, 0, -1):
        if rng.random() < 0.3:
            continue
        routine_id, title, minutes = titles[rng.randrange(len(titles))]
        start = (now - timedelta(days=days_ago)).replace(hour=20, minute=15)
        checked = rng.random() < 0.6
        records.append(
            SessionRecord(
                id=new_session_id(),
                started_at=start,
                ended_at=start + timedelta(minutes=minutes),
                routine_id=routine_id,
                routine_title=i18n.content_text(title),  # as it was shown then
                planned_seconds=minutes * 60.0,
                practised_seconds=minutes * 60.0,
                completed=True,
                steps_done=6,
                steps_total=6,
                left_seconds=minutes * 18.0,
                right_seconds=minutes * 17.0,
                checkin_before=CheckIn(4, 2) if checked else None,
                checkin_after=CheckIn(2, 4) if checked else None,
            )
        )
    return records


def build(scheme: str, routine: str, clock: FakeClock, folder: Path):
    from hipcoach.app import Application, Services
    from hipcoach.platform.sound import NullSoundSink
    from hipcoach.platform.speech import Speech

    paths.set_data_dir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        color_scheme=scheme, reduced_motion=False, last_routine=routine, safety_acknowledged=True
    )
    (folder / "settings.json").write_bytes(msgspec.json.encode(settings))
    app = Application(
        Services(
            clock=clock,
            sound=NullSoundSink("no sound in screenshots"),
            speech=Speech(None, "no speech in screenshots"),
            screen_awake=StayAwake(),
        )
    )
    app.finish_startup()
    for record in past_sessions(clock.now().astimezone()):
        app.history.add(record)
    # The screenshots show the app, not the fact that they were taken without sound.
    app.window.notices.dismiss()
    return app


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--routine", default="desk-sitter-psoas")
    parser.add_argument(
        "--lang", help="take the pictures in this language; the files get its code (list-es-…)"
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help="the folder to write to (default: docs/screenshots)"
    )
    args = parser.parse_args()
    if args.lang:
        i18n.request_language(args.lang)
    width, height = (int(v) for v in args.size.split("x"))
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("hipcoach")
    args.out.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        clock = FakeClock(wall=datetime.now().astimezone())
        with tempfile.TemporaryDirectory() as scratch:
            app = build(scheme, args.routine, clock, Path(scratch) / "data")
            window = app.window
            window.setGeometry(0, 0, width, height)
            window.show()
            window.picker.checkin.choose(0, 4)
            shoot(qt_app, window, f"picker-{scheme}-{width}.png", args.out)
            window.picker.checkin.choose(1, 2)
            window.space()
            seek(app, clock, anticlockwise_circles)
            shoot(qt_app, window, f"direction-{scheme}-{width}.png", args.out)
            seek(app, clock, lambda s: s.moment.segment.kind is SegmentKind.REST)
            clock.advance(2.0)
            app.driver.update()
            shoot(qt_app, window, f"transition-{scheme}-{width}.png", args.out)
            seek(app, clock, mid_phase(PhaseKind.INHALE, Side.RIGHT, 0.6))
            shoot(qt_app, window, f"player-{scheme}-{width}.png", args.out)
            window.toggle_care()
            shoot(qt_app, window, f"cautions-{scheme}-{width}.png", args.out)
            window.toggle_care()
            window.toggle_full_screen()
            seek(app, clock, mid_phase(PhaseKind.EXHALE, Side.LEFT if scheme == "light" else None))
            shoot(qt_app, window, f"mat-{scheme}-{width}.png", args.out)
            seek(app, clock, lambda s: s.moment.phase.kind is PhaseKind.SWITCH_SIDES)
            clock.advance(2.0)
            app.driver.update()
            shoot(qt_app, window, f"mat-switch-{scheme}-{width}.png", args.out)
            if scheme == "dark":
                window.set_reduced_motion(True, save=False)
                seek(app, clock, mid_phase(PhaseKind.INHALE))
                shoot(qt_app, window, f"mat-reduced-motion-{scheme}-{width}.png", args.out)
                window.space()
                shoot(qt_app, window, f"mat-paused-{scheme}-{width}.png", args.out)
                window.space()
                window.set_reduced_motion(False, save=False)
            seek(app, clock, mid_phase(PhaseKind.INHALE, None, 0.5))
            window.mute_action.trigger()
            window.player.extend()
            shoot(qt_app, window, f"mat-extended-{scheme}-{width}.png", args.out)
            window.toggle_full_screen()
            window.escape()  # stop: what was practised is kept, and the end screen shows
            window.end_view.answer_key(2)
            window.end_view.answer_key(4)
            shoot(qt_app, window, f"end-{scheme}-{width}.png", args.out)
            app.history_menu.actions()[0].trigger()
            shoot(qt_app, window, f"history-{scheme}-{width}.png", args.out)
            window.close()
            app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
