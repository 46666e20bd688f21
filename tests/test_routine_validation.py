"""Bad routine files get a clear line naming the file, the JSON path and the reason; never a traceback."""

import json

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.core.problems import InvalidDocument
from hipcoach.core.routines import (
    MAX_FILE_BYTES,
    load_library,
    parse_routine,
    read_document,
    validate_files,
)
from routine_factory import POSES

GOOD = {
    "id": "evening",
    "title": "Evening",
    "steps": [
        {"kind": "breath", "pattern": "resonance", "cycles": 3},
        {"kind": "pose", "pose": "lizard", "seconds": 30},
        {"kind": "rest", "seconds": 10},
    ],
}


def with_step(index, **changes):
    doc = json.loads(json.dumps(GOOD))
    doc["steps"][index].update(changes)
    return doc


def problems_of(doc, assets_dir=None):
    with pytest.raises(InvalidDocument) as exc:
        parse_routine(doc, "evening.json", poses=POSES, assets_dir=assets_dir)
    return [str(p) for p in exc.value.problems]


def test_a_good_routine_parses_with_its_length():
    routine, seconds = parse_routine(GOOD, "evening.json", poses=POSES)
    assert routine.id == "evening"
    assert seconds == 3 * 11 + 30 + 8 + 30 + 10


BAD_CASES = [
    (with_step(1, seconds=-5), "evening.json: $.steps[1].seconds: must be greater than 0, got -5"),
    (with_step(1, seconds=0), "evening.json: $.steps[1].seconds: must be greater than 0, got 0"),
    (
        with_step(1, seconds="30"),
        'evening.json: $.steps[1].seconds: must be a number or null, got "30"',
    ),
    (
        with_step(1, seconds=1e999),
        "evening.json: $.steps[1].seconds: must be at most 7200, got inf",
    ),
    (
        with_step(1, seconds=7201),
        "evening.json: $.steps[1].seconds: must be at most 7200, got 7201",
    ),
    (with_step(0, cycles=5000), "evening.json: $.steps[0].cycles: must be at most 2000, got 5000"),
    (
        with_step(0, cycles=2.5),
        "evening.json: $.steps[0].cycles: must be a whole number or null, got 2.5",
    ),
    (
        with_step(2, kind="nap"),
        'evening.json: $.steps[2].kind: must be one of breath, pose, rest, transition, got "nap"',
    ),
    (with_step(2, colour="red"), "evening.json: $.steps[2].colour: is not a known field"),
    (
        with_step(0, cycles=None),
        "evening.json: $.steps[0]: a breath step needs exactly one of cycles or seconds",
    ),
    (
        with_step(0, pattern={"inhale": 4, "exhale": 0.7}),
        "evening.json: $.steps[0].pattern.exhale: must be a multiple of 0.5 seconds, got 0.7",
    ),
    (
        with_step(0, pattern={"inhale": 4, "exhale": 61}),
        "evening.json: $.steps[0].pattern.exhale: must be at most 60, got 61",
    ),
    (with_step(0, pattern={"inhale": 4}), "evening.json: $.steps[0].pattern.exhale: is required"),
    (with_step(0, pattern=4), "evening.json: $.steps[0].pattern: must be text or an object, got 4"),
    (
        with_step(0, pattern="zigzag"),
        "evening.json: $.steps[0].pattern: unknown breathing pattern 'zigzag'",
    ),
    (with_step(1, pose="handstand"), "evening.json: $.steps[1].pose: unknown pose 'handstand'"),
    (
        with_step(1, illustration="../../etc/passwd"),
        "evening.json: $.steps[1]: illustration must be a path inside the assets folder, got '../../etc/passwd'",
    ),
    (
        with_step(1, sound="/usr/share/sounds/x.wav"),
        "evening.json: $.steps[1]: sound must be a path inside the assets folder, got '/usr/share/sounds/x.wav'",
    ),
    ({**GOOD, "title": "x" * 81}, "evening.json: $.title: must be at most 80 characters, got 81"),
    (
        {**GOOD, "id": "Evening Hips"},
        'evening.json: $.id: must use only a-z, 0-9 and dashes, got "Evening Hips"',
    ),
    (
        with_step(1, breathing=[{"pattern": "natural", "seconds": 20}]),
        "evening.json: $.steps[1]: a pose step needs exactly one of seconds, breaths or breathing",
    ),
    (
        with_step(1, seconds=None, pattern="box", breathing=[{"pattern": "box", "breaths": 2}]),
        "evening.json: $.steps[1]: a pose step with breathing parts gives each part its own pattern",
    ),
    (
        with_step(1, seconds=None, breathing=[{"pattern": "box"}]),
        "evening.json: $.steps[1].breathing[0]: a breathing part needs exactly one of seconds or breaths",
    ),
    (
        with_step(1, seconds=None, breathing=[]),
        "evening.json: $.steps[1].breathing: must have at least 1 item(s)",
    ),
    (
        with_step(1, halves=[{"label": "left", "side": "left"}]),
        "evening.json: $.steps[1].halves: must have at least 2 item(s)",
    ),
    (
        with_step(1, halves=[{"label": "up", "side": "top"}, {"label": "down"}]),
        'evening.json: $.steps[1].halves[0].side: is not one of the allowed values, got "top"',
    ),
    ({**GOOD, "steps": []}, "evening.json: $.steps: must have at least 1 item(s)"),
    ({**GOOD, "steps": "many"}, 'evening.json: $.steps: must be a list, got "many"'),
    ({k: v for k, v in GOOD.items() if k != "title"}, "evening.json: $.title: is required"),
    ({**GOOD, "format": 3}, "evening.json: $.format: is not one of the allowed values, got 3"),
    ({**GOOD, "extra": True}, "evening.json: $.extra: is not a known field"),
    ([GOOD], "evening.json: $: must be an object, got a list"),
    (
        {
            **GOOD,
            "steps": [
                {"kind": "rest", "seconds": 7200},
                {"kind": "rest", "seconds": 7200},
                {"kind": "rest", "seconds": 7200},
            ],
        },
        "evening.json: $.steps: add up to 6 h; a routine may last at most 4 h",
    ),
    (
        {**GOOD, "steps": [{"kind": "breath", "pattern": "4-7-8", "cycles": 400}]},
        "evening.json: $.steps[0]: lasts 2 h 7 min; a step may last at most 2 h",
    ),
]


@pytest.mark.parametrize(
    ("doc", "message"), BAD_CASES, ids=[m.split(": ", 1)[1] for _, m in BAD_CASES]
)
def test_bad_routine_is_reported_with_file_path_and_reason(doc, message):
    assert message in problems_of(doc)


def test_every_problem_in_a_file_is_reported_not_just_the_first():
    doc = {
        **GOOD,
        "title": "",
        "steps": [{"kind": "rest", "seconds": -1}, {"kind": "pose", "seconds": 5}],
    }
    found = problems_of(doc)
    assert len(found) == 3, found


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "evening.json: is not valid JSON"),
        (b'{"id": "x", "title": ', "evening.json: is not valid JSON"),
        (b"\xff\xfe{}", "evening.json: is not valid UTF-8 text (byte 0)"),
        (b"[" * 500 + b"]" * 500, "evening.json: is nested more than 32 levels deep"),
        (b"NaN", "evening.json: is not valid JSON"),
    ],
)
def test_unreadable_files_are_reported(tmp_path, content, message):
    path = tmp_path / "evening.json"
    path.write_bytes(content)
    with pytest.raises(InvalidDocument) as exc:
        read_document(path)
    assert str(exc.value.problems[0]).startswith(message)


def test_files_over_one_megabyte_are_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * MAX_FILE_BYTES + b"{}")
    with pytest.raises(InvalidDocument) as exc:
        read_document(path)
    assert str(exc.value) == "huge.json: is larger than 1024 KB"


def test_a_folder_in_place_of_a_file_is_reported(tmp_path):
    (tmp_path / "odd.json").mkdir()
    with pytest.raises(InvalidDocument) as exc:
        read_document(tmp_path / "odd.json")
    assert str(exc.value) == "odd.json: is a folder, not a file"


def test_asset_paths_must_name_existing_files_inside_the_assets(tmp_path):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "mine.svg").write_text("<svg/>")
    ok = with_step(1, illustration="poses/mine.svg")
    parse_routine(ok, "evening.json", poses=POSES, assets_dir=tmp_path)
    missing = with_step(1, illustration="poses/none.svg")
    assert problems_of(missing, tmp_path) == [
        "evening.json: $.steps[1].illustration: no such file in the assets folder: 'poses/none.svg'"
    ]
    (tmp_path / "poses" / "link.svg").symlink_to("/etc/hostname")
    escaping = with_step(1, illustration="poses/link.svg")
    assert "must point inside the assets folder" in problems_of(escaping, tmp_path)[0]


def write(folder, name, doc):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(json.dumps(doc).encode() if not isinstance(doc, bytes) else doc)
    return path


@pytest.fixture
def assets(tmp_path):
    folder = tmp_path / "assets"
    (folder / "routines").mkdir(parents=True)
    (folder / "poses.json").write_bytes(msgspec.json.encode(POSES))
    write(folder / "routines", "evening.json", GOOD)
    return folder


def test_bad_custom_file_is_skipped_and_the_rest_still_load(assets, tmp_path):
    custom = tmp_path / "custom"
    write(custom, "a-good.json", {**GOOD, "id": "mine"})
    write(custom, "b-broken.json", b"{oops")
    write(custom, "c-clash.json", GOOD)
    library = load_library(assets, custom)
    assert sorted(library.ids) == ["evening", "mine"]
    messages = [str(p) for p in library.problems]
    assert messages[0].startswith("b-broken.json: is not valid JSON")
    assert (
        messages[1]
        == "c-clash.json: $.id: 'evening' is already used by a built-in routine; file skipped"
    )
    assert [r.builtin for r in library.routines] == [True, False]


def test_validate_files_reports_duplicate_ids_across_files(assets, tmp_path):
    a = write(tmp_path, "a.json", GOOD)
    b = write(tmp_path, "b.json", GOOD)
    problems = validate_files([a, b], poses=POSES, assets_dir=assets)
    assert [str(p) for p in problems] == [f"{b}: $.id: 'evening' is also the id of {a}"]


def test_validate_files_names_files_as_given_and_checks_each_once(assets, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "one", "evening.json", b"{")
    write(tmp_path / "two", "evening.json", dict(GOOD, title=""))
    given = [
        "one/evening.json",
        "two/evening.json",
        "./one/evening.json",
        "one/../one/evening.json",
    ]
    problems = validate_files(given, poses=POSES, assets_dir=assets)
    assert [str(p).split(": $")[0].split(": is")[0] for p in problems] == [
        "one/evening.json",
        "two/evening.json",
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
step_like = st.fixed_dictionaries(
    {"kind": st.sampled_from(["breath", "pose", "rest", "transition", "x"])},
    optional={
        "pattern": json_values | st.sampled_from(["box", "natural", "4-7-8"]),
        "seconds": json_values,
        "cycles": json_values,
        "breaths": json_values,
        "pose": st.sampled_from(["lizard", "butterfly", "nope"]) | json_values,
        "per_side": json_values,
        "rounds": json_values,
    },
)
routine_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=10) | json_values,
        "title": st.text(max_size=90) | json_values,
        "steps": st.lists(step_like | json_values, max_size=4) | json_values,
        "tags": json_values,
        "format": json_values,
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=json_values | routine_like)
def test_fuzz_only_the_documented_error_escapes(doc):
    try:
        parse_routine(doc, "fuzz.json", poses=POSES)
    except InvalidDocument as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.source == "fuzz.json"
            assert problem.path == "" or problem.path.startswith("$")
            assert problem.reason and "Traceback" not in problem.reason


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_fuzz_arbitrary_bytes_never_escape(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "bytes.json"
    path.write_bytes(data)
    try:
        parse_routine(read_document(path), "bytes.json", poses=POSES)
    except InvalidDocument as exc:
        assert all(str(p).startswith("bytes.json") for p in exc.problems)


def test_a_halfs_own_picture_must_exist_in_the_assets():
    from hipcoach import paths

    halves = [{"label": "one way", "illustration": "poses/nowhere.svg"}, {"label": "other way"}]
    problems = problems_of(with_step(1, halves=halves), assets_dir=paths.assets_dir())
    assert problems == [
        "evening.json: $.steps[1].halves[0].illustration: "
        "no such file in the assets folder: 'poses/nowhere.svg'"
    ]
