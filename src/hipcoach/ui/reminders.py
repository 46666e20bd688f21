"""Runs the reminder scheduler in the application: wakes it, feeds it, shows what it says.

The rules live in ``core.reminders``; this only gathers a sample every few
seconds (clocks, input idle, lock, session, quiet), passes it in, and turns
the answer into a notification. The timer only wakes it: every decision comes
from the clocks in the sample.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QObject, QTime, QTimer, Signal

from hipcoach.core.clock import Clock
from hipcoach.core.reminders import (
    Answer,
    Reminder,
    ReminderScheduler,
    Sample,
    pause_for_an_hour,
    pause_until_tomorrow,
    reminder_plan,
)
from hipcoach.core.settings import Settings
from hipcoach.i18n import _
from hipcoach.platform.idle import IdleMonitor
from hipcoach.ui.reminder_notifier import ReminderNotifier

log = logging.getLogger(__name__)

#: How often the scheduler is woken. Short enough that a one-minute break
#: comes within about a minute; the idle query it costs is a few microseconds.
WAKE_MS = 10_000


class ReminderController(QObject):
    """``startRequested(routine_id)`` when the person chose Start (or the tray's start)."""

    startRequested = Signal(str)
    answered = Signal(object, object)  # Reminder, Answer (for the history)
    offered = Signal(object)  # Reminder, just shown
    changed = Signal()  # the next reminder's time or the pause changed

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        idle: IdleMonitor,
        notifier: ReminderNotifier,
        *,
        session_running: Callable[[], bool],
        quiet: Callable[[], bool] = lambda: False,
        routine_title: Callable[[str], str] = lambda rid: rid,
        save_pause: Callable[[datetime | None], None] = lambda _until: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._idle = idle
        self._notifier = notifier
        self._session_running = session_running
        self._quiet = quiet
        self._routine_title = routine_title
        self._save_pause = save_pause
        self.settings = settings
        self.scheduler = ReminderScheduler(
            reminder_plan(settings), paused_until=settings.reminders_paused_until
        )
        self.last_reminder: Reminder | None = None
        notifier.answered.connect(self.answer)
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setObjectName("reminder_wake_timer")
        self._timer.setInterval(WAKE_MS)
        self._timer.timeout.connect(self.tick)
        self._sync_timer()

    # --- from the app ----------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.settings.break_reminders or self.settings.practice_reminder

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.scheduler.set_plan(reminder_plan(settings))
        self._sync_timer()
        self.changed.emit()

    def tick(self) -> Reminder | None:
        """Look at the world once; show a reminder if one is due."""
        if not self.enabled:
            return None
        reading = self._idle.read()
        running = self._session_running()
        sample = Sample(
            awake=self._clock.monotonic(),
            with_sleep=self._clock.suspend_aware(),
            wall=self._clock.now(),
            idle=reading.idle_seconds,
            locked=reading.locked,
            session_running=running,
            # Not asked while practising: nothing is offered then anyway, and on Wayland
            # the desktop could not tell our own screen-awake request from another's.
            quiet=not running and self._safe_quiet(),
        )
        was_paused = self.scheduler.paused_until
        reminder = self.scheduler.step(sample)
        if was_paused is not None and self.scheduler.paused_until is None:
            self._save_pause(None)  # the pause ran out
        if reminder is not None:
            self.last_reminder = reminder
            self._notifier.show(reminder, self._routine_title(reminder.routine_id))
            self.offered.emit(reminder)
        self.changed.emit()
        return reminder

    def answer(self, reminder: Reminder, answer: Answer) -> None:
        """The person's choice in the notification."""
        self.scheduler.answer(reminder, answer)
        self.answered.emit(reminder, answer)
        if answer is Answer.START:
            self.startRequested.emit(reminder.routine_id)
        self.changed.emit()

    def start_now(self) -> None:
        """The tray's "Start a routine now": the break routine, at once."""
        self.startRequested.emit(self.settings.break_routine)

    def pause_for_an_hour(self) -> None:
        self._pause(pause_for_an_hour(self._clock.now()))

    def pause_until_tomorrow(self) -> None:
        self._pause(pause_until_tomorrow(self._clock.now()))

    def resume(self) -> None:
        self._pause(None)

    # --- what the tray shows -----------------------------------------------------

    @property
    def paused_until(self) -> datetime | None:
        return self.scheduler.paused_until

    def next_text(self) -> str:
        """The tray's first line."""
        if not self.enabled:
            return _("Reminders are off")
        now = self._clock.now()
        paused = self.scheduler.paused_until
        if paused is not None:
            return paused_text(paused, now)
        when = self.scheduler.next_due()
        if when is None:
            return _("No reminder planned")
        return next_reminder_text(when, now)

    def start_text(self) -> str:
        """The tray's "start" entry, naming the routine it starts."""
        title = self._routine_title(self.settings.break_routine)
        return _("Start “{routine}” now").format(routine=title)

    # --- inside --------------------------------------------------------------------

    def _pause(self, until: datetime | None) -> None:
        self.scheduler.pause_until(until)
        self._save_pause(until)
        self.changed.emit()

    def _sync_timer(self) -> None:
        if self._stopped:
            return
        if self.enabled and not self._timer.isActive():
            self._timer.start()
            # A first look now: the tray says when the next reminder comes from the start,
            # not "No reminder planned" until the first wake-up.
            self.tick()
        elif not self.enabled:
            self._timer.stop()

    def _safe_quiet(self) -> bool:
        try:
            return self._quiet()
        except (OSError, RuntimeError) as exc:
            log.debug("quiet check failed: %s", exc)
            return False

    def stop(self) -> None:
        """For good (hipcoach is quitting): no settings change starts the timer again."""
        self._stopped = True
        self._timer.stop()


def next_reminder_text(when: datetime, now: datetime) -> str:
    """The next reminder's moment; its day too when it is not today (a Friday evening's
    next practice reminder is on Monday)."""
    days = _days_between(now, when)
    if days <= 0:
        return _("Next reminder at {time}").format(time=_clock_text(when))
    if days == 1:
        return _("Next reminder tomorrow at {time}").format(time=_clock_text(when))
    return _("Next reminder on {day} at {time}").format(
        day=_day_text(when, days), time=_clock_text(when)
    )


def paused_text(until: datetime, now: datetime) -> str:
    """Until when reminders are paused; "until tomorrow" rather than "until 12:00 AM"."""
    days = _days_between(now, until)
    if days <= 0:
        return _("Reminders paused until {time}").format(time=_clock_text(until))
    local = until.astimezone()
    if days == 1 and (local.hour, local.minute) == (0, 0):
        return _("Reminders paused until tomorrow")
    if days == 1:
        return _("Reminders paused until tomorrow at {time}").format(time=_clock_text(until))
    return _("Reminders paused until {day} at {time}").format(
        day=_day_text(until, days), time=_clock_text(until)
    )


def _days_between(now: datetime, moment: datetime) -> int:
    """Calendar days from now's date to the moment's, both on this computer's clock."""
    return (moment.astimezone().date() - now.astimezone().date()).days


def _day_text(moment: datetime, days: int) -> str:
    # Within the week its weekday (Monday, lunes); further off its date, as the locale writes it.
    local = moment.astimezone()
    if days < 7:
        return QLocale().dayName(local.isoweekday(), QLocale.FormatType.LongFormat)
    date = QDate(local.year, local.month, local.day)
    return QLocale().toString(date, QLocale.FormatType.ShortFormat)


def _clock_text(moment: datetime) -> str:
    # The time as the person's locale writes it (19:00, 7:00 PM).
    local = moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
