"""The window fits the screen it opens on, and every view works on a 1366×768 or 1280×720 laptop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from hipcoach.app import Application, Services
from hipcoach.core.clock import FakeClock
from hipcoach.core.settings import Settings
from hipcoach.platform.sound import RecordingSoundSink
from hipcoach.platform.speech import Speech
from hipcoach.ui import window_fit
from test_ui_fixtures import make_window
from text_fit import text_problems

#: A 1366×768 laptop with a 32-pixel panel at the top: what a window may use.
LAPTOP = QRect(0, 32, 1366, 736)
DESKTOP = QRect(0, 0, 1920, 1080)


def test_the_first_size_on_a_small_laptop_leaves_room_for_the_frame():
    inside = window_fit.first_geometry(LAPTOP)
    assert window_fit.fits(inside, LAPTOP)
    assert inside.width() == 1280
    assert inside.height() == LAPTOP.height() - window_fit.TITLE_BAR - window_fit.BORDER


def test_the_first_size_on_a_big_screen_is_the_preferred_size_centred():
    inside = window_fit.first_geometry(DESKTOP)
    assert (inside.width(), inside.height()) == window_fit.PREFERRED_SIZE
    assert inside.center() == DESKTOP.center()


def test_a_saved_place_that_fits_is_kept_as_it_was():
    saved = QRect(40, 100, 900, 600)
    assert window_fit.fitted_geometry(saved, LAPTOP) == saved


@pytest.mark.parametrize(
    "saved",
    [
        QRect(300, 200, 1700, 950),  # saved on a big screen
        QRect(2000, 40, 800, 600),  # on a second screen, since unplugged
        QRect(-500, -300, 1000, 700),  # dragged half off the top left
    ],
)
def test_a_saved_place_that_does_not_fit_is_fitted_into_the_screen(saved):
    fitted = window_fit.fitted_geometry(saved, LAPTOP)
    assert window_fit.fits(fitted, LAPTOP)
    assert fitted.width() <= saved.width() and fitted.height() <= saved.height()


def test_the_first_launch_opens_inside_the_screen(qtbot):
    from hipcoach.core.settings_model import SettingsModel
    from hipcoach.ui.main_window import MainWindow
    from hipcoach.ui.wake_timer import session_driver
    from test_ui_fixtures import library

    model = SettingsModel(Settings(reduced_motion=False), lambda _s: None)
    window = MainWindow(library(), session_driver(FakeClock()), model)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window_fit.fits(window.geometry(), available)


def test_a_window_saved_on_a_bigger_screen_opens_fitted(qtbot):
    big, _saves = make_window(qtbot)
    available = big.screen().availableGeometry()
    big.setGeometry(QRect(available.x() + 100, available.y() + 80, 2400, 1500))
    encoded = bytes(big.saveGeometry().toBase64()).decode("ascii")
    big.close()

    window, _saves = make_window(
        qtbot, Settings(reduced_motion=False, color_scheme="light", window_geometry=encoded)
    )
    assert window_fit.fits(window.geometry(), window.screen().availableGeometry())


# -- every view, on a small laptop ----------------------------------------------------


@pytest.fixture
def app(qtbot):
    clock = FakeClock()
    application = Application(
        Services(clock=clock, sound=RecordingSoundSink(), speech=Speech(None, "no speech"))
    )
    application.settings.update(safety_acknowledged=True)  # the first time: test_safety_gate
    application.finish_startup()
    qtbot.addWidget(application.window)
    application.clock = clock
    yield application
    application.shutdown()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


# The inside of a window on 1366×768 and on 1280×720 of available space, frame taken off.
SIZES = [(1366 - 16, 768 - 40), (1280 - 16, 720 - 40)]


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_fits_a_small_laptop_with_no_text_cut(app, width, height, scheme):
    window = app.window
    window.set_colour_scheme(scheme)
    window.resize(width, height)
    window.show()
    settle()
    assert text_problems(window) == [], "the routine list"

    window.picker.checkin.choose(0, 4)
    window.picker.checkin.choose(1, 2)
    window.space()
    for _ in range(100):
        app.clock.advance(0.1)
        app.driver.update()
    settle()
    assert text_problems(window) == [], "the player"

    for _ in range(400):  # long enough for the check-in after
        app.clock.advance(0.1)
        app.driver.update()
    window.escape()
    settle()
    assert window.stack.currentWidget() is window.end_view
    assert window.end_view.checkin_box.isVisible()
    assert text_problems(window) == [], "the end screen"
    window.end_view.answer_key(2)
    window.end_view.answer_key(4)
    settle()
    assert text_problems(window) == [], "the end screen, answered"

    # With a check-in change, whose tile is the widest, and the chart.
    app.history_menu.actions()[0].trigger()
    settle()
    assert app.history_panel.isVisible()
    assert app.history_panel.checkin_tile.value.text() != "–"
    assert text_problems(window) == [], "the history"
    chart = app.history_panel.chart
    assert chart.visibleRegion().boundingRect().width() == chart.width()  # today is in sight

    dialog = app.open_settings()
    settle()
    assert dialog.height() <= height and dialog.width() <= width
    assert text_problems(dialog) == [], "the settings"
    dialog.close()


def test_the_text_check_finds_a_squeezed_button_and_a_cut_label(qtbot):
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 100)
    button = QPushButton("Back to routines", top)
    button.setGeometry(0, 0, 40, 30)
    label = QLabel("A label much longer than its room", top)
    label.setGeometry(0, 40, 60, 20)
    outside = QPushButton("Out", top)
    outside.setGeometry(280, 80, 60, 30)
    top.show()
    problems = text_problems(top)
    assert len(problems) == 3
    assert "Back to routines" in problems[0] and "outside" in problems[2]


@pytest.mark.parametrize(("width", "height"), [(1366, 768 - 32), (1280, 720)])
def test_the_routine_editor_fits_a_small_laptop_with_no_text_cut(qtbot, width, height):
    from hipcoach import paths
    from hipcoach.core.routine_store import CustomRoutineStore
    from hipcoach.core.routines import load_library
    from hipcoach.ui.editor.routine_editor import RoutineEditor, editor_size

    data = paths.data_dir()
    store = CustomRoutineStore(
        data / "routines", data / "patterns.json", assets_dir=paths.assets_dir()
    )
    library = load_library(paths.assets_dir(), data / "routines", data / "patterns.json")
    size = editor_size(QRect(0, 0, width, height))
    assert size[1] + 40 <= height and size[0] <= width
    editor = RoutineEditor(library, store, library.get("desk-sitter-psoas"))
    editor.confirm_discard = lambda: True  # a built-in opens as an unsaved copy
    qtbot.addWidget(editor)
    editor.resize(*size)
    editor.show()
    settle()
    for row in range(editor.steps_list.count()):
        editor.steps_list.setCurrentRow(row)
        settle()
        assert text_problems(editor) == [], f"step {row + 1}"
