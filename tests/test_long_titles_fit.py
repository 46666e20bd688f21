"""A long pose name (Spanish runs about a third longer) stays whole in the session view."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from hipcoach.core.clock import FakeClock
from hipcoach.core.model import PoseStep, Routine
from hipcoach.core.routines import RoutineLibrary
from test_ui_fixtures import POSES, loaded, make_window

LONG = "Estiramiento de flexores de rodillas, con las manos en el muslo de delante"
ROUTINE = Routine(
    id="long",
    title="Largo",
    steps=[PoseStep(name=LONG, seconds=60, pattern="natural")],
)


def library() -> RoutineLibrary:
    return RoutineLibrary(routines=[loaded(ROUTINE)], poses=dict(POSES))


def whole(label) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height() + 1
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("mat_mode", [False, True])
def test_a_long_pose_name_is_never_cut_off(qtbot, width, height, mat_mode):
    clock = FakeClock()
    window, _ = make_window(qtbot, clock=clock, routines=library())
    window.resize(width, height)
    window.start_routine(window.picker.current())
    clock.advance(10)
    window.driver.update()
    if mat_mode:
        window.toggle_full_screen()
        window.player.resize(width, height)
    for _ in range(3):  # a wrapped title takes its second line at the next layout pass
        QApplication.processEvents()
    label = window.player.pose_label
    assert label.text() == LONG
    assert whole(label), (label.font().pixelSize(), label.width())
