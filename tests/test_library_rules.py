"""The built-in library follows its written rules: flow, equipment, words on screen, durations, tags.

The rules are described for authors in docs/routine-format.md ("Rules of the
built-in library"); each test here checks one of them over every built-in routine.
"""

from __future__ import annotations

import re

import pytest

from hipcoach import paths
from hipcoach.core.model import BreathStep, PoseStep, Routine, TransitionStep, pattern_refs
from hipcoach.core.patterns import resolve_pattern
from hipcoach.core.routines import LoadedRoutine, load_library
from hipcoach.core.timeline import compile_timeline

#: Where the body is during each pose, by library id or (for a routine's own pose) by name.
POSITIONS = {
    "kneeling-hip-flexor": "kneeling",
    "low-lunge-reach": "kneeling",
    "lizard": "kneeling",
    "split-stance-hip-flexor": "standing",
    "hip-circles": "standing",
    "hip-circles-chair": "standing",
    "figure-four-seated": "chair",
    "ninety-ninety": "floor-seated",
    "butterfly": "floor-seated",
    "pigeon": "hands-and-knees",
    "frog": "hands-and-knees",
    "figure-four-supine": "on-back",
    "happy-baby": "on-back",
    "supported-bridge": "on-back",
    "constructive-rest": "on-back",
    # A routine's own poses, by name.
    "Weight shifts": "standing",
    "Weight shifts at the chair": "standing",
    "Arms rise with the breath": "standing",
    "Forward and back shifts": "standing",
    "Ball under the buttock": "floor-seated",
    "Ball on the outer hip": "floor-seated",
    "Roller on the front of the thigh": "floor-seated",
    "Roller on the inner thigh": "floor-seated",
}
#: A breath step's position; "seated" may be a chair or a cushion, so it is not "floor".
BREATH_POSITIONS = {
    "seated": "seated",
    "chair": "chair",
    "lying": "on-back",
    "standing": "standing",
}
#: How far down each position is: getting between levels takes time.
LEVELS = {"standing": 0, "chair": 1, "seated": 2, "floor-seated": 2, "kneeling": 2,
          "hands-and-knees": 2, "on-back": 3}  # fmt: skip
FLOOR = {"floor-seated", "kneeling", "hands-and-knees", "on-back"}
KNEELING = {"kneeling", "hands-and-knees"}
#: Deep hip flexion: not for the beginner tag (and each needs clearance after hip surgery).
DEEP_HIP_FLEXION = {"lizard", "pigeon", "frog", "happy-baby", "ninety-ninety"}
#: Things to have at hand; a word in a step's cues (or its pose's) must be in the equipment.
PROPS = {
    "block": ("block",),
    "blanket": ("blanket",),
    "chair": ("chair",),
    "strap": ("strap", "belt"),
    "bolster": ("bolster", "cushion"),
    "cushion": ("cushion", "bolster", "pillow"),
    "pillow": ("pillow", "cushion"),
    "ball": ("ball",),
    "roller": ("roller",),
}
MAX_SCREEN_CHARS = 60
MAX_TRANSITION_SECONDS = 30


def min_transition_seconds(before: str, after: str) -> float:
    """The least time to get from one position to another."""
    a, b = LEVELS[before], LEVELS[after]
    if a == b:
        return 10
    if abs(a - b) == 1:
        return 15 if 3 in (a, b) else 8
    return 20 if 0 in (a, b) else 15


@pytest.fixture(scope="module")
def library():
    return load_library(paths.assets_dir(), None)


def routines(library) -> list[LoadedRoutine]:
    return library.routines


def position(step) -> str | None:
    if isinstance(step, BreathStep):
        return BREATH_POSITIONS[step.position]
    if isinstance(step, PoseStep):
        return POSITIONS[step.pose or step.name]
    return None  # rests and transitions move between positions


def seconds_by_position(library, routine: Routine) -> dict[str, float]:
    timeline = compile_timeline(routine, library.poses)
    totals: dict[str, float] = {}
    for index, step in enumerate(routine.steps):
        where = position(step)
        if where is not None:
            start, end = timeline.step_bounds(index)
            totals[where] = totals.get(where, 0.0) + end - start
    return totals


def test_every_pose_has_a_known_position(library):
    for loaded in routines(library):
        for step in loaded.routine.steps:
            assert position(step) in (None, *LEVELS), (loaded.id, step)


def test_every_change_of_position_has_a_transition_with_time_to_make_it(library):
    problems = []
    for loaded in routines(library):
        where, moving = None, 0.0
        for index, step in enumerate(loaded.routine.steps):
            if isinstance(step, TransitionStep):
                moving += step.seconds
                continue
            now = position(step)
            if now is None:
                continue
            moved = (
                where is not None and now != where and {where, now} != {"seated", "floor-seated"}
            )
            if moved and moving < min_transition_seconds(where, now):
                problems.append((loaded.id, index, where, now, moving))
            where, moving = now, 0.0
    assert problems == []


def test_transitions_are_not_long(library):
    for loaded in routines(library):
        for step in loaded.routine.steps:
            if isinstance(step, TransitionStep):
                assert step.seconds <= MAX_TRANSITION_SECONDS, loaded.id


def test_lying_on_the_back_comes_in_one_stretch(library):
    """No kneeling, back, hands and knees, back again: once up from the back, stay up."""
    for loaded in routines(library):
        seen_back = got_up = False
        for step in loaded.routine.steps:
            where = position(step)
            if where == "on-back":
                assert not got_up, loaded.id
                seen_back = True
            elif seen_back and where in KNEELING | {"standing", "chair"}:
                got_up = True


def _cue_texts(library, routine: Routine) -> list[str]:
    texts = []
    for step in routine.steps:
        if isinstance(step, PoseStep):
            info = library.poses.get(step.pose or "")
            texts += step.cues if step.cues is not None else (info.cues if info else [])
        else:
            texts.append(step.cue)
    return texts


def test_equipment_lists_every_prop_the_steps_ask_for(library):
    missing = []
    for loaded in routines(library):
        equipment = " ".join(loaded.routine.equipment).lower()
        words = " ".join(_cue_texts(library, loaded.routine)).lower()
        for prop, accepted in PROPS.items():
            if re.search(rf"\b{prop}s?\b", words) and not any(a in equipment for a in accepted):
                missing.append((loaded.id, prop))
    assert missing == []


def test_no_step_springs_fetching_something_on_anyone(library):
    for loaded in routines(library):
        for step in loaded.routine.steps:
            title = getattr(step, "title", "") or ""
            cue = getattr(step, "cue", "") or ""
            assert "fetch" not in f"{title} {cue}".lower(), loaded.id


def test_words_on_screen_are_short_enough_to_read_from_the_mat(library):
    too_long = []
    for loaded in routines(library):
        for step in loaded.routine.steps:
            texts = [getattr(step, "cue", "")] if not isinstance(step, PoseStep) else []
            if isinstance(step, PoseStep):
                texts += step.cues or []
                texts += [h.label for h in step.halves or []]
            too_long += [(loaded.id, t) for t in texts if len(t) > MAX_SCREEN_CHARS]
    for pose_id, info in library.poses.items():
        texts = [*info.cues, *(h.label for h in info.halves or [])]
        too_long += [(pose_id, t) for t in texts if len(t) > MAX_SCREEN_CHARS]
    assert too_long == []


_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_NUMBERS = {
    word: n for n, word in enumerate([*_WORDS.split(), "fifteen", "sixteen", "seventeen",
                                      "eighteen", "nineteen", "twenty"])
}  # fmt: skip
#: "Ten minutes", "two-minute", "Six gentle minutes", "12 min", "8-10 minutes".
_DURATION = re.compile(
    r"\b(?P<n>\d+|" + "|".join(_NUMBERS) + r")(?:[-–](?P<m>\d+))?"
    r"(?:[- ](?:slow|gentle|quiet|easy))?[- ]min(?:ute)?s?\b",
    re.IGNORECASE,
)


def stated_minutes(text: str) -> list[float]:
    """Every routine length the text states, in minutes ("8-10 minutes" states 9)."""
    found = []
    for m in _DURATION.finditer(text):
        low = _NUMBERS.get(m["n"].lower())
        low = float(m["n"]) if low is None else float(low)
        found.append((low + float(m["m"])) / 2 if m["m"] else low)
    return found


def test_stated_durations_are_read_as_a_person_would():
    assert stated_minutes("Ten minutes for the hips") == [10]
    assert stated_minutes("A two-minute break") == [2]
    assert stated_minutes("Six gentle minutes with a chair") == [6]
    assert stated_minutes("about 8-10 min of standing") == [9]
    assert stated_minutes("four rounds, a minute of sighing") == []


def test_every_stated_duration_matches_the_routine_within_a_minute(library):
    wrong = []
    checked = 0
    for loaded in routines(library):
        routine = loaded.routine
        for minutes in stated_minutes(f"{routine.title}. {routine.description}"):
            checked += 1
            if abs(minutes * 60 - loaded.seconds) > 60:
                wrong.append((loaded.id, minutes, round(loaded.seconds / 60, 1)))
    assert wrong == []
    assert checked >= 15


def _patterns(library, routine: Routine):
    for step in routine.steps:
        for ref in pattern_refs(step):
            yield resolve_pattern(ref, library.patterns)


def _facts(library, routine: Routine) -> dict[str, bool]:
    where = seconds_by_position(library, routine)
    total = sum(where.values()) or 1.0
    places = set(where)
    poses = {s.pose for s in routine.steps if isinstance(s, PoseStep)}
    holds = any(p and (p.hold_in or p.hold_out) for p in _patterns(library, routine))
    return {
        "standing": where.get("standing", 0.0) / total >= 0.5,
        "floor": bool(places & FLOOR),
        "no-kneeling": not places & KNEELING,
        "no-holds": not holds,
        "no-lying-on-back": "on-back" not in places,
        "deep-hip-flexion": bool(poses & DEEP_HIP_FLEXION),
    }


@pytest.mark.parametrize(
    "tag", ["standing", "floor", "no-kneeling", "no-holds", "no-lying-on-back"]
)
def test_tag_is_there_exactly_when_its_rule_holds(library, tag):
    wrong = [
        loaded.id
        for loaded in routines(library)
        if (tag in loaded.routine.tags) != _facts(library, loaded.routine)[tag]
    ]
    assert wrong == []


def test_beginner_routines_have_no_deep_hip_flexion(library):
    for loaded in routines(library):
        if "beginner" in loaded.routine.tags:
            assert not _facts(library, loaded.routine)["deep-hip-flexion"], loaded.id
