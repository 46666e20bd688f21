"""The history panel: statistics, an eight-week chart and the table of sessions.

It shows a :class:`HistoryStore` and forwards user intent to it (delete, undo,
export); it refreshes whenever the store tells it something changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, QTimeZone
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history import HistoryEvent, HistoryProblem, HistoryStore, SessionRecord
from hipcoach.core.history_export import ExportFormat, export_history_to_file
from hipcoach.core.history_stats import HistoryStats, compute_stats
from hipcoach.ui.history_model import DATE, HistoryTableModel

log = logging.getLogger(__name__)


def system_time_zone() -> tzinfo:
    """The person's current zone as a ``ZoneInfo`` (so DST is right), else the fixed offset."""
    zone_id = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    try:
        return ZoneInfo(zone_id)
    except (ZoneInfoNotFoundError, ValueError):
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local


def _minutes(value: float) -> str:
    return f"{value:.0f} min" if value < 600 else f"{value / 60:.1f} h"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --------------------------------------------------------------------------- chart


class DailyMinutesChart(QWidget):
    """Bars of practised minutes per day, oldest on the left, painted with QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[tuple[date, float], ...] = ()
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Daily minutes, last eight weeks")

    def set_days(self, days: tuple[tuple[date, float], ...]) -> None:
        self._days = days
        total = sum(m for _, m in days)
        active = sum(1 for _, m in days if m > 0)
        self.setAccessibleDescription(f"{_minutes(total)} on {active} of the last {len(days)} days")
        self.update()

    @property
    def days(self) -> tuple[tuple[date, float], ...]:
        return self._days

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("000 min") + 8
        return QRectF(left, 6, self.width() - left - 6, self.height() - fm.height() - 14)

    @staticmethod
    def _scale_top(peak: float) -> float:
        for step in (10, 20, 30, 45, 60, 90, 120, 180, 240):
            if peak <= step:
                return float(step)
        return float(int(peak / 60 + 1) * 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        rect = self._plot_rect()
        fm = self.fontMetrics()
        if not self._days or rect.width() <= 0 or rect.height() <= 0:
            painter.end()
            return
        peak = max(m for _, m in self._days)
        top = self._scale_top(peak) if peak > 0 else 30.0

        # Grid and y labels: zero, half, top.
        painter.setFont(self.font())
        for frac in (0.0, 0.5, 1.0):
            y = rect.bottom() - frac * rect.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(text)
            label = f"{top * frac:.0f} min"
            painter.drawText(
                QRectF(0, y - fm.height() / 2, rect.left() - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )

        n = len(self._days)
        slot = rect.width() / n
        gap = max(1.0, slot * 0.2)
        bar_colour = pal.color(QPalette.ColorRole.Highlight)
        today_colour = bar_colour.darker(140)
        for i, (day, minutes) in enumerate(self._days):
            x = rect.left() + i * slot
            if day.weekday() == 0 and i:
                painter.setPen(grid)  # a faint line before each Monday
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            if minutes > 0:
                h = max(2.0, min(1.0, minutes / top) * rect.height())
                painter.fillRect(
                    QRectF(x + gap / 2, rect.bottom() - h, slot - gap, h),
                    today_colour if i == n - 1 else bar_colour,
                )
            # Label each Monday, and the first day if the first Monday is far enough away.
            if day.weekday() == 0 or (i == 0 and day.weekday() <= 3):
                painter.setPen(text)
                painter.drawText(
                    QRectF(x, rect.bottom() + 4, slot * 7, fm.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                    f"{day.day} {day:%b}",
                )
        if peak == 0:
            painter.setPen(text)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignCenter), "No practice in these weeks yet"
            )
        painter.end()

    def day_at(self, x: float) -> tuple[date, float] | None:
        rect = self._plot_rect()
        if not self._days or not rect.left() <= x < rect.right():
            return None
        i = int((x - rect.left()) / (rect.width() / len(self._days)))
        return self._days[min(i, len(self._days) - 1)]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.day_at(event.position().x())
            if hit is None:
                QToolTip.hideText()
            else:
                day, minutes = hit
                QToolTip.showText(
                    event.globalPos(), f"{day:%a} {day.day} {day:%b}: {_minutes(minutes)}", self
                )
            return True
        return super().event(event)


# --------------------------------------------------------------------------- undo


class _DeleteSessions(QUndoCommand):
    def __init__(self, store: HistoryStore, records: list[SessionRecord]) -> None:
        n = len(records)
        super().__init__(f"delete {n} session{'s' if n != 1 else ''}")
        self._store = store
        self._records = records

    def redo(self) -> None:
        for r in self._records:
            self._store.delete(r.id)

    def undo(self) -> None:
        for r in self._records:
            self._store.restore(r)


# --------------------------------------------------------------------------- panel


class _StatTile(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.title = QLabel(title)
        self.value = QLabel("–")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        for w in (self.title, self.value, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class HistoryPanel(QWidget):
    """Statistics, the 8-week chart and the session table for ``store``.

    ``now`` (a clock returning an aware datetime) and ``tz`` are injectable for
    tests; by default the system clock and time zone. The actions
    (:attr:`delete_action`, :attr:`undo_action`, :attr:`redo_action`,
    :attr:`export_csv_action`, :attr:`export_json_action`) are meant for the
    main window's menus too.
    """

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.store = store
        self._tz = tz or system_time_zone()
        self._now = now or (lambda: datetime.now(self._tz))
        self.stats: HistoryStats | None = None

        self.undo_stack = QUndoStack(self)
        self.model = HistoryTableModel(self._tz, self)
        self._build()
        self._build_actions()

        self._listener = self._on_store_event
        store.add_listener(self._listener)
        # The store outlives the panel: stop it calling into a deleted widget.
        self.destroyed.connect(lambda *_a, s=store, f=self._listener: s.remove_listener(f))
        self.refresh()

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        self.notice = QLabel()
        self.notice.setObjectName("historyNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(6)
        # Tool-tip colours: a tinted box that stands out in light and dark themes alike.
        pal = self.notice.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.ToolTipBase))
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.ToolTipText))
        self.notice.setPalette(pal)
        self.notice.setAutoFillBackground(True)
        self.notice_close = QToolButton()
        self.notice_close.setText("Dismiss")
        self.notice_close.clicked.connect(self.clear_notice)
        self._notice_row = QWidget()
        row = QHBoxLayout(self._notice_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.notice, 1)
        row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self._notice_row.hide()
        layout.addWidget(self._notice_row)

        tiles = QGridLayout()
        self.streak_tile = _StatTile("Current streak")
        self.best_tile = _StatTile("Best streak")
        self.week_tile = _StatTile("This week")
        self.sides_tile = _StatTile("Left / right")
        self.checkin_tile = _StatTile("Check-in change")
        for i, tile in enumerate(
            (self.streak_tile, self.best_tile, self.week_tile, self.sides_tile, self.checkin_tile)
        ):
            tiles.addWidget(tile, 0, i)
            tiles.setColumnStretch(i, 1)
        layout.addLayout(tiles)

        chart_title = QLabel("Daily minutes, last 8 weeks")
        self.chart = DailyMinutesChart()
        layout.addWidget(chart_title)
        layout.addWidget(self.chart)

        self.per_routine = QLabel()
        self.per_routine.setWordWrap(True)
        layout.addWidget(self.per_routine)

        self.toolbar = QHBoxLayout()
        layout.addLayout(self.toolbar)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights and no content-based column sizing: with 10,000 rows,
        # measuring every cell would take longer than everything else together.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fm = self.fontMetrics()
        samples = (
            "Wed 30 Sep 2024, 23:59",
            "Morning hips and breath",
            "00:00 / 00:00",
            "Interrupted · 10 of 12 steps",
        )
        for col, sample in enumerate(samples):
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title) + 16)
            header.resizeSection(col, width + 24)

        self.empty_label = QLabel(
            "No sessions yet.\nFinished and stopped sessions will appear here."
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("historyEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)

    def _build_actions(self) -> None:
        self.delete_action = QAction("Delete session", self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)

        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.export_csv_action = QAction("Export history as CSV…", self)
        self.export_csv_action.triggered.connect(lambda: self.export_csv())
        self.export_json_action = QAction("Export history as JSON…", self)
        self.export_json_action.triggered.connect(lambda: self.export_json())

        for action in (self.delete_action, self.undo_action, self.redo_action):
            self.addAction(action)
        for action in (
            self.delete_action,
            self.undo_action,
            self.export_csv_action,
            self.export_json_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.toolbar.addWidget(button)
        self.toolbar.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    def actions_for_menu(self) -> list[QAction]:
        """The actions a main window's History / Edit menus should offer."""
        return [
            self.undo_action,
            self.redo_action,
            self.delete_action,
            self.export_csv_action,
            self.export_json_action,
        ]

    # ----------------------------------------------------------------- showing

    def refresh(self) -> None:
        """Re-read the store's sessions and recompute the statistics."""
        sessions = self.store.sessions
        self.model.set_sessions(sessions)
        self.stack.setCurrentWidget(self.table if sessions else self.empty_label)
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1
        self.stats = compute_stats(
            sessions, now=self._now(), tz=self._tz, first_weekday=first_weekday
        )
        self._show_stats(self.stats)
        self._update_actions()

    def _show_stats(self, st: HistoryStats) -> None:
        self.streak_tile.set(_days(st.current_streak), "in a row")
        self.best_tile.set(_days(st.best_streak), f"{st.total_sessions} sessions in all")
        self.week_tile.set(
            _minutes(st.minutes_this_week), f"last week: {_minutes(st.minutes_last_week)}"
        )
        side_total = st.left_seconds + st.right_seconds
        if side_total:
            share = 100 * st.left_seconds / side_total
            self.sides_tile.set(
                f"{share:.0f}% / {100 - share:.0f}%",
                f"{_minutes(st.left_seconds / 60)} left, {_minutes(st.right_seconds / 60)} right",
            )
        else:
            self.sides_tile.set("–", "no one-sided poses yet")
        change = st.checkin_change
        if change is None:
            self.checkin_tile.set("–", "check in before and after a session to see this")
        else:
            looser = "looser" if change.tightness < 0 else "tighter" if change.tightness > 0 else ""
            calmer = "calmer" if change.calm > 0 else "less calm" if change.calm < 0 else ""
            feeling = " and ".join(w for w in (looser, calmer) if w) or "no change"
            self.checkin_tile.set(
                f"{change.tightness:+.1f} tightness · {change.calm:+.1f} calm",
                f"on average {feeling} after, over {change.sessions} session"
                f"{'s' if change.sessions != 1 else ''}",
            )
        self.chart.set_days(st.daily_minutes)
        if st.per_routine:
            parts = [f"{r.title or r.routine_id}: {r.sessions}" for r in st.per_routine[:8]]
            more = len(st.per_routine) - 8
            self.per_routine.setText(
                "Sessions per routine — "
                + " · ".join(parts)
                + (f" · {more} more" if more > 0 else "")
            )
        else:
            self.per_routine.setText("")

    def show_problems(self, problems: Iterable[HistoryProblem]) -> None:
        """Show what the store reported (moved aside, recovered, read-only …) above the table."""
        messages = [p.message for p in problems]
        if not messages:
            return
        old = self.notice.text() if self._notice_row.isVisible() else ""
        self._set_notice("\n\n".join([m for m in (old, *messages) if m]))

    def _set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self._notice_row.setVisible(bool(text))

    def clear_notice(self) -> None:
        self._set_notice("")

    def _on_store_event(self, event: HistoryEvent) -> None:
        # A closed panel catches up when it is shown (showEvent), so recording a session
        # never pays for statistics nobody is looking at.
        if self.isVisible():
            self.refresh()
        self.show_problems(event.problems)

    def showEvent(self, event: QEvent) -> None:
        # The day may have changed while hidden: streaks and "this week" move with it.
        self.refresh()
        super().showEvent(event)

    # ----------------------------------------------------------------- intent

    def _selected_sessions(self) -> list[SessionRecord]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.session_at(r) for r in rows]

    def _update_actions(self, *_: object) -> None:
        self.delete_action.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.delete_action.setText(
            "Delete sessions"
            if len(self.table.selectionModel().selectedRows()) > 1
            else "Delete session"
        )
        has = len(self.store) > 0
        self.export_csv_action.setEnabled(has)
        self.export_json_action.setEnabled(has)

    def delete_selected(self) -> None:
        """Delete the selected sessions; Undo (Ctrl+Z) puts them back."""
        records = self._selected_sessions()
        if records:
            self.undo_stack.push(_DeleteSessions(self.store, records))

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Export every session as CSV to ``path`` (asked with a file dialog if None)."""
        return self._export("csv", path)

    def export_json(self, path: str | Path | None = None) -> Path | None:
        """Export every session as JSON to ``path`` (asked with a file dialog if None)."""
        return self._export("json", path)

    def _export(self, fmt: ExportFormat, path: str | Path | None) -> Path | None:
        if path is None:
            suggested = str(Path.home() / f"hipcoach-history.{fmt}")
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                f"Export history as {fmt.upper()}",
                suggested,
                f"{fmt.upper()} files (*.{fmt});;All files (*)",
            )
            if not chosen:
                return None  # cancelled
            path = chosen
        target = Path(path)
        try:
            count = export_history_to_file(self.store, fmt, target)
        except OSError as err:
            log.warning("history export to %s failed: %s", target, err)
            self._set_notice(f"Could not export to {target}: {err.strerror or err}")
            return None
        self._set_notice(f"Exported {count} session{'s' if count != 1 else ''} to {target}.")
        return target
