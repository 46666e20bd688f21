"""Problems are data (code, path, parameters, file); their words come from one function."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from hipcoach import i18n
from hipcoach.core.model import Pattern, Routine
from hipcoach.core.problems import Code, InvalidDocument, Problem, describe, field_message
from hipcoach.core.routines import load_poses, parse_routine
from hipcoach.core.validation import convert

ASSETS = Path(__file__).resolve().parents[1] / "assets"
POSES = load_poses(ASSETS / "poses.json")


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def problems_of(doc: object) -> list[Problem]:
    with pytest.raises(InvalidDocument) as exc:
        parse_routine(doc, "r.json", poses=POSES)
    return exc.value.problems


def routine(*steps: dict, **top: object) -> dict:
    return {"id": "r", "title": "R", "steps": list(steps), **top}


BREATH = {"kind": "breath", "pattern": "box", "seconds": 60}

# Each: a document, the problem as data, and the words it had before it was data.
CASES = [
    (
        routine(dict(BREATH, seconds=-5)),
        ("$.steps[0].seconds", Code.GREATER_THAN, {"min": 0, "got": -5}),
        "must be greater than 0, got -5",
    ),
    (
        routine(BREATH, title=""),
        ("$.title", Code.TEXT_EMPTY, {"got": ""}),
        'must not be empty, got ""',
    ),
    (
        routine(BREATH, title="x" * 500),
        ("$.title", Code.TEXT_TOO_LONG, {"max": 80, "got": "x" * 500}),
        "must be at most 80 characters, got 500",
    ),
    (routine(BREATH, colour=1), ("$.colour", Code.UNKNOWN_FIELD, {}), "is not a known field"),
    (
        {"title": "R", "steps": [BREATH]},
        ("$.id", Code.REQUIRED, {}),
        "is required",
    ),
    (
        routine(dict(BREATH, kind="jump")),
        (
            "$.steps[0].kind",
            Code.NOT_ONE_OF,
            {"allowed": ["breath", "pose", "rest", "transition"], "got": "jump"},
        ),
        'must be one of breath, pose, rest, transition, got "jump"',
    ),
    (
        routine({"seconds": 5}),
        (
            "$.steps[0].kind",
            Code.REQUIRED_ONE_OF,
            {"allowed": ["breath", "pose", "rest", "transition"]},
        ),
        "is required (one of breath, pose, rest, transition)",
    ),
    (
        routine("breath"),
        ("$.steps[0]", Code.NOT_OBJECT, {"got": "string"}),
        "must be an object, got text",
    ),
    (
        routine(BREATH, id="Bad Id"),
        ("$.id", Code.BAD_ID, {"got": "Bad Id"}),
        'must use only a-z, 0-9 and dashes, got "Bad Id"',
    ),
    (
        routine(dict(BREATH, seconds="a minute")),
        (
            "$.steps[0].seconds",
            Code.WRONG_TYPE,
            {"want": ["float", "null"], "got": "a minute"},
        ),
        'must be a number or null, got "a minute"',
    ),
    (
        routine(dict(BREATH, cycles=5)),
        (
            "$.steps[0]",
            Code.EXACTLY_ONE_OF,
            {"what": "breath-step", "fields": ["cycles", "seconds"]},
        ),
        "a breath step needs exactly one of cycles or seconds",
    ),
    (
        routine({"kind": "pose", "seconds": 30}),
        ("$.steps[0]", Code.POSE_OR_NAME, {}),
        "a pose step needs a pose from the library or a name",
    ),
    (
        routine(dict(BREATH, pattern="no-such")),
        ("$.steps[0].pattern", Code.UNKNOWN_PATTERN, {"name": "no-such"}),
        "unknown breathing pattern 'no-such'",
    ),
    (
        routine({"kind": "pose", "pose": "handstand", "seconds": 30}),
        ("$.steps[0].pose", Code.UNKNOWN_POSE, {"name": "handstand"}),
        "unknown pose 'handstand'",
    ),
    (
        routine(dict(BREATH, illustration="../../etc/passwd")),
        (
            "$.steps[0]",
            Code.ASSET_PATH_OUTSIDE,
            {"field": "illustration", "value": "../../etc/passwd"},
        ),
        "illustration must be a path inside the assets folder, got '../../etc/passwd'",
    ),
]


@pytest.mark.parametrize(("doc", "data", "words"), CASES, ids=[c[1][1].value for c in CASES])
def test_a_problem_is_data_and_keeps_its_words(doc, data, words):
    found = [p for p in problems_of(doc) if p.code == data[1]]
    assert len(found) == 1, problems_of(doc)
    problem = found[0]
    assert (problem.path, problem.code) == data[:2]
    assert {k: v for k, v in problem.params.items() if k in data[2]} == data[2]
    assert problem.source == "r.json"
    assert problem.reason == words
    assert str(problem) == f"r.json: {data[0]}: {words}"


def test_a_ramp_rule_across_fields_carries_its_values():
    value = {"inhale": 4, "exhale": 6, "ramp": {"phase": "exhale", "by": 0.5, "until": 5}}
    with pytest.raises(InvalidDocument) as exc:
        convert(value, Pattern, "p.json")
    (problem,) = exc.value.problems
    assert problem.code == Code.RAMP_TOO_SHORT
    assert problem.params == {"until": 5, "phase": "exhale", "start": 6}
    assert problem.reason == "ramp.until (5) must be longer than exhale (6)"
    assert field_message(problem) == "Must be longer than the exhale (6 s)"


def test_field_messages_speak_from_the_field():
    empty = Problem("r.json", "$.title", Code.TEXT_EMPTY, {"got": ""})
    assert field_message(empty) == "Must not be empty"
    no_steps = Problem("r.json", "$.steps", Code.TOO_FEW_ITEMS, {"min": 1})
    assert no_steps.reason == "must have at least 1 item(s)"
    assert field_message(no_steps) == "Add at least one step"
    zero = Problem("r.json", "$.steps[0].seconds", Code.GREATER_THAN, {"min": 0, "got": 0.0})
    assert field_message(zero) == "Must be greater than 0, got 0.0"


@pytest.mark.parametrize(
    ("code", "params", "words"),
    [
        (Code.NOT_UTF8, {"byte": 0}, "is not valid UTF-8 text (byte 0)"),
        (Code.TOO_DEEP, {"max": 32}, "is nested more than 32 levels deep"),
        (Code.TOO_LARGE, {"max_bytes": 1024 * 1024}, "is larger than 1024 KB"),
        (Code.NOT_A_FILE, {"kind": "folder"}, "is a folder, not a file"),
        (Code.DUPLICATE_KEY, {"key": "kind"}, "has the key 'kind' twice in one object"),
        (Code.UNREADABLE, {"reason": "Permission denied"}, "cannot be read (Permission denied)"),
        (Code.STEP_TOO_LONG, {"seconds": 3 * 3600 + 300, "max": 7200}, None),
        (Code.ID_TAKEN_BY_BUILTIN, {"id": "box"}, None),
        (Code.TOO_MANY_ITEMS, {"max": 200, "count": 201}, "must have at most 200 items, got 201"),
        (Code.AT_MOST, {"max": 60, "got": 61}, "must be at most 60, got 61"),
        (Code.NOT_FINITE, {"got": float("inf")}, "must be a finite number, got inf"),
    ],
)
def test_the_words_of_file_problems(code, params, words):
    expected = {
        Code.STEP_TOO_LONG: "lasts 3 h 5 min; a step may last at most 2 h",
        Code.ID_TAKEN_BY_BUILTIN: "'box' is already used by a built-in routine; file skipped",
    }.get(code, words)
    assert describe(code, params) == expected


def test_every_code_has_words():
    for code in Code:
        params = {"detail": "x", "kind": "folder", "allowed": [], "want": ["str"]}
        params |= dict.fromkeys(("min", "max", "step", "byte", "until", "start"), 1)
        params |= dict.fromkeys(("seconds",), 60) | {"max_bytes": 1024, "reason": "r"}
        params |= dict.fromkeys(("key", "id", "other", "name", "rel", "field", "value"), "v")
        params |= {"phase": "exhale", "first": "a", "second": "b"}
        assert describe(code, params)


def test_editors_place_problems_by_code_whatever_the_words(qtbot, tmp_path):
    # In another language the words change; where a problem is shown must not.
    from hipcoach.ui.editor.pattern_editor import PatternEditor

    i18n.set_language(i18n.PSEUDO)
    editor = PatternEditor()
    qtbot.addWidget(editor)
    value = {"inhale": 4, "exhale": 6, "ramp": {"phase": "exhale", "by": 0.5, "until": 5}}
    with pytest.raises(InvalidDocument) as exc:
        convert(value, Pattern, "p.json")
    editor.show_problems({"": exc.value.problems})
    shown = editor.messages.message("ramp.until")
    assert shown.startswith("⟦") and "6" in shown
    assert editor.messages.message("") == ""


def test_problems_survive_a_round_trip_as_json():
    problem = Problem("r.json", "$.title", Code.TEXT_EMPTY, {"got": ""})
    again = msgspec.json.decode(msgspec.json.encode(problem), type=Problem)
    assert again == problem and again.reason == problem.reason


def test_routines_built_in_still_parse(tmp_path):
    # The rules now raise codes; the library's own routines must still pass them.
    for path in sorted((ASSETS / "routines").glob("*.json")):
        doc = json.loads(path.read_text())
        assert isinstance(parse_routine(doc, path.name, poses=POSES)[0], Routine)
