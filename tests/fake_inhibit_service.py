"""A stand-in screen-saver service for tests, run as: python fake_inhibit_service.py KIND LOG.

KIND is "screensaver" (org.freedesktop.ScreenSaver), "gnome"
(org.gnome.SessionManager) or "portal" (org.freedesktop.portal.Desktop).
It connects to the bus in DBUS_SESSION_BUS_ADDRESS, appends one JSON line
to LOG per call it handles (flushed before it replies, so a test reads it
right after its own blocking call returns) and prints "ready" once its
name is on the bus.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath

KIND, LOG = sys.argv[1], sys.argv[2]


def record(*call: object) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(call) + "\n")


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    next_cookie = 41

    @Slot(str, str, result="uint")
    def Inhibit(self, app_name, reason):
        ScreenSaver.next_cookie += 1
        record("Inhibit", app_name, reason, ScreenSaver.next_cookie)
        return ScreenSaver.next_cookie

    @Slot("uint")
    def UnInhibit(self, cookie):
        record("UnInhibit", cookie)


@ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
class SessionManager(QObject):
    @Slot(str, "uint", str, "uint", result="uint")
    def Inhibit(self, app_id, toplevel_xid, reason, flags):
        record("Inhibit", app_id, toplevel_xid, reason, flags, 7)
        return 7

    @Slot("uint")
    def Uninhibit(self, cookie):
        record("Uninhibit", cookie)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Request"})
class Request(QObject):
    def __init__(self, path):
        super().__init__()
        self.path = path

    @Slot()
    def Close(self):
        record("Close", self.path)
        bus.unregisterObject(self.path)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Inhibit"})
class Portal(QObject):
    def __init__(self):
        super().__init__()
        self.requests: list[Request] = []

    @Slot(str, "uint", "QVariantMap", result=QDBusObjectPath)
    def Inhibit(self, window, flags, options):
        path = f"/org/freedesktop/portal/desktop/request/test/t{len(self.requests)}"
        request = Request(path)
        self.requests.append(request)
        bus.registerObject(path, request, QDBusConnection.RegisterOption.ExportAllSlots)
        record("Inhibit", window, flags, options, path)
        return QDBusObjectPath(path)


app = QCoreApplication([])
bus = QDBusConnection.connectToBus(os.environ["DBUS_SESSION_BUS_ADDRESS"], "fake-service")
service, path, obj = {
    "screensaver": ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", ScreenSaver()),
    "gnome": ("org.gnome.SessionManager", "/org/gnome/SessionManager", SessionManager()),
    "portal": ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop", Portal()),
}[KIND]
ok = bus.registerObject(path, obj, QDBusConnection.RegisterOption.ExportAllSlots)
ok = ok and bus.registerService(service)
print("ready" if ok else "failed", flush=True)
app.exec()
