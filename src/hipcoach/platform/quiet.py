"""Whether now is a bad moment for a reminder: a full-screen window in front, or do-not-disturb.

A reminder due at such a moment waits (the scheduler keeps it due); it is not dropped.

* X11: the active window's ``_NET_WM_STATE`` holds ``_NET_WM_STATE_FULLSCREEN``
  (read through libX11 with ctypes).
* Wayland: no protocol lets one application ask about another's windows, so the
  closest honest signal stands in: another application keeps the session from
  going idle, as video players and presentation programs do while they play
  (GNOME: the session manager's ``InhibitedActions`` holds the idle flag; KDE,
  Xfce and others: ``org.freedesktop.PowerManagement.Inhibit.HasInhibit``).
  Our own inhibitor (held during a session) would look the same, so while it
  is held this check says nothing; no reminder comes during a session anyway.
  On wlroots compositors (Sway, Hyprland …) with ``wlrctl`` installed, a
  full-screen window is seen directly.
* macOS: the frontmost window on the normal layer, of another application,
  covers the whole main display (``CGWindowListCopyWindowInfo`` through
  pyobjc's Quartz).
* KDE: the notification service's ``Inhibited`` property (do-not-disturb).
* GNOME: ``org.gnome.desktop.notifications show-banners`` false (do-not-disturb),
  read with ``gsettings`` at most once a minute.
* Windows: ``SHQueryUserNotificationState`` (full screen, presentation, quiet hours).

Nothing here raises: a check that fails says "not quiet".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hipcoach.platform import dbus_call

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

_XA_ATOM = 4
_XA_WINDOW = 33


class X11FullScreen:
    """Is the active window full screen? Asks the X server through EWMH properties."""

    def __init__(self, display_name: str | None = None) -> None:
        path = ctypes.util.find_library("X11")
        if not path:
            raise OSError("libX11 is not installed")
        x = self._x = ctypes.CDLL(path)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
        ]  # fmt: skip
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._display = x.XOpenDisplay(display_name.encode() if display_name else None)
        if not self._display:
            raise OSError("cannot open the X display")
        self._root = x.XDefaultRootWindow(self._display)
        atom = lambda name: x.XInternAtom(self._display, name, 0)  # noqa: E731
        self._active = atom(b"_NET_ACTIVE_WINDOW")
        self._state = atom(b"_NET_WM_STATE")
        self._fullscreen = atom(b"_NET_WM_STATE_FULLSCREEN")

    def _longs(self, window: int, prop: int, kind: int, count: int) -> list[int]:
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        items, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._x.XGetWindowProperty(
            self._display, window, prop, 0, count, 0, kind, ctypes.byref(actual_type),
            ctypes.byref(actual_format), ctypes.byref(items), ctypes.byref(after),
            ctypes.byref(data),
        )  # fmt: skip
        if status != 0 or not data.value:
            return []
        try:
            if actual_format.value != 32:
                return []
            # Format 32 comes back as C longs, whatever their size.
            array = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong * items.value)).contents
            return list(array)
        finally:
            self._x.XFree(data)

    def __call__(self) -> bool:
        if not self._display:
            return False
        active = self._longs(self._root, self._active, _XA_WINDOW, 1)
        if not active or not active[0]:
            return False
        return self._fullscreen in self._longs(active[0], self._state, _XA_ATOM, 64)

    def close(self) -> None:
        if self._display:
            self._x.XCloseDisplay(self._display)
            self._display = None


def kde_do_not_disturb(bus: QDBusConnection) -> bool:
    """KDE's notification service says it holds notifications back."""
    value = dbus_call.get_property(
        bus,
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        "Inhibited",
    )
    return value is True


class GnomeDoNotDisturb:
    """``show-banners`` false in GNOME's notification settings; asked at most once a minute."""

    def __init__(
        self,
        run: Callable[[list[str]], str] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._run = run or _gsettings
        self._monotonic = monotonic
        self._asked_at: float | None = None
        self._quiet = False

    def __call__(self) -> bool:
        now = self._monotonic()
        if self._asked_at is None or now - self._asked_at >= 60:
            self._asked_at = now
            answer = self._run(["get", "org.gnome.desktop.notifications", "show-banners"])
            self._quiet = answer.strip() == "false"
        return self._quiet


def _run_briefly(args: list[str]) -> subprocess.CompletedProcess[str] | None:
    """``args`` run to the end or for 2 s at most; None if it could not run."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def _gsettings(args: list[str]) -> str:
    tool = shutil.which("gsettings")
    done = _run_briefly([tool, *args]) if tool else None
    return done.stdout if done is not None else ""


#: GNOME's session manager: the inhibit flag for "the session may not go idle".
GNOME_INHIBIT_IDLE = 8
POWER_SERVICE = "org.freedesktop.PowerManagement"
POWER_PATH = "/org/freedesktop/PowerManagement/Inhibit"


class OthersKeepAwake:
    """Wayland: another application keeps the session from going idle (video, a presentation).

    ``gnome`` chooses the session manager's ``InhibitedActions`` (idle flag)
    over the power manager's ``HasInhibit``. The desktop does not say whose inhibitor it
    is, so our own (held only while a session runs) would read as another's: the
    reminders do not ask while a session runs.
    """

    def __init__(self, bus: QDBusConnection, *, gnome: bool) -> None:
        self._bus = bus
        self._gnome = gnome

    def __call__(self) -> bool:
        if self._gnome:
            actions = dbus_call.get_property(
                self._bus, "org.gnome.SessionManager", "/org/gnome/SessionManager",
                "org.gnome.SessionManager", "InhibitedActions",
            )  # fmt: skip
            return isinstance(actions, int) and bool(actions & GNOME_INHIBIT_IDLE)
        reply = dbus_call.call(
            self._bus, POWER_SERVICE, POWER_PATH, POWER_SERVICE + ".Inhibit", "HasInhibit"
        )
        return bool(reply) and reply[0] is True


class WlrFullScreen:
    """wlroots compositors: ``wlrctl toplevel find state:fullscreen`` finds a full-screen window.

    ``wlrctl`` reads the compositor's foreign-toplevel list; it exits 0 when a
    window matches, 1 when none does.
    """

    def __init__(self, tool: str, run: Callable[[list[str]], int] | None = None) -> None:
        self._tool = tool
        self._run = run or _exit_status

    def __call__(self) -> bool:
        return self._run([self._tool, "toplevel", "find", "state:fullscreen"]) == 0


def _exit_status(args: list[str]) -> int:
    done = _run_briefly(args)
    return done.returncode if done is not None else -1


class MacFullScreen:
    """macOS: the frontmost normal window, not ours, covers the whole main display.

    ``quartz`` is pyobjc's ``Quartz`` module (tests pass a fake). Windows come
    front to back; menus, the Dock and the menu bar sit on higher layers, and
    a zoomed window leaves the menu bar uncovered, so only a real full-screen
    window (or one sized to match it) counts.
    """

    def __init__(self, quartz: Any = None, own_pid: int | None = None) -> None:
        if quartz is None:
            try:
                import Quartz as quartz  # type: ignore[import-not-found]
            except ImportError as exc:
                raise OSError(f"pyobjc-framework-Quartz is not installed ({exc})") from None
        self._q = quartz
        self._own_pid = os.getpid() if own_pid is None else own_pid

    def __call__(self) -> bool:
        q = self._q
        display = q.CGDisplayBounds(q.CGMainDisplayID())
        options = q.kCGWindowListOptionOnScreenOnly | q.kCGWindowListExcludeDesktopElements
        for window in q.CGWindowListCopyWindowInfo(options, q.kCGNullWindowID) or ():
            if window.get(q.kCGWindowLayer) != 0 or window.get(q.kCGWindowAlpha, 1) == 0:
                continue
            if window.get(q.kCGWindowOwnerPID) == self._own_pid:
                return False  # our own window is in front
            return _covers(window.get(q.kCGWindowBounds) or {}, display)
        return False


def _covers(bounds: Any, display: Any) -> bool:
    x, y = bounds.get("X", 0), bounds.get("Y", 0)
    width, height = bounds.get("Width", 0), bounds.get("Height", 0)
    left, top = display.origin.x, display.origin.y
    return (
        x <= left
        and y <= top
        and x + width >= left + display.size.width
        and y + height >= top + display.size.height
    )


#: SHQueryUserNotificationState: not present (locked, screen saver), busy (full
#: screen), Direct3D full screen, presentation mode, quiet time (focus assist).
_WINDOWS_QUIET_STATES = {1, 2, 3, 4, 6}


class WindowsQuiet:
    def __init__(self, shell32: Any = None) -> None:
        if shell32 is None:
            shell32 = ctypes.WinDLL("shell32")  # type: ignore[attr-defined]
        self._shell32 = shell32

    def __call__(self) -> bool:
        state = ctypes.c_int(0)
        if self._shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
            return False
        return state.value in _WINDOWS_QUIET_STATES


def any_of(checks: list[Callable[[], bool]]) -> Callable[[], bool]:
    """Quiet when any check says so; a check that fails counts as "not quiet"."""

    def quiet() -> bool:
        for check in checks:
            try:
                if check():
                    return True
            except (OSError, RuntimeError, ValueError) as exc:
                log.debug("quiet check failed: %s", exc)
        return False

    return quiet


def create_quiet_check(
    platform: str = sys.platform,
    connection: QDBusConnection | None = None,
    environ: dict[str, str] | None = None,
) -> Callable[[], bool]:
    """Every check this desktop allows, as one."""
    env = os.environ if environ is None else environ
    checks: list[Callable[[], bool]] = []
    try:
        if platform == "win32":
            checks.append(WindowsQuiet())
        elif platform == "darwin":
            checks.append(MacFullScreen())
        else:
            wayland = env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))
            desktop = env.get("XDG_CURRENT_DESKTOP", "").upper()
            bus = dbus_call.session_bus(connection)
            if env.get("DISPLAY") and not wayland:
                checks.append(X11FullScreen())
            elif wayland:
                if bus is not None:
                    checks.append(OthersKeepAwake(bus, gnome="GNOME" in desktop))
                wlrctl = shutil.which("wlrctl", path=env.get("PATH"))
                if wlrctl:
                    checks.append(WlrFullScreen(wlrctl))
            if bus is not None and "KDE" in desktop:
                checks.append(lambda: kde_do_not_disturb(bus))
            if "GNOME" in desktop:
                checks.append(GnomeDoNotDisturb())
    except (OSError, AttributeError) as exc:
        log.info("full-screen check not available: %s", exc)
    return any_of(checks)
