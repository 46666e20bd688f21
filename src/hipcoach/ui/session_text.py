"""The words the session view shows for one snapshot of a session.

Free of Qt, so each text can be checked against a real session on a fake clock
without building a window. An empty string means the view shows nothing there.
"""

from __future__ import annotations

from hipcoach.core import safety
from hipcoach.core.patterns import pattern_label
from hipcoach.core.session import PauseReason, Session, Snapshot, State
from hipcoach.core.timeline import Moment, PhaseKind, Segment, SegmentKind
from hipcoach.i18n import _, pgettext
from hipcoach.ui import formatting

_ENDED = (State.FINISHED, State.STOPPED)
#: Half labels up to this long are short ("left side", "clockwise"); longer ones say
#: where each leg is, and are shown smaller and left out of the "Next" line.
SHORT_HALF_CHARS = 20
#: Parts with no paced breath: the ring and the seconds show time passing, and this says why.
_OWN_PACE = (PhaseKind.NATURAL, PhaseKind.REST)


def has_ended(snap: Snapshot) -> bool:
    return snap.state in _ENDED


def getting_ready(snap: Snapshot) -> bool:
    """Counting down to the start, or paused during that countdown."""
    return snap.state is State.GET_READY or snap.paused_from is State.GET_READY


def shown_segment(moment: Moment) -> Segment:
    """The part whose name is shown: while switching sides, the side being switched into."""
    segment = moment.segment
    if segment.kind is SegmentKind.SWITCH and moment.next_segment is not None:
        return moment.next_segment
    return segment


def phase_word(snap: Snapshot) -> str:
    """The big word under the pacer; also what screen readers hear at each phase."""
    if snap.state is State.FINISHED:
        # TRANSLATORS: the big word when a session is finished.
        return _("Well done")
    if snap.state is State.STOPPED:
        # TRANSLATORS: the big word when a session was stopped before its end.
        return pgettext("session state", "Stopped")
    if getting_ready(snap):
        return _("Get ready")
    moment = snap.moment
    if moment.phase.kind is PhaseKind.SWITCH_SIDES and moment.segment.title:
        # What the switch is called: "Change direction" between circles, not "Switch sides".
        return moment.segment.title
    return moment.phase.kind.word


def seconds_left(snap: Snapshot) -> str:
    """The count beside the word: the get-ready countdown, or what is left of the phase."""
    if has_ended(snap):
        return ""
    if getting_ready(snap):
        return formatting.countdown(snap.countdown)
    return formatting.countdown(snap.moment.phase_left)


def pose_title(session: Session, snap: Snapshot) -> str:
    """The part being done, or the routine's title once it is over."""
    if has_ended(snap):
        return session.timeline.routine.title
    return shown_segment(snap.moment).title


def side_text(snap: Snapshot) -> str:
    if has_ended(snap):
        return ""
    return shown_segment(snap.moment).side_label.capitalize()


def step_text(session: Session, snap: Snapshot) -> str:
    steps = len(session.timeline.routine.steps)
    return _("Step {step} of {steps}").format(step=snap.moment.segment.step_index + 1, steps=steps)


def pattern_text(snap: Snapshot) -> str:
    """The breathing pattern, with the breath count while paced breathing runs."""
    moment = snap.moment
    segment = moment.segment
    text = pattern_label(segment.pattern) if segment.kind is not SegmentKind.SWITCH else ""
    if segment.pattern is not None and moment.cycle and not has_ended(snap):
        # TRANSLATORS: the breathing pattern and which breath of it this is: "Box · breath 3".
        text = _("{pattern} · breath {n}").format(pattern=text, n=moment.cycle)
    return text


def remaining_text(snap: Snapshot) -> str:
    """Time left in the whole routine."""
    return _("{time} left in the routine").format(
        time=formatting.clock_left(snap.moment.routine_left)
    )


def part_left_text(snap: Snapshot) -> str:
    """Time left on this side (a one-sided part) or in this step; empty before and after."""
    if has_ended(snap) or getting_ready(snap):
        return ""
    moment = snap.moment
    if moment.segment.kind is not SegmentKind.SWITCH and moment.segment.side_label:
        return _("{time} left on this side").format(time=formatting.clock_left(moment.segment_left))
    return _("{time} left in this step").format(time=formatting.clock_left(moment.step_left))


def next_text(session: Session, snap: Snapshot) -> str:
    """What comes after this part; a switch names the side it leads into."""
    if has_ended(snap):
        return ""
    upcoming = snap.moment.next_segment
    if upcoming is None:
        return _("Next: the end")
    segments = session.timeline.segments
    if upcoming.kind is SegmentKind.SWITCH and upcoming.index + 1 < len(segments):
        following = segments[upcoming.index + 1]
        if following.side_label:
            # TRANSLATORS: what comes next: switching sides, then the side it leads into.
            return _("Next: {part}, then {side}").format(
                part=upcoming.title, side=following.side_label
            )
    if len(upcoming.side_label) > SHORT_HALF_CHARS:
        # Its long words show in the header when it starts.
        return _("Next: {part}").format(part=upcoming.title)
    return _("Next: {part}").format(part=upcoming.label)


def instructions_text(snap: Snapshot) -> str:
    """The part's instructions ("cues" in routine files), one a line; while a pattern with
    breath holds runs, also that holds are optional.

    "Cue" in the program means a sound; on screen these are instructions.
    """
    if has_ended(snap):
        return ""
    lines = list(snap.moment.segment.cues)
    pattern = snap.moment.segment.pattern
    if pattern is not None and (pattern.hold_in or pattern.hold_out):
        lines.append(_(safety.HOLDS_OPTIONAL))
    return "\n".join(f"• {line}" for line in lines)


def care_text(snap: Snapshot) -> tuple[str, str, list[str], list[str]]:
    """The part shown, its half, its cautions and its alternatives (for the "take care" sheet)."""
    segment = shown_segment(snap.moment)
    half = segment.side_label.capitalize()
    return segment.title, half, list(segment.cautions), list(segment.alternatives)


def status_text(session: Session, snap: Snapshot) -> str:
    """A line only when there is something to say: paused by the user, or the session is over."""
    if snap.state is State.PAUSED and snap.pause_reason is PauseReason.USER:
        return _("Paused — press Space to go on")
    if has_ended(snap):
        done = formatting.clock(session.practised_seconds)
        return _("{time} practised. Press Esc to choose another routine.").format(time=done)
    if snap.state is State.RUNNING and snap.moment.phase.kind in _OWN_PACE:
        return _("Breathe at your own pace.")
    return ""
