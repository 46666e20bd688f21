"""Small routines and a window factory shared by the UI tests (the real library is not needed)."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from hipcoach.core.clock import FakeClock
from hipcoach.core.model import BreathStep, Pattern, PoseInfo, PoseStep, RestStep, Routine
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.core.timeline import compile_timeline

ASSETS = Path(__file__).resolve().parents[1] / "assets"

POSES = {
    "lizard": PoseInfo(
        name="Lizard",
        per_side=True,
        cues=["Front foot outside the hand", "Back knee down"],
        cautions=["Go easy with a sore groin"],
        alternatives=["Kneeling hip-flexor stretch"],
        illustration="poses/lizard.svg",
    ),
    "missing-picture": PoseInfo(
        name="Ghost pose",
        per_side=False,
        cues=["Breathe"],
        cautions=[],
        illustration="poses/does-not-exist.svg",
    ),
}

#: Settle 2 x (4 in, 2 hold, 6 out) = 24 s; lizard 20 s a side with a 5 s switch; rest 10 s.
HIP_FLOW = Routine(
    id="hip-flow",
    title="Hip flow",
    description="A short test flow.",
    tags=["psoas", "evening"],
    equipment=["A folded blanket"],
    steps=[
        BreathStep(pattern=Pattern(inhale=4, hold_in=2, exhale=6), cycles=2, title="Settle"),
        PoseStep(pose="lizard", seconds=20, switch_seconds=5, pattern="extended-exhale"),
        RestStep(seconds=10, title="Rest", cue="Lie still"),
    ],
)
CHAIR_BREATH = Routine(
    id="chair-breath",
    title="Chair breathing",
    description="Breathing in a chair.",
    tags=["breath-only", "chair-friendly"],
    steps=[BreathStep(pattern="box", seconds=32, position="chair")],
)
GHOST = Routine(
    id="ghost",
    title="Ghost routine",
    tags=["evening"],
    steps=[PoseStep(pose="missing-picture", seconds=12, pattern="natural")],
)


def loaded(routine: Routine, builtin: bool = True) -> LoadedRoutine:
    seconds = compile_timeline(routine, POSES).total
    return LoadedRoutine(routine, None, builtin, seconds)


def library() -> RoutineLibrary:
    return RoutineLibrary(
        routines=[loaded(HIP_FLOW), loaded(CHAIR_BREATH), loaded(GHOST, builtin=False)],
        poses=dict(POSES),
    )


class SavedSettings:
    """Stands in for the settings store: remembers every save."""

    def __init__(self) -> None:
        self.saved: list[Settings] = []

    def __call__(self, settings: Settings) -> None:
        self.saved.append(settings)

    @property
    def last(self) -> Settings | None:
        return self.saved[-1] if self.saved else None


def make_window(
    qtbot,
    settings: Settings | None = None,
    clock: FakeClock | None = None,
    routines: RoutineLibrary | None = None,
    safety_acknowledged: bool = True,
):
    from hipcoach.ui.main_window import MainWindow
    from hipcoach.ui.wake_timer import session_driver

    saves = SavedSettings()
    settings = settings or Settings(reduced_motion=False, color_scheme="light")
    # The safety note before a first session has tests of its own (test_safety_gate.py).
    if safety_acknowledged:
        settings = msgspec.structs.replace(settings, safety_acknowledged=True)
    model = SettingsModel(settings, saves)
    window = MainWindow(
        routines or library(), session_driver(clock or FakeClock()), model, assets_dir=ASSETS
    )
    qtbot.addWidget(window)
    if settings is None or settings.window_geometry is None:
        window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window, saves


class ScreenKeptOn:
    """A screen-awake that always succeeds: no notice about a dimming screen."""

    failure_reason = ""

    def inhibit(self, reason: str) -> bool:
        return True

    def release(self) -> None:
        pass


def quiet_services(**others):
    """The application's ``Services`` with no sound card, voice or screen-saver: a fake
    clock, a recording sound sink, no speech and a screen kept on, unless ``others``
    says otherwise (any ``Services`` field)."""
    from hipcoach.app import Services
    from hipcoach.platform.sound import RecordingSoundSink
    from hipcoach.platform.speech import Speech

    quiet = {
        "clock": FakeClock(),
        "sound": RecordingSoundSink(),
        "speech": Speech(None, "no speech in tests"),
        "screen_awake": ScreenKeptOn(),
    }
    return Services(**{**quiet, **others})


def advance(owner, clock: FakeClock, seconds: float, step: float | None = None) -> None:
    """Move the fake clock on and let ``owner``'s session driver read it (a window or the
    application): at once, or frame by frame every ``step`` seconds."""
    if step is None:
        clock.advance(seconds)
        owner.driver.update()
        return
    for _ in range(round(seconds / step)):
        clock.advance(step)
        owner.driver.update()


def test_fixture_routines_have_the_planned_lengths():
    assert loaded(HIP_FLOW).seconds == pytest.approx(24 + 20 + 5 + 20 + 10)
    assert loaded(CHAIR_BREATH).seconds == pytest.approx(32)
