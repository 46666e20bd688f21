"""Clocks: where the session engine gets its time from.

The engine reads two clocks. ``monotonic`` drives the session; ``suspend_aware``
keeps counting while the computer sleeps, so when it runs ahead of ``monotonic``
the engine knows the laptop was asleep. ``now`` is the wall-clock time for
the history.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def suspend_aware(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clocks of this computer."""

    def monotonic(self) -> float:
        return time.monotonic()

    def suspend_aware(self) -> float:
        # CLOCK_BOOTTIME counts suspend on Linux while CLOCK_MONOTONIC does not.
        # Elsewhere the wall clock is the best stand-in: it keeps counting in sleep.
        if sys.platform.startswith("linux"):
            return time.clock_gettime(time.CLOCK_BOOTTIME)
        return time.time()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """A clock that moves only when told to: for tests and benchmarks."""

    def __init__(self, start: float = 1000.0, wall: datetime | None = None):
        self._mono = start
        self._suspend = start
        self._wall = wall or datetime(2026, 11, 25, 20, 0, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._suspend += seconds
        self._wall += timedelta(seconds=seconds)

    def sleep_computer(self, seconds: float) -> None:
        """The lid closes for ``seconds``: only the suspend-aware and wall clocks move."""
        self._suspend += seconds
        self._wall += timedelta(seconds=seconds)

    def monotonic(self) -> float:
        return self._mono

    def suspend_aware(self) -> float:
        return self._suspend

    def now(self) -> datetime:
        return self._wall
