"""Full screen and do-not-disturb: the checks that make reminders wait."""

from __future__ import annotations

import ctypes
import shutil
import subprocess

from hipcoach.platform.quiet import GnomeDoNotDisturb, WindowsQuiet, X11FullScreen, any_of
from private_bus import read_line, stop


def test_gnome_do_not_disturb_is_show_banners_false_asked_once_a_minute():
    now = [0.0]
    asked = []
    answers = iter(["false\n", "true\n"])

    def run(args):
        asked.append(args)
        return next(answers)

    dnd = GnomeDoNotDisturb(run, monotonic=lambda: now[0])
    assert dnd() is True
    now[0] = 59
    assert dnd() is True and len(asked) == 1
    now[0] = 61
    assert dnd() is False
    assert asked[0] == ["get", "org.gnome.desktop.notifications", "show-banners"]


class FakeShell32:
    def __init__(self, state, result=0):
        self.state, self.result = state, result

    def SHQueryUserNotificationState(self, ref):
        ctypes.cast(ref, ctypes.POINTER(ctypes.c_int)).contents.value = self.state
        return self.result


def test_windows_full_screen_presentation_and_quiet_time_are_quiet():
    assert [WindowsQuiet(FakeShell32(state))() for state in range(1, 8)] == [
        True, True, True, True, False, True, False,
    ]  # fmt: skip
    assert WindowsQuiet(FakeShell32(2, result=1))() is False  # the call failed


def test_a_failing_check_counts_as_not_quiet():
    def broken():
        raise OSError("gone")

    assert any_of([broken, lambda: False])() is False
    assert any_of([broken, lambda: True])() is True
    assert any_of([])() is False


def test_x11_without_an_active_window_is_not_full_screen():
    xvfb = shutil.which("Xvfb")
    assert xvfb, "install Debian's xvfb package (.ci/run does)"
    proc = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "320x240x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        check = X11FullScreen(":" + read_line(proc))
        # No window manager: no _NET_ACTIVE_WINDOW, so nothing is in front.
        assert check() is False
        check.close()
        assert check() is False
    finally:
        stop(proc)
