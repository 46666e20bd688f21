"""The session driver's alarm clock: a single-shot Qt timer behind the driver's ``Waker``."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from hipcoach.core.clock import Clock
from hipcoach.core.driver import SessionDriver

#: Wake a hair after a boundary, not a hair before it.
WAKE_SLACK_MS = 3


class WakeTimer:
    """Calls ``wake`` once, at the time last asked for; nothing runs in between.

    Built before the first frame, so its timer type (a ``Qt.*`` enum) is set on
    first use: see tests/test_startup.py.
    """

    def __init__(self, wake: Callable[[], object], parent: QObject | None = None):
        self.timer = QTimer(parent)
        self.timer.setObjectName("session_wake_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(wake)
        self._precise = False

    def wake_in(self, seconds: float) -> None:
        if not self._precise:
            from PySide6.QtCore import Qt

            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._precise = True
        self.timer.start(max(1, math.ceil(seconds * 1000)) + WAKE_SLACK_MS)

    def cancel(self) -> None:
        self.timer.stop()


def session_driver(clock: Clock, parent: QObject | None = None) -> SessionDriver:
    """A session driver woken by a Qt timer: the app's one place where sessions run."""
    driver: SessionDriver
    waker = WakeTimer(lambda: driver.update(), parent)
    driver = SessionDriver(clock, waker)
    return driver
