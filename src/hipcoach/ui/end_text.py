"""What the end screen says about a session just practised. No Qt: checked without a screen."""

from __future__ import annotations

from dataclasses import dataclass

from hipcoach.core.history_format import CheckIn
from hipcoach.core.history_stats import HistoryStats
from hipcoach.ui.formatting import practice_time
from hipcoach.ui.history_stats_text import TileText, days_text, minutes_text


@dataclass(frozen=True)
class SessionSummary:
    """The session just ended, as the end screen needs it."""

    routine_title: str
    completed: bool
    practised_seconds: float
    left_seconds: float = 0.0
    right_seconds: float = 0.0
    checkin_before: CheckIn | None = None
    ask_after: bool = False  # long enough, and check-ins on


def title(summary: SessionSummary) -> str:
    return "Well done." if summary.completed else "Session stopped. What you practised is kept."


def practised_tile(summary: SessionSummary) -> TileText:
    return TileText(practice_time(summary.practised_seconds), summary.routine_title)


def streak_tile(stats: HistoryStats | None) -> TileText:
    if stats is None:
        return TileText("–", "in a row")
    return TileText(days_text(stats.current_streak), "in a row")


def week_tile(stats: HistoryStats | None) -> TileText:
    if stats is None:
        return TileText("–", "")
    return TileText(
        minutes_text(stats.minutes_this_week),
        f"last week: {minutes_text(stats.minutes_last_week)}",
    )


def sides_tile(summary: SessionSummary) -> TileText | None:
    """Left against right in this session; None when it had no one-sided poses."""
    if not summary.left_seconds and not summary.right_seconds:
        return None
    return TileText(
        f"{practice_time(summary.left_seconds)} / {practice_time(summary.right_seconds)}",
        "left / right",
    )


def _direction_word(before: int, after: int, lower: str, higher: str) -> str:
    if after == before:
        return "the same"
    return lower if after < before else higher


def change_tile(before: CheckIn | None, after: CheckIn | None) -> TileText | None:
    """How the ratings moved since the check-in before; None without both check-ins."""
    if before is None or after is None:
        return None
    hips = _direction_word(before.tightness, after.tightness, "looser", "tighter")
    calm = _direction_word(before.calm, after.calm, "less calm", "calmer")
    return TileText(
        f"Hips {before.tightness} → {after.tightness} · calm {before.calm} → {after.calm}",
        f"Hips: {hips}. Calm: {calm}.",
    )
