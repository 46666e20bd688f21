import pytest

from hipcoach.core.model import Pattern, Ramp
from hipcoach.core.timeline import CompileError, PhaseKind, SegmentKind, Side, compile_timeline
from routine_factory import POSES, routine, timeline

BOX = {"kind": "breath", "pattern": "box", "cycles": 2}


@pytest.mark.parametrize(
    ("t", "kind", "cycle", "progress"),
    [
        (0.0, PhaseKind.INHALE, 1, 0.0),
        (2.0, PhaseKind.INHALE, 1, 0.5),
        (4.0, PhaseKind.HOLD_IN, 1, 0.0),
        (9.0, PhaseKind.EXHALE, 1, 0.25),
        (15.999, PhaseKind.HOLD_OUT, 1, pytest.approx(0.99975)),
        (16.0, PhaseKind.INHALE, 2, 0.0),
        (31.0, PhaseKind.HOLD_OUT, 2, 0.75),
    ],
)
def test_box_phase_boundaries(t, kind, cycle, progress):
    moment = timeline(BOX).at(t)
    assert (moment.phase.kind, moment.cycle, moment.progress) == (kind, cycle, progress)


def test_cycles_set_the_length_of_a_breath_step():
    assert timeline(BOX).total == 32.0
    assert timeline({"kind": "breath", "pattern": "4-7-8", "cycles": 4}).total == 76.0


def test_cyclic_sigh_has_a_top_up_inhale_before_the_exhale():
    kinds = [
        p.kind for p in timeline({"kind": "breath", "pattern": "cyclic-sigh", "cycles": 1}).phases
    ]
    assert kinds == [PhaseKind.INHALE, PhaseKind.TOP_UP, PhaseKind.EXHALE]


def test_ramp_lengthens_the_exhale_every_n_cycles_up_to_the_cap():
    pattern = Pattern(inhale=4, exhale=4, ramp=Ramp(phase="exhale", by=0.5, every=2, until=5))
    tl = timeline({"kind": "breath", "pattern": msgspec_dict(pattern), "cycles": 8})
    exhales = [p.duration for p in tl.phases if p.kind is PhaseKind.EXHALE]
    assert exhales == [4, 4, 4.5, 4.5, 5, 5, 5, 5]


def msgspec_dict(pattern):
    import msgspec

    return msgspec.to_builtins(pattern)


def test_seconds_end_the_step_on_the_nearest_whole_breath():
    tl = timeline({"kind": "breath", "pattern": "extended-exhale", "seconds": 16})
    assert tl.total == 20
    assert tl.phases[-1].kind is PhaseKind.EXHALE
    assert tl.phases[-1].end == 20 and tl.phases[-1].duration == 6


def test_per_side_pose_is_left_switch_right():
    tl = timeline({"kind": "pose", "pose": "lizard", "seconds": 30, "switch_seconds": 6})
    parts = [(s.kind, s.side, s.start, s.end) for s in tl.segments]
    assert parts == [
        (SegmentKind.POSE, Side.LEFT, 0, 30),
        (SegmentKind.SWITCH, None, 30, 36),
        (SegmentKind.POSE, Side.RIGHT, 36, 66),
    ]
    assert tl.at(31).phase.kind is PhaseKind.SWITCH_SIDES
    assert tl.at(40).segment.label == "Lizard — right side"


def test_rounds_repeat_both_sides_with_switches_between():
    tl = timeline({"kind": "pose", "pose": "lizard", "seconds": 10, "rounds": 2})
    sides = [s.side for s in tl.segments if s.kind is SegmentKind.POSE]
    assert sides == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]
    assert sum(1 for s in tl.segments if s.kind is SegmentKind.SWITCH) == 3
    assert tl.total == 4 * 10 + 3 * 8


def test_pose_held_for_breaths_lasts_that_many_cycles():
    tl = timeline({"kind": "pose", "pose": "butterfly", "breaths": 5, "pattern": "resonance"})
    assert tl.total == 55
    assert tl.segments[0].cues == ("Sit tall",)


def test_halves_that_are_directions_have_their_own_words_and_no_side():
    tl = timeline(
        {
            "kind": "pose",
            "name": "Hip circles",
            "seconds": 20,
            "per_side": True,
            "halves": [{"label": "clockwise"}, {"label": "anticlockwise", "drawing": "mirrored"}],
            "switch_title": "Change direction",
            "pattern": "natural",
        }
    )
    holds = [s for s in tl.segments if s.kind is SegmentKind.POSE]
    assert [s.side_label for s in holds] == ["clockwise", "anticlockwise"]
    assert [s.mirrored for s in holds] == [False, True]
    assert all(s.side is None for s in tl.segments)
    assert tl.segments[1].title == "Change direction"
    assert tl.at(5).phase.kind is PhaseKind.NATURAL


def test_halves_name_where_the_legs_are_and_which_side_is_stretched():
    halves = [
        {"label": "right foot forward: stretching the left hip", "side": "left"},
        {"label": "left foot forward: stretching the right hip", "side": "right"},
    ]
    tl = timeline({"kind": "pose", "pose": "lizard", "seconds": 10, "halves": halves})
    holds = [s for s in tl.segments if s.kind is SegmentKind.POSE]
    assert [(s.side, s.side_label) for s in holds] == [
        (Side.LEFT, "right foot forward: stretching the left hip"),
        (Side.RIGHT, "left foot forward: stretching the right hip"),
    ]
    assert [s.mirrored for s in holds] == [False, False]  # "as-drawn" unless it says otherwise
    assert tl.segments[1].title == "Switch sides"


def test_a_per_side_pose_without_halves_is_left_then_right_mirrored():
    tl = timeline({"kind": "pose", "name": "My lunge", "seconds": 10, "per_side": True})
    holds = [s for s in tl.segments if s.kind is SegmentKind.POSE]
    assert [(s.side, s.side_label, s.mirrored) for s in holds] == [
        (Side.LEFT, "left side", False),
        (Side.RIGHT, "right side", True),
    ]


def test_breathing_parts_play_in_order_within_each_half():
    tl = timeline(
        {
            "kind": "pose",
            "pose": "lizard",
            "switch_seconds": 5,
            "breathing": [
                {"pattern": "natural", "seconds": 12},
                {"pattern": "extended-exhale", "breaths": 2},
            ],
        }
    )
    parts = [(s.kind, s.side, s.duration) for s in tl.segments]
    assert parts == [
        (SegmentKind.POSE, Side.LEFT, 12),
        (SegmentKind.POSE, Side.LEFT, 20),
        (SegmentKind.SWITCH, None, 5),
        (SegmentKind.POSE, Side.RIGHT, 12),
        (SegmentKind.POSE, Side.RIGHT, 20),
    ]
    assert tl.segments[0].pattern is None and tl.segments[1].pattern.exhale == 6
    assert tl.step_bounds(0) == (0, 69)


def test_an_unknown_pattern_in_a_breathing_part_names_its_path():
    step = {"kind": "pose", "pose": "butterfly", "breathing": [{"pattern": "zzz", "seconds": 5}]}
    with pytest.raises(CompileError) as exc:
        compile_timeline(routine(step), POSES)
    assert exc.value.path == "$.steps[0].breathing[0].pattern"


def test_moment_reports_step_routine_and_what_comes_next():
    tl = timeline(BOX, {"kind": "rest", "seconds": 8, "title": "Lie still"})
    m = tl.at(8.0)
    assert m.phase_left == 4.0
    assert m.step_left == 24.0
    assert m.routine_left == 32.0
    assert m.next_segment.title == "Lie still"
    assert m.next_phase.kind is PhaseKind.HOLD_OUT
    assert tl.at(35).phase.kind is PhaseKind.REST


def test_at_clamps_outside_the_routine():
    tl = timeline(BOX)
    assert tl.at(-3).phase.index == 0
    assert tl.at(1000).phase.index == len(tl.phases) - 1


def test_extension_moves_everything_after_the_segment_later():
    tl = timeline({"kind": "pose", "pose": "butterfly", "seconds": 30}, BOX)
    longer = tl.extended(0, 20)
    assert longer.segments[0].end == 50
    assert longer.segments[1].start == 50
    assert longer.total == tl.total + 20


def test_unknown_pose_and_pattern_name_their_path():
    with pytest.raises(CompileError) as pose:
        compile_timeline(routine({"kind": "pose", "pose": "handstand", "seconds": 5}), POSES)
    assert pose.value.path == "$.steps[0].pose" and "handstand" in pose.value.reason
    with pytest.raises(CompileError) as pattern:
        compile_timeline(routine(BOX, {"kind": "breath", "pattern": "zzz", "cycles": 1}), POSES)
    assert pattern.value.path == "$.steps[1].pattern"
