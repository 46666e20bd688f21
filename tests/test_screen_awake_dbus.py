"""Screen-awake over D-Bus against a private bus and a fake service, plus the
Windows and macOS mechanisms with fakes."""

from __future__ import annotations

import itertools
import os
import signal
import time
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from hipcoach import APP_ID
from hipcoach.platform.screen_awake import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    NO_DBUS_SERVICE,
    DBusScreenAwake,
    MacScreenAwake,
    NullScreenAwake,
    ScreenAwake,
    WindowsScreenAwake,
    create_screen_awake,
)
from private_bus import fake_services

FAKE_SERVICE = Path(__file__).with_name("fake_inhibit_service.py")
_names = itertools.count()


@pytest.fixture
def start_service(bus_address, tmp_path):
    """Start fake_inhibit_service.py of a kind; returns a function reading its call log."""
    with fake_services(FAKE_SERVICE, bus_address, tmp_path) as start:
        yield start


@pytest.fixture
def connection(qapp, bus_address):
    name = f"hipcoach-test-{next(_names)}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    assert bus.isConnected()
    yield bus
    QDBusConnection.disconnectFromBus(name)


def test_inhibit_registers_once_and_release_uninhibits_the_same_cookie(start_service, connection):
    calls = start_service("screensaver")
    awake = DBusScreenAwake(app_name="hipcoach", connection=connection, flatpak=False)
    assert awake.inhibit("Hip stretch session") is True
    assert awake.inhibit("again") is True  # idempotent: still one inhibition
    assert awake.active and awake.method == "org.freedesktop.ScreenSaver"
    assert calls() == [["Inhibit", "hipcoach", "Hip stretch session", 42]]
    awake.release()
    assert not awake.active
    assert calls()[1:] == [["UnInhibit", 42]]
    awake.release()  # a second release sends nothing
    assert len(calls()) == 2


def test_inhibit_works_again_after_release(start_service, connection):
    calls = start_service("screensaver")
    awake = DBusScreenAwake(connection=connection, flatpak=False)
    assert awake.inhibit("one")
    awake.release()
    assert awake.inhibit("two")
    awake.release()
    assert calls() == [
        ["Inhibit", APP_ID, "one", 42],
        ["UnInhibit", 42],
        ["Inhibit", APP_ID, "two", 43],
        ["UnInhibit", 43],
    ]


def test_release_without_inhibit_is_fine(connection):
    awake = DBusScreenAwake(connection=connection, flatpak=False)
    awake.release()
    assert not awake.active


def test_no_service_on_the_bus_fails_with_a_reason_and_no_qt_warning(connection):
    # pytest-qt fails this test on any Qt warning (qt_log_level_fail).
    awake = DBusScreenAwake(connection=connection, flatpak=False)
    assert awake.inhibit("stretch") is False
    assert not awake.active
    assert awake.failure_reason == (
        "The screen may sleep during a session: no screen-saver service answered on D-Bus"
    )
    assert awake.failure_reason == NO_DBUS_SERVICE


def test_gnome_session_manager_is_the_fallback(start_service, connection):
    calls = start_service("gnome")
    awake = DBusScreenAwake(app_name="hipcoach", connection=connection, flatpak=False)
    assert awake.inhibit("stretch")
    assert awake.method == "org.gnome.SessionManager"
    awake.release()
    # toplevel_xid 0 (no X window), flags 8: inhibit idle.
    assert calls() == [["Inhibit", "hipcoach", 0, "stretch", 8, 7], ["Uninhibit", 7]]


def test_freedesktop_service_is_preferred_over_gnome(start_service, connection):
    gnome_calls = start_service("gnome")
    start_service("screensaver")
    awake = DBusScreenAwake(connection=connection, flatpak=False)
    assert awake.inhibit("stretch")
    assert awake.method == "org.freedesktop.ScreenSaver"
    assert gnome_calls() == []
    awake.release()


def test_inside_flatpak_the_portal_is_used_and_its_request_closed(start_service, connection):
    calls = start_service("portal")
    awake = DBusScreenAwake(connection=connection, flatpak=True)
    assert awake.inhibit("stretch")
    assert awake.method == "org.freedesktop.portal.Inhibit"
    awake.release()
    handle = "/org/freedesktop/portal/desktop/request/test/t0"
    assert calls() == [["Inhibit", "", 8, {"reason": "stretch"}, handle], ["Close", handle]]


def test_without_a_session_bus_inhibit_fails_with_a_reason(qapp):
    # conftest removes DBUS_SESSION_BUS_ADDRESS, so the session bus is absent.
    awake = create_screen_awake(platform="linux")
    assert isinstance(awake, ScreenAwake)
    assert awake.inhibit("stretch") is False
    assert awake.failure_reason.startswith("The screen may sleep during a session: ")


# --- the platform choice and the non-Linux mechanisms, with fakes -------------


class FakeKernel32:
    def __init__(self, result: int = 1):
        self.calls: list[int] = []
        self.result = result

    def SetThreadExecutionState(self, flags: int) -> int:
        self.calls.append(flags)
        return self.result


def test_windows_requires_display_and_system_then_clears():
    kernel32 = FakeKernel32()
    awake = WindowsScreenAwake(kernel32=kernel32)
    assert awake.inhibit("stretch") and awake.inhibit("again")
    awake.release()
    awake.release()
    assert kernel32.calls == [
        ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED,
        ES_CONTINUOUS,
    ]
    assert kernel32.calls[0] == 0x80000003


def test_windows_failure_is_reported():
    awake = WindowsScreenAwake(kernel32=FakeKernel32(result=0))
    assert awake.inhibit("stretch") is False
    assert "SetThreadExecutionState" in awake.failure_reason
    assert not awake.active


class FakeProcess:
    def __init__(self):
        self.running = True

    def poll(self):
        return None if self.running else 0

    def terminate(self):
        self.running = False

    def wait(self, timeout=None):
        return 0


def test_mac_runs_caffeinate_tied_to_our_pid_and_ends_it():
    started: list[tuple[list[str], FakeProcess]] = []

    def start(command):
        started.append((list(command), FakeProcess()))
        return started[-1][1]

    awake = MacScreenAwake(start_process=start, pid=4242)
    assert awake.inhibit("stretch") and awake.inhibit("again")
    assert [cmd for cmd, _ in started] == [["caffeinate", "-d", "-w", "4242"]]
    awake.release()
    assert not started[0][1].running and not awake.active
    assert awake.inhibit("next session")
    assert len(started) == 2


def test_mac_without_caffeinate_fails_with_a_reason():
    def start(command):
        raise FileNotFoundError(2, "No such file or directory", "caffeinate")

    awake = MacScreenAwake(start_process=start)
    assert awake.inhibit("stretch") is False
    assert "caffeinate could not start" in awake.failure_reason


@pytest.mark.parametrize(
    ("platform", "kind"),
    [("linux", DBusScreenAwake), ("darwin", MacScreenAwake), ("sunos5", NullScreenAwake)],
)
def test_factory_chooses_by_platform(platform, kind, qapp):
    assert isinstance(create_screen_awake(platform=platform), kind)


def test_factory_on_windows_without_windll_falls_back_to_null():
    # On this (non-Windows) machine ctypes has no windll: the fallback path.
    awake = create_screen_awake(platform="win32")
    assert isinstance(awake, NullScreenAwake)
    assert awake.inhibit("x") is False
    assert awake.failure_reason.startswith("The screen may sleep during a session: ")


def test_a_hung_service_costs_about_one_timeout_not_a_frozen_ui(start_service, connection):
    calls = start_service("screensaver")
    service = next(p for p in start_service.procs if p.poll() is None)
    os.kill(service.pid, signal.SIGSTOP)  # it owns its name but answers nothing
    try:
        awake = DBusScreenAwake(connection=connection, flatpak=False, timeout_ms=200)
        started = time.monotonic()
        assert awake.inhibit("stretch") is False
        # Qt's default would be 25 s per call; two paths are tried (plus GNOME).
        assert time.monotonic() - started < 3
        assert awake.failure_reason == NO_DBUS_SERVICE
    finally:
        os.kill(service.pid, signal.SIGCONT)
    assert calls() == []  # the Introspect probe timed out before any Inhibit
