"""Start-up warnings: one compact line, details in Help → Diagnostics, dismissed for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from hipcoach.core.settings import Settings
from hipcoach.ui import notices
from hipcoach.ui.notices import Notice
from test_ui_fixtures import make_window

SOUND = Notice(notices.SOUND, "no audio output device found")
SCREEN = Notice(notices.SCREEN, "The screen may sleep during a session: there is no D-Bus")


def test_several_warnings_take_one_line_that_says_how_many(qtbot):
    window, _ = make_window(qtbot)
    window.add_notice(SOUND)
    window.add_notice(SCREEN)
    QApplication.processEvents()
    bar = window.notices
    assert bar.isVisible()
    assert bar.text.text() == "2 warnings need your attention."
    # One line of text with its buttons: well under the two 45-pixel banners it replaces.
    assert bar.height() <= 2 * bar.dismiss_button.sizeHint().height()


def test_one_warning_shows_its_headline_not_the_system_words(qtbot):
    window, _ = make_window(qtbot)
    window.add_notice(SOUND)
    assert window.notices.text.text() == "Sound is unavailable, so sessions will be silent."


def test_routine_files_skipped_are_counted_in_a_whole_sentence():
    assert notices.headline(Notice(notices.ROUTINES, "a.json: bad", count=1)) == (
        "1 routine file could not be loaded and was skipped."
    )
    assert notices.headline(Notice(notices.ROUTINES, "…", count=3)) == (
        "3 routine files could not be loaded and were skipped."
    )


def test_details_open_diagnostics_with_every_message_and_copy_works(qtbot):
    window, _ = make_window(qtbot)
    window.add_notice(SOUND)
    window.add_notice(SCREEN)
    qtbot.mouseClick(window.notices.details_button, Qt.MouseButton.LeftButton)
    dialog = window.diagnostics_dialog
    qtbot.waitExposed(dialog)
    text = dialog.text.toPlainText()
    assert "no audio output device found" in text
    assert "there is no D-Bus" in text
    assert "hipcoach " in text and "Log file:" in text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()


def test_diagnostics_is_in_the_help_menu(qtbot):
    window, _ = make_window(qtbot)
    assert window.diagnostics_action in window.help_menu.actions()


def test_a_dismissed_warning_stays_dismissed_at_the_next_launch(qtbot):
    window, saves = make_window(qtbot)
    window.add_notice(SOUND)
    qtbot.mouseClick(window.notices.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.notices.isVisible()
    assert saves.last.dismissed_notices == (SOUND.key,)
    window.close()

    again, _ = make_window(
        qtbot,
        Settings(reduced_motion=False, color_scheme="light", dismissed_notices=(SOUND.key,)),
    )
    again.add_notice(SOUND)
    assert not again.notices.isVisible()
    assert again.notices.all_notices() == [SOUND]  # still listed in Diagnostics


def test_a_dismissed_warning_comes_back_when_its_cause_changes(qtbot):
    window, _ = make_window(
        qtbot,
        Settings(reduced_motion=False, color_scheme="light", dismissed_notices=(SOUND.key,)),
    )
    window.add_notice(Notice(notices.SOUND, "the PulseAudio server refused the connection"))
    assert window.notices.isVisible()
