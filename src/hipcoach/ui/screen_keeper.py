"""Keeps the screen awake while a session runs, and only then.

Asks for the inhibition when the session starts or resumes and releases it on
pause, end, stop and quit. If no way of keeping the screen on works, the
session runs anyway and ``warn`` is called once with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from hipcoach.core.driver import SessionUpdate
from hipcoach.i18n import N_, _
from hipcoach.platform.screen_awake import ScreenAwake

#: Why the screen stays on, which the desktop may show in its power settings.
REASON = N_("Following a breathing and stretching routine")


class ScreenKeeper:
    def __init__(self, awake: ScreenAwake, warn: Callable[[str], None] = lambda text: None):
        self._awake = awake
        self._warn = warn
        self._warned = False
        # Asked once per stretch of running: a failure is not retried every frame.
        self._wanted = False

    def session_changed(self, update: SessionUpdate) -> None:
        active = update.snapshot.active
        if active == self._wanted:
            return
        self._wanted = active
        if not self._wanted:
            self._awake.release()
        elif not self._awake.inhibit(_(REASON)) and not self._warned:
            self._warned = True
            self._warn(self._awake.failure_reason or _("The screen may sleep during a session."))

    def release(self) -> None:
        """The session ended or the app is quitting."""
        self._wanted = False
        self._awake.release()
