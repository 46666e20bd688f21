"""History statistics: streaks across midnight, daylight-saving and time-zone changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hipcoach.core.history_format import CheckIn
from hipcoach.core.history_stats import (
    CHART_DAYS,
    best_streak,
    compute_stats,
    current_streak,
    minutes_by_day,
    week_start,
)
from history_crash_child import make_session

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def at(tz, *args) -> datetime:
    return datetime(*args, tzinfo=tz)


def days(*pairs) -> set[date]:
    return {date(2024, m, d) for m, d in pairs}


# ----------------------------------------------------------------------------- streak rules


def test_current_streak_counts_back_from_today():
    assert current_streak(days((5, 1), (5, 2), (5, 3)), date(2024, 5, 3)) == 3


def test_current_streak_is_still_alive_the_day_after():
    assert current_streak(days((5, 1), (5, 2)), date(2024, 5, 3)) == 2


def test_current_streak_is_broken_by_a_missed_day():
    assert current_streak(days((5, 1), (5, 2)), date(2024, 5, 4)) == 0
    assert current_streak(days((5, 1), (5, 3)), date(2024, 5, 3)) == 1


def test_best_streak_finds_the_longest_run():
    assert best_streak(days((4, 28), (4, 29), (4, 30), (5, 1), (5, 3), (5, 4))) == 4
    assert best_streak(set()) == 0


def test_streak_runs_across_a_month_and_year_end():
    run = {date(2023, 12, 30), date(2023, 12, 31), date(2024, 1, 1)}
    assert current_streak(run, date(2024, 1, 1)) == 3


# ----------------------------------------------------------------------------- midnight


def test_sessions_either_side_of_midnight_make_a_two_day_streak():
    sessions = [
        make_session(at(LONDON, 2024, 6, 10, 23, 50), minutes=5),
        make_session(at(LONDON, 2024, 6, 11, 0, 10), minutes=5),
    ]
    stats = compute_stats(sessions, now=at(LONDON, 2024, 6, 11, 9, 0), tz=LONDON)
    assert stats.current_streak == 2


def test_a_session_running_past_midnight_counts_for_the_day_it_started():
    late = make_session(at(LONDON, 2024, 6, 10, 23, 55), minutes=30)
    assert minutes_by_day([late], LONDON) == {date(2024, 6, 10): 30.0}
    stats = compute_stats([late], now=at(LONDON, 2024, 6, 11, 12, 0), tz=LONDON)
    assert stats.current_streak == 1
    assert stats.daily_minutes[-2] == (date(2024, 6, 10), 30.0)
    assert stats.daily_minutes[-1] == (date(2024, 6, 11), 0.0)


def test_a_session_with_no_practice_does_not_keep_the_streak():
    sessions = [
        make_session(at(UTC, 2024, 6, 10, 8, 0)),
        make_session(at(UTC, 2024, 6, 11, 8, 0), practised_seconds=0.0, completed=False),
    ]
    stats = compute_stats(sessions, now=at(UTC, 2024, 6, 12, 8, 0), tz=UTC)
    assert stats.current_streak == 0
    assert stats.best_streak == 1


# ----------------------------------------------------------------------------- daylight saving


@pytest.mark.parametrize(
    ("first", "last"),
    [
        # Clocks go forward at 01:00 on 31 March 2024: that day has 23 hours.
        (date(2024, 3, 28), date(2024, 4, 3)),
        # Clocks go back at 02:00 on 27 October 2024: that day has 25 hours.
        (date(2024, 10, 24), date(2024, 10, 30)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_daily_practice_across_a_daylight_saving_change_is_one_unbroken_streak(first, last):
    # Just after midnight every day: a "24 hours later" rule would skip or double a day.
    n = (last - first).days + 1
    sessions = [
        make_session(
            datetime.combine(first + timedelta(d), datetime.min.time(), LONDON)
            + timedelta(minutes=30),
            minutes=10,
        )
        for d in range(n)
    ]
    now = datetime.combine(last, datetime.min.time(), LONDON) + timedelta(hours=20)
    stats = compute_stats(sessions, now=now, tz=LONDON)
    assert stats.current_streak == n
    assert stats.best_streak == n
    per_day = minutes_by_day(sessions, LONDON)
    assert sorted(per_day) == [first + timedelta(d) for d in range(n)]
    assert set(per_day.values()) == {10.0}


def test_the_ambiguous_hour_of_the_autumn_change_is_on_the_right_day():
    # 01:30 happens twice on 27 Oct 2024 in London; both are that Sunday.
    first = make_session(datetime(2024, 10, 27, 1, 30, tzinfo=LONDON, fold=0))
    second = make_session(datetime(2024, 10, 27, 1, 30, tzinfo=LONDON, fold=1))
    assert second.started_at.timestamp() - first.started_at.timestamp() == 3600
    assert minutes_by_day([first, second], LONDON) == {date(2024, 10, 27): 20.0}


def test_week_minutes_across_the_spring_change():
    # Week of Monday 25 March 2024 contains the 23-hour Sunday.
    sessions = [
        make_session(at(LONDON, 2024, 3, 18, 8, 0), minutes=15),  # last week
        make_session(at(LONDON, 2024, 3, 24, 23, 30), minutes=5),  # last week, Sunday night
        make_session(at(LONDON, 2024, 3, 25, 0, 15), minutes=20),  # this week, Monday
        make_session(at(LONDON, 2024, 3, 31, 23, 0), minutes=12),  # this week, BST Sunday
    ]
    now = at(LONDON, 2024, 3, 31, 23, 59)
    stats = compute_stats(sessions, now=now, tz=LONDON)
    assert stats.minutes_this_week == pytest.approx(32)
    assert stats.minutes_last_week == pytest.approx(20)


def test_week_start_follows_the_locale():
    wednesday = date(2024, 5, 8)
    assert week_start(wednesday) == date(2024, 5, 6)  # Monday
    assert week_start(wednesday, first_weekday=6) == date(2024, 5, 5)  # Sunday


# ----------------------------------------------------------------------------- time-zone change


def test_days_are_counted_in_the_current_time_zone_after_a_move():
    # Practised in New York, then flew to Tokyo. 20:00 in New York on 1 May is
    # 09:00 on 2 May in Tokyo: the same Tokyo day as the first session there.
    sessions = [
        make_session(at(NEW_YORK, 2024, 5, 1, 20, 0)),
        make_session(at(TOKYO, 2024, 5, 2, 19, 0)),
    ]
    now = at(TOKYO, 2024, 5, 2, 21, 0)
    in_tokyo = compute_stats(sessions, now=now, tz=TOKYO)
    assert in_tokyo.current_streak == 1
    assert in_tokyo.daily_minutes[-1] == (date(2024, 5, 2), 20.0)
    # Seen from New York, those are two different days.
    in_new_york = compute_stats(sessions, now=now, tz=NEW_YORK)
    assert in_new_york.current_streak == 2


def test_a_streak_survives_a_move_across_the_date_line():
    sessions = [
        make_session(at(NEW_YORK, 2024, 5, 1, 7, 0)),  # 1 May 20:00 in Tokyo
        make_session(at(TOKYO, 2024, 5, 2, 7, 0)),
    ]
    stats = compute_stats(sessions, now=at(TOKYO, 2024, 5, 2, 8, 0), tz=TOKYO)
    assert stats.current_streak == 2


# ----------------------------------------------------------------------------- other figures


def test_per_routine_counts_use_the_latest_title():
    sessions = [
        make_session(at(UTC, 2024, 5, 1, 8), routine_id="hips", routine_title="Hips (old)"),
        make_session(at(UTC, 2024, 5, 3, 8), routine_id="hips", routine_title="Hips"),
        make_session(at(UTC, 2024, 5, 2, 8), routine_id="breath", routine_title="Box breath"),
    ]
    stats = compute_stats(sessions, now=at(UTC, 2024, 5, 3, 9), tz=UTC)
    assert [(r.routine_id, r.title, r.sessions) for r in stats.per_routine] == [
        ("hips", "Hips", 2),
        ("breath", "Box breath", 1),
    ]
    assert stats.per_routine[0].minutes == pytest.approx(20)


def test_sides_and_checkin_change():
    sessions = [
        make_session(
            at(UTC, 2024, 5, 1, 8),
            left_seconds=100.0,
            right_seconds=80.0,
            checkin_before=CheckIn(4, 2),
            checkin_after=CheckIn(2, 4),
        ),
        make_session(
            at(UTC, 2024, 5, 2, 8),
            left_seconds=50.0,
            right_seconds=60.0,
            checkin_before=CheckIn(3, 3),
            checkin_after=CheckIn(3, 4),
        ),
        # Only one check-in: not part of the average.
        make_session(at(UTC, 2024, 5, 3, 8), checkin_before=CheckIn(5, 1)),
    ]
    stats = compute_stats(sessions, now=at(UTC, 2024, 5, 3, 9), tz=UTC)
    assert (stats.left_seconds, stats.right_seconds) == (150.0 + 200.0, 140.0 + 200.0)
    change = stats.checkin_change
    assert change is not None and change.sessions == 2
    assert change.tightness == pytest.approx(-1.0)
    assert change.calm == pytest.approx(1.5)


def test_no_checkins_means_no_average():
    stats = compute_stats([make_session()], now=at(UTC, 2024, 5, 6, 9), tz=UTC)
    assert stats.checkin_change is None


def test_daily_minutes_cover_eight_weeks_ending_today():
    now = at(LONDON, 2024, 4, 10, 12)
    sessions = [
        make_session(at(LONDON, 2024, 4, 10, 7), minutes=12),
        make_session(at(LONDON, 2024, 2, 15, 7), minutes=12),  # first day of the window
        make_session(at(LONDON, 2024, 2, 14, 7), minutes=99),  # just outside
    ]
    stats = compute_stats(sessions, now=now, tz=LONDON)
    assert len(stats.daily_minutes) == CHART_DAYS == 56
    assert stats.daily_minutes[0] == (date(2024, 2, 15), 12.0)
    assert stats.daily_minutes[-1] == (date(2024, 4, 10), 12.0)
    assert sum(m for _, m in stats.daily_minutes) == 24.0


def test_empty_history_has_zero_everything():
    stats = compute_stats([], now=at(UTC, 2024, 5, 6, 9), tz=UTC)
    assert (stats.total_sessions, stats.current_streak, stats.best_streak) == (0, 0, 0)
    assert stats.per_routine == () and stats.minutes_this_week == 0
