"""Small routines for tests, built from plain dicts the way a file would hold them."""

from __future__ import annotations

from hipcoach.core.clock import FakeClock
from hipcoach.core.driver import SessionDriver
from hipcoach.core.model import PoseInfo, Routine
from hipcoach.core.session import Session
from hipcoach.core.timeline import Timeline, compile_timeline
from hipcoach.core.validation import convert

POSES = {
    "lizard": PoseInfo(
        name="Lizard", per_side=True, cues=["Front foot outside the hand"], cautions=["Knees"]
    ),
    "butterfly": PoseInfo(name="Butterfly", per_side=False, cues=["Sit tall"], cautions=["Groin"]),
}


def routine(*steps: dict, rid: str = "test", title: str = "Test") -> Routine:
    return convert({"id": rid, "title": title, "steps": list(steps)}, Routine, "test.json")


def timeline(*steps: dict) -> Timeline:
    return compile_timeline(routine(*steps), POSES)


def session(*steps: dict, get_ready: float = 5.0) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(timeline(*steps), clock, get_ready_seconds=get_ready), clock


class FakeWaker:
    """Stands in for the app's wake-up timer: remembers when the driver asked to be woken."""

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self.due: float | None = None  # on the fake clock's monotonic time
        self.requests: list[float] = []

    def wake_in(self, seconds: float) -> None:
        self.due = self._clock.monotonic() + seconds
        self.requests.append(seconds)

    def cancel(self) -> None:
        self.due = None


def driver() -> tuple[SessionDriver, FakeClock, FakeWaker]:
    """A session driver on a fake clock, with nothing started yet."""
    clock = FakeClock()
    waker = FakeWaker(clock)
    return SessionDriver(clock, waker), clock, waker


def follow_wake_ups(drv: SessionDriver, clock: FakeClock, waker: FakeWaker, seconds: float) -> int:
    """Let ``seconds`` pass with nothing drawn: only the driver's own wake-ups read the session.

    Returns how many wake-ups there were.
    """
    end = clock.monotonic() + seconds
    count = 0
    while waker.due is not None and waker.due <= end + 1e-9:
        clock.advance(max(0.0, waker.due - clock.monotonic()))
        waker.due = None
        drv.update()
        count += 1
    clock.advance(max(0.0, end - clock.monotonic()))
    return count
