"""The routine picker: list, search, tag filter, details, start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from hipcoach.ui.picker import RoutinePicker
from test_ui_fixtures import library


@pytest.fixture
def picker(qtbot):
    # A plain top-level holder: a laid-out top-level would push size hints to the
    # offscreen platform, which warns that it cannot take them.
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(1000, 700)
    widget = RoutinePicker(library(), holder)
    widget.setGeometry(0, 0, 1000, 700)
    holder.show()
    yield widget
    holder.close()


def test_lists_every_routine_with_its_length_and_tags(picker):
    texts = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert texts[0] == "Hip flow\n1 min · psoas, evening"
    assert texts[1] == "Chair breathing\n32 s · breath only, chair friendly"
    assert texts[2] == "Ghost routine\n12 s · your routine · evening"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", ["hip-flow", "chair-breath", "ghost"]),
        ("chair", ["chair-breath"]),
        ("LIZARD", ["hip-flow"]),
        ("breath only", ["chair-breath"]),
        ("hip settle", ["hip-flow"]),
        ("nothing like this", []),
    ],
)
def test_search_matches_title_description_tags_and_steps(picker, query, ids):
    picker.search.setText(query)
    assert picker.visible_ids() == ids


def test_tag_filter_combines_with_search(picker):
    picker.tag_filter.setCurrentIndex(picker.tag_filter.findData("evening"))
    assert picker.visible_ids() == ["hip-flow", "ghost"]
    picker.search.setText("ghost")
    assert picker.visible_ids() == ["ghost"]
    assert picker.current().id == "ghost"


def test_no_match_disables_start(picker):
    picker.search.setText("zzz")
    assert picker.current() is None
    assert not picker.start_button.isEnabled()
    assert picker.empty_label.isVisible()
    assert picker.empty_label.alignment() & Qt.AlignmentFlag.AlignHCenter


def test_details_show_equipment_steps_cautions_alternatives_and_safety(picker):
    text = picker.details.toPlainText()
    assert "A short test flow." in text
    assert "You'll need" in text and "A folded blanket" in text
    assert text.index("A folded blanket") < text.index("Steps")
    assert "Settle" in text and "24 s" in text and "4 / 2 / 6" in text
    assert "Lizard" in text and "each side" in text and "45 s" in text
    assert "Longer exhale 4 / 6" in text
    assert "Go easy with a sore groin" in text
    assert "Kneeling hip-flexor stretch" in text
    from hipcoach.ui.picker import safety_note

    if safety_note():
        assert safety_note().splitlines()[0][:40] in text


def test_start_button_enter_and_double_click_start_the_current_routine(picker, qtbot):
    with qtbot.waitSignal(picker.startRequested) as blocker:
        qtbot.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].id == "hip-flow"
    picker.select("chair-breath")
    picker.list.setFocus()
    with qtbot.waitSignal(picker.startRequested) as blocker:
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert blocker.args[0].id == "chair-breath"
    picker.search.setFocus()
    with qtbot.waitSignal(picker.startRequested):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def test_select_unknown_routine_keeps_the_current_one(picker):
    assert not picker.select("gone")
    assert picker.current().id == "hip-flow"


def test_details_say_holds_are_optional_only_for_routines_that_hold_the_breath(picker):
    from hipcoach.core.safety import BREATH_SAFETY_HINT

    assert BREATH_SAFETY_HINT in picker.details.toPlainText()  # hip flow holds 2 s
    picker.select("ghost")
    assert BREATH_SAFETY_HINT not in picker.details.toPlainText()
