"""The real clocks: on each platform an awake clock and one that also counts sleep."""

from __future__ import annotations

import sys
import time

import pytest

from hipcoach.core import clock as clock_mod
from hipcoach.core.clock import SystemClock


def test_the_clocks_of_this_computer_are_steady_and_agree_while_awake():
    clock = SystemClock()
    a, s = clock.monotonic(), clock.suspend_aware()
    b, t = clock.monotonic(), clock.suspend_aware()
    assert b >= a and t >= s
    # Nobody slept between these calls.
    assert abs((t - s) - (b - a)) < 0.5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads CLOCK_BOOTTIME")
def test_linux_counts_sleep_with_boottime():
    clock = SystemClock("linux")
    assert abs(clock.suspend_aware() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 0.5
    assert abs(clock.monotonic() - time.monotonic()) < 0.5


def test_macos_counts_sleep_with_its_clock_monotonic(monkeypatch):
    asked = []
    monkeypatch.setattr(time, "clock_gettime", lambda which: asked.append(which) or 42.0)
    clock = SystemClock("darwin")
    assert clock.suspend_aware() == 42.0
    assert asked == [time.CLOCK_MONOTONIC]


def test_windows_runs_on_the_unbiased_interrupt_time(monkeypatch):
    monkeypatch.setattr(clock_mod, "_windows_unbiased_time", lambda: lambda: 7.0)
    clock = SystemClock("win32")
    assert clock.monotonic() == 7.0  # stops in sleep
    assert abs(clock.suspend_aware() - time.monotonic()) < 0.5  # Python's counts sleep


def test_windows_without_that_clock_and_other_systems_do_not_guess(monkeypatch):
    # A wall clock would count sleep, but also every NTP correction as a sleep.
    monkeypatch.setattr(clock_mod, "_windows_unbiased_time", lambda: None)
    for platform in ("win32", "freebsd14"):
        clock = SystemClock(platform)
        a, s = clock.monotonic(), clock.suspend_aware()
        assert abs(s - a) < 0.5


@pytest.mark.skipif(sys.platform == "win32", reason="only elsewhere")
def test_the_windows_clock_is_not_found_elsewhere():
    assert clock_mod._windows_unbiased_time() is None
