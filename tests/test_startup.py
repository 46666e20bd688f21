"""Start-up: the window is on screen before anything it does not need is brought in."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from hipcoach import paths
from hipcoach.core.clock import FakeClock
from hipcoach.core.model import PatternFile, PoseInfo, Routine
from hipcoach.core.routines import load_library
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.ui import picker
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.palette import DARK, LIGHT
from hipcoach.ui.wake_timer import session_driver

# Runs the real `hipcoach` entry point and reports, at the first paint, whether PySide6
# has built its Qt namespace, and (if it has) the code that first asked for it.
FIRST_FRAME_DRIVER = r"""
import enum, gc, sys, traceback
from hipcoach import launcher

QT_NAMESPACE_ENUMS = {"GlobalColor", "Key", "AlignmentFlag", "WindowType", "ColorScheme"}
built_by = []
create = enum.EnumType._create_

def watched_create(cls, class_name, *args, **kwargs):
    if class_name in QT_NAMESPACE_ENUMS and not built_by:
        built_by.append("".join(traceback.format_stack(limit=12)[:-1]))
    return create(cls, class_name, *args, **kwargs)

enum.EnumType._create_ = watched_create

import PySide6.QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from hipcoach import app as hipcoach_app

qt_app = QApplication(sys.argv[:1])
events = []

class Paints(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and not events:
            events.append("paint")
            qt_namespace_at_paint = "Qt" in PySide6.QtCore.__dict__
            print("collecting-at-first-paint:", gc.isenabled())
            print("history-format-at-first-paint:", "hipcoach.core.history_format" in sys.modules)
            print("qt-namespace-at-first-paint:", qt_namespace_at_paint)
            if qt_namespace_at_paint:
                print(built_by[0] if built_by else "(no stack)", file=sys.stderr)
        return False

paints = Paints()
qt_app.installEventFilter(paints)
finish = hipcoach_app.Application.finish_startup

def recorded_finish(self):
    events.append("finish_startup")
    finish(self)

hipcoach_app.Application.finish_startup = recorded_finish
QTimer.singleShot(1000, qt_app.closeAllWindows)
status = launcher.main()
print("events:", " ".join(events))
print("collecting-at-exit:", gc.isenabled(), "frozen:", gc.get_freeze_count() > 0)
sys.exit(status)
"""


def run_first_frame_driver(data_dir, driver=FIRST_FRAME_DRIVER):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", driver],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return report, result.stderr


def test_the_window_is_painted_before_history_and_sound_are_brought_in(tmp_path):
    report, stderr = run_first_frame_driver(tmp_path)
    assert report["events"] == "paint finish_startup", stderr[-3000:]
    # Not even the history's format (a check-in or a sleep brings it in when it happens).
    assert report["history-format-at-first-paint"] == "False"
    # The log file is attached after the first frame, still private to the person.
    log_file = tmp_path / "hipcoach.log"
    assert log_file.exists()
    assert oct(log_file.stat().st_mode & 0o777) == "0o600"


def test_garbage_collection_waits_until_start_up_is_over(tmp_path):
    # Paused by the launcher (docs/performance.md), then resumed with the start-up's
    # objects frozen out of later collections.
    report, stderr = run_first_frame_driver(tmp_path)
    assert report["collecting-at-first-paint"] == "False", stderr[-3000:]
    assert report["collecting-at-exit"] == "True frozen: True"


def test_the_first_frame_does_not_build_pysides_qt_namespace(tmp_path):
    # Building it is 15-25 ms of Python enum classes; the first frame needs none of them.
    # If this fails, the stack below shows which call asked for a Qt.* enum first: move
    # it after the first frame, or write it without the enum (see ui/main_window.py).
    report, stderr = run_first_frame_driver(tmp_path)
    assert report["qt-namespace-at-first-paint"] == "False", stderr[-4000:]


# The real `hipcoach` entry point again, watching the main window alone (an application-wide
# filter would itself make PySide6 build the Python type of every widget class it meets).
WINDOW_WATCH_DRIVER = r"""
import re, sys
import PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from hipcoach import launcher
from hipcoach.ui.main_window import MainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
            print("every-widget-type-built:", "QWizard" in vars(PySide6.QtWidgets))
            print("message-box-type-built:", "QMessageBox" in vars(PySide6.QtWidgets))
            print("import-check-reads-bytes:", hasattr(check, "replaces"))
            compiled = {
                name
                for name, module in list(sys.modules.items())
                if name.startswith("hipcoach")
                for value in list(vars(module).values())
                if isinstance(value, re.Pattern)
            }
            print("patterns-compiled-at-import:", " ".join(sorted(compiled)) or "none")
            QApplication.instance().exit(0)
        return False

show = MainWindow.show

def show_watched(window):
    window.installEventFilter(FirstPaint(window))
    show(window)

MainWindow.show = show_watched
sys.exit(launcher.main())
"""


def test_the_first_frame_builds_only_the_widget_types_it_uses(tmp_path):
    # Asking Qt for a widget it made itself (a list's viewport, say) makes PySide6 build
    # the Python type of every kind of widget, 15-25 ms; the first frame must not.
    report, _stderr = run_first_frame_driver(tmp_path, WINDOW_WATCH_DRIVER)
    assert report["every-widget-type-built"] == "False"
    # Nor the message box's (a default argument naming its buttons would, ~2 ms).
    assert report["message-box-type-built"] == "False"
    assert report["import-check-reads-bytes"] == "True"
    # Nor compile regular expressions at import: each costs a few hundred microseconds of
    # Python, and the modules loaded before the first frame only need theirs for a bad file.
    assert report["patterns-compiled-at-import"] == "none"


def test_the_item_role_written_as_a_number_is_qts_user_role():
    assert Qt.ItemDataRole.UserRole.value == picker.ID_ROLE


@pytest.fixture
def dark_system(qapp):
    """The system hands Qt a dark palette (conftest puts the old one back afterwards)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#F0F0F0"))
    qapp.setPalette(palette)


def window_with(qtbot, settings: Settings) -> MainWindow:
    library = load_library(paths.assets_dir(), paths.custom_routines_dir())
    window = MainWindow(
        library, session_driver(FakeClock()), SettingsModel(settings, lambda _s: None)
    )
    qtbot.addWidget(window)
    return window


def test_first_frame_colours_follow_the_system_palette_then_the_scheme_decides(qtbot, dark_system):
    window = window_with(qtbot, Settings())
    # The first frame: the dark system palette says the scheme is dark.
    assert window.colours is DARK
    with qtbot.waitSignal(window.firstFrameShown, timeout=5000):
        window.show()
    # Then Qt's own answer wins: the offscreen platform reports no scheme (light).
    assert window.colours is LIGHT


def test_an_explicit_scheme_ignores_the_system_from_the_first_frame(qtbot, dark_system):
    window = window_with(qtbot, Settings(color_scheme="light"))
    assert window.colours is LIGHT
    with qtbot.waitSignal(window.firstFrameShown, timeout=5000):
        window.show()
    assert window.colours is LIGHT


@pytest.mark.parametrize("struct", [Routine, PoseInfo, PatternFile, Settings])
def test_the_file_formats_annotations_are_types_not_strings(struct):
    # msgspec compiles string annotations the first time it converts a document into the
    # type: ~3 ms of start-up for the routine format alone.
    assert not any(isinstance(a, str) for a in struct.__annotations__.values())
