"""Older routine files still load: format 1 is brought up to format 2 as documented."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from hipcoach import paths
from hipcoach.core.migration import migrate_routine
from hipcoach.core.model import FORMAT_VERSION
from hipcoach.core.routines import encode_routine, load_library, parse_routine
from hipcoach.core.timeline import SegmentKind, Side, compile_timeline
from hipcoach.core.validation import InvalidDocument

FORMAT_1 = Path(__file__).parent / "data" / "format-1"


@pytest.fixture(scope="module")
def library():
    return load_library(paths.assets_dir(), None)


def _load(library, path: Path):
    return parse_routine(
        path.read_bytes(), path.name, poses=library.poses, assets_dir=paths.assets_dir()
    )


def test_the_current_format_is_2():
    assert FORMAT_VERSION == 2


@pytest.mark.parametrize("path", sorted(FORMAT_1.glob("*.json")), ids=lambda p: p.stem)
def test_every_format_1_file_loads_and_plays(library, path):
    routine, seconds = _load(library, path)
    assert routine.format == 2
    timeline = compile_timeline(routine, library.poses)
    assert timeline.total == pytest.approx(seconds) and seconds > 0


def test_format_1_both_directions_becomes_halves_that_are_not_sides(library):
    routine, _ = _load(library, FORMAT_1 / "office-hips.json")
    circles = routine.steps[3]
    assert [h.label for h in circles.halves] == ["clockwise", "anticlockwise"]
    assert circles.switch_title == "Change direction"
    timeline = compile_timeline(routine, library.poses)
    holds = [s for s in timeline.segments if s.step_index == 3 and s.kind is SegmentKind.POSE]
    assert [(s.side, s.side_label, s.mirrored) for s in holds] == [
        (None, "clockwise", False),
        (None, "anticlockwise", True),
    ]


def test_format_1_left_right_is_dropped_and_the_pose_library_decides(library):
    routine, _ = _load(library, FORMAT_1 / "office-hips.json")
    timeline = compile_timeline(routine, library.poses)
    library_circles = [s for s in timeline.segments if s.step_index == 4]
    assert [s.side_label for s in library_circles if s.kind is SegmentKind.POSE] == [
        "clockwise",
        "anticlockwise",
    ]
    own_lunge = [s for s in timeline.segments if s.step_index == 5]
    assert [s.side for s in own_lunge if s.kind is SegmentKind.POSE] == [Side.LEFT, Side.RIGHT]


def test_a_file_without_a_format_is_read_as_format_1():
    old = {"id": "x", "title": "X", "steps": [{"kind": "pose", "name": "P", "seconds": 5,
                                                "per_side": True, "sides": "both-directions"}]}  # fmt: skip
    migrated = migrate_routine(old)
    assert migrated["format"] == 2
    assert "sides" not in migrated["steps"][0]
    assert old["steps"][0]["sides"] == "both-directions"  # the document itself is untouched


def test_a_format_2_file_with_sides_is_refused_with_the_field_named(library):
    doc = {
        "id": "x",
        "title": "X",
        "format": 2,
        "steps": [{"kind": "pose", "pose": "lizard", "seconds": 5, "sides": "left-right"}],
    }
    with pytest.raises(InvalidDocument) as exc:
        parse_routine(doc, "x.json", poses=library.poses)
    assert [str(p) for p in exc.value.problems] == [
        "x.json: $.steps[0].sides: is not a known field"
    ]


def test_a_newer_format_is_refused_not_guessed(library):
    doc = {"id": "x", "title": "X", "format": 3, "steps": [{"kind": "rest", "seconds": 5}]}
    with pytest.raises(InvalidDocument) as exc:
        parse_routine(doc, "x.json", poses=library.poses)
    assert "$.format" in str(exc.value)


def test_odd_documents_pass_through_for_the_checks_to_report():
    for odd in (None, [], "text", {"format": 1, "steps": "none"}, {"steps": [3, {"kind": "x"}]}):
        migrated = migrate_routine(odd)
        assert migrated == odd or migrated == {**odd, "format": 2}


def test_a_saved_routine_says_its_format_and_loads_again_unchanged(library):
    routine, _ = _load(library, FORMAT_1 / "office-hips.json")
    data = encode_routine(routine)
    assert json.loads(data)["format"] == 2
    again, _ = parse_routine(data, "again.json", poses=library.poses)
    assert msgspec.to_builtins(again) == msgspec.to_builtins(routine)
