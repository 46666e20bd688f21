"""The session table: one row per session, newest first, sortable by any column.

Cells are formatted on demand, so only the rows on screen cost anything; that
is what lets 10,000 sessions show at once. Sorting is done here in Python on
plain keys rather than through a proxy model asking ``data()`` for every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from hipcoach.core.history_format import CheckIn, SessionRecord
from hipcoach.i18n import N_, _, ngettext, pgettext
from hipcoach.ui.formatting import number
from hipcoach.ui.plain_text import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    N_("Date"),
    N_("Routine"),
    N_("Practised / planned"),
    N_("Result"),
    N_("Check-in change"),
)
DATE, ROUTINE, TIME, RESULT, CHECKIN = range(len(COLUMNS))

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def format_duration(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour on."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_time(moment: datetime, tz: tzinfo) -> str:
    """The wall-clock time of ``moment`` in ``tz``, as "09:05"."""
    local = moment.astimezone(tz)
    return QLocale().toString(QTime(local.hour, local.minute), "HH:mm")


def format_day_time(moment: datetime, tz: tzinfo) -> str:
    """``moment`` in ``tz`` as "Sun 31 Mar 2024, 09:05", weekday and month in the
    current language (Qt's locale data)."""
    local = moment.astimezone(tz)
    day = QLocale().toString(QDate(local.year, local.month, local.day), "ddd d MMM yyyy")
    # TRANSLATORS: a session's start in the history table, as "Sun 31 Mar 2024, 09:05".
    return _("{date}, {time}").format(date=day, time=format_time(moment, tz))


def format_result(s: SessionRecord) -> str:
    if s.completed:
        return pgettext("session result", "Completed")
    return steps_result(s.interrupted, s.steps_done, s.steps_total)


def steps_result(interrupted: bool, done: int, total: int) -> str:
    """How far a session that did not complete went: "Interrupted · 3 of 8 steps"."""
    if interrupted:
        text = ngettext(
            "Interrupted · {done} of {total} step", "Interrupted · {done} of {total} steps", total
        )
    else:
        text = ngettext(
            "Partial · {done} of {total} step", "Partial · {done} of {total} steps", total
        )
    return text.format(done=number(done), total=number(total))


def format_checkin(before: CheckIn | None, after: CheckIn | None) -> str:
    if before and after:
        # TRANSLATORS: the check-in ratings (1–5) before and after a session.
        return _("Tightness {tight_before}→{tight_after} · Calm {calm_before}→{calm_after}").format(
            tight_before=number(before.tightness),
            tight_after=number(after.tightness),
            calm_before=number(before.calm),
            calm_after=number(after.calm),
        )
    if before:
        return _("Before: tightness {tightness}, calm {calm}").format(
            tightness=number(before.tightness), calm=number(before.calm)
        )
    if after:
        return _("After: tightness {tightness}, calm {calm}").format(
            tightness=number(after.tightness), calm=number(after.calm)
        )
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

    def retranslate(self) -> None:
        """Headers and cells in the current language; the rows and the selection stay."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

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
            return _(COLUMNS[section])
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
            # TRANSLATORS: when a session started and the time it ended.
            return _("{start} – {end}").format(
                start=format_day_time(s.started_at, self._tz), end=format_time(s.ended_at, self._tz)
            )
        if col == ROUTINE and s.routine_title != s.routine_id:
            return _("Routine id: {id}").format(id=s.routine_id)
        if col == TIME and s.sleep_pauses:
            n = len(s.sleep_pauses)
            return ngettext(
                "The computer slept {n}× during this session ({duration}, not counted).",
                "The computer slept {n}× during this session ({duration}, not counted).",
                n,
            ).format(n=number(n), duration=format_duration(s.sleep_paused_seconds))
        if col == CHECKIN:
            notes = []
            if s.checkin_before is not None and s.checkin_before.note:
                notes.append(_("Before: {note}").format(note=s.checkin_before.note))
            if s.checkin_after is not None and s.checkin_after.note:
                notes.append(_("After: {note}").format(note=s.checkin_after.note))
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
