"""Shows a reminder the best way this desktop allows, and reports the answer.

1. A notification with three buttons: the desktop's notification service on
   Linux, the system's own notifications on Windows and macOS.
2. Otherwise, or if that notification fails, the tray icon's message (shown
   by the system as a notification without buttons): clicking it means Start;
   the tray menu has the rest.
3. Otherwise (no service, no tray) the window comes up with a notice.

The words are made when the reminder is shown, in the language of that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hipcoach import APP_ID
from hipcoach.core.reminders import Answer, Reminder, ReminderKind
from hipcoach.i18n import _
from hipcoach.ui.tray import TrayIcon

if TYPE_CHECKING:
    from hipcoach.platform.native_notifications import NativeNotifications
    from hipcoach.platform.notifications import DesktopNotifications

_KEYS = {"start": Answer.START, "later": Answer.POSTPONE, "skip": Answer.SKIP}


def action_labels() -> list[tuple[str, str]]:
    """The notification's buttons as (key, label); the first label begins with "Start"."""
    return [("start", _("Start now")), ("later", _("In 10 minutes")), ("skip", _("Skip"))]


def reminder_title(reminder: Reminder) -> str:
    if reminder.kind is ReminderKind.PRACTICE:
        return _("Time for your practice")
    return _("Time for a movement break")


def reminder_body(routine_title: str) -> str:
    return _("{routine}: a few minutes for your hips and your breath.").format(
        routine=routine_title
    )


class ReminderNotifier(QObject):
    answered = Signal(object, object)  # Reminder, Answer

    def __init__(
        self,
        desktop: DesktopNotifications | NativeNotifications | None,
        tray: TrayIcon | None,
        show_in_window: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desktop = desktop
        self._tray = tray
        self._show_in_window = show_in_window
        #: The notifications showing: their id → the reminder and its routine's title.
        self._by_id: dict[Hashable, tuple[Reminder, str]] = {}
        self._tray_pending: Reminder | None = None
        #: How the last reminder was shown: "desktop", "tray" or "window".
        self.last_channel = ""
        if desktop is not None:
            desktop.actionInvoked.connect(self._on_action)
            desktop.closed.connect(lambda note_id: self._by_id.pop(note_id, None))
            desktop.failed.connect(self._on_failed)
        if tray is not None:
            tray.messageClicked.connect(self.tray_message_clicked)

    def use_tray(self, tray: TrayIcon | None) -> None:
        """The tray icon whose message may carry a reminder: one on a tray now, or None.

        Its ``messageClicked`` is the owner's to connect to ``tray_message_clicked``.
        """
        self._tray = tray

    def show(self, reminder: Reminder, routine_title: str) -> None:
        # One reminder on screen at a time: a new one replaces what is still showing.
        for note_id in list(self._by_id):
            self._desktop.close(note_id) if self._desktop else None
        self._by_id.clear()
        if self._desktop is not None and self._desktop.supports_actions():
            title, body = reminder_title(reminder), reminder_body(routine_title)
            note_id = self._desktop.notify(title, body, action_labels(), icon=APP_ID)
            if note_id is not None:
                self._by_id[note_id] = (reminder, routine_title)
                self.last_channel = "desktop"
                return
        self._show_without_buttons(reminder, routine_title)

    def _show_without_buttons(self, reminder: Reminder, routine_title: str) -> None:
        title, body = reminder_title(reminder), reminder_body(routine_title)
        if self._tray is not None:
            self._tray_pending = reminder
            self._tray.show_message(title, _("{body}\nClick to start now.").format(body=body))
            self.last_channel = "tray"
            return
        self.last_channel = "window"
        # TRANSLATORS: a reminder shown in the window's notice bar: its title, then its text.
        self._show_in_window(_("{title}. {body}").format(title=title, body=body))

    def _on_action(self, note_id: Hashable, key: str) -> None:
        shown = self._by_id.pop(note_id, None)
        answer = _KEYS.get(key)
        if shown is not None and answer is not None:
            self.answered.emit(shown[0], answer)

    def _on_failed(self, note_id: Hashable) -> None:
        """A notification that could not be shown after all: the tray's message instead."""
        shown = self._by_id.pop(note_id, None)
        if shown is not None:
            self._show_without_buttons(*shown)

    def tray_message_clicked(self) -> None:
        """The tray's message was clicked: Start, if it carried a reminder."""
        reminder, self._tray_pending = self._tray_pending, None
        if reminder is not None:
            self.answered.emit(reminder, Answer.START)
