import random

import msgspec
import pytest

from hipcoach.core.clock import FakeClock
from hipcoach.core.session import PauseReason, Session, State
from hipcoach.core.timeline import PhaseKind, Side, compile_timeline
from routine_factory import POSES, session, timeline

BOX = {"kind": "breath", "pattern": "box", "cycles": 2}  # 32 s
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 30}  # 30 + 8 + 30 s
REST = {"kind": "rest", "seconds": 10}


def test_ready_then_get_ready_countdown_then_running():
    s, clock = session(BOX)
    assert s.update().state is State.READY
    s.start()
    clock.advance(1.5)
    snap = s.update()
    assert snap.state is State.GET_READY and snap.countdown == pytest.approx(3.5)
    clock.advance(3.5)
    snap = s.update()
    assert snap.state is State.RUNNING and snap.moment.phase.kind is PhaseKind.INHALE
    assert snap.practised == 0


def test_pause_excludes_paused_time_from_practised():
    s, clock = session(BOX, get_ready=0)
    s.start()
    clock.advance(6)
    s.pause()
    clock.advance(100)
    snap = s.update()
    assert snap.state is State.PAUSED and snap.pause_reason is PauseReason.USER
    assert snap.position == 6
    s.resume()
    clock.advance(2)
    assert s.update().position == 8
    assert s.practised_seconds == 8


def test_toggle_starts_pauses_and_resumes():
    s, _clock = session(BOX)
    s.toggle()
    assert s.state is State.GET_READY
    s.toggle()
    assert s.state is State.PAUSED
    s.toggle()
    assert s.state is State.GET_READY


def test_session_finishes_at_the_planned_end_and_freezes():
    s, clock = session(BOX, REST, get_ready=0)
    s.start()
    clock.advance(42.3)
    snap = s.update()
    assert snap.state is State.FINISHED
    assert s.completed and s.practised_seconds == 42 and s.steps_done == 2
    clock.advance(50)
    assert s.update().position == 42
    # The end is dated when the routine ended, not when the late tick noticed it.
    assert (s.ended_at - s.started_at).total_seconds() == pytest.approx(42)


def test_stop_keeps_what_was_practised_and_marks_partial():
    s, clock = session(BOX, REST, get_ready=2)
    s.start()
    clock.advance(12)
    s.stop()
    assert s.state is State.STOPPED
    assert s.practised_seconds == 10 and not s.completed and s.steps_done == 0
    s.toggle()
    clock.advance(5)
    assert s.update().state is State.STOPPED


def test_next_skips_to_the_next_part_and_skipped_time_is_not_practice():
    s, clock = session(LIZARD, REST, get_ready=0)
    s.start()
    clock.advance(5)
    s.next_part()
    snap = s.update()
    assert snap.moment.phase.kind is PhaseKind.SWITCH_SIDES and snap.position == 30
    s.next_part()
    assert s.update().moment.segment.side is Side.RIGHT
    clock.advance(4)
    s.update()
    assert s.practised_seconds == pytest.approx(9)
    assert s.side_seconds(Side.LEFT) == pytest.approx(5)
    assert s.side_seconds(Side.RIGHT) == pytest.approx(4)


def test_next_during_get_ready_starts_the_routine():
    s, clock = session(BOX)
    s.start()
    clock.advance(1)
    s.next_part()
    snap = s.update()
    assert snap.state is State.RUNNING and snap.position == 0


def test_next_on_the_last_part_finishes():
    s, clock = session(BOX, get_ready=0)
    s.start()
    clock.advance(3)
    s.next_part()
    assert s.state is State.FINISHED
    assert s.practised_seconds == 3 and s.steps_done == 0


def test_previous_restarts_the_part_or_goes_back_when_just_begun():
    s, clock = session(BOX, REST, get_ready=0)
    s.start()
    clock.advance(36)  # 4 s into the rest
    s.previous_part()
    assert s.update().position == 32
    clock.advance(1)
    s.previous_part()
    assert s.update().position == 0


def test_extend_holds_the_current_part_longer():
    s, clock = session(LIZARD, get_ready=0)
    s.start()
    clock.advance(20)
    s.extend()  # 45 s would end mid-breath: asked for more, it ends on the exhale at 50 s
    clock.advance(25)
    snap = s.update()
    assert snap.moment.segment.side is Side.LEFT and snap.moment.segment.end == 50
    assert s.timeline.total == 88
    assert s.planned_seconds == 68


def test_extend_during_get_ready_does_nothing():
    s, _clock = session(BOX)
    s.start()
    s.extend()
    assert s.timeline.total == 32


def test_pause_while_paused_and_resume_while_running_are_harmless():
    s, clock = session(BOX, get_ready=0)
    s.start()
    s.resume()
    s.pause()
    clock.advance(3)
    s.pause()
    s.resume()
    clock.advance(1)
    assert s.update().position == 1


def thirty_minute_routine():
    return [
        {"kind": "breath", "pattern": "resonance-6", "seconds": 300},
        {"kind": "pose", "pose": "lizard", "seconds": 90, "switch_seconds": 10},
        {"kind": "breath", "pattern": "box", "seconds": 240},
        {"kind": "pose", "pose": "butterfly", "seconds": 300},
        {"kind": "breath", "pattern": "4-7-8", "seconds": 190},
        {"kind": "rest", "seconds": 580},
    ]


def test_thirty_minute_session_ends_within_20_ms_whatever_the_ticks():
    tl = timeline(*thirty_minute_routine())
    assert tl.total == 1800
    clock = FakeClock()
    s = Session(tl, clock, get_ready_seconds=5)
    rng = random.Random(7)
    s.start()
    start = clock.monotonic()
    while s.update().state is not State.FINISHED:
        # Late, early, bunched and missing ticks: 1 ms to 1.9 s apart.
        clock.advance(rng.choice([0.001, 0.016, 0.017, 0.05, 0.3, 1.9]) * rng.random())
    wall = (s.ended_at - s.started_at).total_seconds()
    assert wall == pytest.approx(1805, abs=0.02)
    assert s.practised_seconds == pytest.approx(1800, abs=0.02)
    assert clock.monotonic() - start >= 1805


def test_phase_at_each_tick_matches_the_clock_not_the_tick_count():
    tl = timeline(*thirty_minute_routine())
    clock = FakeClock()
    s = Session(tl, clock, get_ready_seconds=0)
    rng = random.Random(3)
    s.start()
    origin = clock.monotonic()
    for _ in range(2000):
        clock.advance(rng.random() * 0.8)
        snap = s.update()
        expected = min(clock.monotonic() - origin, 1800)
        assert snap.position == pytest.approx(expected, abs=1e-6)
        assert snap.moment.phase.index == tl.at(expected).phase.index


def test_sleep_pauses_the_session_and_is_not_practice():
    s, clock = session(BOX, REST, get_ready=0)
    s.start()
    clock.advance(10)
    s.update()
    clock.advance(0.016)
    clock.sleep_computer(3600)
    snap = s.update()
    assert snap.state is State.PAUSED and snap.pause_reason is PauseReason.SUSPEND
    assert snap.position == pytest.approx(10)
    assert len(s.sleep_pauses) == 1 and s.sleep_pauses[0].seconds == pytest.approx(3600)
    clock.advance(30)
    s.resume()
    clock.advance(1)
    assert s.update().position == pytest.approx(11)
    assert s.practised_seconds == pytest.approx(11)


def test_short_scheduling_hiccups_are_not_taken_for_sleep():
    s, clock = session(BOX, get_ready=0)
    s.start()
    clock.advance(1)
    s.update()
    clock.sleep_computer(1.5)
    clock.advance(1)
    assert s.update().state is State.RUNNING


def test_sleep_while_paused_changes_nothing():
    s, clock = session(BOX, get_ready=0)
    s.start()
    clock.advance(2)
    s.pause()
    clock.sleep_computer(600)
    snap = s.update()
    assert snap.pause_reason is PauseReason.USER and s.sleep_pauses == []
    s.resume()
    clock.advance(0.5)
    assert s.update().state is State.RUNNING


def test_seconds_to_next_change_points_at_the_phase_boundary():
    s, clock = session(BOX, get_ready=2)
    assert s.seconds_to_next_change() is None
    s.start()
    clock.advance(0.25)
    s.update()
    assert s.seconds_to_next_change() == pytest.approx(0.75)
    clock.advance(2.75)  # 1 s into the first inhale
    s.update()
    assert s.seconds_to_next_change() == pytest.approx(3)
    s.pause()
    assert s.seconds_to_next_change() is None


def test_retold_in_other_words_the_session_goes_on_where_it_was():
    s, clock = session(LIZARD, get_ready=0)
    s.start()
    clock.advance(40)
    before = s.update()
    spanish = dict(POSES, lizard=msgspec.structs.replace(POSES["lizard"], name="Lagartija"))
    retold = compile_timeline(s.timeline.routine, spanish)
    assert s.retell(retold)
    after = s.update()
    assert after.position == before.position and after.state is before.state
    assert after.moment.segment.title == "Lagartija"
    assert s.title == "Test"  # the history keeps the name the session began with


def test_a_timeline_laid_out_differently_is_not_taken_as_a_retelling():
    s, clock = session(LIZARD, get_ready=0)
    s.start()
    clock.advance(10)
    s.update()
    other = timeline(LIZARD, REST)
    assert not s.retell(other)
    assert s.timeline.total == 68
