"""Clocks: where the session engine gets its time from.

The engine reads two clocks. ``monotonic`` drives the session; ``suspend_aware``
keeps counting while the computer sleeps, so when it runs ahead of ``monotonic``
the engine knows the laptop was asleep. ``now`` is the wall-clock time for
the history.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where the session and the history read the time: three readings, never set back."""

    def monotonic(self) -> float:
        """Seconds on a steady clock that stops while the computer sleeps."""
        ...

    def suspend_aware(self) -> float:
        """Seconds on a steady clock that also counts the time asleep."""
        ...

    def now(self) -> datetime:
        """The wall-clock time, with the local time zone (for records, not for timing)."""
        ...


class SystemClock(Clock):
    """The real clocks of this computer: an awake clock and one that counts sleep too.

    Both are steady (never set back or forward by NTP or the person), so only a
    sleep makes the second run ahead of the first.
    """

    def __init__(self, platform: str = sys.platform):
        self._awake, self._with_sleep = _clock_sources(platform)

    def monotonic(self) -> float:
        return self._awake()

    def suspend_aware(self) -> float:
        return self._with_sleep()

    def now(self) -> datetime:
        return datetime.now().astimezone()


def _clock_sources(platform: str) -> tuple[Callable[[], float], Callable[[], float]]:
    """(awake, awake + asleep) for this platform."""
    if platform.startswith("linux"):
        # CLOCK_MONOTONIC stops while suspended; CLOCK_BOOTTIME does not.
        return time.monotonic, lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
    if platform == "darwin":
        # time.monotonic() is mach_absolute_time, which stops in sleep; macOS's
        # CLOCK_MONOTONIC keeps counting through it.
        return time.monotonic, lambda: time.clock_gettime(time.CLOCK_MONOTONIC)
    if platform == "win32":
        awake = _windows_unbiased_time()
        if awake is not None:
            # Python's monotonic clock counts sleep on Windows; the unbiased interrupt
            # time does not (and is precise, where Python 3.11's is 15.6 ms).
            return awake, time.monotonic
    # Unknown: no sleep detection (a sleep then counts as time passed in the session).
    return time.monotonic, time.monotonic


def _windows_unbiased_time() -> Callable[[], float] | None:
    """QueryUnbiasedInterruptTimePrecise (Windows 10+) in seconds, or None."""
    try:
        import ctypes

        query = ctypes.WinDLL("kernelbase").QueryUnbiasedInterruptTimePrecise
    except (ImportError, AttributeError, OSError):
        return None
    query.restype = None
    ticks = ctypes.c_ulonglong()
    ref = ctypes.byref(ticks)

    def seconds() -> float:
        query(ref)
        return ticks.value / 10_000_000  # 100 ns units

    return seconds


class FakeClock(Clock):
    """A clock that moves only when told to: for tests and benchmarks."""

    def __init__(self, start: float = 1000.0, wall: datetime | None = None):
        self._mono = start
        self._suspend = start
        self._wall = wall or datetime(2026, 11, 25, 20, 0, tzinfo=UTC)

    def advance(self, seconds: float) -> None:
        """Time passes awake: all three readings move on by ``seconds``."""
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
