"""The check-in never stands between a clicker on the mat and the session."""

import pytest
from PySide6.QtCore import Qt

from hipcoach.ui.checkin_dialog import CheckInDialog


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_space_enter_or_escape_skip_at_once(qtbot, key):
    dialog = CheckInDialog("before")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget() or dialog, key)
    assert not dialog.isVisible()
    assert dialog.result_value().checkin is None


def test_enter_saves_once_both_ratings_are_chosen(qtbot):
    dialog = CheckInDialog("after")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tightness.set_value(2)
    dialog.calm.set_value(5)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    result = dialog.result_value()
    assert (result.checkin.tightness, result.checkin.calm) == (2, 5)
