"""The words the session view shows, read from real sessions on a fake clock."""

from __future__ import annotations

import subprocess
import sys

from hipcoach.core.session import Session, Snapshot
from hipcoach.ui import session_text
from routine_factory import session

BOX = {"kind": "breath", "pattern": "box", "cycles": 2}  # 0..32 s
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 30}  # left 32..62, switch ..70, right ..100
REST = {"kind": "rest", "seconds": 10}  # 100..110


def started(*steps: dict, get_ready: float = 0.0):
    s, clock = session(*steps, get_ready=get_ready)
    s.start()
    return s, clock


def at(s: Session, clock, seconds: float) -> Snapshot:
    clock.advance(seconds)
    return s.update()


def test_next_names_the_other_side_during_a_per_side_hold():
    s, clock = started(BOX, LIZARD, REST)
    snap = at(s, clock, 40)
    assert session_text.pose_title(s, snap) == "Lizard"
    assert session_text.side_text(snap) == "Left side"
    assert session_text.next_text(s, snap) == "Next: Switch sides, then right side"


def test_while_switching_sides_the_pose_and_side_are_those_switched_into():
    s, clock = started(BOX, LIZARD, REST)
    snap = at(s, clock, 65)
    assert session_text.phase_word(snap) == "Switch sides"
    assert session_text.seconds_left(snap) == "5"
    assert (session_text.pose_title(s, snap), session_text.side_text(snap)) == (
        "Lizard",
        "Right side",
    )
    assert session_text.pattern_text(snap) == ""
    assert session_text.next_text(s, snap) == "Next: Lizard — right side"


def test_get_ready_counts_down_and_keeps_saying_so_while_paused():
    s, clock = started(BOX, get_ready=5)
    snap = at(s, clock, 1.5)
    assert (session_text.phase_word(snap), session_text.seconds_left(snap)) == ("Get ready", "4")
    s.pause()
    snap = at(s, clock, 30)
    assert (session_text.phase_word(snap), session_text.seconds_left(snap)) == ("Get ready", "4")
    assert session_text.status_text(s, snap) == "Paused — press Space to go on"


def test_the_breath_count_shows_only_while_paced_breathing_runs():
    s, clock = started(BOX, REST)
    snap = at(s, clock, 1)
    assert session_text.phase_word(snap) == "Inhale"
    assert session_text.seconds_left(snap) == "3"
    assert session_text.pattern_text(snap) == "Box 4-4-4-4 · breath 1"
    assert session_text.pattern_text(at(s, clock, 16)) == "Box 4-4-4-4 · breath 2"
    rest = at(s, clock, 20)
    assert session_text.phase_word(rest) == "Rest"
    assert session_text.pattern_text(rest) == "Natural breathing"


def test_the_last_part_is_followed_by_the_end():
    s, clock = started(BOX, REST)
    snap = at(s, clock, 35)
    assert session_text.next_text(s, snap) == "Next: the end"
    assert session_text.remaining_text(snap) == "0:07 left in the routine"
    assert session_text.step_text(s, snap) == "Step 2 of 2"


def test_instructions_are_one_bulleted_line_each_for_the_part_being_held():
    s, clock = started(LIZARD)
    snap = at(s, clock, 3)
    assert session_text.instructions_text(snap) == "• Front foot outside the hand"


def test_a_pattern_with_holds_says_they_are_optional_while_it_runs():
    s, clock = started(BOX, LIZARD)
    assert (
        session_text.instructions_text(at(s, clock, 5))
        == "• Holds are optional: shorten or skip them."
    )
    assert "optional" not in session_text.instructions_text(at(s, clock, 30))


def test_the_care_sheet_names_the_part_its_cautions_and_alternatives():
    s, clock = started(LIZARD)
    care = session_text.care_text(at(s, clock, 3))
    assert care == ("Lizard", "Left side", ["Knees"], [])


def test_a_sleep_pause_leaves_the_status_line_to_the_banner():
    s, clock = started(BOX)
    at(s, clock, 5)
    clock.sleep_computer(600)
    assert session_text.status_text(s, s.update()) == ""


def test_a_stopped_session_names_the_routine_and_what_was_practised():
    s, clock = started(BOX, LIZARD)
    at(s, clock, 40)
    s.stop()
    snap = s.update()
    assert session_text.phase_word(snap) == "Stopped"
    assert session_text.pose_title(s, snap) == "Test"
    assert [
        session_text.seconds_left(snap),
        session_text.side_text(snap),
        session_text.next_text(s, snap),
        session_text.instructions_text(snap),
    ] == ["", "", "", ""]
    assert session_text.status_text(s, snap) == (
        "0:40 practised. Press Esc to choose another routine."
    )


def test_a_finished_session_says_well_done():
    s, clock = started(REST)
    snap = at(s, clock, 12)
    assert session_text.phase_word(snap) == "Well done"
    assert session_text.status_text(s, snap).startswith("0:10 practised.")


def test_the_texts_are_worked_out_without_loading_qt():
    code = (
        "import sys\n"
        "import hipcoach.ui.session_text\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_a_long_half_label_is_left_out_of_the_next_line():
    halves = [
        {"label": "left knee down: stretching the front of the left hip", "side": "left"},
        {"label": "right knee down: stretching the front of the right hip", "side": "right"},
    ]
    s, clock = started(BOX, {**LIZARD, "halves": halves})
    assert session_text.next_text(s, at(s, clock, 5)) == "Next: Lizard"
    snap = at(s, clock, 35)
    assert session_text.side_text(snap) == "Left knee down: stretching the front of the left hip"


def test_a_change_of_direction_is_called_so_not_a_switch_of_sides():
    circles = {
        "kind": "pose",
        "pose": "lizard",
        "seconds": 20,
        "switch_seconds": 5,
        "halves": [{"label": "clockwise"}, {"label": "anticlockwise"}],
    }
    s, clock = started(circles)
    snap = at(s, clock, 22)  # left 0..20, the switch 20..25
    assert session_text.phase_word(snap) == "Change direction"
