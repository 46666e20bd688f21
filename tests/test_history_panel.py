"""The history panel, its table model and the check-in dialog, driven through qtbot."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFileDialog

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn, encode_history
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.ui.checkin_dialog import CheckInDialog
from hipcoach.ui.history_model import (
    CHECKIN,
    DATE,
    RESULT,
    ROUTINE,
    SESSION_ID_ROLE,
    TIME,
    HistoryTableModel,
)
from hipcoach.ui.history_panel import HistoryPanel
from history_crash_child import make_session

# The offscreen platform says this whenever a top-level widget with a layout is shown.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2024, 6, 14, 19, 0, tzinfo=LONDON)


@pytest.fixture
def store(data_dir):
    s = HistoryStore(data_dir / "history.json")
    s.load()
    return s


def fill(store: HistoryStore, n: int) -> list:
    records = [
        make_session(
            NOW - timedelta(days=i, hours=2),
            minutes=10 + i % 7,
            routine_id=f"r{i % 3}",
            routine_title=("Hips", "Breath", "Pigeon")[i % 3],
            completed=i % 4 != 0,
            checkin_before=CheckIn(4, 2),
            checkin_after=CheckIn(2, 3),
        )
        for i in range(n)
    ]
    store.path.write_bytes(encode_history(records))
    store.load()
    return records


@pytest.fixture
def panel(qtbot, store):
    p = HistoryPanel(store, tz=LONDON, now=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def cell(model, row, col, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, col), role)


# ----------------------------------------------------------------------------- model


def test_model_formats_a_row():
    model = HistoryTableModel(LONDON)
    rec = make_session(
        datetime(2024, 3, 31, 9, 5, tzinfo=LONDON),
        minutes=10,
        completed=False,
        practised_seconds=290.0,
        checkin_before=CheckIn(4, 2, "sore"),
        checkin_after=CheckIn(2, 4),
    )
    model.set_sessions([rec])
    assert cell(model, 0, DATE) == "Sun 31 Mar 2024, 09:05"
    assert cell(model, 0, ROUTINE) == "Hips, basic"
    assert cell(model, 0, TIME) == "4:50 / 10:00"
    assert cell(model, 0, RESULT) == "Partial · 3 of 6 steps"
    assert cell(model, 0, CHECKIN) == "Tightness 4→2 · Calm 2→4"
    assert cell(model, 0, CHECKIN, Qt.ItemDataRole.ToolTipRole) == "Before: sore"
    assert cell(model, 0, DATE, SESSION_ID_ROLE) == rec.id


def test_model_shows_dates_in_the_current_zone():
    model = HistoryTableModel(ZoneInfo("Asia/Tokyo"))
    model.set_sessions([make_session(datetime(2024, 5, 1, 20, 0, tzinfo=ZoneInfo("UTC")))])
    assert cell(model, 0, DATE) == "Thu 2 May 2024, 05:00"


def test_model_sorts_by_each_column_and_back():
    model = HistoryTableModel(LONDON)
    a = make_session(NOW - timedelta(days=2), minutes=30, routine_title="Breath")
    b = make_session(NOW - timedelta(days=1), minutes=5, routine_title="apple")
    c = make_session(NOW, minutes=12, routine_title="Hips")
    model.set_sessions([c, b, a])
    ids = lambda: [model.session_at(r).id for r in range(3)]  # noqa: E731
    model.sort(ROUTINE, Qt.SortOrder.AscendingOrder)
    assert ids() == [b.id, a.id, c.id]  # case-insensitive
    model.sort(TIME, Qt.SortOrder.DescendingOrder)
    assert ids() == [a.id, c.id, b.id]
    model.sort(DATE, Qt.SortOrder.AscendingOrder)
    assert ids() == [a.id, b.id, c.id]
    model.set_sessions([c, b, a])  # a refresh keeps the chosen order
    assert ids() == [a.id, b.id, c.id]


# ----------------------------------------------------------------------------- panel


def test_empty_history_says_so(panel):
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.isVisible()
    assert "No sessions yet" in panel.empty_label.text()
    assert not panel.export_csv_action.isEnabled()
    assert not panel.delete_action.isEnabled()


def test_panel_shows_sessions_newest_first_and_statistics(store, panel):
    records = fill(store, 30)
    assert panel.model.rowCount() == 30
    assert panel.stack.currentWidget() is panel.table
    assert panel.model.session_at(0).id == records[0].id
    assert panel.streak_tile.value.text() == "30 days"
    assert panel.best_tile.value.text() == "30 days"
    assert panel.checkin_tile.value.text() == "-2.0 tightness · +1.0 calm"
    assert "looser and calmer" in panel.checkin_tile.detail.text()
    assert "Hips: 10" in panel.per_routine.text()
    assert len(panel.chart.days) == 56 and panel.chart.days[-1][0] == NOW.date()


def test_panel_refreshes_when_a_session_is_added(store, panel):
    assert panel.model.rowCount() == 0
    rec = make_session(NOW - timedelta(minutes=20), minutes=15)
    store.add(rec)
    assert panel.model.rowCount() == 1
    assert panel.model.session_at(0).id == rec.id
    assert panel.week_tile.value.text() == "15 min"
    assert panel.stack.currentWidget() is panel.table


def test_clicking_a_header_sorts(qtbot, store, panel):
    fill(store, 5)
    titles = lambda: [panel.model.session_at(r).routine_title for r in range(5)]  # noqa: E731
    assert titles() == ["Hips", "Breath", "Pigeon", "Hips", "Breath"]
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(ROUTINE) + header.sectionSize(ROUTINE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == ROUTINE
    assert titles() in (sorted(titles()), sorted(titles(), reverse=True))


def test_delete_then_undo_then_redo(qtbot, store, panel):
    records = fill(store, 3)
    panel.table.setFocus()
    panel.table.selectRow(1)
    assert panel.delete_action.isEnabled()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [s.id for s in store.sessions] == [records[0].id, records[2].id]
    assert panel.model.rowCount() == 2
    assert [s.id for s in HistoryStore(store.path).load().sessions] == [
        records[0].id,
        records[2].id,
    ]

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in store.sessions] == [r.id for r in records]
    assert panel.model.rowCount() == 3
    assert store.get(records[1].id) == records[1]  # every field back

    panel.redo_action.trigger()
    assert len(store) == 2


def test_deleting_several_sessions_is_one_undo_step(store, panel):
    fill(store, 4)
    panel.table.selectRow(0)
    panel.table.selectionModel().select(
        panel.model.index(2, 0),
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    assert panel.delete_action.text() == "Delete sessions"
    panel.delete_action.trigger()
    assert len(store) == 2
    panel.undo_action.trigger()
    assert len(store) == 4
    assert not panel.undo_stack.canUndo()


def test_export_csv_asks_for_a_path(monkeypatch, tmp_path, store, panel):
    fill(store, 3)
    target = tmp_path / "out.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)")
    )
    panel.export_csv_action.trigger()
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 4 and rows[0][0] == "id"
    assert str(target) in panel.notice.text() and "3 sessions" in panel.notice.text()


def test_export_json_and_a_cancelled_dialog(monkeypatch, tmp_path, store, panel):
    fill(store, 2)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert panel.export_json() is None
    assert not list(tmp_path.glob("*.json"))
    target = tmp_path / "out.json"
    assert panel.export_json(target) == target
    assert len(json.loads(target.read_text())["sessions"]) == 2


def test_a_failed_export_is_shown_not_raised(tmp_path, store, panel):
    fill(store, 1)
    (tmp_path / "blocker").write_text("")
    assert panel.export_csv(tmp_path / "blocker" / "out.csv") is None
    assert "Could not export" in panel.notice.text()
    assert panel.notice.isVisible()


def test_problems_are_shown_and_can_be_dismissed(qtbot, panel):
    panel.show_problems(
        [
            HistoryProblem(
                ProblemKind.MOVED_ASIDE, {"name": "history.json", "reason": "x", "moved_to": None}
            )
        ]
    )
    assert panel.notice.isVisible()
    assert "could not be read" in panel.notice.text()
    qtbot.mouseClick(panel.notice_close, Qt.MouseButton.LeftButton)
    assert not panel.notice.isVisible()


def test_problems_from_a_failed_write_reach_the_panel(monkeypatch, store, panel):
    from hipcoach.core import history as history_mod

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_mod, "atomic_write_bytes", disk_full)
    store.add(make_session(NOW))
    assert "No space left" in panel.notice.text()
    assert panel.model.rowCount() == 1  # still shown: kept in memory


def test_a_deleted_panel_stops_listening(qtbot, store):
    gone = HistoryPanel(store, tz=LONDON, now=lambda: NOW)
    staying = HistoryPanel(store, tz=LONDON, now=lambda: NOW)
    qtbot.addWidget(staying)
    staying.show()
    deleted = []
    gone.destroyed.connect(lambda: deleted.append(True))
    gone.deleteLater()
    qtbot.waitUntil(lambda: bool(deleted))
    # A listener left behind would reach into the deleted widget and raise RuntimeError here.
    store.add(make_session(NOW))
    assert staying.model.rowCount() == 1


def test_chart_paints_bars_for_practice_days(store, panel):
    fill(store, 3)
    image = panel.chart.grab().toImage()
    bar = panel.chart.palette().color(QPalette.ColorRole.Highlight)
    rect = panel.chart._plot_rect()
    # Sample the middle column of the last three day slots, just above the axis.
    slot = rect.width() / 56
    y = int(rect.bottom() - 3)
    colours = [QColor(image.pixel(int(rect.left() + (i + 0.5) * slot), y)) for i in range(53, 56)]
    assert all(c != panel.chart.palette().color(QPalette.ColorRole.Window) for c in colours)
    # Days without practice have no bar.
    empty = QColor(image.pixel(int(rect.left() + 10.5 * slot), y))
    assert empty.rgb() != bar.rgb()


def test_chart_tooltip_names_the_day(store, panel):
    fill(store, 1)
    rect = panel.chart._plot_rect()
    day, minutes = panel.chart.day_at(rect.right() - 1)
    assert day == NOW.date() and minutes > 0
    assert panel.chart.day_at(rect.left() - 5) is None


# The offscreen platform cannot raise the tooltip's window, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_bar_shows_the_day_and_minutes(qtbot, store, panel):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    fill(store, 1)
    rect = panel.chart._plot_rect()
    where = QPoint(int(rect.right() - 1), int(rect.center().y()))
    hover = QHelpEvent(QEvent.Type.ToolTip, where, panel.chart.mapToGlobal(where))
    QApplication.sendEvent(panel.chart, hover)
    assert f"{NOW.day} {NOW:%b}" in QToolTip.text()
    QToolTip.hideText()


# ----------------------------------------------------------------------------- check-in


def test_checkin_needs_both_ratings_to_save(qtbot):
    dialog = CheckInDialog("before")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.tightness.buttons[3], Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.calm.buttons[1], Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.note, "tight after cycling")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    result = dialog.result_value()
    assert result.checkin == CheckIn(tightness=4, calm=2, note="tight after cycling")
    assert result.dont_ask_again is False


def test_checkin_skip_is_one_click_and_keeps_dont_ask_again(qtbot):
    dialog = CheckInDialog("after")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.tightness.buttons[0], Qt.MouseButton.LeftButton)
    dialog.dont_ask.setChecked(True)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    result = dialog.result_value()
    assert result.checkin is None and result.dont_ask_again is True
    assert "after" in dialog.windowTitle()


def test_checkin_note_is_limited_to_280_characters(qtbot):
    dialog = CheckInDialog("before")
    qtbot.addWidget(dialog)
    dialog.note.setText("x" * 400)
    assert len(dialog.note.text()) == 280


def test_checkin_escape_skips(qtbot):
    dialog = CheckInDialog("before", initial=CheckIn(3, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result_value().checkin is None
