"""The version of history.json and its backup is checked before anything else."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import (
    FORMAT_VERSION,
    BadFileError,
    NewerFormatError,
    encode_history,
    parse_history,
)
from hipcoach.core.history_problems import ProblemKind
from hipcoach.core.storage import backup_path
from history_crash_child import make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
#: The first version this hipcoach does not know.
NEXT = str(FORMAT_VERSION + 1)
FIXED_NOW = 1_715_000_000.0


@pytest.fixture
def path(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir / "history.json"


def with_version(version_literal: str) -> bytes:
    """A history whose sessions are all valid, with ``version`` written as given."""
    body = encode_history([make_session(T0)]).decode()
    return body.replace(f'"version":{FORMAT_VERSION}', f'"version":{version_literal}').encode()


@pytest.mark.parametrize("version", [NEXT, "10", "1" + "0" * 400])
def test_a_newer_version_whose_sessions_parse_is_still_newer(version):
    with pytest.raises(NewerFormatError) as caught:
        parse_history(with_version(version))
    assert caught.value.version == int(version)
    assert caught.value.sessions is not None and len(caught.value.sessions) == 1


@pytest.mark.parametrize("version", ["0", "-3", "3.0", "true", '"3"', "null"])
def test_a_version_that_is_not_a_positive_whole_number_is_a_damaged_file(version):
    with pytest.raises(BadFileError, match="version"):
        parse_history(with_version(version))


@pytest.mark.parametrize("version", [NEXT, "1" + "0" * 400])
def test_a_newer_history_is_opened_read_only_and_never_rewritten(path, version):
    data = with_version(version)
    path.write_bytes(data)
    store = HistoryStore(path, clock=lambda: FIXED_NOW)
    result = store.load()
    assert result.read_only
    (problem,) = result.problems
    assert problem.kind is ProblemKind.READ_ONLY_NEWER
    assert "newer version" in problem.message and len(problem.message) < 600
    store.add(make_session(T0.replace(day=7)))
    assert path.read_bytes() == data
    assert not backup_path(path).exists()


@pytest.mark.parametrize("version", ["0", "3.5"])
def test_a_history_with_a_damaged_version_is_moved_aside(path, version):
    path.write_bytes(with_version(version))
    result = HistoryStore(path, clock=lambda: FIXED_NOW).load()
    assert not result.read_only
    (problem,) = result.problems
    assert problem.kind is ProblemKind.MOVED_ASIDE
    assert "version" in problem.message
    assert [p.name for p in path.parent.glob("history.corrupt-*.json")]


def test_a_newer_backup_is_shown_read_only_when_the_history_is_missing(path):
    bak = backup_path(path)
    data = with_version(NEXT)
    bak.write_bytes(data)
    store = HistoryStore(path, clock=lambda: FIXED_NOW)
    result = store.load()
    assert result.read_only and len(result.sessions) == 1
    (problem,) = result.problems
    assert problem.kind is ProblemKind.BACKUP_NEWER
    assert "newer version" in problem.message and "missing" in problem.message
    store.add(make_session(T0.replace(day=7)))
    assert bak.read_bytes() == data  # not moved aside as corrupt, not replaced
    assert not path.exists()
    assert not list(path.parent.glob("*corrupt*"))


def test_a_newer_backup_behind_a_bad_history_is_kept(path):
    path.write_bytes(b"{ not json")
    bak = backup_path(path)
    data = with_version(str(FORMAT_VERSION + 2))
    bak.write_bytes(data)
    result = HistoryStore(path, clock=lambda: FIXED_NOW).load()
    assert result.read_only
    kinds = [p.kind for p in result.problems]
    assert kinds == [ProblemKind.BACKUP_NEWER]
    assert bak.read_bytes() == data
    assert len(list(path.parent.glob("history.corrupt-*.json"))) == 1


def test_a_backup_with_a_damaged_version_is_moved_aside(path):
    bak = backup_path(path)
    bak.write_bytes(with_version("0"))
    result = HistoryStore(path, clock=lambda: FIXED_NOW).load()
    assert [p.kind for p in result.problems] == [ProblemKind.BACKUP_UNUSABLE]
    assert not bak.exists()
    assert list(path.parent.glob("history.json.corrupt-*.bak"))


def test_a_session_file_from_a_newer_version_is_left_alone(path):
    store = HistoryStore(path, clock=lambda: FIXED_NOW)
    store.load()
    rec = make_session(T0)
    unsaved = store.session_file_path(rec.id, "unsaved")
    doc = {"format": "hipcoach-session", "version": FORMAT_VERSION + 1, "session": {}}
    unsaved.write_text(json.dumps(doc))
    result = HistoryStore(path, clock=lambda: FIXED_NOW).load()
    assert [p.kind for p in result.problems] == [ProblemKind.SESSION_FILE_BAD]
    assert "newer version" in result.problems[0].message
    assert unsaved.exists()
