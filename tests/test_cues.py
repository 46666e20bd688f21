"""Each boundary produces its cue once, at the right moment, across pause, skip, extend and sleep."""

from hipcoach.core import cues
from hipcoach.core.cues import cues_for
from routine_factory import driver, timeline

BOX = {"kind": "breath", "pattern": "box", "cycles": 2}  # phases every 4 s, 32 s
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 8, "pattern": "extended-exhale"}


class Recorder:
    """Drives a session at a fixed frame rate and records (position, cue) pairs."""

    def __init__(self, *steps, get_ready=0.0):
        self.driver, self.clock, _waker = driver()
        self._timeline, self._get_ready = timeline(*steps), get_ready
        self.played: list[tuple[float, str]] = []
        self.driver.subscribe(self._record)

    def _record(self, update):
        self.played += [(update.snapshot.position, c) for c in cues_for(update.events)]

    def start(self):
        self.driver.start(self._timeline, get_ready_seconds=self._get_ready)

    def run(self, seconds, frame=1 / 60):
        for _ in range(round(seconds / frame)):
            self.clock.advance(frame)
            self.tick()

    def tick(self):
        self.driver.update()

    def names(self):
        return [c for _, c in self.played]


def test_every_breath_boundary_cues_once_within_one_frame():
    r = Recorder(BOX)
    r.start()
    r.run(33)
    assert r.names() == [
        cues.NEXT_STEP,
        cues.HOLD,
        cues.EXHALE,
        cues.HOLD,
        cues.INHALE,
        cues.HOLD,
        cues.EXHALE,
        cues.HOLD,
        cues.SESSION_END,
    ]
    boundaries = [4, 8, 12, 16, 20, 24, 28]
    for (position, _), boundary in zip(r.played[1:8], boundaries, strict=True):
        assert boundary <= position < boundary + 1 / 60 + 1e-6


def test_countdown_ticks_on_the_last_three_seconds():
    r = Recorder(BOX, get_ready=5)
    r.start()
    r.run(5.01)
    assert r.names() == [cues.HOLD, cues.HOLD, cues.HOLD, cues.NEXT_STEP]


def test_pause_and_resume_replay_nothing():
    r = Recorder(BOX)
    r.start()
    r.run(2)
    r.driver.toggle()
    r.run(30)
    r.driver.resume()
    r.run(1)
    assert r.names() == [cues.NEXT_STEP]


def test_late_tick_across_several_boundaries_plays_only_the_current_cue():
    r = Recorder(BOX)
    r.start()
    r.clock.advance(9)  # jumps over hold (4 s) into the exhale (8 s)
    r.tick()
    assert r.names() == [cues.NEXT_STEP, cues.EXHALE]


def test_skip_cues_the_part_skipped_to_once():
    r = Recorder(LIZARD, BOX)
    r.start()
    r.run(1)
    r.driver.next_part()
    r.tick()
    r.tick()
    assert r.names() == [cues.NEXT_STEP, cues.SWITCH_SIDES]
    r.driver.next_part()
    r.run(0.5)
    assert r.names()[-1] == cues.NEXT_STEP and len(r.played) == 3


def test_extend_does_not_replay_the_current_phase():
    r = Recorder(LIZARD)
    r.start()
    r.run(5)  # 1 s into the first exhale
    before = list(r.played)
    r.driver.extend()
    r.run(0.5)
    assert r.played == before


def test_sleep_replays_nothing_and_resume_continues():
    r = Recorder(BOX)
    r.start()
    r.run(3)
    r.clock.sleep_computer(900)
    r.tick()
    r.run(2)
    assert r.names() == [cues.NEXT_STEP]
    r.driver.resume()
    r.run(1.5)
    assert r.names() == [cues.NEXT_STEP, cues.HOLD]


def test_stop_plays_no_end_chime():
    r = Recorder(BOX)
    r.start()
    r.run(1)
    r.driver.stop()
    r.run(1)
    assert cues.SESSION_END not in r.names()


def test_the_same_pose_continuing_with_a_new_pattern_gets_no_next_step_chime():
    settle = {"kind": "pose", "pose": "butterfly", "seconds": 8, "pattern": "natural"}
    deeper = {"kind": "pose", "pose": "butterfly", "seconds": 12, "pattern": "box"}
    r = Recorder(settle, deeper, BOX)
    r.start()
    r.run(20.5)
    assert r.names() == [cues.NEXT_STEP, cues.INHALE, cues.HOLD, cues.EXHALE, cues.NEXT_STEP]


def test_a_skip_while_paused_cues_the_part_skipped_to_at_once_and_not_again():
    r = Recorder(LIZARD, BOX)
    r.start()
    r.run(1)
    r.driver.toggle()
    r.driver.next_part()
    assert r.names() == [cues.NEXT_STEP, cues.SWITCH_SIDES]
    r.driver.toggle()
    r.run(0.5)
    assert r.names() == [cues.NEXT_STEP, cues.SWITCH_SIDES]
