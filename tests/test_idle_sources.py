"""Input idle time: the D-Bus sources on a private bus, the others with fakes."""

from __future__ import annotations

import ctypes

from hipcoach.platform.idle import (
    NO_IDLE_SOURCE,
    IdleMonitor,
    MacIdle,
    MutterIdle,
    ScreenSaverIdle,
    WindowsIdle,
    create_idle_monitor,
    screen_locked,
)


def test_mutter_idle_monitor_answers_in_seconds(desktop_service, connection):
    desktop_service("mutter")
    assert MutterIdle(connection).idle_seconds() == 420.0


def test_freedesktop_screensaver_idle_in_seconds_or_kde_milliseconds(desktop_service, connection):
    desktop_service("screensaver")
    assert ScreenSaverIdle(connection, milliseconds=False).idle_seconds() == 90.0
    assert ScreenSaverIdle(connection, milliseconds=True).idle_seconds() == 0.09


def test_a_screen_saver_that_says_active_means_locked(desktop_service, connection):
    desktop_service("screensaver")
    assert screen_locked(connection) is True


def test_no_screen_saver_means_not_locked(connection):
    assert screen_locked(connection) is False


def test_the_monitor_uses_the_first_source_that_answers(desktop_service, connection):
    calls = desktop_service("screensaver")
    monitor = create_idle_monitor("linux", connection, environ={"XDG_SESSION_TYPE": "wayland"})
    reading = monitor.read()
    assert reading.idle_seconds == 90.0 and reading.locked is True
    assert monitor.source_name == ScreenSaverIdle.name
    assert ["GetSessionIdleTime"] in calls()


def test_gnome_is_preferred_when_mutter_answers(desktop_service, connection):
    desktop_service("screensaver")
    desktop_service("mutter")
    monitor = create_idle_monitor("linux", connection, environ={})
    assert monitor.read().idle_seconds == 420.0
    assert "Mutter" in monitor.describe()


def test_with_no_source_time_alone_counts_and_the_settings_say_so(connection):
    monitor = create_idle_monitor("linux", connection, environ={})
    assert monitor.read().idle_seconds is None
    assert monitor.describe() == NO_IDLE_SOURCE


class FakeSource:
    name = "fake"

    def __init__(self, values):
        self.values = list(values)

    def idle_seconds(self):
        return self.values.pop(0) if self.values else None


def test_a_source_that_stops_answering_is_dropped_not_retried_forever():
    source = FakeSource([3.0, None])
    made = []
    monitor = IdleMonitor([lambda: made.append(1) or source])
    assert monitor.read().idle_seconds == 3.0
    assert monitor.read().idle_seconds is None
    assert monitor.read().idle_seconds is None
    assert made == [1]


def test_a_source_that_cannot_load_is_skipped():
    def broken():
        raise OSError("libXss is not installed")

    monitor = IdleMonitor([broken, lambda: FakeSource([7.0])])
    assert monitor.read().idle_seconds == 7.0


class FakeUser32:
    def __init__(self, last_input_ms):
        self.last_input_ms = last_input_ms

    def GetLastInputInfo(self, ref):
        info = ctypes.cast(ref, ctypes.POINTER(ctypes.c_uint * 2)).contents
        assert info[0] == 8  # cbSize
        info[1] = self.last_input_ms
        return 1


class FakeKernel32:
    def __init__(self, ticks):
        self.ticks = ticks

    def GetTickCount(self):
        return self.ticks


def test_windows_idle_is_ticks_since_the_last_input():
    idle = WindowsIdle(FakeUser32(10_000), FakeKernel32(70_500))
    assert idle.idle_seconds() == 60.5


def test_windows_idle_survives_the_tick_count_wrapping():
    idle = WindowsIdle(FakeUser32(0xFFFFFFFF - 999), FakeKernel32(1000))
    assert idle.idle_seconds() == 2.0


def test_macos_asks_for_any_input_event_of_the_hid_system():
    asked = []
    idle = MacIdle(lambda state, kind: asked.append((state, kind)) or 12.5)
    assert idle.idle_seconds() == 12.5
    assert asked == [(1, 0xFFFFFFFF)]


def test_windows_and_macos_monitors_fall_back_to_time_alone_off_their_platform():
    # This machine has neither user32 nor CoreGraphics: the monitor answers None.
    for platform in ("win32", "darwin"):
        assert create_idle_monitor(platform).read().idle_seconds is None


def test_x11_screensaver_extension_reads_a_real_x_server(tmp_path):
    import shutil
    import subprocess

    from hipcoach.platform.idle import XScreenSaverIdle
    from private_bus import read_line, stop

    xvfb = shutil.which("Xvfb")
    assert xvfb, "install Debian's xvfb package (.ci/run does)"
    # -displayfd: the server picks a free display number and prints it when ready.
    proc = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "320x240x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        display = ":" + read_line(proc)
        source = XScreenSaverIdle(display)
        idle = source.idle_seconds()
        source.close()
    finally:
        stop(proc)
    assert isinstance(idle, float) and idle >= 0
    assert source.idle_seconds() is None  # closed: no answer, no crash
