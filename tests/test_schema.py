"""The JSON Schema in docs/ agrees with ``hipcoach validate`` on everything a schema can say.

Every built-in routine is mutated field by field (wrong types, out of range, missing,
unknown, rules across fields) and each result is judged by both. They may differ only
where a rule needs other files or arithmetic across fields (pattern and pose names,
step and routine lengths, a ramp's end), which a schema cannot state.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema

from hipcoach.core.problems import Code, InvalidDocument
from hipcoach.core.routines import load_poses, parse_routine

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
POSES = load_poses(ASSETS / "poses.json")
SCHEMA = json.loads((ROOT / "docs" / "routine.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

#: Rules that need other files, or sums and comparisons across fields.
BEYOND_A_SCHEMA = {
    Code.UNKNOWN_PATTERN,
    Code.UNKNOWN_POSE,
    Code.STEP_TOO_LONG,
    Code.ROUTINE_TOO_LONG,
    Code.RAMP_TOO_SHORT,
}

# Whole numbers are written without a decimal point here: JSON Schema counts 3.0 as an
# integer, hipcoach does not (a count of 3.0 is a mistake worth telling).
WRONG_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    0.25,
    2.5,
    7,
    10**6,
    "",
    "x",
    "Bad Id",
    "a" * 700,
    "../outside.svg",
    "/etc/passwd",
    "c:thing",
    [],
    [1],
    ["x"] * 20,
    {},
    {"a": 1},
]
STEP_FIELDS = {"cycles": 5, "breaths": 5, "seconds": 30, "pose": None, "name": "N"}


def _places(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))


def _set(doc: Any, path: tuple, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    if not path:
        return value
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


def _delete(doc: Any, path: tuple) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return doc


def _shape(doc: Any, path: tuple) -> tuple:
    """Where ``path`` points, with list positions replaced by what is there (a step's kind)."""
    shape, value = [], doc
    for part in path:
        value = value[part]
        if isinstance(part, int):
            shape.append(value.get("kind", "item") if isinstance(value, dict) else "item")
        else:
            shape.append(part)
    return tuple(shape)


def mutations(doc: dict, seen: set[tuple]) -> Iterator[tuple[str, Any]]:
    """Every place of ``doc`` not of a shape ``seen`` already: every wrong value there,
    the key removed, a key added."""
    for path in _places(doc):
        shape = _shape(doc, path)
        if shape in seen:
            continue
        seen.add(shape)
        for value in WRONG_VALUES:
            yield f"{path} = {value!r:.20}", _set(doc, path, value)
        if path:
            yield f"del {path}", _delete(doc, path)
        parent = _set(doc, (), doc)
        for part in path:
            parent = parent[part]
        if isinstance(parent, dict):
            yield f"{path} + unknown", _set(doc, (*path, "colour"), "red")
            if path[:1] == ("steps",) and len(path) == 2:
                for field, value in STEP_FIELDS.items():
                    yield f"{path}.{field} = {value!r}", _set(doc, (*path, field), value)


def verdicts(doc: Any) -> tuple[bool, set[Code]]:
    try:
        parse_routine(doc, "mutated.json", poses=POSES)
    except InvalidDocument as exc:
        return False, {p.code for p in exc.problems}
    return True, set()


BUILTINS = sorted((ASSETS / "routines").glob("*.json"))


def test_schema_and_validate_agree_on_mutated_builtin_routines():
    # Each shape of place (a pose step's "seconds", a ramp's "until"…) is mutated once,
    # in the first built-in routine that has it: every field in every position, without
    # repeating the same case for every routine.
    seen: set[tuple] = set()
    disagreements = []
    checked = 0
    for path in BUILTINS:
        original = json.loads(path.read_text(encoding="utf-8"))
        assert VALIDATOR.is_valid(original) and verdicts(original)[0], path.name
        for what, doc in mutations(original, seen):
            ours, codes = verdicts(doc)
            if codes and codes <= BEYOND_A_SCHEMA:
                continue  # only rules a schema cannot state: the schema may pass it
            checked += 1
            if VALIDATOR.is_valid(doc) != ours:
                verdict = "passes" if ours else sorted(codes)
                disagreements.append(f"{path.name} {what}: validate {verdict}")
    assert checked > 1000
    assert disagreements == []


def test_the_schema_states_the_rules_across_fields():
    breath = {"kind": "breath", "pattern": "box"}
    routine = {"id": "r", "title": "R", "steps": [breath]}
    assert not VALIDATOR.is_valid(routine)  # neither cycles nor seconds
    assert not VALIDATOR.is_valid(
        _set(routine, ("steps", 0), {**breath, "cycles": 3, "seconds": 9})
    )
    assert VALIDATOR.is_valid(_set(routine, ("steps", 0), {**breath, "cycles": 3}))
    pose = {"kind": "pose", "seconds": 30}
    assert not VALIDATOR.is_valid(_set(routine, ("steps", 0), pose))  # no pose nor name
    assert VALIDATOR.is_valid(_set(routine, ("steps", 0), {**pose, "name": "Wall squat"}))
    outside = {**breath, "cycles": 3, "illustration": "poses/../../secret.svg"}
    assert not VALIDATOR.is_valid(_set(routine, ("steps", 0), outside))
