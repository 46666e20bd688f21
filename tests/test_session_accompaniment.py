"""Cues reach the sound sink as the settings allow; the screen is kept awake only while running."""

from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.platform.screen_awake import NullScreenAwake
from hipcoach.platform.sound import Cue, RecordingSoundSink
from hipcoach.ui.cue_player import CuePlayer
from hipcoach.ui.screen_keeper import ScreenKeeper
from routine_factory import driver, timeline

BOX = {"kind": "breath", "pattern": "box", "cycles": 1}
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 4, "pattern": "natural", "switch_seconds": 2}


class FakeSpeech:
    available = True

    def __init__(self):
        self.said, self.muted = [], False

    def say(self, text):
        self.said.append(text)

    def set_volume(self, volume):
        self.volume = volume

    def set_muted(self, muted):
        self.muted = muted


def model(settings):
    return SettingsModel(settings, lambda _settings: None)


def started(listener, *steps, get_ready=0.0):
    """A driver on a fake clock with ``listener`` subscribed, its session started."""
    drv, clock, _waker = driver()
    drv.subscribe(listener)
    drv.start(timeline(*steps), get_ready_seconds=get_ready)
    return drv, clock


def run(drv, clock, seconds, frame=0.25):
    for _ in range(int(seconds / frame)):
        clock.advance(frame)
        drv.update()


def test_cues_play_through_the_sink_and_respect_each_cue_setting():
    sink = RecordingSoundSink()
    cues = dict(Settings().cues, hold=False)
    player = CuePlayer(sink, None, model(Settings(cues=cues, volume=0.4)))
    drv, clock = started(player.session_changed, BOX)
    run(drv, clock, 17)
    assert [c for c, _ in sink.played] == [Cue.NEXT_STEP, Cue.EXHALE, Cue.SESSION_END]
    assert sink.volume == 0.4


def test_mute_silences_cues_and_voice_until_toggled_back():
    sink, speech = RecordingSoundSink(), FakeSpeech()
    settings = model(Settings(voice_enabled=True))
    player = CuePlayer(sink, speech, settings)
    assert settings.toggle_mute() is True
    assert sink.muted and speech.muted
    drv, clock = started(player.session_changed, BOX)
    run(drv, clock, 9)
    assert sink.played == [] and speech.said == []
    settings.toggle_mute()
    assert not sink.muted and not speech.muted
    run(drv, clock, 4)
    assert [c for c, _ in sink.played] == [Cue.HOLD]  # the hold-out at 12 s


def test_voice_names_each_part_when_enabled():
    speech = FakeSpeech()
    player = CuePlayer(RecordingSoundSink(), speech, model(Settings(voice_enabled=True)))
    drv, clock = started(player.session_changed, LIZARD, get_ready=3)
    run(drv, clock, 12)
    # The first part is named too, when the countdown ends.
    assert speech.said == ["Lizard — left side", "Switch sides", "Lizard — right side"]


def test_voice_off_by_default():
    speech = FakeSpeech()
    player = CuePlayer(RecordingSoundSink(), speech, model(Settings()))
    _drv, clock = started(player.session_changed, LIZARD)
    run(_drv, clock, 5)
    assert speech.said == []


class FakeAwake:
    def __init__(self, works=True):
        self.works, self.active, self.calls = works, False, []
        self.failure_reason = "" if works else "no screen-saver service"

    def inhibit(self, reason):
        self.calls.append("inhibit")
        self.active = self.works
        return self.works

    def release(self):
        self.calls.append("release")
        self.active = False


def test_screen_kept_awake_while_running_released_on_pause_and_end():
    awake = FakeAwake()
    keeper = ScreenKeeper(awake)
    drv, clock, _waker = driver()
    drv.subscribe(keeper.session_changed)
    assert awake.calls == []
    drv.start(timeline(BOX), get_ready_seconds=2)
    run(drv, clock, 1.5, frame=0.5)
    assert awake.calls == ["inhibit"] and awake.active
    drv.toggle()
    assert awake.calls[-1] == "release" and not awake.active
    drv.toggle()
    assert awake.active
    drv.stop()
    assert not awake.active
    assert awake.calls == ["inhibit", "release", "inhibit", "release"]


def test_when_no_way_works_the_session_runs_and_the_user_is_told_once():
    awake, warnings = FakeAwake(works=False), []
    keeper = ScreenKeeper(awake, warnings.append)
    drv, clock = started(keeper.session_changed, BOX)
    run(drv, clock, 1.6, frame=0.016)
    drv.toggle()
    drv.toggle()
    assert warnings == ["no screen-saver service"]
    assert awake.calls.count("inhibit") == 2


def test_null_screen_awake_reports_its_reason():
    warnings = []
    keeper = ScreenKeeper(
        NullScreenAwake("The screen may sleep: no way to keep it on"), warnings.append
    )
    started(keeper.session_changed, BOX)
    assert warnings == ["The screen may sleep: no way to keep it on"]
