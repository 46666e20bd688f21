"""In Spanish, and in the pseudo-language (every text about 40 % longer than English),
no text is cut off or elided on a 1366×768 or 1280×720 laptop: the list, the player,
mat mode, the end screen, the history, the routine editor and the settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from hipcoach import i18n, paths
from hipcoach.app import Application
from hipcoach.core.clock import FakeClock
from hipcoach.core.history_format import CheckIn
from hipcoach.platform.screen_awake import NullScreenAwake
from hipcoach.platform.speech import Speech
from history_crash_child import make_session
from test_ui_fixtures import quiet_services
from text_fit import text_problems

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

LANGUAGES = ["es", i18n.PSEUDO]
# The inside of a window on 1366×768 and on 1280×720 of available space, frame taken off.
SIZES = [(1366 - 16, 768 - 40), (1280 - 16, 720 - 40)]
#: Mat mode fills the whole screen.
SCREENS = [(1366, 768), (1280, 720)]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture(params=LANGUAGES)
def app(request, qtbot):
    i18n.request_language(request.param)  # as `--lang`; conftest hands English back
    clock = FakeClock()
    application = Application(
        quiet_services(
            clock=clock, speech=Speech(None, "—"), screen_awake=NullScreenAwake("—"), tray=False
        )
    )
    application.settings.update(safety_acknowledged=True)
    application.finish_startup()
    application.clock = clock
    qtbot.addWidget(application.window, before_close_func=lambda _w: application.shutdown())
    return application


def run(app, seconds: float) -> None:
    for _ in range(round(seconds * 10)):
        app.clock.advance(0.1)
        app.driver.update()
    settle()


def seed_history(app) -> None:
    now = app.clock.now()
    from datetime import timedelta

    for days in (0, 1, 2, 5, 9, 16):
        loaded = app.library.routines[days % len(app.library.routines)]
        app.history.add(
            make_session(
                now - timedelta(days=days, hours=2),
                routine_id=loaded.id,
                routine_title=loaded.routine.title,
                checkin_before=CheckIn(4, 2),
                checkin_after=CheckIn(2, 4),
            )
        )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_window_holds_every_text_whole(app, width, height):
    window = app.window
    seed_history(app)
    window.resize(width, height)
    window.show()
    settle()
    problems = {"the routine list": text_problems(window)}

    window.picker.checkin.choose(0, 4)
    window.picker.checkin.choose(1, 2)
    window.space()
    settle()
    problems["getting ready"] = text_problems(window)
    run(app, 10)
    problems["the player"] = text_problems(window)
    window.space()
    settle()
    problems["the player, paused"] = text_problems(window)
    window.space()
    run(app, 400)  # long enough for the check-in after
    if window.stack.currentWidget() is not window.end_view:
        window.escape()  # a long routine: stopped
        settle()
    assert window.stack.currentWidget() is window.end_view
    assert window.end_view.checkin_box.isVisible()
    problems["the end screen"] = text_problems(window)
    window.end_view.answer_key(2)
    window.end_view.answer_key(4)
    settle()
    problems["the end screen, answered"] = text_problems(window)

    app.history_menu.actions()[0].trigger()
    settle()
    assert app.history_panel.isVisible()
    problems["the history"] = text_problems(window)

    dialog = app.open_settings()
    settle()
    assert dialog.height() <= height and dialog.width() <= width
    problems["the settings"] = text_problems(dialog)
    dialog.close()
    app.open_reminder_settings()
    settle()
    problems["the reminder settings"] = text_problems(app.reminder_dialog)
    app.reminder_dialog.close()
    window.toggle_help()
    settle()
    problems["the keys"] = text_problems(window.help_overlay)
    window.toggle_help()
    assert {view: found for view, found in problems.items() if found} == {}


def test_the_small_dialogs_hold_every_text_whole(app, qtbot):
    from hipcoach.ui.checkin_dialog import CheckInDialog

    window = app.window
    window.show()
    window.show_about()
    settle()
    problems = {"about": text_problems(window.about_dialog)}
    window.about_dialog.close()
    window.show_diagnostics()
    settle()
    problems["diagnostics"] = text_problems(window.diagnostics_dialog)
    window.diagnostics_dialog.close()
    for moment in ("before", "after"):
        dialog = CheckInDialog(moment, window)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        problems[f"check-in {moment}"] = text_problems(dialog)
    assert {view: found for view, found in problems.items() if found} == {}


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_mat_mode_holds_every_text_whole(app, width, height):
    window = app.window
    window.show()
    window.space()
    window.toggle_full_screen()
    window.resize(width, height)  # the offscreen screen is smaller than a laptop's
    run(app, 10)
    problems = {"mat mode": text_problems(window)}
    window.space()
    settle()
    problems["mat mode, paused"] = text_problems(window)
    assert {view: found for view, found in problems.items() if found} == {}


@pytest.mark.parametrize(("width", "height"), [(1366, 768 - 32), (1280, 720)])
def test_the_routine_editor_holds_every_text_whole(app, qtbot, width, height):
    from hipcoach.core.routine_store import CustomRoutineStore
    from hipcoach.ui.editor.routine_editor import RoutineEditor, editor_size

    data = paths.data_dir()
    store = CustomRoutineStore(
        data / "routines", data / "patterns.json", assets_dir=paths.assets_dir()
    )
    editor = RoutineEditor(app.library, store, app.library.get("desk-sitter-psoas"))
    editor.confirm_discard = lambda: True  # a built-in opens as an unsaved copy
    qtbot.addWidget(editor)
    editor.resize(*editor_size(QRect(0, 0, width, height)))
    editor.show()
    settle()
    problems = {}
    for row in range(editor.steps_list.count()):
        editor.steps_list.setCurrentRow(row)
        settle()
        problems[f"step {row + 1}"] = text_problems(editor)
    assert {view: found for view, found in problems.items() if found} == {}


def test_the_text_check_finds_two_texts_drawn_over_each_other(qtbot):
    from PySide6.QtWidgets import QLabel, QWidget

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 100)
    QLabel("Cambia de lado", top).setGeometry(0, 0, 150, 30)
    QLabel("Rodilla derecha", top).setGeometry(100, 10, 150, 30)
    top.show()
    problems = text_problems(top)
    assert len(problems) == 1 and "overlap" in problems[0]
