"""Which sound cue to play, and when: each boundary once, never a flood.

The scheduler looks at successive snapshots. When the phase has changed since
the last one it returns the cue for the phase we are in now, and only that one:
a late tick that jumped over three phases plays one cue, a pause or a sleep
replays nothing (the phase is unchanged), and a skip plays the cue of the part
skipped to.
"""

from __future__ import annotations

from hipcoach.core.session import Snapshot, State
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


class CueScheduler:
    """Feed it every snapshot; it returns the cues due now (usually none)."""

    def __init__(self) -> None:
        self._last_phase: int | None = None
        self._last_segment: Segment | None = None
        self._last_countdown: int | None = None
        self._ended = False

    def cues_for(self, snap: Snapshot) -> list[str]:
        if snap.state is State.FINISHED:
            if self._ended:
                return []
            self._ended = True
            return [SESSION_END]
        if snap.state is State.GET_READY:
            return self._countdown(snap)
        if snap.state is not State.RUNNING:
            return []
        phase, segment = snap.moment.phase, snap.moment.segment
        if phase.index == self._last_phase:
            return []
        previous = self._last_segment
        self._last_phase, self._last_segment = phase.index, segment
        new_part = previous is None or segment.index != previous.index
        if (
            new_part
            and phase.kind is not PhaseKind.SWITCH_SIDES
            and not _continues(previous, segment)
        ):
            return [NEXT_STEP]
        cue = _PHASE_CUES.get(phase.kind)
        return [cue] if cue else []

    def _countdown(self, snap: Snapshot) -> list[str]:
        # A soft tick on each of the last three seconds before the first step.
        second = int(snap.countdown) + 1 if snap.countdown % 1 else int(snap.countdown)
        if second == self._last_countdown or second > 3 or second < 1:
            return []
        self._last_countdown = second
        return [HOLD]


def _continues(previous: Segment | None, segment: Segment) -> bool:
    """The same pose goes on with another breathing pattern: no "next step" chime, just breath."""
    return (
        previous is not None
        and previous.index == segment.index - 1
        and previous.kind is segment.kind
        and previous.side is segment.side
        and (
            previous.title == segment.title
            or (previous.illustration is not None and previous.illustration == segment.illustration)
        )
    )
