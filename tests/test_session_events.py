"""The one place session changes are found: two snapshots in, what happened out."""

from hipcoach.core.session_events import (
    CountdownSecond,
    Finished,
    Mark,
    PartStarted,
    Paused,
    PhaseStarted,
    Resumed,
    SideSwitched,
    Started,
    Stopped,
    Suspended,
    changes,
)
from hipcoach.core.timeline import PhaseKind, Side
from routine_factory import session

BOX = {"kind": "breath", "pattern": "box", "cycles": 2}  # phases every 4 s, 32 s
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 10, "switch_seconds": 2}


class Readings:
    """Reads a session on a fake clock; ``step`` returns the event types since the last reading."""

    def __init__(self, *steps, get_ready=0.0):
        self.session, self.clock = session(*steps, get_ready=get_ready)
        self.last = None

    def step(self, seconds=0.0):
        self.clock.advance(seconds)
        after = self.session.update()
        events = changes(self.last, after)
        self.last = after
        return events


def kinds(events):
    return [type(e) for e in events]


def test_starting_counts_down_then_begins_the_first_part_and_phase():
    r = Readings(BOX, get_ready=3)
    r.session.start()
    assert r.step() == (Started(), CountdownSecond(3))
    assert r.step(0.5) == ()
    assert r.step(0.6) == (CountdownSecond(2),)
    assert r.step(1.0) == (CountdownSecond(1),)
    events = r.step(1.0)
    assert kinds(events) == [PartStarted, PhaseStarted]
    assert events[0].previous is None and events[0].segment.index == 0
    assert events[1].phase.kind is PhaseKind.INHALE


def test_equal_readings_and_readings_within_a_phase_report_nothing():
    r = Readings(BOX)
    r.session.start()
    r.step()
    assert r.step() == ()
    assert r.step(1.0) == ()


def test_a_late_reading_over_several_boundaries_reports_where_the_session_is_now():
    r = Readings(BOX)
    r.session.start()
    r.step()
    events = r.step(9.0)  # over the hold (4 s) into the exhale (8 s)
    assert kinds(events) == [PhaseStarted]
    assert events[0].phase.kind is PhaseKind.EXHALE


def test_pause_resume_and_sleep():
    r = Readings(BOX)
    r.session.start()
    r.step(1.0)
    r.session.pause()
    assert r.step(5.0) == (Paused(),)
    assert r.step(60.0) == ()
    r.session.resume()
    assert r.step() == (Resumed(),)
    r.clock.sleep_computer(600)
    assert r.step() == (Suspended(),)
    r.session.resume()
    assert r.step(0.5) == (Resumed(),)


def test_a_skip_while_paused_reports_the_part_skipped_to_at_once():
    r = Readings(LIZARD, BOX)
    r.session.start()
    r.step(1.0)
    r.session.pause()
    r.step()
    r.session.next_part()
    events = r.step()
    assert kinds(events) == [PartStarted, SideSwitched, PhaseStarted]
    r.session.resume()
    assert r.step() == (Resumed(),)


def test_the_switch_between_sides_names_the_side_that_comes_next():
    r = Readings(LIZARD)
    r.session.start()
    r.step()
    events = r.step(10.5)
    assert kinds(events) == [PartStarted, SideSwitched, PhaseStarted]
    assert events[1] == SideSwitched(Side.RIGHT)
    assert events[0].previous.side is Side.LEFT


def test_a_mark_every_half_minute_of_the_routine():
    r = Readings(BOX, BOX)
    r.session.start()
    r.step()
    assert Mark(30.0) not in r.step(29.9)
    assert Mark(30.0) in r.step(0.2)
    assert r.step(1.0) == ()
    assert Mark(60.0) in r.step(29.0)


def test_the_end_is_reported_once_finished_or_stopped():
    r = Readings(BOX)
    r.session.start()
    r.step()
    assert r.step(40.0) == (Finished(),)
    assert r.step(1.0) == ()
    r = Readings(BOX)
    r.session.start()
    r.step(2.0)
    r.session.stop()
    assert r.step() == (Stopped(),)
    assert r.step(1.0) == ()
