"""The player names each half of a per-side pose in its own words and turns the picture to match."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hipcoach import paths
from hipcoach.core.clock import FakeClock
from hipcoach.core.model import Routine
from hipcoach.core.recording import record_of
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary, load_poses
from hipcoach.core.timeline import compile_timeline
from hipcoach.core.validation import convert
from test_ui_fixtures import make_window

ROUTINE = {
    "id": "halves",
    "title": "Halves",
    "steps": [
        {"kind": "pose", "pose": "hip-circles", "seconds": 20, "pattern": "natural",
         "switch_seconds": 4},
        {"kind": "pose", "pose": "kneeling-hip-flexor", "seconds": 20, "pattern": "natural",
         "switch_seconds": 4},
    ],
}  # fmt: skip


@pytest.fixture
def window(qtbot):
    poses = load_poses(paths.assets_dir() / "poses.json")
    routine = convert(ROUTINE, Routine, "halves.json")
    seconds = compile_timeline(routine, poses).total
    library = RoutineLibrary(routines=[LoadedRoutine(routine, None, True, seconds)], poses=poses)
    clock = FakeClock()
    win, _saves = make_window(qtbot, clock=clock, routines=library)
    win.clock = clock
    return win


def at(window, seconds: float) -> tuple[str, str, bool]:
    """Jump to ``seconds`` after the get-ready count; the pose, its half and the mirroring."""
    window.clock.advance(seconds)
    window.driver.update()
    p = window.player
    return p.pose_label.text(), p.side_label.text(), p._illustration_key[1]


def picture(window) -> str:
    return window.player._illustration_key[0]


def test_directions_and_sides_have_their_words_and_their_picture(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Space)
    window.clock.advance(5)  # get ready
    assert at(window, 1) == ("Standing hip circles", "Clockwise", False)
    assert picture(window) == "poses/hip-circles-clockwise.svg"
    assert at(window, 20) == ("Standing hip circles", "Anticlockwise", False)  # changing over
    assert picture(window) == "poses/hip-circles-anticlockwise.svg"
    assert at(window, 10) == ("Standing hip circles", "Anticlockwise", False)
    assert picture(window) == "poses/hip-circles-anticlockwise.svg"
    assert at(window, 20) == (
        "Kneeling hip-flexor stretch",
        "Left knee down: stretching the front of the left hip",
        False,
    )
    assert at(window, 24) == (
        "Kneeling hip-flexor stretch",
        "Right knee down: stretching the front of the right hip",
        True,
    )
    # Only the real sides count in the history: the circles not at all.
    record = record_of(window.session, "s1")
    assert (record.left_seconds, record.right_seconds) == (20, 7)
