"""The built-in content: routines, pose library, safety wording and format docs."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from hipcoach import paths
from hipcoach.core import safety
from hipcoach.core.model import BreathStep, Pattern, PoseStep, Routine
from hipcoach.core.patterns import PRESETS
from hipcoach.core.routines import LoadedRoutine, load_library, parse_routine

ROOT = Path(__file__).resolve().parents[1]

#: Routine id -> the length each routine is designed for, in seconds (as each routine was
#: planned). Transitions come on top, so the tolerance is ±10%.
TARGET_SECONDS = {
    "two-minute-reset": 120,
    "five-minute-sigh-break": 300,
    "desk-sitter-psoas": 600,
    "morning-mobility": 480,
    "evening-hip-unwind": 900,
    "resonance-deep-hip": 1200,
    "chair-only-gentle": 360,
    "standing-flow": 540,  # 8-10 minutes
    "self-massage-hips": 720,
    "guided-rest": 1080,  # 15-20 minutes
    "gentle-no-floor": 600,
    "breath-resonance": 600,
    "breath-extended-exhale": 300,
    "breath-cyclic-sigh": 300,
    "breath-box": 300,
    "breath-4-7-8": 136,  # 30 s settling + 4 cycles of 19 s + 30 s easy breathing
    "breath-lengthening-exhale": 300,
    "breath-box-gentle": 300,
    "breath-2-8": 300,
}
SESSION_IDS = list(TARGET_SECONDS)[:11]
BREATH_ONLY_IDS = list(TARGET_SECONDS)[11:]

TAG_VOCABULARY = {
    "psoas",
    "hips",
    "breath-only",
    "chair",
    "no-lying-on-back",
    "evening",
    "morning",
    "short",
    "long",
    "beginner",
    "standing",
    "floor",
    "no-kneeling",
    "no-holds",
}
#: Poses done lying on the back; breath steps with position "lying" count too.
ON_THE_BACK = {"figure-four-supine", "happy-baby", "supported-bridge", "constructive-rest"}

MAX_CUE_CHARS = 60

#: Claims the app must not make. Negations such as "not a treatment" are allowed.
FORBIDDEN = re.compile(
    r"\b(trauma\w*|heal(s|ed|ing|er)?|cur(e|es|ed|ing)|treat(s|ed|ing|ment|ments)?|"
    r"releas(e|es|ed|ing)|detox\w*|toxins?|therap(y|ies|eutic)|"
    r"stor(e|es|ed|ing) (emotions?|feelings?)|muscle of the soul|reptilian)\b",
    re.IGNORECASE,
)
ALLOWED_NEGATIONS = re.compile(
    r"\b(not a treatment|no treatment|(does )?not diagnose or treat)\b", re.IGNORECASE
)


@pytest.fixture(scope="module")
def library():
    return load_library(paths.assets_dir(), None)


@pytest.fixture(scope="module")
def poses_json() -> dict:
    return json.loads((paths.assets_dir() / "poses.json").read_text(encoding="utf-8"))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _routine_files() -> list[Path]:
    return sorted((paths.assets_dir() / "routines").glob("*.json"))


def _pattern_is_4_7_8(pattern: object) -> bool:
    if pattern == "4-7-8":
        return True
    if isinstance(pattern, Pattern):
        ref = PRESETS["4-7-8"]
        return (pattern.inhale, pattern.hold_in, pattern.exhale) == (
            ref.inhale,
            ref.hold_in,
            ref.exhale,
        )
    return False


def test_every_builtin_routine_loads_without_problems(library):
    assert [str(p) for p in library.problems] == []
    assert len(library.routines) == len(_routine_files())
    for loaded in library.routines:
        assert loaded.builtin


def test_file_names_match_ids(library):
    for loaded in library.routines:
        assert loaded.path is not None
        assert loaded.path.name == f"{loaded.id}.json"


def test_the_required_routines_exist(library):
    ids = library.ids
    missing = set(TARGET_SECONDS) - ids
    assert not missing
    assert len(SESSION_IDS) == 11
    assert len(BREATH_ONLY_IDS) == 8


@pytest.mark.parametrize("routine_id", list(TARGET_SECONDS))
def test_duration_is_close_to_the_target(library, routine_id):
    loaded: LoadedRoutine = library.get(routine_id)
    target = TARGET_SECONDS[routine_id]
    assert abs(loaded.seconds - target) <= 0.10 * target, (loaded.seconds, target)


def test_every_routine_has_a_target(library):
    assert library.ids <= set(TARGET_SECONDS)


def test_tags_come_from_the_vocabulary(library):
    for loaded in library.routines:
        assert set(loaded.routine.tags) <= TAG_VOCABULARY, loaded.id
        assert len(set(loaded.routine.tags)) == len(loaded.routine.tags), loaded.id


def _lies_on_back(routine: Routine) -> bool:
    for step in routine.steps:
        if isinstance(step, PoseStep) and step.pose in ON_THE_BACK:
            return True
        if isinstance(step, BreathStep) and step.position == "lying":
            return True
    return False


def test_no_lying_on_back_tag_is_truthful(library):
    for loaded in library.routines:
        tagged = "no-lying-on-back" in loaded.routine.tags
        if tagged:
            assert not _lies_on_back(loaded.routine), loaded.id


def test_on_the_back_set_covers_the_supine_poses(poses_json):
    assert set(poses_json) >= ON_THE_BACK


def test_breath_only_routines_have_only_breath_steps(library):
    for loaded in library.routines:
        if "breath-only" in loaded.routine.tags:
            assert all(isinstance(s, BreathStep) for s in loaded.routine.steps), loaded.id
    for routine_id in BREATH_ONLY_IDS:
        assert "breath-only" in library.get(routine_id).routine.tags


def test_4_7_8_is_limited_to_four_cycles(library):
    for loaded in library.routines:
        total = 0
        for step in loaded.routine.steps:
            if _pattern_is_4_7_8(step.pattern):
                assert isinstance(step, BreathStep), loaded.id
                assert step.cycles is not None and step.seconds is None, loaded.id
                total += step.cycles
        assert total <= 4, loaded.id
    steps = library.get("breath-4-7-8").routine.steps
    assert any(_pattern_is_4_7_8(s.pattern) for s in steps)


def test_4_7_8_and_sighing_are_seated_or_lying(library):
    for loaded in library.routines:
        for step in loaded.routine.steps:
            if isinstance(step, BreathStep) and step.pattern in ("4-7-8", "cyclic-sigh"):
                assert step.position in ("seated", "chair", "lying"), loaded.id


def test_chair_only_routine_has_no_holds(library):
    for step in library.get("chair-only-gentle").routine.steps:
        pattern = step.pattern if isinstance(step.pattern, Pattern) else PRESETS.get(step.pattern)
        if pattern is not None:
            assert pattern.hold_in == 0 and pattern.hold_out == 0


def test_pose_library_and_routines_use_each_other(library, poses_json):
    used = {
        step.pose
        for loaded in library.routines
        for step in loaded.routine.steps
        if isinstance(step, PoseStep) and step.pose is not None
    }
    assert used <= set(poses_json), used - set(poses_json)
    assert set(poses_json) <= used, set(poses_json) - used


def test_pose_entries(library, poses_json):
    assets = paths.assets_dir()
    for pose_id, info in library.poses.items():
        assert 2 <= len(info.cues) <= 3, pose_id
        assert 1 <= len(info.cautions) <= 3, pose_id
        assert len(info.alternatives) <= 2, pose_id
        assert info.illustration == f"poses/{pose_id}.svg"
        if (assets / "poses").is_dir() and any((assets / "poses").iterdir()):
            assert (assets / info.illustration).is_file(), pose_id
    for pose_id in ("hip-circles", "hip-circles-chair"):
        halves = library.poses[pose_id].halves
        assert [h.label for h in halves] == ["clockwise", "anticlockwise"]
        assert [h.side for h in halves] == [None, None]


def test_poses_needing_clearance_mention_surgery(library):
    for pose_id in ("pigeon", "happy-baby", "frog", "lizard", "ninety-ninety"):
        cautions = " ".join(library.poses[pose_id].cautions)
        assert "surgeon's instructions" in cautions, pose_id


def _all_cues(library) -> Iterator[tuple[str, str]]:
    for pose_id, info in library.poses.items():
        for cue in info.cues:
            yield pose_id, cue
    for loaded in library.routines:
        for step in loaded.routine.steps:
            if isinstance(step, PoseStep) and step.cues:
                for cue in step.cues:
                    yield loaded.id, cue


def test_cues_are_short_enough_to_read_from_the_mat(library):
    too_long = [(where, cue) for where, cue in _all_cues(library) if len(cue) > MAX_CUE_CHARS]
    assert too_long == []


def _content_texts() -> Iterator[tuple[str, str]]:
    for path in [paths.assets_dir() / "poses.json", *_routine_files()]:
        for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
            yield path.name, text
    for name in ("SAFETY_NOTE_TITLE", "SAFETY_NOTE", "BREATH_SAFETY_HINT"):
        yield f"safety.{name}", getattr(safety, name)


def test_no_claims_in_any_text():
    found = []
    for where, text in _content_texts():
        cleaned = ALLOWED_NEGATIONS.sub("", text)
        found.extend((where, m.group(0)) for m in FORBIDDEN.finditer(cleaned))
    assert found == []


def test_the_claim_filter_catches_claims():
    for claim in (
        "Releases trauma stored in the hips",
        "This pose heals the psoas",
        "A treatment for anxiety",
        "psoas release",
    ):
        assert FORBIDDEN.search(ALLOWED_NEGATIONS.sub("", claim)), claim
    assert not FORBIDDEN.search(ALLOWED_NEGATIONS.sub("", "A short break, not a treatment."))
    assert not FORBIDDEN.search("mental-health resources")


def test_breath_cues_ask_for_gentle_not_bigger(library):
    for loaded in library.routines:
        paced = [
            s
            for s in loaded.routine.steps
            if isinstance(s, BreathStep) and s.pattern not in ("natural", "4-7-8")
        ]
        if paced:
            assert any("not bigger" in s.cue for s in paced), loaded.id


def test_two_minute_reset_is_labelled_a_break():
    text = (paths.assets_dir() / "routines" / "two-minute-reset.json").read_text("utf-8")
    assert "not a treatment" in json.loads(text)["description"]


def test_box_routine_mentions_the_gentler_pattern(library):
    assert "3-3-3-3" in library.get("breath-box").routine.description


def test_safety_wording():
    assert safety.SAFETY_NOTE_TITLE.strip()
    note = safety.SAFETY_NOTE.lower()
    for topic in (
        "not medical advice",
        "pregnant",
        "surgery",
        "replacement",
        "heart",
        "blood-pressure",
        "glaucoma",
        "hernia",
        "panic",
        "mild",
        "sharp pain",
        "numbness",
        "optional",
        "dizzy",
        "tingl",
        "water",
        "driving",
        "20 weeks",
        "lying on your back",
        "hot",
        "knees",
        "pause",
        "mental-health",
        "your doctor",
        "crisis line in your country",
    ):
        assert topic in note, topic
    hint = safety.BREATH_SAFETY_HINT.lower()
    for word in ("optional", "shorten", "skip", "dizzy", "tingl", "stop"):
        assert word in hint, word
    assert safety.BREATH_SAFETY_HINT.count(".") == 1


def _load_make_schema():
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "tools" / "make_schema.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_committed_schema_is_current():
    make_schema = _load_make_schema()
    committed = (ROOT / "docs" / "routine.schema.json").read_text(encoding="utf-8")
    assert committed == make_schema.render_schema()
    schema = json.loads(committed)
    assert schema["$defs"]["Routine"] == msgspec.json.schema(Routine)["$defs"]["Routine"]


def _doc_examples() -> list[str]:
    text = (ROOT / "docs" / "routine-format.md").read_text(encoding="utf-8")
    return re.findall(r"^```json\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def test_docs_examples_validate(library):
    examples = _doc_examples()
    assert len(examples) >= 2
    ids = set()
    for n, example in enumerate(examples):
        routine, seconds = parse_routine(
            example.encode("utf-8"),
            f"example {n + 1}",
            poses=library.poses,
            assets_dir=paths.assets_dir(),
        )
        assert seconds > 0
        assert routine.id not in library.ids
        ids.add(routine.id)
    assert len(ids) == len(examples)


def test_docs_list_every_preset_and_pose(library):
    text = (ROOT / "docs" / "routine-format.md").read_text(encoding="utf-8")
    for name in [*PRESETS, "natural", *library.poses]:
        assert f"`{name}`" in text, name
