"""A routine laid out in time: segments (a step, or one side of it) made of breath phases.

``Timeline.at(t)`` answers "what is happening t seconds into the routine": the
step, the side, the breath phase and how far through it we are, and what comes
next. Everything the player shows and every cue it plays derives from this.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Mapping

import msgspec

from hipcoach.core.model import (
    CHANGE_DIRECTION_TITLE,
    SIDE_HALVES,
    SWITCH_SIDES_TITLE,
    BreathStep,
    Half,
    Pattern,
    PatternRef,
    PoseInfo,
    PoseStep,
    RestStep,
    Routine,
    Step,
)
from hipcoach.core.patterns import pattern_label, resolve_pattern
from hipcoach.core.problems import Code, describe
from hipcoach.i18n import _, content_text, pgettext


class PhaseKind(enum.Enum):
    INHALE = "inhale"
    TOP_UP = "top_up"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"
    NATURAL = "natural"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"

    @property
    def word(self) -> str:
        """The word shown (and spoken) for this phase, in the current language."""
        return _PHASE_WORDS[self]()

    @property
    def is_breath(self) -> bool:
        return self in _BREATH_PHASES


# Looked up each time a word is shown, so a change of language shows at once.
# TRANSLATORS: what to do now, shown in big letters and spoken during a session.
_PHASE_WORDS: dict[PhaseKind, Callable[[], str]] = {
    PhaseKind.INHALE: lambda: pgettext("breath phase", "Inhale"),
    PhaseKind.TOP_UP: lambda: pgettext("breath phase", "Top up"),
    PhaseKind.HOLD_IN: lambda: pgettext("breath phase", "Hold"),
    PhaseKind.EXHALE: lambda: pgettext("breath phase", "Exhale"),
    PhaseKind.HOLD_OUT: lambda: pgettext("breath phase", "Hold"),
    PhaseKind.NATURAL: lambda: pgettext("breath phase", "Breathe"),
    PhaseKind.SWITCH_SIDES: lambda: pgettext("breath phase", "Switch sides"),
    PhaseKind.REST: lambda: pgettext("breath phase", "Rest"),
}
_BREATH_PHASES = {
    PhaseKind.INHALE,
    PhaseKind.TOP_UP,
    PhaseKind.HOLD_IN,
    PhaseKind.EXHALE,
    PhaseKind.HOLD_OUT,
}
_CYCLE_ORDER = (
    ("inhale", PhaseKind.INHALE),
    ("top_up", PhaseKind.TOP_UP),
    ("hold_in", PhaseKind.HOLD_IN),
    ("exhale", PhaseKind.EXHALE),
    ("hold_out", PhaseKind.HOLD_OUT),
)


class SegmentKind(enum.Enum):
    BREATH = "breath"
    POSE = "pose"
    SWITCH = "switch"
    REST = "rest"


class Side(enum.Enum):
    LEFT = "left"
    RIGHT = "right"


class CompileError(ValueError):
    """A routine refers to something that does not exist; ``path`` says where.

    ``code`` and ``params`` say what (see :mod:`hipcoach.core.problems`).
    """

    def __init__(self, path: str, code: Code, **params: object):
        self.path = path
        self.code = code
        self.params = params
        super().__init__(f"{path}: {self.reason}")

    @property
    def reason(self) -> str:
        return describe(self.code, self.params)


class Segment(msgspec.Struct, frozen=True):
    """A stretch of time with one meaning: a step, one side of a step, or a switch between sides."""

    index: int
    step_index: int
    kind: SegmentKind
    start: float
    end: float
    title: str
    #: The side being stretched, which the history counts; None when not a side.
    side: Side | None = None
    #: Which half this is, in words: "left side", "clockwise", "left knee down: …".
    side_label: str = ""
    pattern: Pattern | None = None
    cues: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    illustration: str | None = None
    sound: str | None = None
    round: int = 1
    #: The picture is shown mirrored (for the second half of a per-side pose, usually).
    mirrored: bool = False

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def label(self) -> str:
        """Title with the side, e.g. 'Lizard — left side', in the current language."""
        if not self.side_label:
            return self.title
        # TRANSLATORS: one side of a pose, shown and said aloud as "Pigeon — left side".
        return _("{pose} — {side}").format(pose=self.title, side=self.side_label)


class Phase(msgspec.Struct, frozen=True):
    index: int
    segment_index: int
    kind: PhaseKind
    start: float
    end: float
    cycle: int = 0  # 1-based breath cycle within the segment; 0 outside paced breathing

    @property
    def duration(self) -> float:
        return self.end - self.start


class Moment(msgspec.Struct, frozen=True):
    """Everything the player needs to show for one instant of the routine."""

    t: float
    phase: Phase
    segment: Segment
    next_phase: Phase | None
    next_segment: Segment | None
    step_start: float
    step_end: float
    total: float

    @property
    def progress(self) -> float:
        """How far through the current phase, 0..1."""
        d = self.phase.duration
        return 1.0 if d <= 0 else min(1.0, max(0.0, (self.t - self.phase.start) / d))

    @property
    def phase_left(self) -> float:
        return max(0.0, self.phase.end - self.t)

    @property
    def segment_left(self) -> float:
        return max(0.0, self.segment.end - self.t)

    @property
    def step_left(self) -> float:
        return max(0.0, self.step_end - self.t)

    @property
    def step_progress(self) -> float:
        d = self.step_end - self.step_start
        return 1.0 if d <= 0 else min(1.0, max(0.0, (self.t - self.step_start) / d))

    @property
    def routine_left(self) -> float:
        return max(0.0, self.total - self.t)

    @property
    def routine_progress(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, max(0.0, self.t / self.total))

    @property
    def cycle(self) -> int:
        return self.phase.cycle


class Timeline:
    """A compiled routine. Build one with ``compile_timeline``."""

    def __init__(
        self,
        routine: Routine,
        segments: list[Segment],
        phases: list[Phase],
        extensions: dict[int, float] | None = None,
        poses: Mapping[str, PoseInfo] | None = None,
        custom_patterns: Mapping[str, Pattern] | None = None,
    ):
        self.routine = routine
        self.segments = segments
        self.phases = phases
        self.extensions = extensions or {}
        self.poses = poses or {}
        self.custom_patterns = custom_patterns
        self._starts = [p.start for p in phases]
        self._segment_starts = [s.start for s in segments]
        # Asked for on every frame (Timeline.at): computed once, not per call.
        self._step_bounds: dict[int, tuple[float, float]] = {}
        for seg in segments:
            start = self._step_bounds.get(seg.step_index, (seg.start, seg.end))[0]
            self._step_bounds[seg.step_index] = (start, seg.end)

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def extended(self, segment_index: int, seconds: float) -> Timeline:
        """This timeline with one segment made ``seconds`` longer."""
        extensions = dict(self.extensions)
        extensions[segment_index] = extensions.get(segment_index, 0.0) + seconds
        return compile_timeline(self.routine, self.poses, self.custom_patterns, extensions)

    def phase_index_at(self, t: float) -> int:
        """Index of the phase running at ``t`` (clamped to the first and last phase)."""
        i = bisect.bisect_right(self._starts, t) - 1
        return min(max(i, 0), len(self.phases) - 1)

    def segment_index_at(self, t: float) -> int:
        """The index of the segment playing ``t`` seconds in (clamped to the first and last)."""
        i = bisect.bisect_right(self._segment_starts, t) - 1
        return min(max(i, 0), len(self.segments) - 1)

    def step_bounds(self, step_index: int) -> tuple[float, float]:
        """Start and end of a step, its switch-sides transitions included."""
        return self._step_bounds[step_index]

    def at(self, t: float) -> Moment:
        """What is happening ``t`` seconds into the routine (clamped to its span)."""
        t = min(max(t, 0.0), self.total)
        i = self.phase_index_at(t)
        phase = self.phases[i]
        segment = self.segments[phase.segment_index]
        step_start, step_end = self.step_bounds(segment.step_index)
        next_phase = self.phases[i + 1] if i + 1 < len(self.phases) else None
        j = segment.index + 1
        next_segment = self.segments[j] if j < len(self.segments) else None
        return Moment(t, phase, segment, next_phase, next_segment, step_start, step_end, self.total)


def compile_timeline(
    routine: Routine,
    poses: Mapping[str, PoseInfo],
    custom_patterns: Mapping[str, Pattern] | None = None,
    extensions: Mapping[int, float] | None = None,
) -> Timeline:
    """Lay ``routine`` out in time.

    ``extensions`` adds seconds to segments by index (the "hold 15 s longer"
    button); everything after an extended segment moves later.
    Raises ``CompileError`` for a pose or pattern name that does not exist.
    """
    extensions = dict(extensions or {})
    segments: list[Segment] = []
    phases: list[Phase] = []
    t = 0.0
    for step_index, step in enumerate(routine.steps):
        for part in _step_parts(step, step_index, poses, custom_patterns):
            index = len(segments)
            duration = part.pop("duration")
            target = part.pop("target", None)
            extra = extensions.get(index, 0.0)
            if extra and target is not None:
                # A longer hold still ends on a breath; asked for more, a tie gives more.
                longer = breath_end_near(part["pattern"], target + extra, later_on_tie=True)
                duration = max(longer, duration)
            else:
                duration += extra
            segment = Segment(index=index, step_index=step_index, start=t, end=t + duration, **part)
            segments.append(segment)
            _lay_phases(segment, phases)
            t = segment.end
    return Timeline(routine, segments, phases, extensions, poses, custom_patterns)


def _lay_phases(segment: Segment, phases: list[Phase]) -> None:
    if segment.kind is SegmentKind.SWITCH:
        phases.append(
            Phase(len(phases), segment.index, PhaseKind.SWITCH_SIDES, segment.start, segment.end)
        )
        return
    if segment.pattern is None:
        kind = PhaseKind.REST if segment.kind is SegmentKind.REST else PhaseKind.NATURAL
        phases.append(Phase(len(phases), segment.index, kind, segment.start, segment.end))
        return
    t, cycle = segment.start, 0
    while t < segment.end - 1e-9:
        for name, kind in _CYCLE_ORDER:
            length = segment.pattern.phase_seconds(name, cycle)
            if length <= 0:
                continue
            end = min(t + length, segment.end)
            phases.append(Phase(len(phases), segment.index, kind, t, end, cycle + 1))
            t = end
            if t >= segment.end - 1e-9:
                break
        cycle += 1


_POSITION_ILLUSTRATIONS = {
    "seated": "poses/seated-breathing.svg",
    "chair": "poses/chair-breathing.svg",
    "lying": "poses/lying-breathing.svg",
    "standing": "poses/standing-breathing.svg",
}


def breath_end_near(
    pattern: Pattern | None, seconds: float, *, later_on_tie: bool = False
) -> float:
    """When a hold of about ``seconds`` should end so that it ends on a breath.

    That is the end of the exhale, or of the hold after it, nearest ``seconds``
    (the earlier one on a tie, unless ``later_on_tie``), and at least one breath: never more than a
    breath over. Natural breathing has no breath to wait for: ``seconds`` as is.
    """
    if pattern is None or seconds <= 0:
        return seconds
    previous: float | None = None
    t, cycle = 0.0, 0
    # Without a ramp every breath is alike: its lengths are read once.
    alike = _breath_lengths(pattern, 0) if pattern.ramp is None else None
    while True:
        before_exhale, exhale, hold_out = alike or _breath_lengths(pattern, cycle)
        exhale_end = t + before_exhale + exhale
        cycle_end = exhale_end + hold_out
        for end in (exhale_end, cycle_end) if cycle_end > exhale_end else (exhale_end,):
            if end >= seconds - 1e-9:
                over, under = end - seconds, seconds - (previous or 0.0)
                if previous is None or over < under or (later_on_tie and over == under):
                    return end
                return previous
            previous = end
        t, cycle = cycle_end, cycle + 1


def _breath_lengths(pattern: Pattern, cycle: int) -> tuple[float, float, float]:
    """Of breath ``cycle``: the time before the exhale, the exhale, the hold after it."""
    before_exhale = sum(
        pattern.phase_seconds(name, cycle) for name in ("inhale", "top_up", "hold_in")
    )
    return (
        before_exhale,
        pattern.phase_seconds("exhale", cycle),
        pattern.phase_seconds("hold_out", cycle),
    )


def _breaths_seconds(pattern: Pattern | None, count: int) -> float:
    # Natural breathing has no cycle length: count about 6 s a breath.
    if pattern is None:
        return 6.0 * count
    if pattern.ramp is None:  # every breath alike: no need to add them one by one
        return count * pattern.cycle_seconds()
    return sum(pattern.cycle_seconds(c) for c in range(count))


def _resolve(ref: PatternRef, path: str, custom: Mapping[str, Pattern] | None) -> Pattern | None:
    try:
        return resolve_pattern(ref, custom)
    except KeyError as exc:
        raise CompileError(path, Code.UNKNOWN_PATTERN, name=exc.args[0]) from None


def step_seconds(
    step: Step,
    step_index: int,
    poses: Mapping[str, PoseInfo],
    custom_patterns: Mapping[str, Pattern] | None = None,
) -> float:
    """The planned length of one step, switch-sides transitions included."""
    parts = _step_parts(step, step_index, poses, custom_patterns)
    return sum(p["duration"] for p in parts)


def _step_parts(
    step: Step,
    step_index: int,
    poses: Mapping[str, PoseInfo],
    custom: Mapping[str, Pattern] | None,
) -> list[dict]:
    if isinstance(step, PoseStep):
        return _pose_parts(step, step_index, poses, custom)
    pattern = _resolve(step.pattern, f"$.steps[{step_index}].pattern", custom)
    if isinstance(step, BreathStep):
        if step.seconds is not None:
            target: float | None = float(step.seconds)
            duration = breath_end_near(pattern, target)
        else:
            target, duration = None, _breaths_seconds(pattern, step.cycles or 0)
        title = step.title or pattern_label(pattern)
        return [
            dict(
                kind=SegmentKind.BREATH,
                duration=float(duration),
                target=target,
                title=title,
                pattern=pattern,
                cues=(step.cue,) if step.cue else (),
                illustration=step.illustration or _POSITION_ILLUSTRATIONS[step.position],
                sound=step.sound,
            )
        ]
    if isinstance(step, RestStep):  # rests and transitions
        return [
            dict(
                kind=SegmentKind.REST,
                duration=float(step.seconds),
                title=step.title,
                pattern=pattern,
                cues=(step.cue,) if step.cue else (),
                illustration=step.illustration or "poses/rest.svg",
                sound=step.sound,
            )
        ]
    raise TypeError(f"not a step: {step!r}")


def _hold_parts(
    step: PoseStep, step_index: int, custom: Mapping[str, Pattern] | None
) -> list[tuple[Pattern | None, float, float | None]]:
    """The hold as (pattern, seconds, seconds written or None) for each breathing part."""
    where = f"$.steps[{step_index}]"
    paths = (
        [f"{where}.breathing[{i}].pattern" for i in range(len(step.breathing))]
        if step.breathing is not None
        else [f"{where}.pattern"]
    )
    parts = []
    for part, path in zip(step.parts, paths, strict=True):
        pattern = _resolve(part.pattern, path, custom)
        if part.seconds is not None:
            target = float(part.seconds)
            parts.append((pattern, breath_end_near(pattern, target), target))
        else:
            parts.append((pattern, _breaths_seconds(pattern, part.breaths or 0), None))
    return parts


def _pose_parts(
    step: PoseStep,
    step_index: int,
    poses: Mapping[str, PoseInfo],
    custom: Mapping[str, Pattern] | None,
) -> list[dict]:
    info: PoseInfo | None = None
    if step.pose is not None:
        info = poses.get(step.pose)
        if info is None:
            raise CompileError(f"$.steps[{step_index}].pose", Code.UNKNOWN_POSE, name=step.pose)
    hold = _hold_parts(step, step_index, custom)
    per_side = step.per_side if step.per_side is not None else bool(info and info.per_side)
    common = dict(
        kind=SegmentKind.POSE,
        title=step.name or (info.name if info else "Pose"),
        cues=tuple(step.cues if step.cues is not None else (info.cues if info else ())),
        cautions=tuple(
            step.cautions if step.cautions is not None else (info.cautions if info else ())
        ),
        alternatives=tuple(
            step.alternatives
            if step.alternatives is not None
            else (info.alternatives if info else ())
        ),
        illustration=step.illustration or (info.illustration if info else None),
        sound=step.sound,
    )

    def held(r: int, **half: object) -> list[dict]:
        return [
            {**common, **half, "pattern": pattern, "duration": duration, "target": target,
             "round": r + 1}
            for pattern, duration, target in hold
        ]  # fmt: skip

    if not per_side:
        return [part for r in range(step.rounds) for part in held(r)]
    # A routine's own halves and titles come translated with it; the defaults are ours.
    halves = step.halves or (info.halves if info else None) or _default_halves()
    switch_title = (
        step.switch_title
        or (info.switch_title if info and not step.halves else None)
        or (
            _(SWITCH_SIDES_TITLE)
            if all(h.side for h in halves)
            else content_text(CHANGE_DIRECTION_TITLE)
        )
    )
    parts: list[dict] = []
    for r in range(step.rounds):
        for half in halves:
            mirrored = half.drawing == "mirrored"
            if parts and step.switch_seconds > 0:
                parts.append(
                    dict(
                        kind=SegmentKind.SWITCH,
                        duration=float(step.switch_seconds),
                        title=switch_title,
                        illustration=half.illustration or common["illustration"],
                        round=r + 1,
                    )
                )
            side = Side(half.side) if half.side else None
            picture = half.illustration or common["illustration"]
            parts.extend(
                held(r, side=side, side_label=half.label, mirrored=mirrored, illustration=picture)
            )
    return parts


def _default_halves() -> list[Half]:
    """The left and right sides, named in the current language."""
    return [msgspec.structs.replace(h, label=_(h.label)) for h in SIDE_HALVES]
