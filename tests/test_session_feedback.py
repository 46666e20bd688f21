"""The session view answers every key: mute, +15 s, skips and the keys sheet, from the mat."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from hipcoach.core.clock import FakeClock
from hipcoach.core.session import State
from test_ui_fixtures import advance, make_window


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def window(qtbot, clock):
    win, _saves = make_window(qtbot, clock=clock)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.picker.request_start()
    advance(win, clock, 6.0)  # past the get-ready countdown, breathing
    return win


def press(qtbot, window, key):
    qtbot.keyClick(QApplication.focusWidget() or window, key)


def test_m_says_sound_off_and_the_button_says_what_it_will_do(qtbot, window):
    player = window.player
    press(qtbot, window, Qt.Key.Key_M)
    assert player.mute_button.text() == "Unmute"
    assert player.sound_label.isVisible() and player.sound_label.text() == "Sound off"
    assert player.toast.isVisible() and player.toast.text() == "Sound off"
    press(qtbot, window, Qt.Key.Key_M)
    assert player.mute_button.text() == "Mute"
    assert not player.sound_label.isVisible()
    assert player.toast.text() == "Sound on"


def test_plus_15_s_skip_and_back_are_confirmed_large_and_briefly(qtbot, window):
    player = window.player
    press(qtbot, window, Qt.Key.Key_Up)
    assert player.toast.isVisible() and player.toast.text() == "+15 s"
    assert player.toast.font().pixelSize() >= player.height() * 0.05 - 1
    press(qtbot, window, Qt.Key.Key_Right)
    assert player.toast.text() == "→  Lizard — left side"
    press(qtbot, window, Qt.Key.Key_Left)
    assert player.toast.text().startswith("←  ")
    assert player.toast_timer.isActive()
    player.toast_timer.timeout.emit()  # the moment it is due: it goes by itself
    assert not player.toast.isVisible()


def test_the_keys_sheet_is_opaque_and_pauses_the_session_until_it_closes(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Question)
    sheet = window.help_overlay
    assert sheet.isVisible()
    assert window.driver.snapshot.state is State.PAUSED
    image = sheet.grab().toImage()
    # Where the pacer was: the window's own background, not the session showing through.
    corner = image.pixelColor(image.width() // 2, 8)
    assert corner == QColor(window.colours.background)
    advance(window, clock, 30.0)
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert window.driver.snapshot.state is State.RUNNING


def test_the_keys_sheet_leaves_a_paused_session_paused(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.driver.snapshot.state is State.PAUSED
    press(qtbot, window, Qt.Key.Key_Question)
    qtbot.keyClick(window.help_overlay, Qt.Key.Key_Escape)
    assert window.driver.snapshot.state is State.PAUSED


def test_pausing_does_not_move_the_pacer_or_the_buttons(qtbot, window):
    QApplication.processEvents()
    player = window.player
    before = (player.pacer.geometry(), player.controls.geometry())
    press(qtbot, window, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert "Paused" in player.status_label.text()
    assert (player.pacer.geometry(), player.controls.geometry()) == before


def test_mat_mode_shows_time_left_in_the_side_and_the_routine_and_the_muted_sound(
    qtbot, window, clock
):
    press(qtbot, window, Qt.Key.Key_Right)  # the lizard, left side
    press(qtbot, window, Qt.Key.Key_M)
    press(qtbot, window, Qt.Key.Key_F)
    qtbot.waitUntil(window.isFullScreen)
    QApplication.processEvents()
    player = window.player
    assert player.part_left_label.isVisible()
    assert player.part_left_label.text() == "0:20 left on this side"
    assert player.remaining_label.isVisible()
    assert player.remaining_label.text().endswith("left in the routine")
    assert player.sound_label.isVisible()
    # Readable from three metres: as big as the "Next" line in mat mode.
    for label in (player.part_left_label, player.remaining_label, player.sound_label):
        assert label.font().pixelSize() >= player.height() * 0.05 - 1
