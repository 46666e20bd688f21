"""One short, blocking D-Bus method call that never raises and never waits long.

The reminder code asks the desktop small questions every few seconds (how long
has the keyboard been idle, is the screen locked, is do-not-disturb on). A
hung service must cost the UI a fraction of a second, not Qt's default 25.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

#: Long enough for a busy desktop, short enough that the window never visibly stalls.
QUICK_TIMEOUT_MS = 300


def session_bus(connection: QDBusConnection | None = None) -> QDBusConnection | None:
    """``connection`` (a test's private bus) or the session bus; None if not connected."""
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:
        return None
    bus = connection if connection is not None else QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


def call(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    method: str,
    args: Sequence[Any] = (),
    timeout_ms: int = QUICK_TIMEOUT_MS,
) -> list[Any] | None:
    """The reply's arguments, or None when the call failed or timed out."""
    from PySide6.QtDBus import QDBus, QDBusMessage

    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, timeout_ms)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        log.debug("D-Bus %s.%s failed: %s", interface, method, reply.errorMessage())
        return None
    return list(reply.arguments())


def get_property(
    bus: QDBusConnection, service: str, path: str, interface: str, name: str
) -> Any | None:
    """A D-Bus property's value, or None."""
    reply = call(bus, service, path, "org.freedesktop.DBus.Properties", "Get", [interface, name])
    if not reply:
        return None
    value = reply[0]
    # QtDBus hands a variant back as QDBusVariant on some versions.
    return value.variant() if hasattr(value, "variant") else value
