"""The session driver: where a running session lives.

The driver owns the one session in progress. It starts it, forwards the
person's intent to it (pause, skip, hold longer, stop), reads it at the
current clock reading whenever something wakes it, works out what changed
with ``session_events.changes`` and tells every subscriber: the session view,
the recorder, the sound cues, the screen keeper.

It never counts time itself. A ``Waker`` (a Qt timer in the app, a fake in
tests) calls ``update()`` at the next boundary worth waking for: a phase, a
countdown second, or the next ``Mark`` (every ``MARK_EVERY`` seconds of the
routine), so the session is recorded and its cues play whether or not anything
is drawn. While nothing runs (paused, ended, no
session) it asks for no wake-up at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import msgspec

from hipcoach.core.clock import Clock
from hipcoach.core.session import Session, Snapshot, State
from hipcoach.core.session_events import MARK_EVERY, SessionEvent, changes
from hipcoach.core.timeline import Timeline


class Waker(Protocol):
    """Calls the driver's ``update()`` once, ``seconds`` from now; a new request replaces it."""

    def wake_in(self, seconds: float) -> None:
        """Call ``update()`` once, ``seconds`` from now (0 or less: as soon as possible)."""
        ...

    def cancel(self) -> None:
        """Forget the call asked for, if any."""
        ...


class SessionUpdate(msgspec.Struct, frozen=True):
    """One reading of the session, and what changed since the reading before."""

    session: Session
    snapshot: Snapshot
    events: tuple[SessionEvent, ...]

    @property
    def ended(self) -> bool:
        """This reading is the one where the session finished or was stopped."""
        return self.snapshot.state in (State.FINISHED, State.STOPPED) and bool(self.events)


Listener = Callable[[SessionUpdate], None]


class SessionDriver:
    """Runs one session at a time and tells its subscribers about every reading."""

    def __init__(self, clock: Clock, waker: Waker):
        self.clock = clock
        self.waker = waker
        self._listeners: list[Listener] = []
        self.session: Session | None = None
        self.snapshot: Snapshot | None = None
        self._wake_at: float | None = None

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every update, in the order listeners subscribed."""
        self._listeners.append(listener)

    @property
    def active(self) -> bool:
        """A session is under way: counting down, running or paused."""
        return self.snapshot is not None and self.snapshot.state not in (
            State.FINISHED,
            State.STOPPED,
        )

    @property
    def waiting(self) -> bool:
        """A wake-up is asked for (only while a session counts down or runs)."""
        return self._wake_at is not None

    def start(self, timeline: Timeline, *, get_ready_seconds: float) -> Session | None:
        """Start a session of ``timeline`` now; None if one is already under way."""
        if self.active:
            return None
        session = Session(timeline, self.clock, get_ready_seconds=get_ready_seconds)
        self.session, self.snapshot = session, None
        session.start()
        self.update()
        return session

    def update(self) -> Snapshot | None:
        """Read the session now, tell the subscribers, and ask for the next wake-up."""
        session = self.session
        if session is None:
            return None
        before, after = self.snapshot, session.update()
        self.snapshot = after
        self._plan_wake(session, after)
        update = SessionUpdate(session, after, changes(before, after))
        for listener in list(self._listeners):
            listener(update)
        return after

    # -- the person's intent: each acts on the session, then reads it at once --------

    def toggle(self) -> None:
        """Pause or resume (never restarts an ended session)."""
        if self.session is not None and self.active:
            self.session.toggle()
            self.update()

    def resume(self) -> None:
        """Go on after a pause; nothing without a session, or one not paused."""
        if self.session is not None:
            self.session.resume()
            self.update()

    def next_part(self) -> None:
        """Skip to the next part; nothing without a session, or after its end."""
        if self.session is not None:
            self.session.next_part()
            self.update()

    def previous_part(self) -> None:
        """Back to the start of this part, or of the one before if this one just began;
        nothing without a session, or after its end."""
        if self.session is not None:
            self.session.previous_part()
            self.update()

    def extend(self) -> bool:
        """Hold the current part longer; False when there was nothing to extend."""
        if self.session is None or not self.active:
            return False
        before = self.session.timeline.total
        self.session.extend()
        self.update()
        return self.session.timeline.total > before

    def retell(self, timeline: Timeline) -> bool:
        """The session under way, told in other words (see ``Session.retell``).

        The subscribers get a fresh reading with no events: views show the new words,
        while cues, the history and the clock carry on as if nothing happened.
        """
        if self.session is None or not self.session.retell(timeline):
            return False
        self.update()
        return True

    def stop(self) -> None:
        """End the session now; what was practised is kept. Safe to call at any point."""
        if self.session is not None and self.active:
            self.session.stop()
            self.update()

    # -- wake-ups ----------------------------------------------------------------------

    def _plan_wake(self, session: Session, snap: Snapshot) -> None:
        wait = session.seconds_to_next_change() if snap.active else None
        if wait is not None and snap.position >= 0:
            wait = min(wait, MARK_EVERY - snap.position % MARK_EVERY)
        if wait is None:
            if self._wake_at is not None:
                self._wake_at = None
                self.waker.cancel()
            return
        now = self.clock.monotonic()
        wake_at = now + wait
        # An earlier wake-up already asked for still comes in time: keep it, so a
        # drawn session (an update every frame) does not re-arm the timer each frame.
        if self._wake_at is not None and now < self._wake_at <= wake_at:
            return
        self._wake_at = wake_at
        self.waker.wake_in(wake_at - now)
