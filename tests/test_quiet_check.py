"""Full screen and do-not-disturb: the checks that make reminders wait."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
import types

import pytest

from hipcoach.platform.quiet import (
    GnomeDoNotDisturb,
    MacFullScreen,
    WindowsQuiet,
    WlrFullScreen,
    X11FullScreen,
    any_of,
    create_quiet_check,
)
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


# --- Wayland: another application keeps the session awake ----------------------------


def wayland_env(desktop: str, path: str = "") -> dict[str, str]:
    return {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": desktop, "PATH": path}


@pytest.mark.parametrize(
    ("kind", "desktop", "quiet"),
    [
        ("gnome-video", "GNOME", True),
        ("gnome-suspend-only", "GNOME", False),
        ("power-inhibited", "KDE", True),
        ("power-inhibited", "XFCE", True),
    ],
)
def test_on_wayland_another_application_keeping_the_session_awake_makes_reminders_wait(
    desktop_service, connection, kind, desktop, quiet, tmp_path
):
    calls = desktop_service(kind)
    check = create_quiet_check("linux", connection, wayland_env(desktop, str(tmp_path)))
    assert check() is quiet
    asked = [c[0] for c in calls()]
    assert asked == (["InhibitedActions"] if desktop == "GNOME" else ["HasInhibit"])


def test_on_wayland_without_any_of_those_services_nothing_waits(connection, tmp_path):
    check = create_quiet_check("linux", connection, wayland_env("GNOME", str(tmp_path)))
    assert check() is False


def test_on_wlroots_wlrctl_finds_a_full_screen_window(tmp_path):
    wlrctl = tmp_path / "wlrctl"
    answer = tmp_path / "answer"
    wlrctl.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/asked\nexit "$(cat {answer})"\n')
    wlrctl.chmod(0o755)
    check = create_quiet_check("linux", None, wayland_env("sway", str(tmp_path)))
    answer.write_text("0")
    assert check() is True
    answer.write_text("1")  # no full-screen window
    assert check() is False
    assert (tmp_path / "asked").read_text().splitlines() == ["toplevel find state:fullscreen"] * 2
    assert WlrFullScreen(str(tmp_path / "missing"))() is False


# --- macOS: a window of another application covers the main display ---------------------


class FakeQuartz:
    """pyobjc's Quartz, as far as the full-screen check uses it."""

    kCGWindowListOptionOnScreenOnly = 1
    kCGWindowListExcludeDesktopElements = 16
    kCGNullWindowID = 0
    kCGWindowLayer = "kCGWindowLayer"
    kCGWindowAlpha = "kCGWindowAlpha"
    kCGWindowOwnerPID = "kCGWindowOwnerPID"
    kCGWindowBounds = "kCGWindowBounds"

    def __init__(self, windows, display=(0, 0, 1440, 900)):
        self.windows = windows
        x, y, w, h = display
        self.display = types.SimpleNamespace(
            origin=types.SimpleNamespace(x=x, y=y), size=types.SimpleNamespace(width=w, height=h)
        )
        self.asked = []

    def CGMainDisplayID(self):
        return 69733248

    def CGDisplayBounds(self, display_id):
        assert display_id == 69733248
        return self.display

    def CGWindowListCopyWindowInfo(self, options, relative_to):
        self.asked.append((options, relative_to))
        return self.windows


def window(x, y, w, h, pid=500, layer=0, alpha=1.0):
    return {
        "kCGWindowLayer": layer,
        "kCGWindowAlpha": alpha,
        "kCGWindowOwnerPID": pid,
        "kCGWindowBounds": {"X": x, "Y": y, "Width": w, "Height": h},
    }


MENU_BAR = window(0, 0, 1440, 25, layer=24)
DOCK = window(0, 0, 1440, 900, layer=20)


@pytest.mark.parametrize(
    ("windows", "quiet"),
    [
        ([MENU_BAR, DOCK, window(0, 0, 1440, 900)], True),  # a video player full screen
        ([window(0, 25, 1440, 875)], False),  # zoomed: the menu bar stays
        ([window(100, 100, 800, 600), window(0, 0, 1440, 900)], False),  # full screen, behind
        ([window(0, 0, 1440, 900, alpha=0.0), window(200, 200, 400, 300)], False),  # invisible
        ([window(0, 0, 1440, 900, pid=42)], False),  # our own window
        ([MENU_BAR, DOCK], False),
        (None, False),  # the window server gave nothing
    ],
    ids=["full-screen", "zoomed", "behind", "invisible", "ours", "desktop-only", "no-list"],
)
def test_on_macos_only_another_application_s_window_covering_the_display_in_front_counts(
    windows, quiet
):
    quartz = FakeQuartz(windows)
    assert MacFullScreen(quartz, own_pid=42)() is quiet
    assert quartz.asked == [(1 | 16, 0)]


def test_on_macos_without_pyobjc_there_is_no_check_and_no_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "Quartz", None)
    assert create_quiet_check("darwin")() is False


def test_on_macos_the_check_is_made_from_pyobjc_s_quartz(monkeypatch):
    monkeypatch.setitem(sys.modules, "Quartz", FakeQuartz([window(0, 0, 1440, 900)]))
    assert create_quiet_check("darwin")() is True
