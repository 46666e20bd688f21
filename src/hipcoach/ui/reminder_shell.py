"""Reminders in the running application: the tray icon, the notifications, closing to the tray.

Built by the application after the first frame. It connects the reminder
controller to the window (Start brings the window up and starts the routine),
keeps hipcoach in the tray when the window is closed with reminders on (and
says so once), and keeps the start-at-login entry in step with the setting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from hipcoach.core.clock import Clock
from hipcoach.core.os_reason import os_reason
from hipcoach.core.settings import REMINDER_KEYS
from hipcoach.core.settings_model import SettingsChange, SettingsModel
from hipcoach.i18n import _
from hipcoach.platform.autostart import Autostart
from hipcoach.platform.idle import IdleMonitor
from hipcoach.platform.notifications import DesktopNotifications
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.reminder_notifier import ReminderNotifier
from hipcoach.ui.reminders import ReminderController
from hipcoach.ui.tray import TrayIcon

if TYPE_CHECKING:
    # Windows and macOS only; asyncio is not imported where it is not used.
    from hipcoach.platform.native_notifications import NativeNotifications

log = logging.getLogger(__name__)


class ReminderShell(QObject):
    def __init__(
        self,
        window: MainWindow,
        settings: SettingsModel,
        clock: Clock,
        *,
        idle: IdleMonitor,
        desktop: DesktopNotifications | NativeNotifications | None,
        tray: TrayIcon | None,
        autostart: Autostart | None,
        session_running: Callable[[], bool],
        quiet: Callable[[], bool],
        start_routine: Callable[[str], None],
        routine_title: Callable[[str], str],
        open_settings: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings
        self.tray = tray
        self.autostart = autostart
        self.idle = idle
        self.desktop = desktop
        self._start_routine = start_routine
        self._quitting = False
        self.notifier = ReminderNotifier(desktop, tray, self._show_in_window, self)
        self.controller = ReminderController(
            settings.settings, clock, idle, self.notifier,
            session_running=session_running, quiet=quiet, routine_title=routine_title,
            save_pause=self._save_pause, parent=self,
        )  # fmt: skip
        self.controller.startRequested.connect(self.start)
        self.controller.changed.connect(self._show_state)
        if tray is not None:
            tray.openRequested.connect(self.open_window)
            tray.startRequested.connect(self.controller.start_now)
            tray.pauseHourRequested.connect(self.controller.pause_for_an_hour)
            tray.pauseTomorrowRequested.connect(self.controller.pause_until_tomorrow)
            tray.resumeRequested.connect(self.controller.resume)
            tray.settingsRequested.connect(open_settings)
            tray.quitRequested.connect(self.quit)
        self.settings_action = QAction(_("&Reminders…"), window)
        self.settings_action.setObjectName("reminder_settings")
        self.settings_action.triggered.connect(open_settings)
        window.installEventFilter(self)
        settings.subscribe(self._settings_changed, *REMINDER_KEYS)
        self._show_state()

    def retranslate(self) -> None:
        """The menu entry, the tray's menu and its tooltip in the current language.

        Notifications are worded when offered, so the next one is in it already.
        """
        self.settings_action.setText(_("&Reminders…"))
        if self.tray is not None:
            self.tray.retranslate()
        self._show_state()

    # --- settings ----------------------------------------------------------------

    def _settings_changed(self, change: SettingsChange) -> None:
        """Reminders, tray and start-at-login follow the settings."""
        self.controller.apply_settings(change.settings)
        if "start_at_login" in change:
            self._sync_autostart(change.settings.start_at_login)
        self._show_state()

    def _sync_autostart(self, on: bool) -> None:
        if self.autostart is None:
            return
        try:
            self.autostart.enable() if on else self.autostart.disable()
        except OSError as exc:
            self.window.show_notice(
                _("Starting at login could not be changed ({reason}).").format(
                    reason=os_reason(exc)
                ),
                "warning",
            )

    def _save_pause(self, until: datetime | None) -> None:
        self.settings.update(reminders_paused_until=until)

    # --- the tray ------------------------------------------------------------------

    @property
    def keeps_running(self) -> bool:
        """Whether closing the window leaves hipcoach in the tray."""
        return self.tray is not None and self.controller.enabled

    def _show_state(self) -> None:
        keep = self.keeps_running
        QApplication.setQuitOnLastWindowClosed(not keep)
        if self.tray is None:
            return
        if keep:
            self.tray.show()
        else:
            self.tray.hide()
        self.tray.set_next(self.controller.next_text())
        self.tray.set_paused(self.controller.paused_until is not None)

    def show_in_tray_only(self) -> bool:
        """Started at login: the tray icon, no window. False if there is no tray."""
        if self.tray is None:
            return False
        self.tray.show()
        QApplication.setQuitOnLastWindowClosed(False)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._window_closing()
        return False

    def _window_closing(self) -> None:
        if self._quitting or not self.keeps_running:
            return
        if not self.settings.settings.tray_notice_shown:
            self.tray.show_message(
                _("hipcoach is still running"),
                _(
                    "Reminders keep coming from the tray icon. "
                    "Choose Quit in its menu to end hipcoach."
                ),
            )
            self.settings.update(tray_notice_shown=True)

    # --- actions ---------------------------------------------------------------------

    def open_window(self) -> None:
        self.window.closing = False
        self.window.bring_to_front()

    def start(self, routine_id: str) -> None:
        """Start from a reminder: the window comes up and the routine starts, no other click."""
        self.open_window()
        self._start_routine(routine_id)

    def stop(self) -> None:
        """No more reminders: the timer stops, and the notifications' thread if there is one.

        For good: hipcoach is quitting, and closing the window then says nothing either.
        """
        self._quitting = True
        self.controller.stop()
        if self.desktop is not None:
            self.desktop.stop()

    def quit(self) -> None:
        self._quitting = True
        self.stop()
        # Closing first: a session in progress is saved, the window's size remembered.
        self.window.close()
        QApplication.quit()

    def _show_in_window(self, text: str) -> None:
        self.open_window()
        self.window.show_notice(text)
