"""Desktop notifications with buttons, through ``org.freedesktop.Notifications``.

Linux desktops (GNOME, KDE, Xfce, Cinnamon, dunst, mako …) run this service;
a notification may carry actions, shown as buttons, and the service tells us
which one was chosen with the ``ActionInvoked`` signal.

Where it is missing, or does not do actions, the reminders fall back to the
tray icon's message. Windows and macOS have their own notifications with
buttons, in ``native_notifications`` (the same interface).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import ClassInfo, QObject, Signal, Slot

from hipcoach import markup
from hipcoach.platform import dbus_call

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
TIMEOUT_MS = 1000
#: Where the typed description below is put on our own connection (never called).
TYPES_PATH = "/org/hipcoach/NotificationTypes"
#: Stay until the person answers (servers may still time it out).
NEVER_EXPIRE = 0


class DesktopNotifications(QObject):
    """A client of the desktop's notification service.

    ``actionInvoked(id, key)`` is emitted for notifications sent from here
    only. ``connection`` is for tests, which run their own bus. ``failed`` and
    :meth:`stop` are there for the interface it shares with
    ``NativeNotifications``: a notification the service took is never reported
    failed later, and there is no thread to stop.
    """

    actionInvoked = Signal(int, str)
    closed = Signal(int)
    failed = Signal(int)

    def __init__(
        self,
        app_name: str,
        connection: QDBusConnection | None = None,
        desktop_entry: str = "",
        parent: QObject | None = None,
        timeout_ms: int = TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self._app_name = app_name
        # The desktop file's name, so the desktop shows our icon and settings for it.
        self._desktop_entry = desktop_entry or app_name
        self._bus = dbus_call.session_bus(connection)
        self._timeout_ms = timeout_ms
        self._sent: set[int] = set()
        self._subscribed = False
        self._interface: Any = None
        self._types: QObject | None = None

    def supports_actions(self) -> bool:
        """Whether a notification service answers and can show buttons."""
        if self._bus is None:
            return False
        reply = dbus_call.call(self._bus, SERVICE, PATH, INTERFACE, "GetCapabilities")
        return bool(reply) and "actions" in list(reply[0])

    def notify(
        self,
        summary: str,
        body: str,
        actions: Sequence[tuple[str, str]],
        icon: str = "",
        replaces: int = 0,
    ) -> int | None:
        """Show a notification with ``actions`` as (key, label) pairs; its id, or None.

        Summary and body are sent as plain text: the specification lets
        servers read markup in the body, so ``&``, ``<`` and ``>`` are escaped.
        """
        interface = self._notifications_interface()
        if interface is None:
            return None
        self._subscribe()
        flat = [part for key, label in actions for part in (key, label)]
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt

        try:
            note_id = QMetaObject.invokeMethod(
                interface,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG(str, self._app_name),
                Q_ARG("uint", replaces),
                Q_ARG(str, icon),
                Q_ARG(str, summary),
                Q_ARG(str, markup.escape(body, quote=False)),
                Q_ARG("QStringList", flat),
                Q_ARG("QVariantMap", {"desktop-entry": self._desktop_entry}),
                Q_ARG(int, NEVER_EXPIRE),
            )
        except (RuntimeError, TypeError) as exc:
            log.info("Notify failed: %s", exc)
            return None
        if interface.lastError().isValid() or not note_id:
            log.info("Notify failed: %s", interface.lastError().message())
            return None
        self._sent.add(int(note_id))
        return int(note_id)

    def stop(self) -> None:
        """Nothing runs in the background here."""

    def close(self, note_id: int) -> None:
        if self._bus is None or note_id not in self._sent:
            return
        interface = self._notifications_interface()
        if interface is None:
            return
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        try:
            QMetaObject.invokeMethod(
                interface,
                "CloseNotification",
                Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", note_id),
            )
        except (RuntimeError, TypeError) as exc:
            log.debug("CloseNotification failed: %s", exc)

    # --- inside ---------------------------------------------------------------

    def _notifications_interface(self) -> Any | None:
        """A QDBusInterface that marshals arguments by the service's declared types.

        Python ints would go out as int32, and servers reject ``Notify`` with an
        int32 ``replaces_id``; invoking through the introspected interface sends
        the uint32 the specification asks for.
        """
        if self._bus is None:
            return None
        if self._interface is not None and self._interface.isValid():
            return self._interface
        self._describe_types()
        # A quick introspection first: QDBusInterface's own waits up to 25 s on a hung service.
        probe = dbus_call.call(
            self._bus, SERVICE, PATH, "org.freedesktop.DBus.Introspectable", "Introspect",
            timeout_ms=self._timeout_ms,
        )  # fmt: skip
        if not probe or f'"{INTERFACE}"' not in str(probe[0]):
            return None
        from PySide6.QtDBus import QDBusInterface

        interface = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus, self)
        interface.setTimeout(self._timeout_ms)
        if not interface.isValid():
            return None
        self._interface = interface
        return interface

    def _describe_types(self) -> None:
        """Have Qt learn the interface from our own typed copy, not from the service.

        QtDBus builds an interface's call table once per connection, from the first
        object of that interface it introspects, and marshals every later call by it.
        GNOME Shell, dunst and xfce4-notifyd describe ``hints`` as a bare ``a{sv}``,
        without Qt's type annotation, so a table built from them cannot take a
        QVariantMap and ``Notify`` never left. Introspecting a copy registered on our
        own connection first gives the table the specification's types.
        """
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        if self._bus.objectRegisteredAt(TYPES_PATH) is None:
            self._types = _NotificationTypes(self)
            self._bus.registerObject(
                TYPES_PATH, self._types, QDBusConnection.RegisterOption.ExportAllSlots
            )
        QDBusInterface(self._bus.baseService(), TYPES_PATH, INTERFACE, self._bus).isValid()

    def _subscribe(self) -> None:
        if self._subscribed or self._bus is None:
            return
        from PySide6.QtCore import SLOT

        # Any sender: the service's unique name changes if it restarts.
        self._subscribed = self._bus.connect(
            "", PATH, INTERFACE, "ActionInvoked", self, SLOT("_on_action(uint,QString)")
        )
        self._bus.connect(
            "", PATH, INTERFACE, "NotificationClosed", self, SLOT("_on_closed(uint,uint)")
        )

    @Slot("uint", str)
    def _on_action(self, note_id: int, key: str) -> None:
        if note_id in self._sent:
            self.actionInvoked.emit(int(note_id), key)

    @Slot("uint", "uint")
    def _on_closed(self, note_id: int, _reason: int) -> None:
        if note_id in self._sent:
            self._sent.discard(note_id)
            self.closed.emit(int(note_id))


@ClassInfo({"D-Bus Interface": INTERFACE})
class _NotificationTypes(QObject):
    """The specification's methods with their exact types; only ever introspected."""

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, *_args) -> int:
        return 0

    @Slot("uint")
    def CloseNotification(self, _note_id) -> None:
        pass
