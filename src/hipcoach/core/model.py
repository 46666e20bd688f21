"""The routine file format, as types.

These msgspec Structs *are* the format: loading converts JSON into them, the
JSON Schema in ``docs/routine.schema.json`` is generated from them, and the
constraints written here are the rules ``hipcoach validate`` enforces.
Times are in seconds.
"""

# No ``from __future__ import annotations`` here: msgspec would then compile each of
# this module's annotation strings the first time it converts a document (~3 ms of
# start-up, tests/test_startup.py).
from typing import Annotated, Literal

import msgspec

from hipcoach.core.problems import Code, RuleError
from hipcoach.i18n import N_

#: The version of the routine format this code writes. Older files are migrated on
#: loading (``hipcoach.core.migration``); docs/routine-format.md says what changed.
FORMAT_VERSION = 2

#: The longest a single step may last, and a whole routine.
MAX_STEP_SECONDS = 2 * 3600
MAX_ROUTINE_SECONDS = 4 * 3600

PHASE_SECONDS_MAX = 60.0

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
        description="Lower-case letters, digits and dashes; starts with a letter or digit.",
    ),
]
LanguageCode = Annotated[
    str,
    msgspec.Meta(pattern=r"^[a-z]{2,3}$", description="A language code such as 'es'."),
]
Tag = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
Text = Annotated[str, msgspec.Meta(max_length=600)]
Line = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Lines = Annotated[list[Line], msgspec.Meta(max_length=8)]
AssetPath = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=200,
        description="A path inside the assets folder, such as 'poses/lizard.svg'.",
    ),
]
PhaseSeconds = Annotated[float, msgspec.Meta(ge=0, le=PHASE_SECONDS_MAX, multiple_of=0.5)]
BreathSeconds = Annotated[float, msgspec.Meta(ge=0.5, le=PHASE_SECONDS_MAX, multiple_of=0.5)]
StepSeconds = Annotated[float, msgspec.Meta(gt=0, le=MAX_STEP_SECONDS)]
Count = Annotated[int, msgspec.Meta(ge=1, le=2000)]

RampPhase = Literal["inhale", "hold_in", "exhale", "hold_out"]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True):
    """Unknown fields are errors: a typo must not silently fall back to a default."""


class Ramp(_Strict):
    """Lengthens one phase of the pattern as the cycles go by, up to a cap."""

    until: BreathSeconds
    phase: RampPhase = "exhale"
    by: Annotated[float, msgspec.Meta(gt=0, le=10, multiple_of=0.5)] = 0.5
    every: Annotated[int, msgspec.Meta(ge=1, le=100)] = 1


class Pattern(_Strict):
    """One breath cycle: inhale, an optional second top-up inhale, hold, exhale, hold."""

    inhale: BreathSeconds
    exhale: BreathSeconds
    top_up: Annotated[float, msgspec.Meta(ge=0, le=10, multiple_of=0.5)] = 0.0
    hold_in: PhaseSeconds = 0.0
    hold_out: PhaseSeconds = 0.0
    ramp: Ramp | None = None
    name: Title | None = None

    def __post_init__(self) -> None:
        if self.ramp is not None:
            start = getattr(self, self.ramp.phase)
            if self.ramp.until <= start:
                raise RuleError(
                    Code.RAMP_TOO_SHORT, until=self.ramp.until, phase=self.ramp.phase, start=start
                )

    def phase_seconds(self, phase: str, cycle: int) -> float:
        """Length of ``phase`` in the 0-based ``cycle``, with the ramp applied."""
        base = float(getattr(self, phase))
        ramp = self.ramp
        if ramp is None or ramp.phase != phase:
            return base
        return min(ramp.until, base + ramp.by * (cycle // ramp.every))

    def cycle_seconds(self, cycle: int = 0) -> float:
        """Length of the 0-based breath ``cycle``, its phases lengthened by the ramp."""
        return sum(
            self.phase_seconds(p, cycle)
            for p in ("inhale", "top_up", "hold_in", "exhale", "hold_out")
        )


#: A pattern is given inline or by name: a built-in preset or a saved custom pattern.
PatternRef = Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | Pattern


def _check_asset_path(field: str, value: str | None) -> None:
    if value is None:
        return
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ":" in value or ".." in parts:
        raise RuleError(Code.ASSET_PATH_OUTSIDE, field=field, value=value)


class Half(_Strict):
    """One of the two halves of a pose done each way: a side, or a direction.

    ``label`` says where each leg is ("left knee down: stretching the front of
    the left hip"); ``side`` is the side being stretched, the one the history
    counts, and is left out for halves that are not sides (clockwise and
    anticlockwise); ``illustration`` is this half's own picture, if it has one
    (else the pose's), and ``drawing`` says whether it is shown mirrored.
    """

    label: Title
    side: Literal["left", "right"] | None = None
    drawing: Literal["as-drawn", "mirrored"] = "as-drawn"
    illustration: AssetPath | None = None

    def __post_init__(self) -> None:
        _check_asset_path("illustration", self.illustration)


Halves = Annotated[list[Half], msgspec.Meta(min_length=2, max_length=2)]

#: The halves of a per-side pose that names none of its own.
SIDE_HALVES = (
    # Marked here, translated where a routine is compiled (core/timeline.py).
    Half(label=N_("left side"), side="left"),
    Half(label=N_("right side"), side="right", drawing="mirrored"),
)
#: The halves of a pose done both ways round (what format 1 called "both-directions").
DIRECTION_HALVES = (
    Half(label="clockwise"),
    Half(label="anticlockwise", drawing="mirrored"),
)
SWITCH_SIDES_TITLE = N_("Switch sides")
CHANGE_DIRECTION_TITLE = "Change direction"


def _exactly_one(what: str, **given: object) -> None:
    """``what`` ("breath-step", "breathing-part", "pose-step") needs exactly one of ``given``."""
    present = [name for name, value in given.items() if value is not None]
    if len(present) != 1:
        raise RuleError(Code.EXACTLY_ONE_OF, what=what, fields=list(given))


class BreathStep(_Strict, tag="breath", tag_field="kind"):
    """Paced (or natural) breathing for a number of cycles or seconds."""

    pattern: PatternRef
    cycles: Count | None = None
    seconds: StepSeconds | None = None
    title: Title | None = None
    position: Literal["seated", "chair", "lying", "standing"] = "seated"
    cue: Text = ""
    illustration: AssetPath | None = None
    sound: AssetPath | None = None

    def __post_init__(self) -> None:
        _exactly_one("breath-step", cycles=self.cycles, seconds=self.seconds)
        _check_asset_path("illustration", self.illustration)
        _check_asset_path("sound", self.sound)


class Breathing(_Strict):
    """One part of a hold: a breathing pattern for a number of seconds or breaths."""

    pattern: PatternRef
    seconds: StepSeconds | None = None
    breaths: Count | None = None

    def __post_init__(self) -> None:
        _exactly_one("breathing-part", seconds=self.seconds, breaths=self.breaths)


#: A pose step's pattern when it names none.
DEFAULT_POSE_PATTERN = "extended-exhale"


class PoseStep(_Strict, tag="pose", tag_field="kind"):
    """A stretch held for seconds or breaths, paced by a pattern, optionally on each side.

    The hold is ``seconds`` or ``breaths`` of one ``pattern``, or a sequence of
    ``breathing`` parts, each with its own pattern.
    """

    pose: Id | None = None
    name: Title | None = None
    seconds: StepSeconds | None = None
    breaths: Count | None = None
    breathing: Annotated[list[Breathing], msgspec.Meta(min_length=1, max_length=8)] | None = None
    per_side: bool | None = None
    halves: Halves | None = None
    switch_title: Title | None = None
    rounds: Annotated[int, msgspec.Meta(ge=1, le=10)] = 1
    switch_seconds: Annotated[float, msgspec.Meta(ge=0, le=60)] = 8.0
    pattern: PatternRef | None = None
    cues: Lines | None = None
    cautions: Lines | None = None
    alternatives: Lines | None = None
    illustration: AssetPath | None = None
    sound: AssetPath | None = None

    @property
    def parts(self) -> list[Breathing]:
        """The hold as breathing parts: ``breathing``, or the one part the short form gives."""
        if self.breathing is not None:
            return list(self.breathing)
        pattern = self.pattern if self.pattern is not None else DEFAULT_POSE_PATTERN
        return [Breathing(pattern=pattern, seconds=self.seconds, breaths=self.breaths)]

    def __post_init__(self) -> None:
        _exactly_one(
            "pose-step", seconds=self.seconds, breaths=self.breaths, breathing=self.breathing
        )
        if self.breathing is not None and self.pattern is not None:
            raise RuleError(Code.PATTERN_IN_PARTS)
        if self.pose is None and self.name is None:
            raise RuleError(Code.POSE_OR_NAME)
        _check_asset_path("illustration", self.illustration)
        _check_asset_path("sound", self.sound)


class RestStep(_Strict, tag="rest", tag_field="kind"):
    """A pause with a cue: lie still, fetch a block, change position."""

    seconds: StepSeconds
    title: Title = "Rest"
    cue: Text = ""
    pattern: PatternRef = "natural"
    illustration: AssetPath | None = None
    sound: AssetPath | None = None

    def __post_init__(self) -> None:
        _check_asset_path("illustration", self.illustration)
        _check_asset_path("sound", self.sound)


class TransitionStep(RestStep, tag="transition", tag_field="kind"):
    """Like a rest, but named for moving from one position to the next."""

    title: Title = "Transition"


Step = BreathStep | PoseStep | RestStep | TransitionStep


def pattern_refs(step: Step) -> list[PatternRef]:
    """Every pattern a step names or writes out (a pose step can have several)."""
    if isinstance(step, PoseStep):
        return [part.pattern for part in step.parts]
    return [step.pattern]


STEP_KINDS = ("breath", "pose", "rest", "transition")


class Routine(_Strict):
    """A named, ordered list of steps."""

    id: Id
    title: Title
    steps: Annotated[list[Step], msgspec.Meta(min_length=1, max_length=200)]
    description: Text = ""
    tags: Annotated[list[Tag], msgspec.Meta(max_length=16)] = []
    equipment: Lines = []
    #: The routine's own translations: language code -> {English text: translation}.
    translations: Annotated[
        dict[LanguageCode, Annotated[dict[Text, Text], msgspec.Meta(max_length=1000)]],
        msgspec.Meta(max_length=50),
    ] = {}
    format: Literal[2] = FORMAT_VERSION


class PoseInfo(_Strict):
    """An entry of the pose library (``assets/poses.json``)."""

    name: Title
    per_side: bool
    cues: Lines
    cautions: Lines
    alternatives: Lines = []
    illustration: AssetPath | None = None
    halves: Halves | None = None
    switch_title: Title | None = None

    def __post_init__(self) -> None:
        _check_asset_path("illustration", self.illustration)


class PatternFile(_Strict):
    """The user's named breathing patterns (``patterns.json`` in the data folder)."""

    patterns: Annotated[dict[Id, Pattern], msgspec.Meta(max_length=200)] = {}
    format: Literal[1] = FORMAT_VERSION
