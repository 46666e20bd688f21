"""The safety note before the first session: read and acknowledged once, then one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hipcoach.core.clock import FakeClock
from hipcoach.core.session import State
from hipcoach.core.settings import Settings
from test_ui_fixtures import make_window


def _button(box: QMessageBox, role: QMessageBox.ButtonRole):
    return next(b for b in box.buttons() if box.buttonRole(b) is role)


def test_the_first_start_shows_the_note_and_starts_once_it_is_acknowledged(qtbot):
    window, saves = make_window(qtbot, Settings(color_scheme="light"), FakeClock(),
                                safety_acknowledged=False)  # fmt: skip
    window.space()  # Space in the routine list
    gate = window.safety_gate
    assert gate is not None and gate.isVisible()
    assert "not medical advice" in gate.text()
    assert window.driver.session is None  # nothing runs until the note is acknowledged
    qtbot.mouseClick(_button(gate, QMessageBox.ButtonRole.AcceptRole), Qt.MouseButton.LeftButton)
    assert window.driver.session is not None
    assert window.driver.session.update().state is State.GET_READY
    assert saves.last.safety_acknowledged


def test_not_now_starts_nothing_and_asks_again_next_time(qtbot):
    window, _saves = make_window(qtbot, Settings(color_scheme="light"), FakeClock(),
                                safety_acknowledged=False)  # fmt: skip
    window.picker.request_start()
    qtbot.mouseClick(
        _button(window.safety_gate, QMessageBox.ButtonRole.RejectRole), Qt.MouseButton.LeftButton
    )
    assert window.driver.session is None and not window.settings.safety_acknowledged
    window.picker.request_start()
    assert window.safety_gate.isVisible()


def test_once_acknowledged_the_note_is_not_asked_again_and_stays_one_click_away(qtbot):
    window, _saves = make_window(qtbot, Settings(color_scheme="light"), FakeClock())
    window.picker.request_start()
    assert window.safety_gate is None and window.driver.session is not None
    assert window.safety_action in window.help_menu.actions()
    window.show_picker()
    assert "not medical advice" in window.picker.details.toPlainText()
