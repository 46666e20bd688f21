"""Statistics over the session history: streaks, weekly minutes, sides, check-in change.

Days are local calendar days in the person's *current* time zone (passed in as a
``tzinfo``, ideally a ``zoneinfo.ZoneInfo`` so daylight-saving changes are
right). A session belongs to the day it started on, even if it ran past midnight.
Day arithmetic is done on ``date`` objects, never by adding 24 hours, so days of
23 or 25 hours count as one day each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from hipcoach.core.history_format import BreakRecord, SessionRecord

CHART_DAYS = 56  # eight weeks


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day ``moment`` falls on in ``tz``."""
    return moment.astimezone(tz).date()


def minutes_by_day(sessions: Iterable[SessionRecord], tz: tzinfo) -> dict[date, float]:
    """Practised minutes per local day (the day each session started)."""
    days: dict[date, float] = {}
    for s in sessions:
        day = s.started_at.astimezone(tz).date()
        days[day] = days.get(day, 0.0) + s.practised_seconds / 60
    return days


def _practice_days(by_day: dict[date, float]) -> set[date]:
    # A session that recorded no practice at all (stopped at once) does not keep a streak.
    return {day for day, minutes in by_day.items() if minutes > 0}


def current_streak(days: set[date], today: date) -> int:
    """Consecutive practice days ending today, or yesterday if today has no practice yet.

    A streak is still alive during the day after the last practice, so the count
    does not drop to zero every morning.
    """
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def best_streak(days: set[date]) -> int:
    """The longest run of consecutive practice days ever."""
    best = 0
    for day in days:
        if day - timedelta(days=1) in days:
            continue  # not the start of a run
        length = 1
        while day + timedelta(days=length) in days:
            length += 1
        best = max(best, length)
    return best


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (``first_weekday``: 0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def breaks_taken_in_week(
    breaks: Iterable[BreakRecord], today: date, tz: tzinfo, first_weekday: int = 0
) -> int:
    """Reminders answered with Start in the week containing ``today`` (local days)."""
    start = week_start(today, first_weekday)
    end = start + timedelta(days=7)
    return sum(1 for b in breaks if b.event == "taken" and start <= local_day(b.at, tz) < end)


@dataclass(frozen=True)
class RoutineCount:
    routine_id: str
    title: str  # as recorded in the most recent session of this routine
    sessions: int
    minutes: float


@dataclass(frozen=True)
class CheckInChange:
    """Average of (after − before) over sessions with both check-ins.

    Negative tightness means the hips felt looser afterwards; positive calm means calmer.
    """

    sessions: int
    tightness: float
    calm: float


@dataclass(frozen=True)
class HistoryStats:
    total_sessions: int
    current_streak: int
    best_streak: int
    minutes_this_week: float
    minutes_last_week: float
    per_routine: tuple[RoutineCount, ...]  # most sessions first
    left_seconds: float
    right_seconds: float
    checkin_change: CheckInChange | None
    daily_minutes: tuple[tuple[date, float], ...]  # the last CHART_DAYS days, oldest first


def compute_stats(
    sessions: Sequence[SessionRecord],
    *,
    now: datetime,
    tz: tzinfo,
    first_weekday: int = 0,
    chart_days: int = CHART_DAYS,
) -> HistoryStats:
    """Every figure the history panel shows, in one pass over ``sessions``."""
    today = now.astimezone(tz).date()
    by_day = minutes_by_day(sessions, tz)
    days = _practice_days(by_day)

    this_week = week_start(today, first_weekday)
    last_week = this_week - timedelta(days=7)
    minutes_this_week = sum(m for d, m in by_day.items() if this_week <= d <= today)
    minutes_last_week = sum(m for d, m in by_day.items() if last_week <= d < this_week)

    counts: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    titles: dict[str, tuple[datetime, str]] = {}
    left = right = 0.0
    n_checkins = 0
    d_tight = d_calm = 0.0
    for s in sessions:
        counts[s.routine_id] += 1
        minutes[s.routine_id] += s.practised_seconds / 60
        seen = titles.get(s.routine_id)
        if seen is None or s.started_at > seen[0]:
            titles[s.routine_id] = (s.started_at, s.routine_title)
        left += s.left_seconds
        right += s.right_seconds
        if s.checkin_before is not None and s.checkin_after is not None:
            n_checkins += 1
            d_tight += s.checkin_after.tightness - s.checkin_before.tightness
            d_calm += s.checkin_after.calm - s.checkin_before.calm

    per_routine = tuple(
        RoutineCount(rid, titles[rid][1], n, minutes[rid])
        for rid, n in sorted(counts.items(), key=lambda kv: (-kv[1], titles[kv[0]][1], kv[0]))
    )
    change = (
        CheckInChange(n_checkins, d_tight / n_checkins, d_calm / n_checkins) if n_checkins else None
    )
    first_chart_day = today - timedelta(days=chart_days - 1)
    daily = tuple(
        (day, by_day.get(day, 0.0))
        for day in (first_chart_day + timedelta(days=i) for i in range(chart_days))
    )
    return HistoryStats(
        total_sessions=len(sessions),
        current_streak=current_streak(days, today),
        best_streak=best_streak(days),
        minutes_this_week=minutes_this_week,
        minutes_last_week=minutes_last_week,
        per_routine=per_routine,
        left_seconds=left,
        right_seconds=right,
        checkin_change=change,
        daily_minutes=daily,
    )
