"""The history statistics as the panel words them: "3 days", "45 min", "60% / 40%".

Plain strings from a :class:`HistoryStats`, with no Qt, so the wording can be
tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from hipcoach.core.history_stats import CheckInChange, HistoryStats, RoutineCount

#: Routines named in the per-routine line; the rest are counted as "N more".
ROUTINES_SHOWN = 8


class TileText(NamedTuple):
    """A statistics tile's big figure and the small line under it."""

    value: str
    detail: str


@dataclass(frozen=True)
class StatsText:
    current_streak: TileText
    best_streak: TileText
    this_week: TileText
    sides: TileText
    checkin: TileText
    per_routine: str  # empty when there are no sessions


def minutes_text(value: float) -> str:
    """Minutes as "45 min", or hours as "10.5 h" from 600 minutes on."""
    return f"{value:.0f} min" if value < 600 else f"{value / 60:.1f} h"


def breaks_text(taken_this_week: int) -> TileText:
    """The breaks tile: reminders answered with Start this week."""
    n = taken_this_week
    detail = "break taken this week" if n == 1 else "breaks taken this week"
    return TileText(str(n), detail)


def days_text(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def sides_text(left_seconds: float, right_seconds: float) -> TileText:
    total = left_seconds + right_seconds
    if not total:
        return TileText("–", "no one-sided poses yet")
    share = 100 * left_seconds / total
    return TileText(
        f"{share:.0f}% / {100 - share:.0f}%",
        f"{minutes_text(left_seconds / 60)} left, {minutes_text(right_seconds / 60)} right",
    )


def checkin_text(change: CheckInChange | None) -> TileText:
    if change is None:
        return TileText("–", "check in before and after a session to see this")
    looser = "looser" if change.tightness < 0 else "tighter" if change.tightness > 0 else ""
    calmer = "calmer" if change.calm > 0 else "less calm" if change.calm < 0 else ""
    feeling = " and ".join(w for w in (looser, calmer) if w) or "no change"
    return TileText(
        f"{change.tightness:+.1f} tightness · {change.calm:+.1f} calm",
        f"on average {feeling} after, over {change.sessions} session"
        f"{'s' if change.sessions != 1 else ''}",
    )


def per_routine_text(counts: Sequence[RoutineCount]) -> str:
    """One line naming the busiest routines first; empty when there are none."""
    if not counts:
        return ""
    parts = [f"{r.title or r.routine_id}: {r.sessions}" for r in counts[:ROUTINES_SHOWN]]
    more = len(counts) - ROUTINES_SHOWN
    return "Sessions per routine — " + " · ".join(parts) + (f" · {more} more" if more > 0 else "")


def stats_text(st: HistoryStats) -> StatsText:
    """Everything the panel's tiles and per-routine line say about ``st``."""
    return StatsText(
        current_streak=TileText(days_text(st.current_streak), "in a row"),
        best_streak=TileText(days_text(st.best_streak), f"{st.total_sessions} sessions in all"),
        this_week=TileText(
            minutes_text(st.minutes_this_week), f"last week: {minutes_text(st.minutes_last_week)}"
        ),
        sides=sides_text(st.left_seconds, st.right_seconds),
        checkin=checkin_text(st.checkin_change),
        per_routine=per_routine_text(st.per_routine),
    )
