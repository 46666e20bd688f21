"""Which sound cue to play for what just happened in a session: each boundary once.

The changes themselves are found by ``session_events.changes``; this module
only maps them to sounds. A late reading that jumped over three phases reports
one phase started, so one cue plays; a pause or a sleep reports no phase, so
nothing is replayed; a skip reports the part skipped to, so its cue plays.
"""

from __future__ import annotations

from collections.abc import Iterable

from hipcoach.core.session_events import (
    CountdownSecond,
    Finished,
    PartStarted,
    PhaseStarted,
    SessionEvent,
)
from hipcoach.core.timeline import PhaseKind, Segment

INHALE = "inhale"
EXHALE = "exhale"
HOLD = "hold"
SWITCH_SIDES = "switch_sides"
NEXT_STEP = "next_step"
SESSION_END = "session_end"
ALL_CUES = (INHALE, EXHALE, HOLD, SWITCH_SIDES, NEXT_STEP, SESSION_END)

_PHASE_CUES = {
    PhaseKind.INHALE: INHALE,
    PhaseKind.TOP_UP: INHALE,
    PhaseKind.HOLD_IN: HOLD,
    PhaseKind.EXHALE: EXHALE,
    PhaseKind.HOLD_OUT: HOLD,
    PhaseKind.SWITCH_SIDES: SWITCH_SIDES,
}


#: The soft tick on each of the last seconds of the get-ready countdown.
COUNTDOWN_TICKS = 3


def cues_for(events: Iterable[SessionEvent]) -> list[str]:
    """The cues due for ``events`` (one reading's changes), in the order to play them."""
    due: list[str] = []
    part: PartStarted | None = None
    for event in events:
        if isinstance(event, CountdownSecond) and 1 <= event.seconds <= COUNTDOWN_TICKS:
            due.append(HOLD)
        elif isinstance(event, PartStarted):
            part = event
        elif isinstance(event, PhaseStarted):
            due.append(_phase_cue(event, part))
        elif isinstance(event, Finished):
            due.append(SESSION_END)
    return [cue for cue in due if cue]


def _phase_cue(event: PhaseStarted, part: PartStarted | None) -> str:
    kind = event.phase.kind
    if (
        part is not None
        and kind is not PhaseKind.SWITCH_SIDES
        and not _continues(part.previous, part.segment)
    ):
        return NEXT_STEP
    return _PHASE_CUES.get(kind, "")


def _continues(previous: Segment | None, segment: Segment) -> bool:
    """The same pose goes on with another breathing pattern: no "next step" chime, just breath."""
    return (
        previous is not None
        and previous.index == segment.index - 1
        and previous.kind is segment.kind
        and previous.side is segment.side
        and previous.side_label == segment.side_label
        and (
            previous.title == segment.title
            or (previous.illustration is not None and previous.illustration == segment.illustration)
        )
    )
