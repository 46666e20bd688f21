"""Drive the real window with the keys a person on the mat (or a clicker) would press."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QSplitter, QWidget

from hipcoach.core.clock import FakeClock
from hipcoach.core.session import State
from hipcoach.core.session_events import PartStarted, Started
from hipcoach.core.settings import Settings
from hipcoach.ui.palette import DARK, LIGHT
from hipcoach.ui.picker import RoutinePicker
from test_ui_fixtures import advance, make_window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def shown(window) -> dict[str, str]:
    p = window.player
    return {
        "word": p.phase_word.text(),
        "seconds": p.seconds_label.text(),
        "pose": p.pose_label.text(),
        "side": p.side_label.text(),
        "next": p.next_label.text(),
    }


def active_timers(window) -> list[QTimer]:
    """The window's running timers and the session driver's wake-up, if it is armed."""
    timers = [t for t in window.findChildren(QTimer) if t.isActive()]
    wake = window.driver.waker.timer
    return [*timers, wake] if wake.isActive() else timers


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def window(qtbot, clock):
    win, _saves = make_window(qtbot, clock=clock)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


class Reports:
    """What the session driver told its subscribers: starts, ends and parts begun."""

    def __init__(self, window):
        self.started, self.ended, self.parts = [], [], []
        window.driver.subscribe(self._changed)

    def _changed(self, update):
        if any(isinstance(e, Started) for e in update.events):
            self.started.append(update.session)
        if update.ended:
            self.ended.append(update.session)
        self.parts += [e.segment.index for e in update.events if isinstance(e, PartStarted)]


def test_a_session_driven_by_keys_shows_what_is_happening(qtbot, window, clock):
    reports = Reports(window)
    started, ended, parts = reports.started, reports.ended, reports.parts

    press(qtbot, window, Qt.Key.Key_Space)  # one key starts the routine chosen in the list
    assert len(started) == 1
    assert window.stack.currentWidget() is window.player
    assert shown(window) == {
        "word": "Get ready",
        "seconds": "5",
        "pose": "Settle",
        "side": "",
        "next": "Next: Lizard — left side",
    }
    advance(window, clock, 5.0)
    assert shown(window)["word"] == "Inhale"
    assert shown(window)["seconds"] == "4"
    advance(window, clock, 1.5)
    assert (shown(window)["word"], shown(window)["seconds"]) == ("Inhale", "3")
    advance(window, clock, 3.0)  # 4.5 s in: the 2 s hold after a 4 s inhale
    assert (shown(window)["word"], shown(window)["seconds"]) == ("Hold", "2")

    press(qtbot, window, Qt.Key.Key_Space)  # pause
    assert window.player.state is State.PAUSED
    assert "Paused" in window.player.status_label.text()
    assert active_timers(window) == []
    advance(window, clock, 100.0)
    assert (shown(window)["word"], shown(window)["seconds"]) == ("Hold", "2")

    press(qtbot, window, Qt.Key.Key_Space)  # resume
    assert window.player.frame_timer.isActive()
    advance(window, clock, 2.0)  # 6.5 s in: exhale runs 6..12
    assert (shown(window)["word"], shown(window)["seconds"]) == ("Exhale", "6")

    press(qtbot, window, Qt.Key.Key_Right)  # next: the lizard, left side
    assert shown(window) == {
        "word": "Inhale",
        "seconds": "4",
        "pose": "Lizard",
        "side": "Left side",
        "next": "Next: Switch sides, then right side",
    }
    left_before = window.player.remaining_label.text()
    press(qtbot, window, Qt.Key.Key_Up)  # hold 15 s longer: 20 + 15, ending on a breath
    assert window.session.timeline.segments[1].duration == pytest.approx(40.0)
    assert window.player.remaining_label.text() != left_before
    press(qtbot, window, Qt.Key.Key_Plus)  # the clicker's "+" does the same
    assert window.session.timeline.segments[1].duration == pytest.approx(50.0)

    press(qtbot, window, Qt.Key.Key_PageDown)  # clicker "next": the timed switch
    assert (shown(window)["word"], shown(window)["seconds"]) == ("Switch sides", "5")
    assert shown(window)["next"] == "Next: Lizard — right side"
    press(qtbot, window, Qt.Key.Key_Left)  # just begun: back to the part before
    assert (shown(window)["pose"], shown(window)["side"]) == ("Lizard", "Left side")
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Right)
    assert (shown(window)["pose"], shown(window)["side"]) == ("Lizard", "Right side")
    assert shown(window)["next"] == "Next: Rest"
    advance(window, clock, 7.0)
    press(qtbot, window, Qt.Key.Key_PageUp)  # well into the part: back to its start
    assert (shown(window)["side"], shown(window)["seconds"]) == ("Right side", "4")

    press(qtbot, window, Qt.Key.Key_F)  # mat mode
    assert window.isFullScreen()
    assert window.player.mat_mode()
    assert not window.player.controls.isVisible()
    assert not window.menuBar().isVisible()
    assert window.player.pacer.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)  # leaves full screen, keeps the session
    assert not window.isFullScreen()
    assert window.player.is_active()
    assert window.player.controls.isVisible()

    press(qtbot, window, Qt.Key.Key_Escape)  # stops: nothing asked, practice kept
    assert window.player.state is State.STOPPED
    assert shown(window)["word"] == "Stopped"
    assert "practised" in window.player.status_label.text()
    assert ended == [window.session]
    assert parts == [0, 1, 2, 1, 2, 3]
    assert active_timers(window) == []

    press(qtbot, window, Qt.Key.Key_Escape)  # back to the list
    assert window.stack.currentWidget() is window.picker
    assert ended == [window.session]


def test_a_session_that_runs_to_the_end_reports_once(qtbot, window, clock):
    ended = Reports(window).ended
    press(qtbot, window, Qt.Key.Key_Space)
    for _ in range(20):
        advance(window, clock, 10.0)
    assert window.player.state is State.FINISHED
    assert shown(window)["word"] == "Well done"
    assert len(ended) == 1 and ended[0].completed
    assert active_timers(window) == []


def test_closing_mid_session_stops_it_and_reports_once(qtbot, clock):
    window, saves = make_window(qtbot, clock=clock)
    ended = Reports(window).ended
    window.picker.request_start()
    advance(window, clock, 12.0)
    window.close()
    assert len(ended) == 1
    assert ended[0].state is State.STOPPED
    assert ended[0].practised_seconds == pytest.approx(7.0)
    assert active_timers(window) == []
    assert saves.last.window_geometry
    assert saves.last.last_routine == "hip-flow"
    window.close()
    assert len(ended) == 1


def test_full_screen_phase_word_is_a_tenth_of_the_window_high(qtbot, window, clock):
    window.picker.request_start()
    advance(window, clock, 6.0)
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    QApplication.processEvents()
    label = window.player.phase_word
    image = label.grab().toImage()
    ink = _ink_rows(image, QColor(window.colours.text))
    assert ink >= window.height() / 10, (ink, window.height())
    assert label.font().pixelSize() >= window.height() / 10


def test_messages_stay_out_of_mat_mode_and_come_back_after(qtbot, window, clock):
    window.show_notice("Sound is unavailable: no audio output device found", "warning")
    window.picker.request_start()
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert not window.notices.isVisible()
    window.show_notice("A message that arrives mid-session", "warning")
    assert not window.notices.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.notices.isVisible() and len(window.notices.notices()) == 2


def _ink_rows(image: QImage, colour: QColor) -> int:
    """Height in logical pixels of the rows containing text-coloured pixels."""
    rows = []
    for y in range(image.height()):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) < 60:
                rows.append(y)
                break
    if not rows:
        return 0
    return round((rows[-1] - rows[0] + 1) / image.devicePixelRatio())


def test_no_timer_runs_while_paused_or_hidden(qtbot, window, clock):
    window.picker.request_start()
    advance(window, clock, 6.0)
    assert window.player.frame_timer.isActive()
    window.player.toggle()
    assert active_timers(window) == []
    window.hide()
    assert active_timers(window) == []
    window.show()
    window.player.toggle()
    assert window.player.frame_timer.isActive()


def test_hidden_window_wakes_only_at_boundaries_so_cues_still_fire(qtbot, window, clock):
    phases = []
    window.driver.subscribe(lambda update: phases.append(update.snapshot.moment.phase.kind.word))
    window.picker.request_start()
    advance(window, clock, 6.5)  # 1.5 s in: the inhale ends at 4 s
    window.hide()
    wake = window.driver.waker.timer
    assert not window.player.frame_timer.isActive()
    assert wake.isActive() and wake.isSingleShot()
    assert wake.interval() == pytest.approx(2500, abs=10)
    assert active_timers(window) == [wake]
    clock.advance(2.5)
    count = len(phases)
    wake.timeout.emit()
    assert len(phases) == count + 1
    assert phases[-1] == "Hold"
    assert wake.interval() == pytest.approx(2000, abs=10)


def test_minimised_window_stops_drawing(qtbot, window, clock):
    window.picker.request_start()
    advance(window, clock, 6.0)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert not window.player.frame_timer.isActive()
    assert window.driver.waker.timer.isActive()  # the next boundary: cues and history go on
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert window.player.frame_timer.isActive()


def test_sleep_shows_a_banner_with_resume_and_end(qtbot, window, clock):
    window.picker.request_start()
    advance(window, clock, 8.0)
    clock.sleep_computer(600)
    window.driver.update()
    banner = window.player.banner
    assert banner.isVisible()
    assert window.player.banner_text.text() == "Paused — the computer was asleep"
    assert active_timers(window) == []
    qtbot.mouseClick(window.player.banner_resume, Qt.MouseButton.LeftButton)
    assert window.player.state is State.RUNNING
    assert not banner.isVisible()
    clock.sleep_computer(600)
    window.driver.update()
    ended = Reports(window).ended
    qtbot.mouseClick(window.player.banner_end, Qt.MouseButton.LeftButton)
    assert window.player.state is State.STOPPED and len(ended) == 1


def test_everything_can_be_done_with_the_mouse(qtbot, window, clock):
    qtbot.mouseClick(window.picker.start_button, Qt.MouseButton.LeftButton)
    p = window.player
    advance(window, clock, 6.0)
    qtbot.mouseClick(p.toggle_button, Qt.MouseButton.LeftButton)
    assert p.state is State.PAUSED and p.toggle_button.text() == "Resume"
    qtbot.mouseClick(p.toggle_button, Qt.MouseButton.LeftButton)
    assert p.state is State.RUNNING
    qtbot.mouseClick(p.next_button, Qt.MouseButton.LeftButton)
    assert shown(window)["pose"] == "Lizard"
    qtbot.mouseClick(p.extend_button, Qt.MouseButton.LeftButton)
    assert window.session.timeline.segments[1].duration == pytest.approx(
        40.0
    )  # 20 + 15, on a breath
    qtbot.mouseClick(p.previous_button, Qt.MouseButton.LeftButton)
    assert shown(window)["pose"] == "Settle"
    qtbot.mouseClick(p.mute_button, Qt.MouseButton.LeftButton)
    assert window.settings_model.muted and p.mute_button.isChecked()
    qtbot.mouseClick(p.help_button, Qt.MouseButton.LeftButton)
    assert window.help_overlay.isVisible()
    qtbot.mouseClick(window.help_overlay, Qt.MouseButton.LeftButton)
    assert not window.help_overlay.isVisible()
    qtbot.mouseClick(p.fullscreen_button, Qt.MouseButton.LeftButton)
    assert window.isFullScreen()
    window.toggle_full_screen()
    qtbot.mouseClick(p.stop_button, Qt.MouseButton.LeftButton)
    assert p.state is State.STOPPED
    qtbot.mouseClick(p.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.picker


def test_help_overlay_lists_the_keys_and_closes_with_esc(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    overlay = window.help_overlay
    assert overlay.isVisible()
    text = overlay.text.text()
    for word in ("Space", "Page Down", "Page Up", "F11", "Esc", "M"):
        assert word in text
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert not window.isFullScreen()


def test_mute_is_one_value_that_the_key_the_menu_and_the_button_follow(qtbot, window):
    press(qtbot, window, Qt.Key.Key_M)
    assert window.settings_model.muted
    assert window.mute_action.isChecked()
    window.picker.request_start()
    assert window.player.mute_button.isChecked()
    qtbot.mouseClick(window.player.mute_button, Qt.MouseButton.LeftButton)
    assert not window.settings_model.muted
    assert not window.mute_action.isChecked() and not window.player.mute_button.isChecked()
    window.settings_model.set_muted(True)
    assert window.mute_action.isChecked() and window.player.mute_button.isChecked()


def test_the_list_takes_its_share_of_the_width_from_the_first_layout(qtbot, window):
    # The share is given to the splitter before it has a width; the rows are then
    # fitted to the list's width as it is on screen.
    splitter = window.picker.findChild(QSplitter)
    list_width, details_width = splitter.sizes()
    share = list_width / (list_width + details_width)
    assert share == pytest.approx(RoutinePicker.LIST_SHARE, abs=0.01)
    rows = window.picker.list
    fitted = [rows.item(r).sizeHint().width() for r in range(rows.count())]
    assert set(fitted) == {rows.viewport().width() - 2 * rows.spacing()}


def test_arrow_keys_move_through_the_list_in_the_picker(qtbot, window):
    window.picker.list.setFocus()
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.picker.current().id == "chair-breath"
    press(qtbot, window, Qt.Key.Key_Up)
    assert window.picker.current().id == "hip-flow"
    assert window.stack.currentWidget() is window.picker


def test_typing_a_space_in_search_does_not_start(qtbot, window):
    window.picker.search.setFocus()
    qtbot.keyClicks(window.picker.search, "hip flow")
    assert window.picker.search.text() == "hip flow"
    assert window.stack.currentWidget() is window.picker


def test_the_countdown_each_part_and_each_phase_are_announced(qtbot, window, clock):
    window.picker.request_start()
    said = window.player.announcements
    assert said == ["Get ready"]
    advance(window, clock, 5.0)  # the first part begins: its name, then its first phase
    assert said == ["Get ready", "Settle", "Inhale"]
    advance(window, clock, 4.0)
    assert said == ["Get ready", "Settle", "Inhale", "Hold"]
    window.driver.next_part()
    assert said[4:] == ["Lizard — left side", "Inhale"]
    window.driver.stop()
    assert said[-1] == "Stopped"


def test_every_control_has_an_accessible_name(qtbot, window):
    window.picker.request_start()
    for button in window.findChildren(QPushButton):
        assert button.accessibleName() or button.text(), button.objectName()
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            assert name, widget.objectName() or type(widget).__name__


def test_colour_scheme_override_is_applied_and_saved(qtbot, clock):
    window, saves = make_window(qtbot, clock=clock)
    window.scheme_actions["dark"].trigger()
    assert window.palette().color(window.backgroundRole()) == DARK.background
    assert window.player.pacer._palette is DARK
    assert saves.last.color_scheme == "dark"


def test_reduced_motion_setting_wins_and_the_toggle_is_saved(qtbot, clock):
    window, saves = make_window(qtbot, Settings(reduced_motion=True), clock=clock)
    assert window.reduced_motion()
    assert window.reduced_motion_action.isChecked()
    window.reduced_motion_action.trigger()
    assert not window.reduced_motion()
    assert saves.last.reduced_motion is False


def test_reduced_motion_follows_the_platform_when_unset(qtbot, clock, monkeypatch):
    from hipcoach.ui import main_window

    monkeypatch.setattr(main_window, "platform_reduced_motion", lambda: True)
    window, saves = make_window(qtbot, Settings(reduced_motion=None), clock=clock)
    # Asked right after the first frame, not before it (it may start a process).
    qtbot.waitUntil(window.reduced_motion)
    assert saves.saved == []


def test_geometry_and_last_routine_are_restored(qtbot, clock):
    first, saves = make_window(qtbot, clock=clock)
    first.picker.select("chair-breath")
    first.picker.request_start()
    first.resize(700, 500)
    first.close()
    settings = saves.last
    assert settings.last_routine == "chair-breath"
    second, _ = make_window(qtbot, settings, clock=clock)
    assert second.picker.current().id == "chair-breath"
    assert (second.width(), second.height()) == (700, 500)


def test_notices_can_be_dismissed(qtbot, window):
    window.show_notice("History could not be read", "warning")
    assert window.notices.notices() == ["History could not be read"]
    qtbot.mouseClick(window.notices.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notices.notices() == [])
    assert not window.notices.isVisible()


def test_menus_are_exposed_for_the_app_to_extend(qtbot, window):
    assert window.file_menu.title() == "&File"
    assert window.view_menu.title() == "&View"
    assert window.help_menu.title() == "&Help"


def test_a_pose_without_its_picture_plays_without_one(qtbot, window, clock):
    window.picker.select("ghost")
    window.picker.request_start()
    advance(window, clock, 6.0)
    assert shown(window)["pose"] == "Ghost pose"
    assert window.player.illustration.pixmap().isNull()


def test_the_right_side_shows_the_picture_mirrored(qtbot, window, clock):
    window.picker.request_start()
    window.player.next_part()  # from the countdown to the first step
    window.player.next_part()
    assert shown(window)["side"] == "Left side"
    left = window.player.illustration.pixmap().toImage()
    window.player.next_part()
    window.player.next_part()
    assert shown(window)["side"] == "Right side"
    right = window.player.illustration.pixmap().toImage()
    assert right.size() == left.size()
    # The ink's centre of mass moves to the mirror-image position.
    assert _ink_centre_x(right) == pytest.approx(left.width() - _ink_centre_x(left), abs=1.5)
    assert abs(_ink_centre_x(right) - _ink_centre_x(left)) > 5


def _ink_centre_x(image: QImage) -> float:
    xs = [
        x + 0.5
        for y in range(0, image.height(), 2)
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 128
    ]
    return sum(xs) / len(xs)


def test_dialogs_follow_the_windows_colour_scheme(qtbot, clock):
    from PySide6.QtGui import QPalette

    from hipcoach.ui.checkin_dialog import CheckInDialog

    window, _saves = make_window(qtbot, Settings(color_scheme="dark"), clock=clock)
    # A dialog is a window of its own: it does not inherit its parent's palette.
    dialog = CheckInDialog("after", window)
    qtbot.addWidget(dialog)
    assert dialog.palette().color(QPalette.ColorRole.Window) == DARK.background
    window.set_colour_scheme("light")
    qtbot.waitUntil(lambda: dialog.palette().color(QPalette.ColorRole.Window) == LIGHT.background)


def test_the_actions_the_keys_sheet_and_the_tooltips_come_from_one_table(qtbot, window):
    from PySide6.QtGui import QAction, QKeySequence

    from hipcoach.ui.action_table import ACTIONS, key_name, keys_text, listed

    for spec in ACTIONS:
        action = window.findChild(QAction, spec.id)
        assert action is not None, spec.id
        assert action.text() == spec.text and action.isCheckable() == spec.checkable
        if spec.keys:
            assert action.shortcuts() == [QKeySequence(k) for k in spec.keys]
    window.toggle_help()
    sheet = window.help_overlay.text.text()
    for spec in listed():
        assert keys_text(spec).replace(" or ", "  or  ") in sheet and spec.help in sheet
    window.picker.request_start()
    assert window.player.next_button.toolTip() == f"Next part ({key_name('Right')})"
    assert window.player.stop_button.toolTip() == "Stop the session (Esc)"
    assert window.player.mute_button.accessibleName() == "Mute or unmute sounds"


def test_c_shows_the_cautions_and_alternatives_of_the_pose_being_done(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    advance(window, clock, 5.0)
    press(qtbot, window, Qt.Key.Key_Right)  # the lizard, left side
    press(qtbot, window, Qt.Key.Key_C)
    overlay = window.care_overlay
    assert overlay.isVisible()
    sheet = overlay.text.text()
    assert "Lizard" in sheet and "Left side" in sheet
    assert "Go easy with a sore groin" in sheet and "Kneeling hip-flexor stretch" in sheet
    qtbot.keyClick(overlay, Qt.Key.Key_C)
    assert not overlay.isVisible()
    window.full_screen_action.trigger()  # mat mode: the same key, the same sheet
    press(qtbot, window, Qt.Key.Key_C)
    assert overlay.isVisible() and "Go easy with a sore groin" in overlay.text.text()
    press(qtbot, window, Qt.Key.Key_Escape)  # closes the sheet, stays in mat mode
    assert not overlay.isVisible() and window.isFullScreen()


def test_words_are_worked_out_once_a_second_while_the_disc_moves_every_frame(
    qtbot, window, clock, monkeypatch
):
    from hipcoach.ui import session_text

    window.picker.request_start()
    advance(window, clock, 6.0)  # 1 s into the first inhale, which lasts 4 s
    worked_out = []
    real = session_text.phase_word
    monkeypatch.setattr(
        session_text, "phase_word", lambda snap: worked_out.append(snap) or real(snap)
    )
    seconds_before, extents = window.player.seconds_label.text(), []
    for _ in range(30):  # half a second of frames, inside one second of the countdown
        advance(window, clock, 1 / 60)
        extents.append(window.player.pacer.extent())
    assert worked_out == []
    assert len(set(extents)) == len(extents)  # the disc grew on every frame
    advance(window, clock, 0.6)  # the next whole second
    assert len(worked_out) == 1
    assert window.player.seconds_label.text() != seconds_before
