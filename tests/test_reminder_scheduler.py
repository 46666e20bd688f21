"""The reminder scheduler on a fake clock with fake idle samples (no Qt, no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from hipcoach.core.reminders import (
    Answer,
    Reminder,
    ReminderKind,
    ReminderPlan,
    ReminderScheduler,
    Sample,
    pause_for_an_hour,
    pause_until_tomorrow,
)

MINUTE = 60.0
BERLIN = ZoneInfo("Europe/Berlin")
BREAKS = ReminderPlan(breaks=True, break_every_seconds=50 * MINUTE)


class World:
    """A fake computer: awake and suspend-aware clocks, a local wall clock and input idle."""

    def __init__(self, wall: datetime, idle_source: bool = True):
        self.awake = 1000.0
        self.with_sleep = 1000.0
        self.wall = wall
        self.idle: float | None = 0.0 if idle_source else None
        self.locked = False
        self.session_running = False
        self.quiet = False

    def sample(self) -> Sample:
        return Sample(
            awake=self.awake,
            with_sleep=self.with_sleep,
            wall=self.wall,
            idle=self.idle,
            locked=self.locked,
            session_running=self.session_running,
            quiet=self.quiet,
        )

    def type_for(self, seconds: float) -> None:
        """Someone keeps typing: time passes, idle stays near zero."""
        self._pass(seconds)
        if self.idle is not None:
            self.idle = 1.0

    def rest_for(self, seconds: float) -> None:
        self._pass(seconds)
        if self.idle is not None:
            self.idle += seconds

    def sleep_computer(self, seconds: float) -> None:
        self.with_sleep += seconds
        self.wall += timedelta(seconds=seconds)

    def _pass(self, seconds: float) -> None:
        self.awake += seconds
        self.with_sleep += seconds
        self.wall += timedelta(seconds=seconds)


def run(
    scheduler: ReminderScheduler, world: World, minutes: float, *, every: float = 30.0, typing=True
):
    """Sample every ``every`` seconds for ``minutes``; the reminders shown, with their minute."""
    shown = []
    steps = round(minutes * MINUTE / every)
    for i in range(steps):
        if typing:
            world.type_for(every)
        else:
            world.rest_for(every)
        reminder = scheduler.step(world.sample())
        if reminder is not None:
            shown.append(((i + 1) * every / MINUTE, reminder.kind))
    return shown


@pytest.fixture
def world():
    return World(datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN))  # a Wednesday


def test_continuous_use_brings_a_break_after_the_chosen_minutes(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    assert run(scheduler, world, 120) == [(50.0, ReminderKind.BREAK), (100.0, ReminderKind.BREAK)]


def test_the_break_offers_the_chosen_routine(world):
    scheduler = ReminderScheduler(
        ReminderPlan(breaks=True, break_every_seconds=60, break_routine="r1")
    )
    scheduler.step(world.sample())
    world.type_for(60)
    assert scheduler.step(world.sample()) == Reminder(ReminderKind.BREAK, "r1")


def test_one_minute_of_typing_brings_a_break_within_about_a_minute(world):
    scheduler = ReminderScheduler(ReminderPlan(breaks=True, break_every_seconds=60))
    scheduler.step(world.sample())
    assert run(scheduler, world, 1.5, every=5)[0] == (1.0, ReminderKind.BREAK)


def test_five_idle_minutes_count_as_a_break_taken(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    assert run(scheduler, world, 40) == []
    run(scheduler, world, 5, typing=False)
    assert scheduler.use_seconds() == 0
    assert run(scheduler, world, 45) == []  # 40 + 45 > 50, but the count began again
    assert run(scheduler, world, 5) == [(5.0, ReminderKind.BREAK)]


def test_short_idle_is_still_use(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 30)
    run(scheduler, world, 4, typing=False)  # reading, not resting
    assert run(scheduler, world, 20) == [(16.0, ReminderKind.BREAK)]


def test_long_idle_does_not_pile_up_reminders(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    assert run(scheduler, world, 8 * 60, typing=False) == []
    assert scheduler.use_seconds() == 0


def test_a_locked_screen_counts_as_a_break(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 45)
    world.locked = True
    world.type_for(30)  # the idle source may not notice a quick lock
    scheduler.step(world.sample())
    world.locked = False
    assert run(scheduler, world, 45) == []


def test_a_suspend_counts_as_a_break(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 45)
    world.sleep_computer(20 * MINUTE)
    world.idle = 0.0  # the idle counter of the desktop starts again on waking
    assert scheduler.step(world.sample()) is None
    assert scheduler.use_seconds() == 0
    assert run(scheduler, world, 49) == []


def test_without_an_idle_source_time_alone_counts(world):
    world = World(world.wall, idle_source=False)
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    assert run(scheduler, world, 50, typing=False) == [(50.0, ReminderKind.BREAK)]


def test_without_an_idle_source_a_suspend_still_resets(world):
    world = World(world.wall, idle_source=False)
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 40)
    world.sleep_computer(3600)
    scheduler.step(world.sample())
    assert run(scheduler, world, 40) == []


def test_no_reminder_while_a_session_runs_and_the_session_is_the_break(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 45)
    world.session_running = True
    assert run(scheduler, world, 20) == []
    world.session_running = False
    assert run(scheduler, world, 45) == []


def test_in_ten_minutes_offers_the_same_break_again_ten_minutes_later(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 50)
    scheduler.answer(Reminder(ReminderKind.BREAK, "two-minute-reset"), Answer.POSTPONE)
    assert run(scheduler, world, 12) == [(10.0, ReminderKind.BREAK)]


def test_skip_waits_a_full_stretch_of_use(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 50)
    scheduler.answer(Reminder(ReminderKind.BREAK, "two-minute-reset"), Answer.SKIP)
    assert run(scheduler, world, 50) == [(50.0, ReminderKind.BREAK)]


def test_a_postponed_break_is_forgotten_after_a_real_break(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 50)
    scheduler.answer(Reminder(ReminderKind.BREAK, "two-minute-reset"), Answer.POSTPONE)
    run(scheduler, world, 6, typing=False)
    assert run(scheduler, world, 20) == []


def test_full_screen_or_do_not_disturb_postpones_and_does_not_drop(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    world.quiet = True
    assert run(scheduler, world, 70) == []
    world.quiet = False
    assert run(scheduler, world, 1) == [(0.5, ReminderKind.BREAK)]


def test_breaks_wait_for_the_active_hours(world):
    plan = ReminderPlan(
        breaks=True, break_every_seconds=50 * MINUTE, active_from=time(10), active_until=time(17)
    )
    scheduler = ReminderScheduler(plan)
    scheduler.step(world.sample())  # 09:00
    assert run(scheduler, world, 59) == []
    assert run(scheduler, world, 2) == [(1.0, ReminderKind.BREAK)]  # 10:00


def test_breaks_only_on_the_active_days(world):
    plan = ReminderPlan(breaks=True, break_every_seconds=50 * MINUTE, active_days=frozenset({0, 1}))
    scheduler = ReminderScheduler(plan)  # Wednesday is not among them
    scheduler.step(world.sample())
    assert run(scheduler, world, 120) == []


@pytest.mark.parametrize(
    ("clock", "active"),
    [(time(23), True), (time(1), True), (time(3), False), (time(21), False)],
)
def test_active_hours_may_cross_midnight(clock, active):
    plan = ReminderPlan(active_from=time(22), active_until=time(2), active_days=frozenset({2}))
    day = 2 if clock >= time(12) else 3  # the early hours belong to Wednesday's evening
    assert plan.active_at(datetime(2026, 12, day, clock.hour, tzinfo=BERLIN)) is active


def test_pause_for_an_hour_then_reminders_come_back(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 45)
    scheduler.pause_until(pause_for_an_hour(world.wall))
    assert run(scheduler, world, 59) == []
    assert run(scheduler, world, 2)[0][1] is ReminderKind.BREAK
    assert scheduler.paused_until is None


def test_pause_until_tomorrow_ends_at_local_midnight():
    evening = datetime(2026, 12, 2, 18, 30, tzinfo=BERLIN)
    assert pause_until_tomorrow(evening) == datetime(2026, 12, 3, 0, 0, tzinfo=BERLIN)


# --- the daily practice reminder ---------------------------------------------------

PRACTICE = ReminderPlan(
    practice=True,
    practice_at=time(19),
    practice_days=frozenset(range(5)),
    practice_routine="evening",
)


def test_the_practice_reminder_comes_once_at_its_time(world):
    world.wall = datetime(2026, 12, 2, 18, 0, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    assert run(scheduler, world, 180, every=60) == [(60.0, ReminderKind.PRACTICE)]


def test_the_practice_reminder_skips_days_not_chosen(world):
    world.wall = datetime(2026, 12, 5, 18, 0, tzinfo=BERLIN)  # Saturday
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    assert run(scheduler, world, 36 * 60, every=300) == []  # Saturday and Sunday


def test_a_practice_time_before_hipcoach_started_is_not_shown(world):
    world.wall = datetime(2026, 12, 2, 20, 0, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    assert scheduler.step(world.sample()) is None
    assert run(scheduler, world, 60) == []


def test_missed_while_asleep_is_shown_once_on_waking_not_stacked(world):
    world.wall = datetime(2026, 12, 2, 17, 0, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    world.sleep_computer(4 * 3600)  # 17:00 → 21:00, through 19:00
    assert scheduler.step(world.sample()) == Reminder(ReminderKind.PRACTICE, "evening")
    assert run(scheduler, world, 60) == []


def test_asleep_for_days_shows_one_reminder_on_waking(world):
    world.wall = datetime(2026, 12, 1, 17, 0, tzinfo=BERLIN)  # Tuesday
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    world.sleep_computer(2 * 86400 + 3 * 3600)  # Thursday 20:00
    assert scheduler.step(world.sample()) is not None
    assert run(scheduler, world, 120) == []


def test_a_practice_reminder_while_a_session_runs_is_not_shown(world):
    world.wall = datetime(2026, 12, 2, 18, 50, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    world.session_running = True
    assert run(scheduler, world, 20) == []
    world.session_running = False
    assert run(scheduler, world, 60) == []  # already practising counts as today's


def test_a_postponed_practice_comes_back_in_ten_minutes(world):
    world.wall = datetime(2026, 12, 2, 18, 59, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    shown = run(scheduler, world, 2, every=60)
    assert shown == [(1.0, ReminderKind.PRACTICE)]
    scheduler.answer(Reminder(ReminderKind.PRACTICE, "evening"), Answer.POSTPONE)
    assert run(scheduler, world, 30, every=60) == [(10.0, ReminderKind.PRACTICE)]


def test_the_practice_reminder_waits_out_full_screen(world):
    world.wall = datetime(2026, 12, 2, 18, 50, tzinfo=BERLIN)
    scheduler = ReminderScheduler(PRACTICE)
    scheduler.step(world.sample())
    world.quiet = True
    assert run(scheduler, world, 40, every=60) == []
    world.quiet = False
    assert run(scheduler, world, 1, every=60) == [(1.0, ReminderKind.PRACTICE)]


def test_two_reminders_due_at_once_are_shown_as_one(world):
    plan = ReminderPlan(
        breaks=True, break_every_seconds=50 * MINUTE,
        practice=True, practice_at=time(19), practice_days=frozenset(range(7)),
    )  # fmt: skip
    world.wall = datetime(2026, 12, 2, 18, 10, tzinfo=BERLIN)
    scheduler = ReminderScheduler(plan)
    scheduler.step(world.sample())
    assert run(scheduler, world, 60, every=60) == [(50.0, ReminderKind.PRACTICE)]


# --- clock changes ------------------------------------------------------------------


def test_daylight_saving_change_does_not_move_a_break(world):
    # Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET.
    world.wall = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 20)
    world.wall = (world.wall - timedelta(hours=1)).replace(tzinfo=timezone(timedelta(hours=1)))
    assert run(scheduler, world, 31) == [(30.0, ReminderKind.BREAK)]


def test_daylight_saving_keeps_the_practice_at_its_local_time(world):
    plan = ReminderPlan(practice=True, practice_at=time(19), practice_days=frozenset(range(7)))
    world.wall = datetime(2027, 3, 27, 20, 0, tzinfo=BERLIN)  # Saturday, the night before
    scheduler = ReminderScheduler(plan)
    scheduler.step(world.sample())
    shown = []
    for _ in range(24 * 60):  # one minute at a time through the spring change
        world.type_for(60)
        world.wall = world.wall.astimezone(BERLIN)
        if scheduler.step(world.sample()) is not None:
            shown.append(world.wall)
    assert [moment.strftime("%d %H:%M %Z") for moment in shown] == ["28 19:00 CEST"]


def test_a_trip_east_reminds_on_arrival_and_a_trip_west_does_not_remind_twice(world):
    plan = ReminderPlan(practice=True, practice_at=time(19), practice_days=frozenset(range(7)))
    world.wall = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    scheduler = ReminderScheduler(plan)
    scheduler.step(world.sample())
    # East: the laptop wakes in a zone six hours ahead; 19:00 local has passed.
    world.sleep_computer(3600)
    world.wall = world.wall.astimezone(timezone(timedelta(hours=6)))  # 21:00 there
    assert scheduler.step(world.sample()) is not None
    # West again, the same evening: 19:00 comes round once more on the same date.
    world.type_for(3600)
    world.wall = world.wall.astimezone(UTC)  # 16:00 UTC
    assert run(scheduler, world, 6 * 60, every=300) == []


def test_the_wall_clock_set_back_does_not_repeat_a_break(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 30)
    world.wall -= timedelta(hours=3)  # the person corrects the clock
    assert run(scheduler, world, 21) == [(20.0, ReminderKind.BREAK)]


# --- what the tray shows ---------------------------------------------------------------


def test_next_due_says_when_the_break_is_expected(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    run(scheduler, world, 20)
    assert scheduler.next_due() == world.wall + timedelta(minutes=30)


def test_next_due_is_the_practice_time_when_it_comes_first(world):
    plan = ReminderPlan(practice=True, practice_at=time(19), practice_days=frozenset(range(7)))
    world.wall = datetime(2026, 12, 2, 20, 0, tzinfo=BERLIN)
    scheduler = ReminderScheduler(plan)
    scheduler.step(world.sample())
    assert scheduler.next_due() == datetime(2026, 12, 3, 19, 0, tzinfo=BERLIN)


def test_next_due_respects_a_pause(world):
    scheduler = ReminderScheduler(BREAKS)
    scheduler.step(world.sample())
    until = pause_until_tomorrow(world.wall)
    scheduler.pause_until(until)
    assert scheduler.next_due() == until


def test_nothing_planned_means_no_next_reminder(world):
    scheduler = ReminderScheduler(ReminderPlan())
    scheduler.step(world.sample())
    assert scheduler.next_due() is None
    assert run(scheduler, world, 120) == []


# --- from the settings -----------------------------------------------------------------


def test_the_plan_follows_the_settings():
    from hipcoach.core.reminders import reminder_plan
    from hipcoach.core.settings import Settings

    plan = reminder_plan(
        Settings(
            break_reminders=True, break_every_minutes=1, practice_time="07:45",
            practice_days=[5, 6], active_from="08:30", active_until="17:00",
        )
    )  # fmt: skip
    assert plan.breaks and plan.break_every_seconds == 60
    assert plan.practice_at == time(7, 45) and plan.practice_days == {5, 6}
    assert (plan.active_from, plan.active_until) == (time(8, 30), time(17))
    assert plan.break_routine == "two-minute-reset"


def test_reminders_are_off_by_default():
    from hipcoach.core.reminders import reminder_plan
    from hipcoach.core.settings import Settings

    plan = reminder_plan(Settings())
    assert not plan.breaks and not plan.practice


def test_a_practice_time_chosen_after_it_has_passed_today_waits_for_tomorrow(world):
    world.wall = datetime(2026, 12, 2, 20, 0, tzinfo=BERLIN)
    scheduler = ReminderScheduler(ReminderPlan())
    scheduler.step(world.sample())
    scheduler.set_plan(PRACTICE)  # 19:00, chosen at 20:00
    assert run(scheduler, world, 60) == []
    world.type_for(23 * 3600)  # the next evening
    assert run(scheduler, world, 60) == [(0.5, ReminderKind.PRACTICE)]
