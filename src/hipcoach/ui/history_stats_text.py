"""The history statistics as the panel words them: "3 days", "45 min", "60% / 40%".

Plain strings from a :class:`HistoryStats`, with no Qt, so the wording can be
tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from hipcoach.core.history_stats import CheckInChange, HistoryStats, RoutineCount
from hipcoach.i18n import N_, _
from hipcoach.ui.formatting import counted, number, practice_time, round_half_up

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
    """Minutes practised: "45 min", "1 min 25 s" under ten minutes, "10.5 h" from ten hours."""
    return practice_time(value * 60)


def breaks_text(taken_this_week: int) -> TileText:
    """The breaks tile: reminders answered with Start this week."""
    n = taken_this_week
    detail = counted(n, "break taken this week", "breaks taken this week")
    return TileText(number(n), detail)


def days_text(n: int) -> str:
    return counted(n, "{n} day", "{n} days")


def sides_text(left_seconds: float, right_seconds: float) -> TileText:
    """Shares of one-sided time, with the times they were worked from (which then agree)."""
    total = left_seconds + right_seconds
    if not total:
        return TileText("–", _("no one-sided poses yet"))
    left = round_half_up(100 * left_seconds / total)
    return TileText(
        f"{number(left)}% / {number(100 - left)}%",
        _("{left} left, {right} right").format(
            left=practice_time(left_seconds), right=practice_time(right_seconds)
        ),
    )


def _direction(value: float) -> int:
    # The tile shows one decimal: a change that shows as +0.0 is no change.
    return 0 if abs(value) < 0.05 else 1 if value > 0 else -1


#: How the hips (tightness down is better) and the mind (calm up is better) changed,
#: as whole sentences: (tightness direction, calm direction) -> sentence.
_FEELINGS = {
    (-1, 1): N_("On average looser and calmer after."),
    (-1, 0): N_("On average looser after, and as calm."),
    (-1, -1): N_("On average looser and less calm after."),
    (0, 1): N_("On average as loose and calmer after."),
    (0, 0): N_("On average no change after."),
    (0, -1): N_("On average as loose and less calm after."),
    (1, 1): N_("On average tighter and calmer after."),
    (1, 0): N_("On average tighter after, and as calm."),
    (1, -1): N_("On average tighter and less calm after."),
}


def checkin_text(change: CheckInChange | None) -> TileText:
    if change is None:
        return TileText("–", _("Check in before and after a session to see this."))
    feeling = _(_FEELINGS[_direction(change.tightness), _direction(change.calm)])
    over = counted(change.sessions, "Over {n} session.", "Over {n} sessions.")
    return TileText(
        _("{tightness} tightness · {calm} calm").format(
            tightness=_one_decimal(change.tightness), calm=_one_decimal(change.calm)
        ),
        # TRANSLATORS: two sentences side by side: how it changed, and over how many sessions.
        _("{feeling} {sessions}").format(feeling=feeling, sessions=over),
    )


def _one_decimal(value: float) -> str:
    """+0.3, -0.2, +0.0: one decimal, rounded half away from zero, never "-0.0"."""
    tenths = round_half_up(abs(value) * 10)
    sign = "-" if value < 0 and tenths else "+"
    return f"{sign}{number(tenths / 10, 1)}"


def per_routine_text(counts: Sequence[RoutineCount]) -> str:
    """One line naming the busiest routines first; empty when there are none."""
    if not counts:
        return ""
    parts = [f"{r.title or r.routine_id}: {number(r.sessions)}" for r in counts[:ROUTINES_SHOWN]]
    routines = " · ".join(parts)
    more = len(counts) - ROUTINES_SHOWN
    if more <= 0:
        return _("Sessions per routine — {routines}").format(routines=routines)
    return counted(
        more,
        "Sessions per routine — {routines} · {n} more",
        "Sessions per routine — {routines} · {n} more",
        routines=routines,
    )


def streak_tile(st: HistoryStats) -> TileText:
    """The current streak, as the history's tile and the end screen show it."""
    # TRANSLATORS: under the streak's number of days, as in "3 days / in a row".
    return TileText(days_text(st.current_streak), _("in a row"))


def week_tile(st: HistoryStats) -> TileText:
    """This week's minutes against last week's."""
    return TileText(
        minutes_text(st.minutes_this_week),
        _("last week: {minutes}").format(minutes=minutes_text(st.minutes_last_week)),
    )


def stats_text(st: HistoryStats) -> StatsText:
    """Everything the panel's tiles and per-routine line say about ``st``."""
    return StatsText(
        current_streak=streak_tile(st),
        best_streak=TileText(
            days_text(st.best_streak),
            counted(st.total_sessions, "{n} session in all", "{n} sessions in all"),
        ),
        this_week=week_tile(st),
        sides=sides_text(st.left_seconds, st.right_seconds),
        checkin=checkin_text(st.checkin_change),
        per_routine=per_routine_text(st.per_routine),
    )
