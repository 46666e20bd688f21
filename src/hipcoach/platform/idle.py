"""How long since the last keyboard or mouse input, and whether the screen is locked.

Movement breaks count continuous *use*, so hipcoach asks the desktop for its
input idle time:

* GNOME (X11 and Wayland): Mutter's ``org.gnome.Mutter.IdleMonitor`` on D-Bus.
* X11 elsewhere: the XScreenSaver extension (``libXss``), through ctypes.
* KDE on Wayland and others: ``org.freedesktop.ScreenSaver.GetSessionIdleTime``.
* Windows: ``GetLastInputInfo``; macOS: ``CGEventSourceSecondsSinceLastEventType``.

The first source that answers is kept. When none does, ``idle_seconds`` is
None and the reminders count time alone (the settings say so).

Nothing here raises: every failure means "no answer".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from hipcoach.i18n import N_, _
from hipcoach.platform import dbus_call

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)


class IdleSource(Protocol):
    #: Shown in the settings, e.g. "GNOME (Mutter)".
    name: str

    def idle_seconds(self) -> float | None: ...


# --- D-Bus --------------------------------------------------------------------


class MutterIdle:
    """GNOME's idle monitor (GetIdletime: milliseconds as uint64)."""

    name = N_("GNOME (Mutter idle monitor)")

    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus

    def idle_seconds(self) -> float | None:
        reply = dbus_call.call(
            self._bus,
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
        )
        return _number(reply, 1000)


class ScreenSaverIdle:
    """``org.freedesktop.ScreenSaver.GetSessionIdleTime``.

    The interface was specified in seconds; KDE's implementation answers in
    milliseconds, so the unit follows the desktop.
    """

    name = N_("the desktop's screen saver (org.freedesktop.ScreenSaver)")

    def __init__(self, bus: QDBusConnection, milliseconds: bool) -> None:
        self._bus = bus
        self._scale = 1000 if milliseconds else 1

    def idle_seconds(self) -> float | None:
        reply = dbus_call.call(
            self._bus,
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            "GetSessionIdleTime",
        )
        return _number(reply, self._scale)


def _number(reply: list[Any] | None, per_second: float) -> float | None:
    if not reply:
        return None
    try:
        value = float(reply[0])
    except (TypeError, ValueError):
        return None
    return value / per_second if value >= 0 else None


def screen_locked(bus: QDBusConnection | None) -> bool:
    """Whether a screen saver or lock screen says it is active (False if none answers)."""
    if bus is None:
        return False
    for service, path in (
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
        ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ):
        reply = dbus_call.call(bus, service, path, service, "GetActive")
        if reply:
            return bool(reply[0])
    return False


# --- X11: the XScreenSaver extension --------------------------------------------


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("event_mask", ctypes.c_ulong),
    ]


class XScreenSaverIdle:
    """The MIT-SCREEN-SAVER extension of the X server (libXss), read through ctypes."""

    name = N_("the X server (XScreenSaver extension)")

    def __init__(self, display_name: str | None = None) -> None:
        x11 = ctypes.util.find_library("X11")
        xss = ctypes.util.find_library("Xss")
        if not x11 or not xss:
            raise OSError("libX11 or libXss is not installed")
        self._x11 = ctypes.CDLL(x11)
        self._xss = ctypes.CDLL(xss)
        self._x11.XOpenDisplay.restype = ctypes.c_void_p
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        self._xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        self._xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        ]
        name = display_name.encode() if display_name else None
        self._display = self._x11.XOpenDisplay(name)
        if not self._display:
            raise OSError("cannot open the X display")
        event, error = ctypes.c_int(), ctypes.c_int()
        if not self._xss.XScreenSaverQueryExtension(
            self._display, ctypes.byref(event), ctypes.byref(error)
        ):
            self.close()
            raise OSError("the X server has no XScreenSaver extension")
        self._root = self._x11.XDefaultRootWindow(self._display)
        self._info = self._xss.XScreenSaverAllocInfo()

    def idle_seconds(self) -> float | None:
        if not self._display:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return self._info.contents.idle / 1000

    def close(self) -> None:
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None


# --- Windows and macOS -----------------------------------------------------------


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]


class WindowsIdle:
    """``GetLastInputInfo``: the tick count of the last input, against ``GetTickCount``."""

    name = N_("Windows (GetLastInputInfo)")

    def __init__(self, user32: Any = None, kernel32: Any = None) -> None:
        if user32 is None or kernel32 is None:
            windll = ctypes.WinDLL  # type: ignore[attr-defined]  # AttributeError off Windows
            user32, kernel32 = windll("user32"), windll("kernel32")
        self._user32, self._kernel32 = user32, kernel32

    def idle_seconds(self) -> float | None:
        info = _LastInputInfo(ctypes.sizeof(_LastInputInfo), 0)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        # Both are 32-bit millisecond tick counts that wrap after 49.7 days.
        return ((self._kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000


#: kCGEventSourceStateHIDSystemState, kCGAnyInputEventType.
_HID_SYSTEM_STATE = 1
_ANY_INPUT_EVENT = 0xFFFFFFFF


class MacIdle:
    """``CGEventSourceSecondsSinceLastEventType`` from CoreGraphics."""

    name = N_("macOS (CoreGraphics)")

    def __init__(self, seconds_since: Callable[[int, int], float] | None = None) -> None:
        if seconds_since is None:
            graphics = ctypes.CDLL("/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics")
            seconds_since = graphics.CGEventSourceSecondsSinceLastEventType
            seconds_since.restype = ctypes.c_double
            seconds_since.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        self._seconds_since = seconds_since

    def idle_seconds(self) -> float | None:
        value = self._seconds_since(_HID_SYSTEM_STATE, _ANY_INPUT_EVENT)
        return float(value) if value >= 0 else None


# --- choosing -------------------------------------------------------------------


@dataclass(frozen=True)
class IdleReading:
    idle_seconds: float | None  # None: no source answered
    locked: bool


NO_IDLE_SOURCE = N_(
    "No idle-time source answered on this desktop, so breaks count time alone "
    "(a locked screen or a suspend still counts as a break)."
)


class IdleMonitor:
    """The first of ``candidates`` that answers, kept while it keeps answering."""

    def __init__(
        self,
        candidates: Sequence[Callable[[], IdleSource]],
        locked: Callable[[], bool] = lambda: False,
    ) -> None:
        self._candidates = list(candidates)
        self._locked = locked
        self._source: IdleSource | None = None
        self._tried = False

    @property
    def source_name(self) -> str | None:
        """The source in use, once one has answered."""
        if not self._tried:
            self.read()
        return self._source.name if self._source is not None else None

    def describe(self) -> str:
        """A sentence for the settings."""
        name = self.source_name
        if name is None:
            return _(NO_IDLE_SOURCE)
        return _(
            "Breaks count the time you use the computer; idle time comes from {source}."
        ).format(source=_(name))

    def read(self) -> IdleReading:
        return IdleReading(self._idle(), self._safe_locked())

    def _idle(self) -> float | None:
        if self._source is not None:
            value = self._source.idle_seconds()
            if value is not None:
                return value
            log.info("idle source %s stopped answering", self._source.name)
            self._source = None
        if self._tried:
            return None
        self._tried = True
        for make in self._candidates:
            try:
                source = make()
                value = source.idle_seconds()
            except (OSError, AttributeError, ValueError) as exc:
                log.debug("idle source not available: %s", exc)
                continue
            if value is not None:
                log.info("input idle time from %s", source.name)
                self._source = source
                return value
        return None

    def _safe_locked(self) -> bool:
        try:
            return self._locked()
        except (OSError, RuntimeError):
            return False


def create_idle_monitor(
    platform: str = sys.platform,
    connection: QDBusConnection | None = None,
    environ: dict[str, str] | None = None,
) -> IdleMonitor:
    """The idle sources worth trying on this platform, in order."""
    env = os.environ if environ is None else environ
    if platform == "win32":
        return IdleMonitor([WindowsIdle])
    if platform == "darwin":
        return IdleMonitor([MacIdle])
    bus = dbus_call.session_bus(connection)
    desktop = env.get("XDG_CURRENT_DESKTOP", "").upper()
    wayland = env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))
    candidates: list[Callable[[], IdleSource]] = []
    if bus is not None:
        candidates.append(lambda: MutterIdle(bus))
    # Under Wayland, XWayland sees only the input of X11 programs: it would lie.
    if env.get("DISPLAY") and not wayland:
        candidates.append(XScreenSaverIdle)
    if bus is not None:
        candidates.append(lambda: ScreenSaverIdle(bus, milliseconds="KDE" in desktop))
    return IdleMonitor(candidates, locked=lambda: screen_locked(bus))
