"""What happened between two readings of a session: the one place changes are detected.

``changes(before, after)`` compares two snapshots and names what happened in
between: the session started, a countdown second passed, a part or a breath
phase began, the sides were switched, another half minute of the routine was
played (a ``Mark``, for the recorder), the session was paused, resumed or
suspended (the computer slept), or it finished or was stopped. It is a pure
function, so whatever wakes the program (a frame, a timer, a key) gets the
same answer, and a late reading that jumped over several boundaries reports
only where the session is now: one part, one phase, never a flood.
"""

from __future__ import annotations

import math

import msgspec

from hipcoach.core.session import PauseReason, Snapshot, State
from hipcoach.core.timeline import Phase, Segment, SegmentKind, Side

#: A ``Mark`` is reported each time this many seconds of the routine have been played.
MARK_EVERY = 30.0


class Started(msgspec.Struct, frozen=True):
    """The session began (its get-ready countdown, if any, starts now)."""


class CountdownSecond(msgspec.Struct, frozen=True):
    """A whole second of the get-ready countdown began: ``seconds`` are left."""

    seconds: int


class PartStarted(msgspec.Struct, frozen=True):
    """A part of the routine began: a step, one side of it, or the switch between sides.

    ``previous`` is the part practised just before, or None when this is the
    first part practised (after the countdown, or after a pause in it).
    """

    segment: Segment
    previous: Segment | None


class SideSwitched(msgspec.Struct, frozen=True):
    """The switch between sides began; ``to`` is the side that comes next."""

    to: Side | None


class PhaseStarted(msgspec.Struct, frozen=True):
    """A phase began: inhale, hold, exhale, natural breathing, rest or switch sides."""

    phase: Phase


class Mark(msgspec.Struct, frozen=True):
    """Another ``MARK_EVERY`` seconds of the routine were played: ``seconds`` in, now."""

    seconds: float


class Paused(msgspec.Struct, frozen=True):
    """The person paused the session."""


class Suspended(msgspec.Struct, frozen=True):
    """The computer slept; the session paused itself at the last reading before it."""


class Resumed(msgspec.Struct, frozen=True):
    """The session runs again after a pause or a sleep."""


class Finished(msgspec.Struct, frozen=True):
    """The routine was played to its end."""


class Stopped(msgspec.Struct, frozen=True):
    """The session was ended early; what was practised is kept."""


SessionEvent = (
    Started
    | CountdownSecond
    | PartStarted
    | SideSwitched
    | PhaseStarted
    | Mark
    | Paused
    | Suspended
    | Resumed
    | Finished
    | Stopped
)

_ENDED = (State.FINISHED, State.STOPPED)


def in_routine(snap: Snapshot) -> bool:
    """Past the countdown and not over: running or paused somewhere in the routine."""
    return snap.state in (State.RUNNING, State.PAUSED) and snap.position >= 0


def countdown_second(snap: Snapshot) -> int:
    """The whole second of the get-ready countdown being counted (5, 4, 3, 2, 1)."""
    return math.ceil(snap.countdown)


def changes(before: Snapshot | None, after: Snapshot) -> tuple[SessionEvent, ...]:
    """What happened between ``before`` (None: nothing was running) and ``after``, in order.

    Both snapshots must come from the same session, ``before`` the earlier.
    Equal snapshots give no events; so do two readings within one phase.
    """
    events: list[SessionEvent] = []
    if before is None:
        events.append(Started())
    elif before.state is State.PAUSED and after.state in (State.GET_READY, State.RUNNING):
        events.append(Resumed())
    if after.state in _ENDED:
        if before is None or before.state is not after.state:
            events.append(Finished() if after.state is State.FINISHED else Stopped())
        return tuple(events)
    if after.state is State.GET_READY:
        second = countdown_second(after)
        counting = before is not None and before.state in (State.GET_READY, State.PAUSED)
        if not counting or countdown_second(before) != second:
            events.append(CountdownSecond(second))
    if in_routine(after):
        events += _part_and_phase(before, after)
        if before is not None and in_routine(before):
            mark = math.floor(after.position / MARK_EVERY)
            if mark > math.floor(before.position / MARK_EVERY):
                events.append(Mark(mark * MARK_EVERY))
    if after.state is State.PAUSED and (before is None or before.state is not State.PAUSED):
        events.append(Suspended() if after.pause_reason is PauseReason.SUSPEND else Paused())
    return tuple(events)


def _part_and_phase(before: Snapshot | None, after: Snapshot) -> list[SessionEvent]:
    segment, phase = after.moment.segment, after.moment.phase
    previous = before.moment.segment if before is not None and in_routine(before) else None
    events: list[SessionEvent] = []
    if previous is None or previous.index != segment.index:
        events.append(PartStarted(segment, previous))
        if segment.kind is SegmentKind.SWITCH:
            following = after.moment.next_segment
            events.append(SideSwitched(following.side if following else None))
    if previous is None or events or before.moment.phase.index != phase.index:  # type: ignore[union-attr]
        events.append(PhaseStarted(phase))
    return events
