"""The history panel: statistics, an eight-week chart and the table of sessions.

It shows a :class:`HistoryStore` and forwards user intent to it (delete, undo,
export); it refreshes whenever the store tells it something changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QEvent, QLocale, Qt, QTimeZone
from PySide6.QtGui import QAction, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history import HistoryEvent, HistoryStore
from hipcoach.core.history_format import SessionRecord
from hipcoach.core.history_problems import HistoryProblem
from hipcoach.core.history_stats import HistoryStats, breaks_taken_in_week, compute_stats
from hipcoach.i18n import _, ngettext
from hipcoach.ui.delete_sessions import DeleteSessions
from hipcoach.ui.history_chart import DailyMinutesChart
from hipcoach.ui.history_export_actions import HistoryExportActions
from hipcoach.ui.history_model import HistoryTableModel
from hipcoach.ui.history_stats_text import breaks_text, stats_text
from hipcoach.ui.plain_text import PlainLabel
from hipcoach.ui.session_table import session_table, size_columns
from hipcoach.ui.stat_tile import StatTile

#: The width a statistics tile needs for its words without cutting them.
TILE_WIDTH = 240


def system_time_zone() -> tzinfo:
    """The person's current zone as a ``ZoneInfo`` (so DST is right), else the fixed offset."""
    zone_id = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    try:
        return ZoneInfo(zone_id)
    except (ZoneInfoNotFoundError, ValueError):
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local


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
        self._export_report = ""

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

        self.notice = PlainLabel()
        self.notice.setObjectName("historyNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(6)
        # Tool-tip colours by role, not copied: copied colours stay those of the scheme at
        # the time (a white box in dark mode); roles follow every switch of scheme.
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.notice.setAutoFillBackground(True)
        self.notice_close = QToolButton()
        self.notice_close.clicked.connect(self.clear_notice)
        self._notice_row = QWidget()
        row = QHBoxLayout(self._notice_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.notice, 1)
        row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self._notice_row.hide()
        layout.addWidget(self._notice_row)

        tiles = QGridLayout()
        self.streak_tile = StatTile("")
        self.best_tile = StatTile("")
        self.week_tile = StatTile("")
        self.sides_tile = StatTile("")
        self.checkin_tile = StatTile("")
        # Shown once the reminders have recorded a break.
        self.breaks_tile = StatTile("")
        self.breaks_tile.hide()
        self._tiles = (
            self.streak_tile,
            self.best_tile,
            self.week_tile,
            self.sides_tile,
            self.checkin_tile,
            self.breaks_tile,
        )
        self._tile_grid = tiles
        self._tile_columns = 0
        self._place_tiles(len(self._tiles))
        layout.addLayout(tiles)

        self.chart_title = PlainLabel()
        self.chart = DailyMinutesChart()
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart)

        self.per_routine = PlainLabel()
        self.per_routine.setWordWrap(True)
        layout.addWidget(self.per_routine)

        self.toolbar = QHBoxLayout()
        layout.addLayout(self.toolbar)

        self.table = session_table(self.model, self.fontMetrics())

        self.empty_label = PlainLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("historyEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)

    def _build_actions(self) -> None:
        self.delete_action = QAction(ngettext("Delete session", "Delete sessions", 1), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)

        # Our own actions rather than the stack's: theirs keep the words of the language
        # they were made in.
        stack = self.undo_stack
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = QAction(self)
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.redo_action.triggered.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(lambda _text: self._word_undo())
        stack.redoTextChanged.connect(lambda _text: self._word_undo())
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.exports = HistoryExportActions(self, self.store, self._report_export)
        self.export_csv_action = self.exports.csv_action
        self.export_json_action = self.exports.json_action

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
        self.retranslate()

    def retranslate(self) -> None:
        """Every word in the current language; the selection and what can be undone stay."""
        self.notice_close.setText(_("Dismiss"))
        for tile, title in (
            (self.streak_tile, _("Current streak")),
            (self.best_tile, _("Best streak")),
            (self.week_tile, _("This week")),
            (self.sides_tile, _("Left / right")),
            (self.checkin_tile, _("Check-in change")),
            (self.breaks_tile, _("Breaks")),
        ):
            tile.title.setText(title)
        self.chart_title.setText(_("Daily minutes, last 8 weeks"))
        self.chart.retranslate()
        self.empty_label.setText(
            _("No sessions yet.\nFinished and stopped sessions will appear here.")
        )
        self.exports.retranslate()
        self._word_undo()
        self.model.retranslate()
        size_columns(self.table, self.fontMetrics())  # the new words' widths
        if self.stats is not None:
            # Not refresh(): a new model would lose the rows chosen in the table.
            self._show_stats(self.stats)
            self._show_breaks(QLocale().firstDayOfWeek().value - 1)
        self._update_actions()

    def _word_undo(self) -> None:
        try:
            undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        except RuntimeError:
            return  # the panel is being deleted: its stack says goodbye as it goes
        # TRANSLATORS: the Undo entry naming what it undoes, as "Undo delete 3 sessions".
        self.undo_action.setText(_("Undo {action}").format(action=undo) if undo else _("Undo"))
        # TRANSLATORS: the Redo entry naming what it redoes, as "Redo delete 3 sessions".
        self.redo_action.setText(_("Redo {action}").format(action=redo) if redo else _("Redo"))

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
        self._show_breaks(first_weekday)
        self._update_actions()

    def _show_breaks(self, first_weekday: int) -> None:
        breaks = self.store.breaks
        today = self._now().astimezone(self._tz).date()
        taken = breaks_taken_in_week(breaks, today, self._tz, first_weekday)
        self.breaks_tile.set(*breaks_text(taken))
        self.breaks_tile.setVisible(bool(breaks))

    def _show_stats(self, st: HistoryStats) -> None:
        text = stats_text(st)
        self.streak_tile.set(*text.current_streak)
        self.best_tile.set(*text.best_streak)
        self.week_tile.set(*text.this_week)
        self.sides_tile.set(*text.sides)
        self.checkin_tile.set(*text.checkin)
        self.chart.set_days(st.daily_minutes)
        self.per_routine.setText(text.per_routine)

    def show_problems(self, problems: Iterable[HistoryProblem]) -> None:
        """Show what the store reported (moved aside, recovered, read-only …) above the table."""
        messages = [p.message for p in problems]
        if not messages:
            return
        old = self.notice.text() if self._notice_row.isVisible() else ""
        self._set_notice("\n\n".join([m for m in (old, *messages) if m]))

    def _report_export(self, text: str) -> None:
        # The outcome of an export is news for now, not a state: it goes when the panel does.
        self._set_notice(text)
        self._export_report = text

    def hideEvent(self, event: QEvent) -> None:
        if self._export_report and self.notice.text() == self._export_report:
            self.clear_notice()
        self._export_report = ""
        super().hideEvent(event)

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

    def _place_tiles(self, columns: int) -> None:
        """Tiles in rows of ``columns``: on a narrow window they wrap instead of being cut."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for tile in self._tiles:
            self._tile_grid.removeWidget(tile)
        for i, tile in enumerate(self._tiles):
            self._tile_grid.addWidget(tile, i // columns, i % columns)
        for column in range(len(self._tiles)):
            self._tile_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        self._place_tiles(max(1, min(len(self._tiles), self.width() // TILE_WIDTH)))

    def showEvent(self, event: QEvent) -> None:
        # The day may have changed while hidden: streaks and "this week" move with it.
        self.refresh()
        super().showEvent(event)

    # ----------------------------------------------------------------- intent

    def _selected_sessions(self) -> list[SessionRecord]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.session_at(r) for r in rows]

    def _update_actions(self, *_: object) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        self.delete_action.setEnabled(bool(selected))
        # One session or several; the number itself is not shown.
        self.delete_action.setText(ngettext("Delete session", "Delete sessions", max(1, selected)))
        self.exports.set_enabled(len(self.store) > 0)

    def delete_selected(self) -> None:
        """Delete the selected sessions; Undo (Ctrl+Z) puts them back."""
        records = self._selected_sessions()
        if records:
            self.undo_stack.push(DeleteSessions(self.store, records))

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Export every session as CSV to ``path`` (asked with a file dialog if None)."""
        return self.exports.export("csv", path)

    def export_json(self, path: str | Path | None = None) -> Path | None:
        """Export every session as JSON to ``path`` (asked with a file dialog if None)."""
        return self.exports.export("json", path)
