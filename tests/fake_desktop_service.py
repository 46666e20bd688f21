"""Stand-ins for desktop services the reminders use, run as: python fake_desktop_service.py KIND LOG.

KIND is one of:

* "notifications": org.freedesktop.Notifications that records every Notify
  and answers with ids 1, 2, …
* "notifications-start": the same, and right after replying it emits
  ActionInvoked for the action whose label begins with "Start", as a person
  clicking it would.
* "notifications-strict": org.freedesktop.Notifications as GNOME Shell, dunst and
  xfce4-notifyd serve it (GDBus): its introspection has no Qt type names, and it
  answers Notify only when the call's signature is exactly the specification's
  ``susssasa{sv}i``; anything else gets an error, as from those services.
* "mutter": org.gnome.Mutter.IdleMonitor saying the input has been idle 420 000 ms.
* "screensaver": org.freedesktop.ScreenSaver with GetSessionIdleTime 90 and
  GetActive true (a locked screen).
* "gnome-video": org.gnome.SessionManager whose InhibitedActions holds the idle
  flag (8) and the suspend flag (4), as while a video player plays full screen.
* "gnome-suspend-only": the same with only the suspend flag (a download, say).
* "power-inhibited": org.freedesktop.PowerManagement.Inhibit with HasInhibit true.

Each handled call is appended to LOG as one JSON line, flushed before the reply.
Prints "ready" once its name is on the bus in DBUS_SESSION_BUS_ADDRESS.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusVirtualObject

KIND, LOG = sys.argv[1], sys.argv[2]


def record(*call: object) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(call) + "\n")


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, click_start: bool):
        super().__init__()
        self.next_id = 0
        self.click_start = click_start

    @Slot(result="QStringList")
    def GetCapabilities(self):
        record("GetCapabilities")
        return ["actions", "body"]

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        self.next_id += 1
        note_id = self.next_id
        record("Notify", app_name, replaces_id, icon, summary, body, actions, timeout, note_id)
        if self.click_start:
            pairs = dict(zip(actions[1::2], actions[0::2], strict=True))  # label -> key
            key = next(k for label, k in pairs.items() if label.startswith("Start"))
            QTimer.singleShot(0, lambda: self._click(note_id, key))
        return note_id

    def _click(self, note_id: int, key: str) -> None:
        record("ActionInvoked", note_id, key)
        self.ActionInvoked.emit(note_id, key)
        self.NotificationClosed.emit(note_id, 2)  # 2: dismissed by the user

    @Slot("uint")
    def CloseNotification(self, note_id):
        record("CloseNotification", note_id)


STRICT_INTROSPECTION = """\
<interface name="org.freedesktop.Notifications">
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="Notify">
    <arg type="s" name="app_name" direction="in"/>
    <arg type="u" name="replaces_id" direction="in"/>
    <arg type="s" name="app_icon" direction="in"/>
    <arg type="s" name="summary" direction="in"/>
    <arg type="s" name="body" direction="in"/>
    <arg type="as" name="actions" direction="in"/>
    <arg type="a{sv}" name="hints" direction="in"/>
    <arg type="i" name="expire_timeout" direction="in"/>
    <arg type="u" name="id" direction="out"/>
  </method>
  <method name="CloseNotification"><arg type="u" name="id" direction="in"/></method>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
</interface>
"""


class StrictNotifications(QDBusVirtualObject):
    """Answers by hand, so the introspection carries no Qt annotations."""

    def introspect(self, path):
        return STRICT_INTROSPECTION

    def handleMessage(self, message, connection):
        if message.interface() != "org.freedesktop.Notifications":
            return False
        if message.member() == "GetCapabilities":
            record("GetCapabilities")
            reply = message.createReply()
            reply.setArguments([["actions", "body"]])  # as, where createReply's list is av
            connection.send(reply)
        elif message.member() == "Notify":
            args = message.arguments()
            record("Notify", message.signature(), *args[:6])  # the hints are a QDBusArgument
            if message.signature() != "susssasa{sv}i":
                connection.send(
                    message.createErrorReply(
                        "org.freedesktop.DBus.Error.InvalidArgs",
                        f"Type of message, ({message.signature()}), does not match "
                        "expected type (susssasa{sv}i)",
                    )
                )
            else:
                connection.send(message.createReply([7]))  # int32: Python has no uint32
        else:
            return False
        return True


@ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
class IdleMonitor(QObject):
    @Slot(result="qulonglong")
    def GetIdletime(self):
        record("GetIdletime")
        return 420_000


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(result="uint")
    def GetSessionIdleTime(self):
        record("GetSessionIdleTime")
        return 90

    @Slot(result=bool)
    def GetActive(self):
        record("GetActive")
        return True


@ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
class SessionManager(QObject):
    def __init__(self, actions: int):
        super().__init__()
        self._actions = actions

    def _inhibited_actions(self) -> int:
        record("InhibitedActions")
        return self._actions

    InhibitedActions = Property("uint", _inhibited_actions)


@ClassInfo({"D-Bus Interface": "org.freedesktop.PowerManagement.Inhibit"})
class PowerInhibit(QObject):
    @Slot(result=bool)
    def HasInhibit(self):
        record("HasInhibit")
        return True


app = QCoreApplication([])
bus = QDBusConnection.connectToBus(os.environ["DBUS_SESSION_BUS_ADDRESS"], "fake-desktop")
note_path = "/org/freedesktop/Notifications"
service, path, obj = {
    "notifications": ("org.freedesktop.Notifications", note_path, Notifications(False)),
    "notifications-start": ("org.freedesktop.Notifications", note_path, Notifications(True)),
    "notifications-strict": ("org.freedesktop.Notifications", note_path, StrictNotifications()),
    "mutter": (
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        IdleMonitor(),
    ),
    "screensaver": ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", ScreenSaver()),
    "gnome-video": ("org.gnome.SessionManager", "/org/gnome/SessionManager", SessionManager(12)),
    "gnome-suspend-only": (
        "org.gnome.SessionManager",
        "/org/gnome/SessionManager",
        SessionManager(4),
    ),
    "power-inhibited": (
        "org.freedesktop.PowerManagement",
        "/org/freedesktop/PowerManagement/Inhibit",
        PowerInhibit(),
    ),
}[KIND]
options = (
    QDBusConnection.RegisterOption.ExportAllSlots
    | QDBusConnection.RegisterOption.ExportAllSignals
    | QDBusConnection.RegisterOption.ExportAllProperties
)
if isinstance(obj, QDBusVirtualObject):
    ok = bus.registerVirtualObject(path, obj)
else:
    ok = bus.registerObject(path, obj, options)
ok = ok and bus.registerService(service)
print("ready" if ok else "failed", flush=True)
app.exec()
