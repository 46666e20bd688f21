"""Reminders in the running application: the tray icon, the notifications, closing to the tray.

Built by the application after the first frame. It connects the reminder
controller to the window (Start brings the window up and starts the routine),
keeps hipcoach in the tray when the window is closed with reminders on (and
says so once), and keeps the start-at-login entry in step with the setting.

Whether there is a tray is asked when it matters (closing the window, every
wake-up of the reminders), not once at start: at login the panel often starts
a moment after hipcoach, and a panel may restart. The icon is made when a tray
is there; on X11 it is also made and shown before, since Qt puts a shown icon
into an X11 tray that starts later by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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
from hipcoach.ui.tray import TrayIcon, TrayPresence

if TYPE_CHECKING:
    # Windows and macOS only; asyncio is not imported where it is not used.
    from hipcoach.platform.native_notifications import NativeNotifications

log = logging.getLogger(__name__)

#: Started at login with no tray yet: how long to wait for the panel before the
#: window opens instead (hipcoach must not run unseen), and how often to look.
LOGIN_TRAY_WAIT_MS = 20_000
LOGIN_TRAY_LOOK_MS = 500


class ReminderShell(QObject):
    def __init__(
        self,
        window: MainWindow,
        settings: SettingsModel,
        clock: Clock,
        *,
        idle: IdleMonitor,
        desktop: DesktopNotifications | NativeNotifications | None,
        tray: TrayPresence | None,
        make_tray: Callable[[], TrayIcon],
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
        #: The desktop's tray as hipcoach sees it; None: never a tray (tests, by choice).
        self.presence = tray
        self._make_tray = make_tray
        #: The icon, once made (see the module's note); None until then.
        self.tray: TrayIcon | None = None
        self._tray_by_sni = False
        self._tray_only = False
        self._open_settings = open_settings
        self.autostart = autostart
        self.idle = idle
        self.desktop = desktop
        self._start_routine = start_routine
        self._quitting = False
        self.notifier = ReminderNotifier(desktop, None, self._show_in_window, self)
        self.controller = ReminderController(
            settings.settings, clock, idle, self.notifier,
            session_running=session_running, quiet=quiet, routine_title=routine_title,
            save_pause=self._save_pause, parent=self,
        )  # fmt: skip
        self.controller.startRequested.connect(self.start)
        self.controller.changed.connect(self._show_state)
        # Started at login before the panel: looked for until it comes, or the window opens.
        self._tray_look = QTimer(self)
        self._tray_look.setObjectName("tray_look_timer")
        self._tray_look.setInterval(LOGIN_TRAY_LOOK_MS)
        self._tray_look.timeout.connect(self._look_for_tray)
        self._tray_give_up = QTimer(self)
        self._tray_give_up.setObjectName("tray_give_up_timer")
        self._tray_give_up.setSingleShot(True)
        self._tray_give_up.setInterval(LOGIN_TRAY_WAIT_MS)
        self._tray_give_up.timeout.connect(self._no_tray_came)
        if tray is not None:
            # Queued: the icon is made again once the D-Bus signal has been handled, not
            # inside its dispatch, where the new icon's own watcher could hear it as well.
            tray.sniTrayStarted.connect(self._sni_tray_started, Qt.ConnectionType.QueuedConnection)
            if tray.available():
                self._build_tray()
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

    def tray_available(self) -> bool:
        """Whether the desktop shows tray icons now."""
        return self.presence is not None and self.presence.available()

    @property
    def keeps_running(self) -> bool:
        """Whether closing the window now leaves hipcoach in the tray."""
        return self.controller.enabled and self.tray_available()

    def _build_tray(self) -> TrayIcon:
        if self.tray is None:
            tray = self.tray = self._make_tray()
            # Qt chooses the kind of icon when it is made: a StatusNotifierItem if such a
            # tray runs then, else (on X11) the older XEmbed kind.
            self._tray_by_sni = self.presence.sni_tray_running()
            tray.openRequested.connect(self.open_window)
            tray.startRequested.connect(self.controller.start_now)
            tray.pauseHourRequested.connect(self.controller.pause_for_an_hour)
            tray.pauseTomorrowRequested.connect(self.controller.pause_until_tomorrow)
            tray.resumeRequested.connect(self.controller.resume)
            tray.settingsRequested.connect(self._open_settings)
            tray.quitRequested.connect(self.quit)
            tray.messageClicked.connect(self.notifier.tray_message_clicked)
        return self.tray

    def _sni_tray_started(self) -> None:
        """A StatusNotifier tray started (the panel came after us, or restarted)."""
        if self.tray is not None and not self._tray_by_sni:
            # Made as an X11 icon before this tray ran: made again, so that it is of the
            # kind this tray shows. The old one goes first, so there are never two.
            old, self.tray = self.tray, None
            old.hide()
            old.deleteLater()
        self._show_state()
        if self._tray_look.isActive():
            self._look_for_tray()

    def _show_state(self) -> None:
        # Asked once: on Linux each answer is a question to the desktop, and this runs at
        # every reminder wake-up.
        available = self.tray_available()
        keep = self.controller.enabled and available  # what keeps_running says
        QApplication.setQuitOnLastWindowClosed(not keep)
        wanted = self.controller.enabled or self._tray_only
        if self.presence is not None and wanted:
            if available or self.presence.xembed_follows():
                self._build_tray().show()
                self._embed_again_if_missed(available)
        elif self.tray is not None:
            self.tray.hide()
        # A reminder without buttons goes to the tray's message only where it is seen.
        self.notifier.use_tray(self.tray if keep else None)
        if self.tray is None:
            return
        self.tray.set_next(self.controller.next_text())
        self.tray.set_start_text(self.controller.start_text())
        self.tray.set_paused(self.controller.paused_until is not None)

    def _embed_again_if_missed(self, available: bool) -> None:
        # An X11 tray that started in the very instant Qt first looked for one can be
        # missed (its announcement came before Qt listened). Qt's X11 icon has no place
        # on the screen until it is in a tray: then it is shown again, and Qt looks anew.
        tray = self.tray
        if (
            not self._tray_by_sni
            and self.presence.xembed_follows()
            and available
            and tray.icon.geometry().isEmpty()
        ):
            log.info("a tray is there but the icon is not in it; showing it again")
            tray.hide()
            tray.show()

    def show_in_tray_only(self) -> bool:
        """Started at login: the tray icon, no window. False if there never is a tray.

        The panel may start after hipcoach: it is looked for a while, and if none
        comes the window opens, so hipcoach never runs unseen.
        """
        if self.presence is None:
            return False
        self._tray_only = True
        QApplication.setQuitOnLastWindowClosed(False)
        self._show_state()
        if not self.tray_available():
            self._tray_look.start()
            self._tray_give_up.start()
        return True

    def _look_for_tray(self) -> None:
        if self.tray_available():
            self._tray_look.stop()
            self._tray_give_up.stop()
            self._show_state()

    def _no_tray_came(self) -> None:
        self._tray_look.stop()
        log.info("no tray came after starting at login; opening the window")
        self._show_state()
        self.open_window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._window_closing()
        return False

    def _window_closing(self) -> None:
        # Asked now: the tray may have come or gone since the last look.
        keep = not self._quitting and self.keeps_running
        QApplication.setQuitOnLastWindowClosed(not keep)
        if not keep:
            return
        if not self.settings.settings.tray_notice_shown:
            self._build_tray().show_message(
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
        self._tray_look.stop()
        self._tray_give_up.stop()
        if self.desktop is not None:
            self.desktop.stop()
        # The icon leaves the tray at once, not when the process has finished exiting.
        if self.tray is not None:
            self.tray.hide()

    def quit(self) -> None:
        self.stop()
        # Closing first: a session in progress is saved, the window's size remembered.
        self.window.close()
        QApplication.quit()

    def _show_in_window(self, text: str) -> None:
        self.open_window()
        self.window.show_notice(text)
