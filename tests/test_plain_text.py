"""Text from a routine file, a history file or the person is shown literally, never as markup.

Each view is filled with text that Qt would render as HTML if given the chance (a
picture from anywhere on disk, bold, a link) and every widget is then inspected: a
label showing it must be in plain-text mode, a tooltip must carry it escaped, and a
rich-text browser must not contain it as a tag.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextEdit, QWidget

import test_ui_fixtures
from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn, encode_history
from hipcoach.core.model import BreathStep, PoseInfo, PoseStep, RestStep, Routine, TransitionStep
from hipcoach.core.routine_store import CustomRoutineStore
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary
from hipcoach.core.timeline import compile_timeline
from hipcoach.ui.history_panel import HistoryPanel
from hipcoach.ui.plain_text import PlainLabel, message_box, plain_tooltip
from history_crash_child import make_session
from test_ui_fixtures import ASSETS, POSES, make_window

#: A picture that exists, so a view that rendered the tag would really show it.
PICTURE = (ASSETS / "icons" / "hipcoach-16.png").as_posix()
TAG = f'<img src="{PICTURE}">'
#: Qt's own guess at whether a text is HTML (what a tooltip or an AutoText label uses).
might_be_rich = QtGui.Qt.mightBeRichText


def marked(name: str) -> str:
    """A text of ``name`` that is unmistakably markup to Qt."""
    return f"<b>{name}</b>{TAG}"


MARKED_POSES = {
    **POSES,
    "marked": PoseInfo(
        name=marked("pose"),
        per_side=True,
        cues=[marked("pose cue")],
        cautions=[marked("caution")],
        alternatives=[marked("alternative")],
        illustration="poses/lizard.svg",
    ),
}

MARKED = Routine(
    id="marked",
    title=marked("title"),
    description=marked("description"),
    tags=["evening"],
    steps=[
        BreathStep(pattern="box", cycles=1, title=marked("breath"), cue=marked("breath cue")),
        PoseStep(pose="marked", seconds=10, switch_seconds=2, pattern="natural"),
        PoseStep(
            name=marked("own pose"),
            seconds=10,
            pattern="natural",
            cues=[marked("own cue")],
            cautions=[marked("own caution")],
        ),
        TransitionStep(seconds=5, title=marked("transition"), cue=marked("transition cue")),
        RestStep(seconds=5, title=marked("rest"), cue=marked("rest cue")),
    ],
)


def marked_library() -> RoutineLibrary:
    seconds = compile_timeline(MARKED, MARKED_POSES).total
    return RoutineLibrary(
        routines=[LoadedRoutine(MARKED, None, False, seconds)], poses=MARKED_POSES
    )


def widgets_under(root: QWidget) -> list[QWidget]:
    return [root, *root.findChildren(QWidget)]


def markup_rendered(roots: list[QWidget]) -> list[str]:
    """Every place under ``roots`` where our markup would be rendered rather than shown."""
    found = []
    for root in roots:
        for w in widgets_under(root):
            where = f"{type(w).__name__} {w.objectName()!r}"
            if (
                isinstance(w, QLabel)
                and TAG in w.text()
                and w.textFormat() != Qt.TextFormat.PlainText
            ):
                found.append(f"{where}: label text {w.text()!r}")
            if TAG in w.toolTip() and might_be_rich(w.toolTip()):
                found.append(f"{where}: tooltip {w.toolTip()!r}")
            if isinstance(w, QTextEdit) and "<img" in w.toHtml():
                found.append(f"{where}: an image in the document")
            model = getattr(w, "model", None)
            if callable(model) and model() is not None:
                found += model_markup(where, model())
    return found


def model_markup(where: str, model) -> list[str]:
    found = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list's model keeps columnCount() to itself: one column
        columns = 1
    for row in range(model.rowCount(QModelIndex())):
        for col in range(columns):
            tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and TAG in tip and might_be_rich(tip):
                found.append(f"{where}: item tooltip {tip!r}")
    return found


def texts_shown(roots: list[QWidget]) -> str:
    parts = []
    for root in roots:
        for w in widgets_under(root):
            if isinstance(w, QLabel) and w.isVisibleTo(root):
                parts.append(w.text())
            if isinstance(w, QTextEdit):
                parts.append(w.toPlainText())
    return "\n".join(parts)


@pytest.fixture
def marked_window(qtbot, monkeypatch):
    monkeypatch.setattr(test_ui_fixtures, "library", marked_library)
    window, _ = make_window(qtbot)
    assert window.picker.select("marked")
    return window


def test_picker_shows_a_routines_markup_as_text(marked_window):
    window = marked_window
    assert markup_rendered([window]) == []
    # Shown literally, so the person can see (and fix) what the file says.
    assert marked("title") in texts_shown([window.picker])
    assert marked("description") in texts_shown([window.picker])
    item = window.picker.list.currentItem()
    assert item.toolTip() == plain_tooltip(marked("description"))


def test_player_shows_every_part_of_a_marked_routine_as_text(qtbot, marked_window):
    window = marked_window
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.player
    seen = []
    for _ in range(12):  # more than the routine's parts: the last presses end it
        assert markup_rendered([window]) == []
        seen.append(texts_shown([window.player]))
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Right)
    everything = "\n".join(seen)
    for name in ("breath", "own pose", "transition", "rest"):
        assert marked(name) in everything, name


def test_history_panel_shows_marked_records_as_text(qtbot, data_dir):
    record = make_session(
        datetime(2026, 12, 1, 19, 0, tzinfo=UTC),
        routine_id=marked("id"),
        routine_title=marked("title"),
        checkin_before=CheckIn(4, 2, marked("before")),
        checkin_after=CheckIn(2, 4, marked("after")),
    )
    store = HistoryStore(data_dir / "history.json")
    data_dir.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(encode_history([record]))
    store.load()
    panel = HistoryPanel(store, tz=UTC, now=lambda: record.ended_at + timedelta(hours=1))
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    assert markup_rendered([panel]) == []
    tips = [
        panel.model.data(panel.model.index(0, col), Qt.ItemDataRole.ToolTipRole)
        for col in range(panel.model.columnCount())
    ]
    # The notes and the routine id are in the tooltips, escaped rather than dropped.
    assert any(tip and "&lt;b&gt;before&lt;/b&gt;" in tip for tip in tips)
    assert any(tip and "&lt;b&gt;id&lt;/b&gt;" in tip for tip in tips)


def test_editor_shows_a_marked_routine_as_text(qtbot, data_dir):
    from hipcoach.ui.editor import RoutineEditor

    store = CustomRoutineStore(data_dir / "routines", data_dir / "patterns.json", assets_dir=ASSETS)
    library = marked_library()
    editor = RoutineEditor(library, store, library.routines[0])
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    for row in range(editor.steps_list.count()):
        editor.steps_list.setCurrentRow(row)
        assert markup_rendered([editor]) == []


def test_notices_show_markup_as_text(qtbot):
    window, _ = make_window(qtbot)
    window.show_notice(marked("notice"), "warning")
    assert markup_rendered([window]) == []
    assert marked("notice") in texts_shown([window])


def test_message_boxes_show_markup_as_text(qtbot):
    box = message_box(None, QMessageBox.Icon.Warning, "Problem", marked("message"))
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == marked("message")


@pytest.mark.parametrize("text", ["", "Plain words & numbers 1 < 2", marked("x"), "a\nb <i>c</i>"])
def test_plain_label_never_renders_markup(qtbot, text):
    label = PlainLabel(text)
    qtbot.addWidget(label)
    assert label.text() == text
    assert label.textFormat() == Qt.TextFormat.PlainText or not might_be_rich(text)
    later = PlainLabel()
    qtbot.addWidget(later)
    later.setText(text)
    assert later.textFormat() == Qt.TextFormat.PlainText or not might_be_rich(text)


def test_plain_tooltip_keeps_ordinary_text_and_escapes_markup():
    assert plain_tooltip("Hips & back") == "Hips & back"
    tip = plain_tooltip(marked("t"))
    assert might_be_rich(tip) and TAG not in tip and "&lt;img" in tip
