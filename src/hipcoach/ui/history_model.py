"""The session table: one row per session, newest first, sortable by any column.

Cells are formatted on demand, so only the rows on screen cost anything; that
is what lets 10,000 sessions show at once. Sorting is done here in Python on
plain keys rather than through a proxy model asking ``data()`` for every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hipcoach.core.history_format import CheckIn, SessionRecord
from hipcoach.ui.plain_text import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("Date", "Routine", "Practised / planned", "Result", "Check-in change")
DATE, ROUTINE, TIME, RESULT, CHECKIN = range(len(COLUMNS))

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def format_duration(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour on."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_day_time(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def format_result(s: SessionRecord) -> str:
    if s.completed:
        return "Completed"
    kind = "Interrupted" if s.interrupted else "Partial"
    return f"{kind} · {s.steps_done} of {s.steps_total} steps"


def format_checkin(before: CheckIn | None, after: CheckIn | None) -> str:
    if before and after:
        return f"Tightness {before.tightness}→{after.tightness} · Calm {before.calm}→{after.calm}"
    if before:
        return f"Before: tightness {before.tightness}, calm {before.calm}"
    if after:
        return f"After: tightness {after.tightness}, calm {after.calm}"
    return "—"


def _checkin_key(s: SessionRecord) -> tuple[int, float]:
    # Sessions with a full before/after pair first, by how much looser the hips got.
    if s.checkin_before and s.checkin_after:
        return (0, s.checkin_after.tightness - s.checkin_before.tightness)
    return (1, 0.0)


_SORT_KEYS: dict[int, Callable[[SessionRecord], Any]] = {
    DATE: lambda s: s.started_at.timestamp(),
    ROUTINE: lambda s: (s.routine_title.casefold(), s.started_at.timestamp()),
    TIME: lambda s: (s.practised_seconds, s.planned_seconds),
    RESULT: lambda s: (s.completed, s.steps_done / s.steps_total if s.steps_total else 0.0),
    CHECKIN: _checkin_key,
}


class HistoryTableModel(QAbstractTableModel):
    """Sessions as table rows. ``tz`` is the zone dates are shown in (the person's current one)."""

    def __init__(self, tz: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[SessionRecord] = []
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.DescendingOrder

    # ----------------------------------------------------------------- content

    def set_sessions(self, sessions: Sequence[SessionRecord]) -> None:
        """Show ``sessions`` (given newest first, as the store keeps them) in the current order."""
        self.beginResetModel()
        self._rows = list(sessions)
        if not (self._sort_column == DATE and self._sort_order == Qt.SortOrder.DescendingOrder):
            self._apply_sort()
        self.endResetModel()

    def session_at(self, row: int) -> SessionRecord:
        return self._rows[row]

    def row_of(self, session_id: str) -> int | None:
        for row, s in enumerate(self._rows):
            if s.id == session_id:
                return row
        return None

    # ----------------------------------------------------------------- Qt model API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DATE:
                return format_day_time(s.started_at, self._tz)
            if col == ROUTINE:
                return s.routine_title or s.routine_id
            if col == TIME:
                return (
                    f"{format_duration(s.practised_seconds)} / {format_duration(s.planned_seconds)}"
                )
            if col == RESULT:
                return format_result(s)
            return format_checkin(s.checkin_before, s.checkin_after)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(s, col)
            return plain_tooltip(tip) if tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SESSION_ID_ROLE:
            return s.id
        return None

    def _tooltip(self, s: SessionRecord, col: int) -> str | None:
        if col == DATE:
            end = s.ended_at.astimezone(self._tz)
            return f"{format_day_time(s.started_at, self._tz)} – {end:%H:%M}"
        if col == ROUTINE and s.routine_title != s.routine_id:
            return f"Routine id: {s.routine_id}"
        if col == TIME and s.sleep_pauses:
            return (
                f"The computer slept {len(s.sleep_pauses)}× during this session "
                f"({format_duration(s.sleep_paused_seconds)}, not counted)."
            )
        if col == CHECKIN:
            notes = [
                f"{label}: {c.note}"
                for label, c in (("Before", s.checkin_before), ("After", s.checkin_after))
                if c is not None and c.note
            ]
            return "\n".join(notes) or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # Keep the selection on the same sessions while their rows move.
        old = self.persistentIndexList()
        kept = [(self._rows[i.row()].id, i.column()) for i in old]
        self._apply_sort()
        row_of = {s.id: r for r, s in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(row_of[i], c) for i, c in kept])
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        key = _SORT_KEYS[self._sort_column]
        # Ties keep newest first, whichever way the column sorts.
        self._rows.sort(key=lambda s: s.started_at.timestamp(), reverse=True)
        self._rows.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
