"""What the end screen says about a session just practised. No Qt: checked without a screen."""

from __future__ import annotations

from dataclasses import dataclass

from hipcoach.core.history_format import CheckIn
from hipcoach.core.history_stats import HistoryStats
from hipcoach.i18n import _
from hipcoach.ui import history_stats_text
from hipcoach.ui.formatting import practice_time
from hipcoach.ui.history_stats_text import TileText


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
    if summary.completed:
        return _("Well done.")
    return _("Session stopped. What you practised is kept.")


def practised_tile(summary: SessionSummary) -> TileText:
    return TileText(practice_time(summary.practised_seconds), summary.routine_title)


def streak_tile(stats: HistoryStats | None) -> TileText:
    """The history's streak tile; a dash when the history is not there."""
    return (
        history_stats_text.streak_tile(stats) if stats is not None else TileText("–", _("in a row"))
    )


def week_tile(stats: HistoryStats | None) -> TileText:
    """The history's week tile; a dash when the history is not there."""
    return history_stats_text.week_tile(stats) if stats is not None else TileText("–", "")


def sides_tile(summary: SessionSummary) -> TileText | None:
    """Left against right in this session; None when it had no one-sided poses."""
    if not summary.left_seconds and not summary.right_seconds:
        return None
    return TileText(
        # TRANSLATORS: time on the left side / time on the right side.
        _("{left} / {right}").format(
            left=practice_time(summary.left_seconds), right=practice_time(summary.right_seconds)
        ),
        _("left / right"),
    )


def _hips_sentence(before: int, after: int) -> str:
    if after == before:
        return _("Hips: the same.")
    return _("Hips: looser.") if after < before else _("Hips: tighter.")


def _calm_sentence(before: int, after: int) -> str:
    if after == before:
        return _("Calm: the same.")
    return _("Calm: less calm.") if after < before else _("Calm: calmer.")


def change_tile(before: CheckIn | None, after: CheckIn | None) -> TileText | None:
    """How the ratings moved since the check-in before; None without both check-ins."""
    if before is None or after is None:
        return None
    return TileText(
        _("Hips {tight_before} → {tight_after} · calm {calm_before} → {calm_after}").format(
            tight_before=before.tightness,
            tight_after=after.tightness,
            calm_before=before.calm,
            calm_after=after.calm,
        ),
        # Two whole sentences, each translated as one.
        " ".join(
            (
                _hips_sentence(before.tightness, after.tightness),
                _calm_sentence(before.calm, after.calm),
            )
        ),
    )
