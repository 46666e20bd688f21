"""The tray icon (a StatusNotifierItem on Linux desktops): next reminder, start, pause, open, quit.

It only forwards intent: each menu entry is a signal the application answers.
Where the desktop has no tray, ``TrayIcon.available()`` is False and the
application does not build one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from hipcoach.i18n import _


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
        """The menu in the current language (the first line comes from ``set_next``)."""
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
        """Whether this desktop shows tray icons."""
        return QSystemTrayIcon.isSystemTrayAvailable()

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
