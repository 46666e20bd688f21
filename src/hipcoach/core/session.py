"""The session state machine: ready → get-ready → running ⇄ paused → finished or stopped.

Time is never counted from ticks. The position in the routine is always
``clock - start - paused time - get-ready + skips``, read from an injected
clock whenever ``update()`` is called, so late, early or missing ticks cannot
make the session drift. What was practised is derived from the stretches of
the routine that were actually played (``runs``), not accumulated per tick.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import msgspec

from hipcoach.core.clock import Clock
from hipcoach.core.timeline import Moment, Side, Timeline

if TYPE_CHECKING:
    # Imported where a sleep is noticed: the history format is not needed before the
    # window's first frame (~3 ms of start-up).
    from hipcoach.core.history_format import SleepPause

#: A suspend-aware clock running this far ahead of the monotonic one means the computer slept.
SUSPEND_THRESHOLD = 2.0
#: "Previous" within this many seconds of a part's start goes to the part before it.
RESTART_GRACE = 3.0
EXTEND_SECONDS = 15.0


class State(enum.Enum):
    READY = "ready"
    GET_READY = "get_ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class PauseReason(enum.Enum):
    USER = "user"
    SUSPEND = "suspend"


class Snapshot(msgspec.Struct, frozen=True, kw_only=True):
    """The session at one clock reading: all the player needs to draw a frame."""

    state: State
    moment: Moment
    position: float
    countdown: float
    practised: float
    pause_reason: PauseReason | None
    paused_from: State | None

    @property
    def active(self) -> bool:
        return self.state in (State.GET_READY, State.RUNNING)


class Session:
    """One run through a routine, driven by ``update()`` calls and user intent."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        get_ready_seconds: float = 5.0,
        suspend_threshold: float = SUSPEND_THRESHOLD,
    ):
        self.timeline = timeline
        self.planned_seconds = timeline.total
        #: The routine's name as shown when the session began: what the history keeps,
        #: even if the language changes while the session runs.
        self.title = timeline.routine.title
        self._clock = clock
        self._get_ready = max(0.0, get_ready_seconds)
        self._suspend_threshold = suspend_threshold
        self._status = State.READY  # READY, RUNNING (active), PAUSED, FINISHED, STOPPED
        self._start = 0.0
        self._paused_total = 0.0
        self._pause_start: float | None = None
        self._pause_reason: PauseReason | None = None
        self._offset = 0.0
        self._frozen_position: float | None = None  # once finished or stopped
        self._runs: list[list[float]] = []
        self._last_mono = 0.0
        self._last_suspend = 0.0
        self.sleep_pauses: list[SleepPause] = []
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None

    # -- reading the clock -------------------------------------------------------------

    def _position_at(self, mono: float) -> float:
        if self._frozen_position is not None:
            return self._frozen_position
        if self._status is State.READY:
            return -self._get_ready
        paused_now = mono - self._pause_start if self._pause_start is not None else 0.0
        return mono - self._start - self._paused_total - paused_now - self._get_ready + self._offset

    @property
    def position(self) -> float:
        """Seconds into the routine at the last ``update()`` (negative during get-ready)."""
        return self._position_at(self._last_mono)

    def update(self) -> Snapshot:
        """Read the clock, notice sleep and the end of the routine, and describe the moment."""
        mono, suspend = self._clock.monotonic(), self._clock.suspend_aware()
        if self._status is State.RUNNING:
            slept = (suspend - self._last_suspend) - (mono - self._last_mono)
            if slept > self._suspend_threshold:
                # Pause from the last reading before the sleep: none of it is practice.
                self._begin_pause(self._last_mono, PauseReason.SUSPEND)
                from hipcoach.core.history_format import SleepPause

                self.sleep_pauses.append(SleepPause(self._clock.now(), slept))
        self._last_mono, self._last_suspend = mono, suspend
        if self._status is State.RUNNING and self._position_at(mono) >= self.timeline.total:
            self._end(State.FINISHED, self.timeline.total)
        return self.snapshot()

    def snapshot(self) -> Snapshot:
        """What the session is doing at the last clock reading (``update()`` takes one)."""
        position = self.position
        status = self._status
        if status is State.RUNNING and position < 0:
            status = State.GET_READY
        paused_from = None
        if status is State.PAUSED:
            paused_from = State.GET_READY if position < 0 else State.RUNNING
        return Snapshot(
            state=status,
            moment=self.timeline.at(position),
            position=position,
            countdown=max(0.0, -position),
            practised=self.practised_seconds,
            pause_reason=self._pause_reason,
            paused_from=paused_from,
        )

    @property
    def state(self) -> State:
        return self.snapshot().state

    def seconds_to_next_change(self) -> float | None:
        """How long until something worth waking for: a phase boundary or a countdown second."""
        if self._status is not State.RUNNING:
            return None
        position = self.position
        if position < 0:
            return max(0.0, (-position) % 1.0) or 1.0
        return max(0.0, self.timeline.at(position).phase.end - position)

    # -- user intent -------------------------------------------------------------------

    def start(self) -> None:
        """Start the get-ready countdown now; nothing if already started."""
        if self._status is not State.READY:
            return
        self._last_mono, self._last_suspend = self._clock.monotonic(), self._clock.suspend_aware()
        self._start = self._last_mono
        self.started_at = self._clock.now()
        self._status = State.RUNNING
        self._runs.append([-self._get_ready, -self._get_ready])

    def pause(self) -> None:
        """Pause now (the get-ready countdown too); nothing unless running."""
        if self._can_move() and self._status is State.RUNNING:
            self._begin_pause(self._last_mono, PauseReason.USER)

    def resume(self) -> None:
        """Go on from where the pause began; nothing unless paused."""
        if self._status is not State.PAUSED or self._pause_start is None:
            return
        mono, suspend = self._clock.monotonic(), self._clock.suspend_aware()
        self._paused_total += mono - self._pause_start
        self._pause_start = None
        self._pause_reason = None
        self._status = State.RUNNING
        self._last_mono, self._last_suspend = mono, suspend

    def toggle(self) -> None:
        """Space: start when ready, otherwise pause or resume."""
        if self._status is State.READY:
            self.start()
        elif self._status is State.RUNNING:
            self.pause()
        elif self._status is State.PAUSED:
            self.resume()

    def stop(self) -> None:
        """End early. What was practised so far is kept."""
        if self._can_move():
            self._end(State.STOPPED, self.position)

    def next_part(self) -> None:
        """Skip to the next part: the other side, the switch between sides, or the next step."""
        if not self._can_move():
            return
        position = self.position
        if position < 0:
            self._jump(0.0)
            return
        seg = self.timeline.segments[self.timeline.segment_index_at(position)]
        self._jump(seg.end)
        if self._status is State.RUNNING:
            self.update()
        elif position >= 0 and seg.end >= self.timeline.total:
            self._end(State.FINISHED, self.timeline.total)

    def previous_part(self) -> None:
        """Back to the start of this part, or to the part before it when just begun."""
        if not self._can_move():
            return
        position = self.position
        if position < 0:
            return
        index = self.timeline.segment_index_at(position)
        seg = self.timeline.segments[index]
        if position - seg.start < RESTART_GRACE and index > 0:
            seg = self.timeline.segments[index - 1]
        self._jump(seg.start)

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        """Hold the current part ``seconds`` longer; everything after it moves later."""
        if not self._can_move() or self.position < 0:
            return
        index = self.timeline.segment_index_at(self.position)
        self.timeline = self.timeline.extended(index, seconds)

    def retell(self, timeline: Timeline) -> bool:
        """Go on with the same routine told in other words (the language changed).

        ``timeline`` must lay out the same parts at the same times (extensions included);
        only its words may differ. Otherwise nothing changes and False is returned: the
        session's clock and what was practised never depend on the words.
        """
        old = self.timeline
        same = (
            timeline.routine.id == old.routine.id
            and len(timeline.segments) == len(old.segments)
            and len(timeline.phases) == len(old.phases)
            and all(
                (a.start, a.end, a.kind, a.side) == (b.start, b.end, b.kind, b.side)
                for a, b in zip(timeline.segments, old.segments, strict=True)
            )
        )
        if same:
            self.timeline = timeline
        return same

    # -- what was practised ----------------------------------------------------------

    def _played(self) -> list[tuple[float, float]]:
        runs = [(a, b) for a, b in self._runs[:-1]]
        if self._runs:
            start = self._runs[-1][0]
            runs.append((start, max(start, min(self.position, self.timeline.total))))
        return runs

    def _overlap(self, lo: float, hi: float) -> float:
        return sum(max(0.0, min(b, hi) - max(a, lo)) for a, b in self._played())

    @property
    def practised_seconds(self) -> float:
        """Time spent practising: pauses, the get-ready countdown and skipped parts excluded."""
        return self._overlap(0.0, self.timeline.total)

    def side_seconds(self, side: Side) -> float:
        """Seconds actually spent on ``side`` so far (skipped time not counted)."""
        return sum(self._overlap(s.start, s.end) for s in self.timeline.segments if s.side is side)

    @property
    def steps_done(self) -> int:
        """Steps whose end was reached while playing (not skipped past)."""
        done = 0
        played = self._played()
        for step_index in range(len(self.timeline.routine.steps)):
            _, end = self.timeline.step_bounds(step_index)
            if any(a < end <= b + 1e-9 for a, b in played):
                done += 1
        return done

    @property
    def completed(self) -> bool:
        return self._status is State.FINISHED

    def ended_or_now(self) -> datetime:
        """When the session ended, or the time now while it runs."""
        return self.ended_at or self._clock.now()

    # -- internals ---------------------------------------------------------------------

    def _can_move(self) -> bool:
        """Whether skips apply now; reads the clock first so they act on the present."""
        if self._status is State.RUNNING:
            self.update()
        return self._status in (State.RUNNING, State.PAUSED)

    def _begin_pause(self, at: float, reason: PauseReason) -> None:
        self._pause_start = at
        self._pause_reason = reason
        self._status = State.PAUSED

    def _jump(self, target: float) -> None:
        current = self.position
        self._runs[-1][1] = max(self._runs[-1][0], min(current, self.timeline.total))
        self._offset += target - current
        self._runs.append([target, target])

    def _end(self, status: State, position: float) -> None:
        position = min(max(position, -self._get_ready), self.timeline.total)
        overshoot = (
            self._position_at(self._last_mono) - position if status is State.FINISHED else 0.0
        )
        self._frozen_position = position
        self._runs[-1][1] = max(self._runs[-1][0], position)
        self._pause_start = None
        self._status = status
        self.ended_at = self._clock.now() - timedelta(seconds=max(0.0, overshoot))
