"""A session in progress is checkpointed and survives a crash; the end is recorded once."""

import pytest

from hipcoach.core.history import CheckIn, HistoryStore
from hipcoach.core.recording import SessionRecorder, record_of
from routine_factory import session

LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 60}  # left 60, switch 8, right 60
REST = {"kind": "rest", "seconds": 10}


@pytest.fixture
def store(tmp_path):
    s = HistoryStore(tmp_path / "history.json")
    s.load()
    return s


def drive(s, clock, recorder, seconds, frame=0.5):
    previous = None
    for _ in range(int(seconds / frame)):
        clock.advance(frame)
        snap = s.update()
        recorder.ticked(snap)
        if previous is not None and snap.moment.segment.index != previous:
            recorder.part_changed(snap)
        previous = snap.moment.segment.index


def test_record_of_copies_what_was_practised():
    s, clock = session(LIZARD, REST, get_ready=0)
    s.start()
    clock.advance(70)
    s.update()
    s.stop()
    record = record_of(s, "a" * 32)
    assert record.routine_id == "test" and record.routine_title == "Test"
    assert record.planned_seconds == 138 and record.practised_seconds == 70
    assert record.left_seconds == 60 and record.right_seconds == 2
    assert not record.completed and record.steps_done == 0 and record.steps_total == 2
    assert record.started_at.utcoffset() is not None


def test_checkpoint_every_30_seconds_survives_a_crash(store, tmp_path):
    s, clock = session(LIZARD, REST, get_ready=0)
    recorder = SessionRecorder(store, clock.monotonic)
    s.start()
    recorder.started(s)
    drive(s, clock, recorder, 45)
    # The app dies here. The next start finds the checkpoint from the 30 s mark.
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    (recovered,) = again.sessions
    assert recovered.id == recorder.session_id
    assert not recovered.completed and recovered.interrupted
    assert recovered.practised_seconds == pytest.approx(30)


def test_part_change_checkpoints_at_once(store, tmp_path):
    s, clock = session(LIZARD, REST, get_ready=0)
    recorder = SessionRecorder(store, clock.monotonic)
    s.start()
    recorder.started(s)
    drive(s, clock, recorder, 61)  # into the switch: checkpoints at 30, 60 and the change
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    assert again.sessions[0].practised_seconds == pytest.approx(60)
    assert again.sessions[0].left_seconds == pytest.approx(60)


def test_end_records_the_session_with_check_ins_and_clears_the_checkpoint(store, tmp_path):
    s, clock = session(REST, get_ready=0)
    recorder = SessionRecorder(store, clock.monotonic)
    s.start()
    recorder.started(s, CheckIn(tightness=4, calm=2))
    drive(s, clock, recorder, 11)
    record = recorder.ended(s)
    assert record.completed and record.steps_done == 1
    recorder.amend_checkin_after(record, CheckIn(tightness=2, calm=4))
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    (saved,) = again.sessions
    assert saved.checkin_before.tightness == 4 and saved.checkin_after.calm == 4
    assert not saved.interrupted
    assert not list(tmp_path.glob("session-in-progress-*.json"))
    assert recorder.ended(s) is None


def test_a_session_stopped_during_the_countdown_leaves_no_trace(store, tmp_path):
    s, clock = session(REST, get_ready=5)
    recorder = SessionRecorder(store, clock.monotonic)
    s.start()
    recorder.started(s)
    clock.advance(2)
    s.stop()
    assert recorder.ended(s) is None
    assert store.sessions == ()
    assert not list(tmp_path.glob("session-in-progress-*.json"))
