"""The tray icon (a StatusNotifierItem on Linux desktops): next reminder, start, pause, open, quit.

``TrayIcon`` only forwards intent: each menu entry is a signal the application
answers. ``TrayPresence`` says whether the desktop shows tray icons now, and
when a StatusNotifier tray starts: at login the panel often starts after
hipcoach, so a tray missing at start may be there a moment later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from hipcoach import paths
from hipcoach.i18n import _

#: The D-Bus name a StatusNotifier tray owns (KDE, Xfce, LXQt, GNOME's AppIndicator
#: extension, and the others that follow the specification).
SNI_WATCHER = "org.kde.StatusNotifierWatcher"


class TrayIcon(QObject):
    openRequested = Signal()
    startRequested = Signal()
    pauseHourRequested = Signal()
    pauseTomorrowRequested = Signal()
    resumeRequested = Signal()
    settingsRequested = Signal()
    quitRequested = Signal()
    messageClicked = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("tray_menu")
        self.next_action = self._add(None)
        self.next_action.setEnabled(False)
        self.menu.addSeparator()
        self.start_action = self._add(self.startRequested)
        self.pause_hour_action = self._add(self.pauseHourRequested)
        self.pause_tomorrow_action = self._add(self.pauseTomorrowRequested)
        self.resume_action = self._add(self.resumeRequested)
        self.resume_action.setVisible(False)
        self.settings_action = self._add(self.settingsRequested)
        self.menu.addSeparator()
        self.open_action = self._add(self.openRequested)
        self.quit_action = self._add(self.quitRequested)
        self.retranslate()

        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("hipcoach")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.messageClicked)

    def retranslate(self) -> None:
        """The menu in the current language (the first two lines come from the setters)."""
        self.next_action.setText(_("No reminder planned"))
        self.start_action.setText(_("Start a routine now"))
        self.pause_hour_action.setText(_("Pause reminders for an hour"))
        self.pause_tomorrow_action.setText(_("Pause reminders until tomorrow"))
        self.resume_action.setText(_("Resume reminders"))
        self.settings_action.setText(_("Reminder settings…"))
        self.open_action.setText(_("Open hipcoach"))
        self.quit_action.setText(_("Quit"))

    @staticmethod
    def available() -> bool:
        """Whether this desktop shows tray icons now."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    @property
    def shown(self) -> bool:
        return self.icon.isVisible()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_next(self, text: str) -> None:
        """The first, disabled line of the menu, and the tooltip."""
        self.next_action.setText(text)
        self.icon.setToolTip(f"hipcoach\n{text}")

    def set_paused(self, paused: bool) -> None:
        self.pause_hour_action.setVisible(not paused)
        self.pause_tomorrow_action.setVisible(not paused)
        self.resume_action.setVisible(paused)

    def set_start_text(self, text: str) -> None:
        self.start_action.setText(text)

    def show_message(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def _add(self, signal: Signal | None) -> QAction:
        action = self.menu.addAction("")
        if signal is not None:
            action.triggered.connect(signal)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A plain click opens the window; the menu comes with the other button.
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.openRequested.emit()


class TrayPresence(QObject):
    """Whether this desktop shows tray icons, asked when it matters.

    ``sniTrayStarted`` comes when a StatusNotifier tray starts (its watcher takes
    its D-Bus name). An X11 tray of the older kind (XEmbed) needs no word: Qt puts
    an icon that is shown into such a tray by itself whenever one starts.
    """

    sniTrayStarted = Signal()

    def __init__(self, parent: QObject | None = None, *, assume: bool | None = None) -> None:
        """``assume`` decides the answer instead of asking the desktop (tests)."""
        super().__init__(parent)
        self._bus = None
        self._assume = assume
        if assume is None and sys.platform not in ("win32", "darwin"):
            from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher

            bus = QDBusConnection.sessionBus()
            if bus.isConnected():
                self._bus = bus
                self._watcher = QDBusServiceWatcher(
                    SNI_WATCHER, bus, QDBusServiceWatcher.WatchModeFlag.WatchForRegistration, self
                )
                self._watcher.serviceRegistered.connect(self.sniTrayStarted)

    def available(self) -> bool:
        """Whether an icon shown now would be seen."""
        return TrayIcon.available() if self._assume is None else self._assume

    def sni_tray_running(self) -> bool:
        """Whether a StatusNotifier tray runs now (then Qt makes its icons for it)."""
        if self._bus is None:
            return False
        reply = self._bus.interface().isServiceRegistered(SNI_WATCHER)
        return reply.isValid() and bool(reply.value())

    def xembed_follows(self) -> bool:
        """On X11, an icon that is shown enters a tray that starts later, by Qt's own doing."""
        return self._assume is None and QGuiApplication.platformName() == "xcb"


def tray_icon() -> QIcon:
    """hipcoach's icon as a tray shows it, 16 to 24 pixels across: the app icon's tile,
    ring and figure drawn to the edges with fewer, thicker strokes (the app icon's thin
    lines blur into one spot that small)."""
    return QIcon(str(paths.assets_dir() / "icons" / "hipcoach-tray.svg"))
