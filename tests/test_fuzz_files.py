"""Hostile structures in every file hipcoach reads: deep, wide, every wrong type anywhere.

Each example takes a good file of one kind, puts something hostile at one place in
it (or around it: a byte-order mark, a key given twice) and loads it the way the
app does. Whatever it holds: no exception escapes, bad files are reported by name,
and the bytes written are still in the folder (in place, or moved aside).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import encode_history, encode_session_file
from hipcoach.core.routines import load_library
from hipcoach.core.settings import Settings, SettingsStore
from history_crash_child import make_full_session

ASSETS = Path(__file__).resolve().parents[1] / "assets"
SESSION_ID = "0123456789abcdef0123456789abcdef"
MARK = "\u0000hostile\u0000"


def _json(data: bytes) -> Any:
    return json.loads(data)


SESSION = make_full_session(datetime(2026, 3, 1, 7, 0, tzinfo=UTC))
SESSION = msgspec.structs.replace(SESSION, id=SESSION_ID)
GOOD: dict[str, Any] = {
    "routines/mine.json": {
        "id": "mine",
        "title": "Mine",
        "tags": ["evening"],
        "steps": [
            {"kind": "breath", "pattern": {"inhale": 4, "exhale": 6}, "seconds": 60},
            {"kind": "pose", "pose": "lizard", "seconds": 30, "cues": ["Breathe"]},
        ],
    },
    "patterns.json": {"patterns": {"slow": {"inhale": 4, "exhale": 8, "name": "Slow"}}},
    "settings.json": json.loads(msgspec.json.encode(Settings())),
    "history.json": _json(encode_history([SESSION])),
    "history.json.bak": _json(encode_history([SESSION])),
    f"session-in-progress-{SESSION_ID}.json": _json(encode_session_file(SESSION)),
    f"session-unsaved-{SESSION_ID}.json": _json(encode_session_file(SESSION)),
}


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _with_mark(doc: Any, path: tuple) -> Any:
    doc = json.loads(json.dumps(doc))
    if not path:
        return MARK
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = MARK
    return doc


def _deep(depth: int, opener: bytes) -> bytes:
    closer = b"]" if opener == b"[" else b"}"
    return opener * depth + b"1" + closer * depth


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
hostile = st.one_of(
    st.builds(_deep, st.integers(30, 3000), st.sampled_from([b"[", b'{"a":'])),
    st.integers(1000, 20_000).map(lambda n: b"[" + b",".join([b'"x"'] * n) + b"]"),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.sampled_from([b"1e999", b"-" + b"9" * 5000, b'"\\ud800"', b"[1,]", b'{"a":1,"a":2}']),
)


@st.composite
def hostile_files(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(GOOD)))
    good = GOOD[name]
    path = draw(st.sampled_from(_places(good)))
    text = json.dumps(_with_mark(good, path)).encode()
    marker = json.dumps(MARK).encode()
    data = text.replace(marker, draw(hostile), 1)
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return name, data


def _load_everything(data_dir: Path) -> list[str]:
    """Load as the app does; what it tells the person, as text."""
    told: list[str] = []
    library = load_library(ASSETS, data_dir / "routines", data_dir / "patterns.json")
    told += [str(p) for p in library.problems]
    loaded = SettingsStore(data_dir / "settings.json").load()
    told += [loaded.message] if loaded.message else []
    told += [p.message for p in HistoryStore(data_dir / "history.json").load().problems]
    return told


def _bytes_kept(folder: Path, data: bytes) -> bool:
    return any(p.is_file() and p.read_bytes() == data for p in folder.rglob("*"))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=hostile_files())
def test_hostile_structures_in_any_file_are_reported_never_raised(tmp_path_factory, case):
    name, data = case
    data_dir = tmp_path_factory.mktemp("data")
    (data_dir / "routines").mkdir()
    (data_dir / name).write_bytes(data)
    told = _load_everything(data_dir)
    assert all(isinstance(t, str) and t for t in told)
    base = Path(name).name.removesuffix(".bak")
    if any(base in t for t in told):  # judged bad: kept, in place or moved aside
        assert _bytes_kept(data_dir, data)


def test_every_kind_of_file_is_fuzzed():
    assert {n.split("/")[0].split("-")[0] for n in GOOD} >= {
        "routines",
        "patterns.json",
        "settings.json",
        "history.json",
        "history.json.bak",
        "session",
    }
