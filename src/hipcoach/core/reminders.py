"""When to remind: movement breaks after continuous use, and the daily practice.

Pure: the scheduler never reads a clock or asks the desktop anything. The app
hands it a :class:`Sample` every few seconds (the awake and suspend-aware
clocks, the local wall time, the input idle time if the desktop tells it,
whether the screen is locked, a session runs, or something wants quiet) and
asks :meth:`ReminderScheduler.step` whether a reminder is due now.

Movement breaks count *awake* seconds of continuous use, so daylight-saving
time, a time-zone change or the person setting the clock cannot move them.
Five idle minutes, a locked screen, a suspend or a practice session count as a
break already taken and start the count again. Without an idle source, time
alone counts (locks and suspends still reset it).

The daily practice reminder follows the local wall clock ("19:00 on weekdays"),
at most once per local calendar day: a trip west that shows 19:00 twice does
not remind twice, a trip east that skips past it reminds on arrival. One missed
while the computer slept is shown once on waking, if it is still the same day.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipcoach.core.settings import Settings

#: Idle input for this long counts as a break already taken.
BREAK_IDLE_SECONDS = 5 * 60
#: "In 10 minutes".
POSTPONE_SECONDS = 10 * 60
#: The suspend-aware clock running this far ahead of the awake one means a suspend.
SUSPEND_SECONDS = 5.0
ALL_DAYS = frozenset(range(7))  # Monday = 0, as date.weekday()


class ReminderKind(enum.Enum):
    BREAK = "break"  # after continuous use
    PRACTICE = "practice"  # the daily practice at a chosen time


class Answer(enum.Enum):
    START = "start"
    POSTPONE = "postpone"
    SKIP = "skip"


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    routine_id: str


@dataclass(frozen=True)
class ReminderPlan:
    """What the person chose; built from the settings."""

    breaks: bool = False
    break_every_seconds: float = 50 * 60
    break_routine: str = "two-minute-reset"
    practice: bool = False
    practice_at: time = time(19, 0)
    practice_days: frozenset[int] = frozenset(range(5))
    practice_routine: str = "two-minute-reset"
    #: Movement breaks only between these local times on these days; from == until: all day.
    active_from: time = time(0, 0)
    active_until: time = time(0, 0)
    active_days: frozenset[int] = ALL_DAYS

    def active_at(self, local: datetime) -> bool:
        """Whether ``local`` falls in the active hours and days (a span may cross midnight)."""
        start, end, now = self.active_from, self.active_until, local.time()
        if start == end:
            return local.weekday() in self.active_days
        if start < end:
            return local.weekday() in self.active_days and start <= now < end
        # Crosses midnight, e.g. 22:00–02:00: the early hours belong to the day before.
        if now >= start:
            return local.weekday() in self.active_days
        return now < end and (local.weekday() - 1) % 7 in self.active_days


@dataclass(frozen=True)
class Sample:
    """One look at the world.

    ``awake`` stops while the computer sleeps, ``with_sleep`` does not (both in
    seconds, from any origin). ``wall`` is the local time, aware. ``idle`` is
    the seconds since the last keyboard or mouse input, or None where no idle
    source answers. ``quiet`` means a full-screen window is in front or the
    desktop's do-not-disturb is on: reminders wait.
    """

    awake: float
    with_sleep: float
    wall: datetime
    idle: float | None = None
    locked: bool = False
    session_running: bool = False
    quiet: bool = False


@dataclass
class _State:
    use_start: float | None = None  # awake time the current stretch of use began
    last: Sample | None = None
    break_snoozed_until: float | None = None  # awake time
    practice_done_on: date | None = None
    practice_snoozed_until: float | None = None
    practice_waiting: bool = False  # offered but postponed
    paused_until: datetime | None = None


class ReminderScheduler:
    """Turns samples into at most one reminder at a time."""

    def __init__(self, plan: ReminderPlan, paused_until: datetime | None = None) -> None:
        self.plan = plan
        self._s = _State(paused_until=paused_until)

    # --- what the app tells it ------------------------------------------------

    def set_plan(self, plan: ReminderPlan) -> None:
        """New settings; the count of use so far is kept.

        A practice time moved to one that has already passed today waits for
        tomorrow: choosing 19:30 at 20:00 is not a request to practise at once.
        """
        old, self.plan = self.plan, plan
        last = self._s.last
        moved = (old.practice, old.practice_at, old.practice_days) != (
            plan.practice,
            plan.practice_at,
            plan.practice_days,
        )
        if moved and last is not None and self._practice_time_passed(last.wall):
            self._s.practice_done_on = last.wall.date()

    def pause_until(self, until: datetime | None) -> None:
        """No reminders before ``until`` (a wall time); None resumes them."""
        self._s.paused_until = until

    @property
    def paused_until(self) -> datetime | None:
        return self._s.paused_until

    def answer(self, reminder: Reminder, answer: Answer) -> None:
        """The person's choice on the reminder last offered.

        Start: the session that follows counts as the break. In 10 minutes:
        the same reminder again ten awake minutes from now. Skip: nothing
        until the next one is due.
        """
        last = self._s.last
        now = last.awake if last is not None else 0.0
        if answer is Answer.POSTPONE:
            if reminder.kind is ReminderKind.BREAK:
                self._s.break_snoozed_until = now + POSTPONE_SECONDS
            else:
                self._s.practice_waiting = True
                self._s.practice_snoozed_until = now + POSTPONE_SECONDS
        elif answer is Answer.SKIP and reminder.kind is ReminderKind.PRACTICE:
            self._s.practice_waiting = False

    # --- what it says back ----------------------------------------------------

    def use_seconds(self) -> float:
        """Seconds of continuous use so far (0 before the first sample)."""
        s = self._s
        if s.last is None or s.use_start is None:
            return 0.0
        return max(0.0, s.last.awake - s.use_start)

    def step(self, sample: Sample) -> Reminder | None:
        """Take in ``sample``; the reminder to show now, or None.

        At most one reminder per call: a break and the practice due together
        are one reminder (the practice, which is the longer break).
        """
        s = self._s
        first = s.last is None
        self._update_use(sample)
        # No reminder for a practice time that passed before hipcoach was running.
        if first and self._practice_time_passed(sample.wall):
            s.practice_done_on = sample.wall.date()
        s.last = sample
        if sample.session_running:
            # Practising now: that is the break, and today's practice if it was due.
            if self._practice_due(sample):
                s.practice_done_on = sample.wall.date()
            s.practice_waiting = False
            s.break_snoozed_until = s.practice_snoozed_until = None
            return None
        if sample.quiet or self._paused(sample.wall):
            return None  # postponed, not dropped: still due on the next sample
        if self._practice_due(sample):
            return self._offer(Reminder(ReminderKind.PRACTICE, self.plan.practice_routine), sample)
        if self._break_due(sample):
            return self._offer(Reminder(ReminderKind.BREAK, self.plan.break_routine), sample)
        return None

    def next_due(self, sample: Sample | None = None) -> datetime | None:
        """When the next reminder is expected, as a local wall time (None: none planned).

        An estimate for the tray: a break moves later whenever the person rests.
        """
        sample = sample or self._s.last
        if sample is None:
            return None
        times = []
        plan, s = self.plan, self._s
        if plan.breaks:
            left = plan.break_every_seconds - self.use_seconds()
            if s.break_snoozed_until is not None:
                left = s.break_snoozed_until - sample.awake
            times.append(sample.wall + timedelta(seconds=max(0.0, left)))
        if plan.practice:
            if s.practice_waiting and s.practice_snoozed_until is not None:
                left = s.practice_snoozed_until - sample.awake
                times.append(sample.wall + timedelta(seconds=max(0.0, left)))
            else:
                upcoming = self._next_practice(sample.wall)
                if upcoming is not None:
                    times.append(upcoming)
        if s.paused_until is not None:
            times = [max(t, s.paused_until) for t in times]
        return min(times, default=None)

    # --- inside ----------------------------------------------------------------

    def _update_use(self, sample: Sample) -> None:
        s, last = self._s, self._s.last
        rested = sample.locked or sample.session_running
        if sample.idle is not None and sample.idle >= BREAK_IDLE_SECONDS:
            rested = True
        if last is not None:
            slept = (sample.with_sleep - last.with_sleep) - (sample.awake - last.awake)
            if slept >= SUSPEND_SECONDS:
                rested = True
        if rested or s.use_start is None:
            s.use_start = sample.awake
            if rested:
                s.break_snoozed_until = None

    def _paused(self, wall: datetime) -> bool:
        until = self._s.paused_until
        if until is None:
            return False
        if wall >= until:
            self._s.paused_until = None
            return False
        return True

    def _break_due(self, sample: Sample) -> bool:
        plan, s = self.plan, self._s
        if not plan.breaks or not plan.active_at(sample.wall):
            return False
        if s.break_snoozed_until is not None:
            return sample.awake >= s.break_snoozed_until
        return self.use_seconds() >= plan.break_every_seconds

    def _practice_time_passed(self, wall: datetime) -> bool:
        plan = self.plan
        return wall.weekday() in plan.practice_days and wall.time() >= plan.practice_at

    def _practice_due(self, sample: Sample) -> bool:
        plan, s = self.plan, self._s
        if not plan.practice:
            return False
        if s.practice_waiting:
            snoozed = s.practice_snoozed_until
            return snoozed is None or sample.awake >= snoozed
        today = sample.wall.date()
        return s.practice_done_on != today and self._practice_time_passed(sample.wall)

    def _next_practice(self, wall: datetime) -> datetime | None:
        plan = self.plan
        for ahead in range(8):
            day = wall.date() + timedelta(days=ahead)
            if day.weekday() not in plan.practice_days or day == self._s.practice_done_on:
                continue
            at = datetime.combine(day, plan.practice_at, tzinfo=wall.tzinfo)
            if at >= wall or (ahead == 0 and self._practice_time_passed(wall)):
                return max(at, wall)
        return None

    def _offer(self, reminder: Reminder, sample: Sample) -> Reminder:
        s = self._s
        # Offered is handled: the next of its kind comes after another stretch of use,
        # or on another day, unless the person asks for it again in 10 minutes.
        s.use_start = sample.awake
        s.break_snoozed_until = None
        if reminder.kind is ReminderKind.PRACTICE:
            s.practice_done_on = sample.wall.date()
            s.practice_waiting = False
            s.practice_snoozed_until = None
        return reminder


def _clock_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def reminder_plan(settings: Settings) -> ReminderPlan:
    """The plan the scheduler follows, from the person's settings."""
    return ReminderPlan(
        breaks=settings.break_reminders,
        break_every_seconds=settings.break_every_minutes * 60.0,
        break_routine=settings.break_routine,
        practice=settings.practice_reminder,
        practice_at=_clock_time(settings.practice_time),
        practice_days=frozenset(settings.practice_days),
        practice_routine=settings.practice_routine,
        active_from=_clock_time(settings.active_from),
        active_until=_clock_time(settings.active_until),
        active_days=frozenset(settings.active_days),
    )


def pause_for_an_hour(wall: datetime) -> datetime:
    """The end of "Pause reminders for an hour"."""
    return wall + timedelta(hours=1)


def pause_until_tomorrow(wall: datetime) -> datetime:
    """The end of "Pause reminders until tomorrow": the next local midnight."""
    tomorrow = wall.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), tzinfo=wall.tzinfo)


__all__ = [
    "BREAK_IDLE_SECONDS",
    "POSTPONE_SECONDS",
    "Answer",
    "Reminder",
    "ReminderKind",
    "ReminderPlan",
    "ReminderScheduler",
    "Sample",
    "pause_for_an_hour",
    "pause_until_tomorrow",
    "reminder_plan",
]
