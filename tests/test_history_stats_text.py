"""How the history panel words its statistics, checked without a screen."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hipcoach.core.history_format import CheckIn
from hipcoach.core.history_stats import CheckInChange, RoutineCount, compute_stats
from hipcoach.ui.history_stats_text import (
    TileText,
    checkin_text,
    days_text,
    minutes_text,
    per_routine_text,
    sides_text,
    stats_text,
)
from history_crash_child import make_session

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 6, 14, 19, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (0.5, "30 s"),
        (1 + 25 / 60, "1 min 25 s"),
        (12.4, "12 min"),
        (12.5, "13 min"),
        (599.4, "599 min"),
        (600, "10.0 h"),
        (675, "11.3 h"),
    ],
)
def test_minutes_turn_into_hours_from_ten_hours_on_rounding_half_up(minutes, text):
    assert minutes_text(minutes) == text


def test_days_are_singular_for_one():
    assert [days_text(n) for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]


def test_sides_show_each_share_and_its_minutes():
    assert sides_text(0, 0) == TileText("–", "no one-sided poses yet")
    assert sides_text(180, 120) == TileText("60% / 40%", "3 min left, 2 min right")


def test_sides_shares_agree_with_the_times_shown_under_them():
    # 85 s and 40 s used to read "68% / 32%" over "1 min left, 1 min right".
    assert sides_text(85, 40) == TileText("68% / 32%", "1 min 25 s left, 40 s right")
    assert sides_text(1, 1) == TileText("50% / 50%", "1 s left, 1 s right")


@pytest.mark.parametrize(
    ("change", "value", "detail"),
    [
        (
            CheckInChange(sessions=3, tightness=-2.0, calm=1.0),
            "-2.0 tightness · +1.0 calm",
            "On average looser and calmer after. Over 3 sessions.",
        ),
        (
            CheckInChange(sessions=1, tightness=0.5, calm=-0.25),
            "+0.5 tightness · -0.3 calm",
            "On average tighter and less calm after. Over 1 session.",
        ),
        (
            CheckInChange(sessions=2, tightness=0.0, calm=0.5),
            "+0.0 tightness · +0.5 calm",
            "On average as loose and calmer after. Over 2 sessions.",
        ),
        (
            CheckInChange(sessions=2, tightness=0.0, calm=0.0),
            "+0.0 tightness · +0.0 calm",
            "On average no change after. Over 2 sessions.",
        ),
    ],
)
def test_checkin_change_reads_as_feelings(change, value, detail):
    assert checkin_text(change) == TileText(value, detail)


def test_checkin_change_without_checkins_says_how_to_get_one():
    assert checkin_text(None) == TileText("–", "Check in before and after a session to see this.")


def test_per_routine_names_eight_and_counts_the_rest():
    counts = [RoutineCount(f"r{i}", f"Routine {i}", 20 - i, 10.0) for i in range(10)]
    text = per_routine_text(counts)
    assert text.startswith("Sessions per routine — Routine 0: 20 · Routine 1: 19")
    assert "Routine 7: 13" in text and "Routine 8" not in text
    assert text.endswith(" · 2 more")
    assert per_routine_text(counts[:8]).endswith("Routine 7: 13")


def test_per_routine_falls_back_to_the_id_and_is_empty_without_sessions():
    assert per_routine_text([RoutineCount("hips-1", "", 2, 5.0)]) == (
        "Sessions per routine — hips-1: 2"
    )
    assert per_routine_text([]) == ""


def test_stats_text_words_computed_statistics():
    sessions = [
        make_session(
            NOW - timedelta(days=i, hours=2),
            minutes=10,
            routine_title="Hips",
            checkin_before=CheckIn(4, 2),
            checkin_after=CheckIn(2, 3),
        )
        for i in range(3)
    ]
    text = stats_text(compute_stats(sessions, now=NOW, tz=LONDON))
    assert text.current_streak == TileText("3 days", "in a row")
    assert text.best_streak == TileText("3 days", "3 sessions in all")
    assert text.this_week.detail.startswith("last week: ")
    assert text.checkin.value == "-2.0 tightness · +1.0 calm"
    assert text.per_routine == "Sessions per routine — Hips: 3"


def test_the_wording_loads_no_qt():
    code = (
        "import sys, hipcoach.ui.history_stats_text\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("n", "text"), [(0, "0 sessions in all"), (1, "1 session in all")])
def test_the_session_count_is_singular_for_one(n, text):
    from hipcoach.ui.formatting import counted

    assert counted(n, "{n} session in all", "{n} sessions in all") == text
