"""Keep the screen awake during a session.

A person holding a stretch on the mat does not touch the keyboard for
minutes; without this the screen dims and locks mid-pose. Each platform has
its own mechanism, all behind one small interface:

* Linux: ask the desktop over D-Bus (the freedesktop ScreenSaver service,
  GNOME's session manager, or the XDG portal inside Flatpak).
* Windows: SetThreadExecutionState.
* macOS: a ``caffeinate`` child process that lives as long as the inhibition.

``inhibit`` is idempotent and ``release`` is safe without it. Nothing here
raises: when no method works, ``inhibit`` returns False and
``failure_reason`` is a sentence the UI can show as it is.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from hipcoach import APP_ID
from hipcoach.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

# GNOME's session manager takes the application id (the desktop entry's name) here.
APP_NAME = APP_ID
SCREEN_MAY_SLEEP = "The screen may sleep during a session"
NO_DBUS_SERVICE = N_(
    "The screen may sleep during a session: no screen-saver service answered on D-Bus"
)
# Short, so a hung service costs the UI at most a second per attempt.
DBUS_TIMEOUT_MS = 1000


@runtime_checkable
class ScreenAwake(Protocol):
    active: bool
    method: str
    failure_reason: str

    def inhibit(self, reason: str) -> bool: ...

    def release(self) -> None: ...


class NullScreenAwake:
    """Used where nothing can keep the screen on; says why."""

    active = False
    method = "none"

    def __init__(self, failure_reason: str) -> None:
        self.failure_reason = failure_reason

    def inhibit(self, reason: str) -> bool:
        return False

    def release(self) -> None:
        pass


# --- Linux: D-Bus -----------------------------------------------------------


@dataclass(frozen=True)
class _DBusTarget:
    method: str  # what ``ScreenAwake.method`` reports
    service: str
    path: str
    interface: str


_FREEDESKTOP = [
    _DBusTarget("org.freedesktop.ScreenSaver", "org.freedesktop.ScreenSaver", path,
                "org.freedesktop.ScreenSaver")
    for path in ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
]  # fmt: skip
_GNOME = _DBusTarget(
    "org.gnome.SessionManager",
    "org.gnome.SessionManager",
    "/org/gnome/SessionManager",
    "org.gnome.SessionManager",
)
_PORTAL = _DBusTarget(
    "org.freedesktop.portal.Inhibit",
    "org.freedesktop.portal.Desktop",
    "/org/freedesktop/portal/desktop",
    "org.freedesktop.portal.Inhibit",
)
# GNOME's and the portal's flag for "inhibit the session being marked idle",
# which is what blanks the screen.
_INHIBIT_IDLE = 8


def in_flatpak() -> bool:
    return Path("/.flatpak-info").exists()


class DBusScreenAwake:
    """Screen-saver inhibition over the D-Bus session bus.

    ``connection`` exists for tests: QDBusConnection.sessionBus() is made once
    per process from DBUS_SESSION_BUS_ADDRESS, so a test hands in a
    connection to its own private bus instead.
    """

    def __init__(
        self,
        app_name: str = APP_NAME,
        connection: QDBusConnection | None = None,
        flatpak: bool | None = None,
        timeout_ms: int = DBUS_TIMEOUT_MS,
    ) -> None:
        self._app_name = app_name
        self._connection = connection
        self._timeout_ms = timeout_ms
        flatpak = in_flatpak() if flatpak is None else flatpak
        # In a sandbox only the portal is reachable; outside it the portal
        # may exist too, but the direct services need no permission prompt.
        self._targets = [_PORTAL] if flatpak else [*_FREEDESKTOP, _GNOME]
        self._target: _DBusTarget | None = None
        self._token: Any = None
        self.method = ""
        self.failure_reason = ""

    @property
    def active(self) -> bool:
        return self._target is not None

    def _bus(self) -> QDBusConnection | None:
        from PySide6.QtDBus import QDBusConnection

        bus = self._connection if self._connection is not None else QDBusConnection.sessionBus()
        return bus if bus.isConnected() else None

    def inhibit(self, reason: str) -> bool:
        if self.active:
            return True
        try:
            bus = self._bus()
        except ImportError as exc:
            self.failure_reason = _(
                "The screen may sleep during a session: Qt D-Bus could not load ({reason})"
            ).format(reason=exc)
            return False
        if bus is None:
            self.failure_reason = _(
                "The screen may sleep during a session: there is no D-Bus session bus"
            )
            return False
        for target in self._targets:
            token = self._try_inhibit(bus, target, reason)
            if token is not None:
                self._target, self._token = target, token
                self.method, self.failure_reason = target.method, ""
                return True
        self.failure_reason = _(NO_DBUS_SERVICE)
        return False

    def release(self) -> None:
        target, token = self._target, self._token
        self._target = self._token = None
        self.method = ""
        if target is None:
            return
        bus = self._bus()
        if bus is None:
            return  # the bus is gone, and with it our inhibition
        if target is _PORTAL:
            from PySide6.QtDBus import QDBusMessage

            close = QDBusMessage.createMethodCall(
                target.service, token, "org.freedesktop.portal.Request", "Close"
            )
            self._call(bus, close)
            return
        name = "UnInhibit" if target.interface == "org.freedesktop.ScreenSaver" else "Uninhibit"
        self._invoke(bus, target, name, [("uint", token)], None)

    def _call(self, bus: QDBusConnection, message: Any) -> Any | None:
        from PySide6.QtDBus import QDBus, QDBusMessage

        reply = bus.call(message, QDBus.CallMode.Block, self._timeout_ms)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            log.debug("D-Bus %s failed: %s", message.member(), reply.errorMessage())
            return None
        return reply

    def _try_inhibit(self, bus: QDBusConnection, target: _DBusTarget, reason: str) -> Any | None:
        if target is _PORTAL:
            args = [(str, ""), ("uint", _INHIBIT_IDLE), ("QVariantMap", {"reason": reason})]
            path = self._invoke(bus, target, "Inhibit", args, "QDBusObjectPath")
            return path.path() if path is not None else None
        if target is _GNOME:
            args = [(str, self._app_name), ("uint", 0), (str, reason), ("uint", _INHIBIT_IDLE)]
        else:
            args = [(str, self._app_name), (str, reason)]
        return self._invoke(bus, target, "Inhibit", args, "uint")

    def _invoke(
        self,
        bus: QDBusConnection,
        target: _DBusTarget,
        name: str,
        args: Sequence[tuple[Any, Any]],
        result_type: str | None,
    ) -> Any | None:
        """Call ``name`` with D-Bus types taken from the service's introspection.

        Python ints would go out as int32, and the services reject
        ``UnInhibit(i)`` when they declare ``UnInhibit(u)``. Invoking through
        QDBusInterface's introspected meta-object marshals each argument as
        the declared type (uint here) instead.
        """
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt
        from PySide6.QtDBus import QDBusInterface, QDBusMessage

        # QDBusInterface introspects in its constructor with Qt's 25-second
        # default timeout; a quick introspection of our own first means a
        # missing or hung service costs at most ``timeout_ms``.
        probe = QDBusMessage.createMethodCall(
            target.service, target.path, "org.freedesktop.DBus.Introspectable", "Introspect"
        )
        reply = self._call(bus, probe)
        if reply is None or f'"{target.interface}"' not in str(reply.arguments()[0]):
            return None
        interface = QDBusInterface(target.service, target.path, target.interface, bus)
        interface.setTimeout(self._timeout_ms)
        if not interface.isValid():
            return None
        invoke_args: list[Any] = [interface, name, Qt.ConnectionType.DirectConnection]
        if result_type is not None:
            invoke_args.append(Q_RETURN_ARG(result_type))
        invoke_args.extend(Q_ARG(kind, value) for kind, value in args)
        try:
            result = QMetaObject.invokeMethod(*invoke_args)
        except (RuntimeError, TypeError) as exc:  # no such method/signature
            log.debug("D-Bus %s.%s: %s", target.interface, name, exc)
            return None
        if interface.lastError().isValid():
            log.debug("D-Bus %s.%s: %s", target.interface, name, interface.lastError().message())
            return None
        return result if result_type is not None else True


# --- Windows ----------------------------------------------------------------

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


class WindowsScreenAwake:
    """SetThreadExecutionState: the request belongs to the calling thread.

    Call ``inhibit`` and ``release`` from the GUI thread (as the session
    does): a worker thread that ends would silently drop the request.
    """

    method = "SetThreadExecutionState"

    def __init__(self, kernel32: Any = None) -> None:
        if kernel32 is None:
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        self._kernel32 = kernel32
        self.active = False
        self.failure_reason = ""

    def inhibit(self, reason: str) -> bool:
        if self.active:
            return True
        flags = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
        if self._kernel32.SetThreadExecutionState(flags) == 0:  # 0 means it failed
            self.failure_reason = _(
                "The screen may sleep during a session: Windows refused SetThreadExecutionState"
            )
            return False
        self.active, self.failure_reason = True, ""
        return True

    def release(self) -> None:
        if self.active:
            self._kernel32.SetThreadExecutionState(ES_CONTINUOUS)
            self.active = False


# --- macOS ------------------------------------------------------------------


def _popen(command: Sequence[str]) -> Any:
    return subprocess.Popen(
        list(command), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


class MacScreenAwake:
    """``caffeinate -d -w <our pid>``: keeps the display on while it runs.

    ``-w`` makes caffeinate exit when we do, so a crash cannot leave the
    Mac unable to sleep.
    """

    method = "caffeinate"

    def __init__(
        self, start_process: Callable[[Sequence[str]], Any] = _popen, pid: int | None = None
    ) -> None:
        self._start = start_process
        self._pid = os.getpid() if pid is None else pid
        self._process: Any = None
        self.failure_reason = ""

    @property
    def command(self) -> list[str]:
        return ["caffeinate", "-d", "-w", str(self._pid)]

    @property
    def active(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def inhibit(self, reason: str) -> bool:
        if self.active:
            return True
        try:
            self._process = self._start(self.command)
        except OSError as exc:
            self._process = None
            self.failure_reason = _(
                "The screen may sleep during a session: caffeinate could not start ({reason})"
            ).format(reason=exc)
            return False
        self.failure_reason = ""
        return True

    def release(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                process.kill()


# --- choice -----------------------------------------------------------------


def create_screen_awake(
    platform: str = sys.platform,
    app_name: str = APP_NAME,
    connection: QDBusConnection | None = None,
) -> ScreenAwake:
    """The mechanism for this platform; a NullScreenAwake with a reason if there is none.

    Whether the D-Bus service answers is only known at ``inhibit`` time (the
    desktop can start or stop its screen saver while we run).
    """
    try:
        if platform == "win32":
            return WindowsScreenAwake()
        if platform == "darwin":
            return MacScreenAwake()
        if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            from PySide6 import QtDBus  # noqa: F401  (fails here, not mid-session)

            return DBusScreenAwake(app_name=app_name, connection=connection)
    except (ImportError, OSError, AttributeError) as exc:
        log.info("no screen-awake mechanism: %s", exc)
        return NullScreenAwake(
            _("The screen may sleep during a session: {reason}").format(reason=exc)
        )
    return NullScreenAwake(
        _("The screen may sleep during a session: {platform} has no supported method").format(
            platform=platform
        )
    )
