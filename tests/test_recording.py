"""A session in progress is checkpointed and survives a crash; the end is recorded once."""

import itertools

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn
from hipcoach.core.recording import CHECKPOINT_EVERY, SessionRecorder, record_of
from routine_factory import driver, follow_wake_ups, session, timeline

LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 60}  # left 60, switch 8, right 60
REST = {"kind": "rest", "seconds": 10}


@pytest.fixture
def store(tmp_path):
    s = HistoryStore(tmp_path / "history.json")
    s.load()
    return s


class Checkpoints:
    """Wraps the store's checkpoint: remembers (practised seconds, left seconds) of each."""

    def __init__(self, store):
        self.saved: list[tuple[float, float]] = []
        self._checkpoint = store.checkpoint
        store.checkpoint = self

    def __call__(self, record):
        self.saved.append((record.practised_seconds, record.left_seconds))
        return self._checkpoint(record)


def recorded(store, *steps, checkin=None):
    """A driver on a fake clock with a recorder subscribed, its session started."""
    drv, clock, waker = driver()
    recorder = SessionRecorder(store)
    drv.subscribe(recorder.session_changed)
    recorder.next_checkin_before = checkin
    drv.start(timeline(*steps), get_ready_seconds=0)
    return drv, clock, waker, recorder


def drive(drv, clock, seconds, frame=0.5):
    """Draw frames for ``seconds``: a reading of the session every ``frame`` seconds."""
    for _ in range(int(seconds / frame)):
        clock.advance(frame)
        drv.update()


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
    drv, clock, _waker, recorder = recorded(store, LIZARD, REST)
    drive(drv, clock, 45)
    # The app dies here. The next start finds the checkpoint from the 30 s mark.
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    (recovered,) = again.sessions
    assert recovered.id == recorder.session_id
    assert not recovered.completed and recovered.interrupted
    assert recovered.practised_seconds == pytest.approx(30)


def test_part_change_checkpoints_at_once(store, tmp_path):
    drv, clock, _waker, _recorder = recorded(store, LIZARD, REST)
    drive(drv, clock, 61)  # into the switch: checkpoints at 30, 60 and the change
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    assert again.sessions[0].practised_seconds == pytest.approx(60)
    assert again.sessions[0].left_seconds == pytest.approx(60)


def test_a_whole_routine_is_recorded_with_nothing_drawn(store, tmp_path):
    # No window and no frames: only the driver's own wake-ups read the session.
    checkpoints = Checkpoints(store)
    long_rest = {"kind": "rest", "seconds": 100}
    drv, clock, waker, recorder = recorded(store, LIZARD, long_rest)
    follow_wake_ups(drv, clock, waker, 300)
    practised = [p for p, _left in checkpoints.saved]
    # At the start, at least every 30 s, and at each part change (60, 68, 128).
    assert practised[0] == 0
    assert max(b - a for a, b in itertools.pairwise(practised)) <= CHECKPOINT_EVERY
    assert {60, 68, 128} <= set(practised)
    assert waker.due is None  # ended: nothing more to wake for
    (saved,) = store.sessions
    assert saved.id == recorder.session_id and saved.completed
    assert saved.practised_seconds == pytest.approx(228)
    assert saved.left_seconds == pytest.approx(60) and saved.right_seconds == pytest.approx(60)
    assert recorder.last_record == saved
    assert not list(tmp_path.glob("session-in-progress-*.json"))


def test_no_wake_ups_while_paused(store):
    drv, clock, waker, _recorder = recorded(store, LIZARD)
    drive(drv, clock, 5)
    drv.toggle()
    assert waker.due is None
    assert follow_wake_ups(drv, clock, waker, 600) == 0
    drv.toggle()
    assert waker.due is not None


def test_end_records_the_session_with_check_ins_and_clears_the_checkpoint(store, tmp_path):
    drv, clock, _waker, recorder = recorded(store, REST, checkin=CheckIn(tightness=4, calm=2))
    drive(drv, clock, 11)
    record = recorder.last_record
    assert record.completed and record.steps_done == 1
    recorder.amend_checkin_after(record, CheckIn(tightness=2, calm=4))
    again = HistoryStore(tmp_path / "history.json")
    again.load()
    (saved,) = again.sessions
    assert saved.checkin_before.tightness == 4 and saved.checkin_after.calm == 4
    assert not saved.interrupted
    assert not list(tmp_path.glob("session-in-progress-*.json"))
    assert recorder.ended(drv.session) is None


def test_a_session_stopped_during_the_countdown_leaves_no_trace(store, tmp_path):
    drv, clock, _waker = driver()
    recorder = SessionRecorder(store)
    drv.subscribe(recorder.session_changed)
    drv.start(timeline(REST), get_ready_seconds=5)
    clock.advance(2)
    drv.stop()
    assert recorder.last_record is None
    assert store.sessions == ()
    assert not list(tmp_path.glob("session-in-progress-*.json"))
