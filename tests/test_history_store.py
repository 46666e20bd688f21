"""HistoryStore: round trip, atomic writes and backups, checkpoints, migrations, bad files."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest

from hipcoach.core import history as history_mod
from hipcoach.core import history_reading
from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import (
    FORMAT_VERSION,
    MIGRATIONS,
    CheckIn,
    encode_history,
    migrate,
    parse_history,
)
from hipcoach.core.history_lock import FileWriteLock, LockTimeoutError
from hipcoach.core.history_problems import ProblemKind
from hipcoach.core.storage import backup_path
from history_crash_child import make_full_session, make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
FIXED_NOW = 1_715_000_000.0  # the clock used to name moved-aside files


@pytest.fixture
def path(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir / "history.json"


def store_at(path: Path, **kw) -> HistoryStore:
    return HistoryStore(path, clock=lambda: FIXED_NOW, **kw)


def mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def corrupt_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("history.corrupt-*.json"))


# ----------------------------------------------------------------------------- round trip


def test_round_trip_keeps_every_field(path):
    store = store_at(path)
    assert store.load().problems == ()
    full = make_full_session(T0)
    other = make_session(
        datetime(2024, 5, 7, 8, 0, tzinfo=timezone(timedelta(hours=-4))), completed=False
    )
    assert store.add(full) is None
    assert store.add(other) is None

    again = store_at(path)
    result = again.load()
    assert result.problems == ()
    assert {s.id: s for s in result.sessions} == {full.id: full, other.id: other}
    # The offset the session happened in is kept, not only the instant.
    loaded = again.get(other.id)
    assert loaded is not None
    assert loaded.started_at.utcoffset() == timedelta(hours=-4)


def test_times_are_stored_as_iso_8601_with_offset(path):
    store = store_at(path)
    store.load()
    store.add(make_session(datetime(2024, 3, 31, 2, 15, tzinfo=timezone(timedelta(hours=1)))))
    raw = json.loads(path.read_text())
    assert raw["format"] == "hipcoach-history"
    assert raw["version"] == FORMAT_VERSION
    assert raw["sessions"][0]["started_at"] == "2024-03-31T02:15:00+01:00"


def test_sessions_are_newest_first_across_offsets(path):
    store = store_at(path)
    store.load()
    # 09:00+02:00 is 07:00 UTC: earlier than 08:00 UTC despite the later clock time.
    early = make_session(datetime(2024, 5, 6, 9, 0, tzinfo=timezone(timedelta(hours=2))))
    late = make_session(datetime(2024, 5, 6, 8, 0, tzinfo=UTC))
    store.add(late)
    store.add(early)
    assert [s.id for s in store.sessions] == [late.id, early.id]


def test_adding_the_same_id_replaces_the_session(path):
    store = store_at(path)
    store.load()
    rec = make_session(T0, completed=False)
    store.add(rec)
    done = msgspec.structs.replace(rec, completed=True, steps_done=6)
    store.add(done)
    assert list(store.sessions) == [done]
    assert store_at(path).load().sessions == (done,)


def test_files_are_private_to_the_owner(path):
    store = store_at(path)
    store.load()
    store.add(make_session(T0))
    store.add(make_session(T0 + timedelta(days=1)))
    rec = make_session(T0 + timedelta(days=2))
    store.checkpoint(rec)
    assert mode(path) == 0o600
    assert mode(backup_path(path)) == 0o600
    assert mode(store.session_file_path(rec.id)) == 0o600


def test_backup_holds_the_previous_good_file(path):
    store = store_at(path)
    store.load()
    first = make_session(T0)
    store.add(first)
    before = path.read_bytes()
    store.add(make_session(T0 + timedelta(days=1)))
    assert backup_path(path).read_bytes() == before
    assert [s.id for s in parse_history(backup_path(path).read_bytes())] == [first.id]


def test_write_leaves_no_temporary_files(path):
    store = store_at(path)
    store.load()
    store.add(make_session(T0))
    store.add(make_session(T0 + timedelta(hours=1)))
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_delete_and_restore_are_saved(path):
    store = store_at(path)
    store.load()
    keep, gone = make_session(T0), make_session(T0 + timedelta(days=1))
    store.add(keep)
    store.add(gone)
    removed = store.delete(gone.id)
    assert removed == gone
    assert [s.id for s in store_at(path).load().sessions] == [keep.id]
    assert store.delete(gone.id) is None  # already gone
    store.restore(removed)
    assert {s.id for s in store_at(path).load().sessions} == {keep.id, gone.id}


def test_listeners_hear_every_change(path):
    store = store_at(path)
    events = []
    store.add_listener(events.append)
    store.load()
    rec = make_session(T0)
    store.add(rec)
    store.delete(rec.id)
    store.restore(rec)
    assert [(e.kind, e.session_id) for e in events] == [
        ("loaded", None),
        ("added", rec.id),
        ("deleted", rec.id),
        ("restored", rec.id),
    ]
    store.remove_listener(events.append)
    store.add(make_session(T0 + timedelta(days=1)))
    assert len(events) == 4


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"ended_at": datetime(2024, 5, 6, 7, 40)}, "timezone-aware"),
        ({"practised_seconds": float("nan")}, "finite"),
        ({"steps_done": 7}, "steps_done"),
    ],
)
def test_records_that_would_break_the_file_are_refused_when_made(change, reason):
    with pytest.raises(ValueError, match=reason):
        make_session(T0, **change)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"checkin_after": CheckIn(tightness=9, calm=3)}, "checkin_after.tightness"),
        ({"checkin_before": CheckIn(2, 3, note="x" * 281)}, "checkin_before.note"),
        ({"id": "not-a-uuid"}, "id"),
        ({"practised_seconds": -1.0}, "practised_seconds"),
    ],
)
def test_add_refuses_invalid_records_before_writing(path, change, field):
    store = store_at(path)
    store.load()
    store.add(make_session(T0))
    before = path.read_bytes()
    with pytest.raises(ValueError, match=field):
        store.add(make_session(T0 + timedelta(days=1), **change))
    assert path.read_bytes() == before


# ----------------------------------------------------------------------------- checkpoints


def test_checkpoint_after_a_crash_becomes_a_partial_session(path):
    store = store_at(path)
    store.load()
    rec = make_session(T0, completed=False, practised_seconds=0.0, steps_done=0)
    store.checkpoint(rec)
    later = msgspec.structs.replace(rec, practised_seconds=95.0, steps_done=2)
    store.checkpoint(later)
    del store  # the app dies here: no add()

    result = store_at(path).load()
    assert [s.id for s in result.sessions] == [rec.id]
    recovered = result.sessions[0]
    assert recovered.practised_seconds == 95.0
    assert recovered.steps_done == 2
    assert recovered.interrupted and not recovered.completed
    assert [p.kind for p in result.problems] == [ProblemKind.RECOVERED_INTERRUPTED]
    assert "2 min" in result.problems[0].message
    # Folded into history.json and the checkpoint gone: the next start is quiet.
    assert not store_at(path).session_file_path(rec.id).exists()
    again = store_at(path).load()
    assert again.problems == () and again.sessions == result.sessions


def test_add_clears_the_checkpoint(path):
    store = store_at(path)
    store.load()
    rec = make_session(T0)
    store.checkpoint(msgspec.structs.replace(rec, completed=False, steps_done=1))
    assert store.session_file_path(rec.id).exists()
    store.add(rec)
    assert not store.session_file_path(rec.id).exists()
    result = store_at(path).load()
    assert result.sessions == (rec,) and result.problems == ()


def test_a_finished_session_is_not_replaced_by_an_older_checkpoint(path):
    # Another process folded our checkpoint while we were still running; we then finished.
    ours, theirs = store_at(path), store_at(path)
    ours.load()
    rec = make_session(T0)
    ours.checkpoint(msgspec.structs.replace(rec, completed=False, practised_seconds=60.0))
    theirs.load()
    assert theirs.get(rec.id).interrupted
    ours.add(rec)
    ours.checkpoint(msgspec.structs.replace(rec, completed=False, practised_seconds=30.0))
    assert store_at(path).load().sessions == (rec,)


def test_a_bad_checkpoint_is_moved_aside_not_lost(path):
    store = store_at(path)
    store.load()
    rec = make_session(T0)
    cp = store.session_file_path(rec.id)
    cp.write_bytes(b'{"format": "hipcoach-session", "ver')
    result = store_at(path).load()
    assert result.sessions == ()
    assert [p.kind for p in result.problems] == [ProblemKind.SESSION_FILE_BAD]
    assert cp.name in result.problems[0].message
    assert not cp.exists()
    moved = list(path.parent.glob(f"session-in-progress-{rec.id}.corrupt-*.json"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b'{"format"')


# ----------------------------------------------------------------------------- migrations


V1_SESSION = {
    "id": "0" * 31 + "1",
    "started_at": "2023-11-02T07:00:00+00:00",
    "ended_at": "2023-11-02T07:12:00+00:00",
    "routine_id": "hips-basic",
    "routine_title": "Hips, basic",
    "planned_seconds": 720,
    "practised_seconds": 700,
    "completed": True,
    "steps_done": 6,
    "steps_total": 6,
    "checkin": {"before": {"tightness": 4, "calm": 2, "note": ""}, "after": None},
}
V1_FILE = [V1_SESSION]
V2_FILE = {"format": "hipcoach-history", "version": 2, "sessions": [V1_SESSION]}


def test_migrations_are_one_per_version_in_order():
    assert len(MIGRATIONS) == FORMAT_VERSION - 1
    doc = V1_FILE
    for expected_version, step in enumerate(MIGRATIONS, start=2):
        doc = step(doc)
        assert doc["version"] == expected_version


def test_migration_1_to_2_wraps_the_list():
    assert MIGRATIONS[0](V1_FILE) == V2_FILE


def test_migration_2_to_3_splits_the_checkin_and_adds_sides():
    doc = MIGRATIONS[1](V2_FILE)
    (s,) = doc["sessions"]
    assert "checkin" not in s
    assert s["checkin_before"] == {"tightness": 4, "calm": 2, "note": ""}
    assert s["checkin_after"] is None
    assert (s["left_seconds"], s["right_seconds"], s["sleep_pauses"]) == (0.0, 0.0, [])


@pytest.mark.parametrize("old", [V1_FILE, V2_FILE], ids=["v1", "v2"])
def test_old_files_load_and_are_rewritten_in_the_current_format(path, old):
    path.write_text(json.dumps(old))
    store = store_at(path)
    result = store.load()
    assert result.problems == ()
    (s,) = result.sessions
    assert s.checkin_before == CheckIn(4, 2)
    assert s.practised_seconds == 700
    store.add(make_session(T0))
    assert json.loads(path.read_text())["version"] == FORMAT_VERSION
    # The old file is the backup, still readable.
    assert [x.id for x in parse_history(backup_path(path).read_bytes())] == [s.id]


def test_migrate_leaves_a_current_document_alone():
    current = json.loads(encode_history([make_session(T0)]))
    assert migrate(current) == current


# ----------------------------------------------------------------------------- newer file


def newer_file(path: Path) -> bytes:
    doc = json.loads(encode_history([make_session(T0)]))
    doc["version"] = FORMAT_VERSION + 1
    doc["sessions"][0]["mood_colour"] = "teal"  # a field this version does not know
    data = json.dumps(doc).encode()
    path.write_bytes(data)
    return data


def test_a_newer_file_is_shown_read_only_and_never_written(path):
    data = newer_file(path)
    store = store_at(path)
    result = store.load()
    assert result.read_only and store.read_only
    assert len(result.sessions) == 1
    (problem,) = result.problems
    assert problem.kind is ProblemKind.READ_ONLY_NEWER
    assert "newer version" in problem.message and str(path) in problem.message

    rec = make_session(T0 + timedelta(days=1))
    assert store.add(rec) is None
    assert store.delete(result.sessions[0].id) is not None
    assert path.read_bytes() == data
    assert not backup_path(path).exists()
    # The new session waits beside it and is shown again on the next start.
    assert store.session_file_path(rec.id, "unsaved").exists()
    again = store_at(path).load()
    assert rec.id in {s.id for s in again.sessions}
    assert path.read_bytes() == data


def test_unsaved_sessions_join_the_history_once_it_is_writable(path):
    newer_file(path)
    store = store_at(path)
    store.load()
    rec = make_session(T0 + timedelta(days=1))
    store.add(rec)
    path.unlink()  # e.g. the person restored an older file, or removed the newer one
    result = store_at(path).load()
    assert [s.id for s in result.sessions] == [rec.id]
    assert not store.session_file_path(rec.id, "unsaved").exists()
    assert [s.id for s in parse_history(path.read_bytes())] == [rec.id]


# ----------------------------------------------------------------------------- bad files


def good_backup(path: Path) -> list:
    """Make a good history with a .bak of two sessions; returns those sessions."""
    store = store_at(path)
    store.load()
    a, b = make_session(T0), make_session(T0 + timedelta(days=1))
    store.add(a)
    store.add(b)
    store.add(make_session(T0 + timedelta(days=2)))  # the .bak now holds a and b
    return [b, a]


def _big(path: Path, monkeypatch) -> None:
    monkeypatch.setattr(history_reading, "MAX_HISTORY_BYTES", 4096)
    path.write_bytes(encode_history([make_session(T0 + timedelta(i)) for i in range(20)]))


BAD_FILES = {
    "empty": (lambda p, mp: p.write_bytes(b""), "empty"),
    "blank": (lambda p, mp: p.write_bytes(b"  \n"), "empty"),
    "truncated": (
        lambda p, mp: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        "ends too early",
    ),
    "not-json": (lambda p, mp: p.write_bytes(b"<html>hello</html>"), "not valid JSON"),
    "binary": (lambda p, mp: p.write_bytes(b"\x00\xff\xfe\x89PNG garbage"), "not valid JSON"),
    "top-level-list-of-junk": (lambda p, mp: p.write_text("[1, 2]"), "sessions[0]"),
    "top-level-string": (lambda p, mp: p.write_text('"hello"'), "a string"),
    "no-format": (lambda p, mp: p.write_text('{"version": 3, "sessions": []}'), "format"),
    "bad-version": (
        lambda p, mp: p.write_text('{"format": "hipcoach-history", "version": "3"}'),
        "version",
    ),
    "wrong-type": (
        lambda p, mp: p.write_text(p.read_text().replace('"calm":2', '"calm":"two"', 1)),
        "sessions[0].checkin_before.calm",
    ),
    "out-of-range": (
        lambda p, mp: p.write_text(p.read_text().replace('"calm":2', '"calm":9', 1)),
        "sessions[0].checkin_before.calm",
    ),
    "naive-time": (
        lambda p, mp: p.write_text(p.read_text().replace("T07:30:00Z", "T07:30:00", 1)),
        "sessions[0].started_at",
    ),
    "unknown-field": (
        lambda p, mp: p.write_text(p.read_text().replace('"completed"', '"colour":1,"completed"')),
        "unknown field `colour`",
    ),
    "missing-field": (
        lambda p, mp: p.write_text(p.read_text().replace('"routine_id":"hips-basic",', "", 1)),
        "routine_id",
    ),
    "too-large": (_big, "larger than"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_moved_aside_and_the_backup_recovered(path, monkeypatch, case):
    store = store_at(path)
    store.load()
    store.add(make_full_session(T0))
    store.add(make_full_session(T0 + timedelta(days=1)))  # .bak: the first session only
    backed_up = parse_history(backup_path(path).read_bytes())
    spoil, reason = BAD_FILES[case]
    spoil(path, monkeypatch)
    bad_bytes = path.read_bytes()

    result = store_at(path).load()

    assert list(result.sessions) == backed_up
    (problem,) = result.problems
    assert problem.kind is ProblemKind.RECOVERED_FROM_BACKUP
    (moved,) = corrupt_files(path.parent)
    assert moved.read_bytes() == bad_bytes  # never deleted, byte for byte
    assert problem.path == moved
    assert "history.json" in problem.message and str(moved) in problem.message
    assert reason in problem.message
    assert "1 session was recovered" in problem.message
    # history.json is good again, private, and loads quietly.
    assert mode(path) == 0o600
    monkeypatch.undo()
    assert store_at(path).load().problems == ()


def test_a_file_that_cannot_be_opened_is_left_alone_and_nothing_is_lost(path, monkeypatch):
    # Permission denied says nothing about the contents: not moved, not overwritten.
    store = store_at(path)
    store.load()
    first, second = make_full_session(T0), make_full_session(T0 + timedelta(days=1))
    store.add(first)
    store.add(second)  # .bak: the first session only
    on_disk = path.read_bytes()
    real = history_reading.read_bytes_limited

    def refuse(p, limit):
        if Path(p) == path:
            raise PermissionError(13, "Permission denied", str(p))
        return real(p, limit)

    # Tests run as root here, where chmod 000 does not stop reading.
    monkeypatch.setattr(history_reading, "read_bytes_limited", refuse)

    store = store_at(path)
    result = store.load()

    assert result.read_only and store.read_only
    assert list(result.sessions) == [first]  # shown from the backup meanwhile
    (problem,) = result.problems
    assert problem.kind is ProblemKind.READ_ONLY_UNREADABLE
    assert "Permission denied" in problem.message and str(path) in problem.message
    assert corrupt_files(path.parent) == []
    # A session practised now is kept beside the file, which stays untouched.
    third = make_full_session(T0 + timedelta(days=2))
    assert store.add(third) is None
    assert store.session_file_path(third.id, "unsaved").exists()
    assert path.read_bytes() == on_disk

    # Once the file can be opened again, everything is there and saved.
    monkeypatch.undo()
    again = store_at(path)
    result = again.load()
    assert not result.read_only
    assert {s.id for s in result.sessions} == {first.id, second.id, third.id}
    assert not store.session_file_path(third.id, "unsaved").exists()
    assert third.id in {s.id for s in parse_history(path.read_bytes())}


def test_a_folder_in_place_of_the_file_is_moved_aside(path):
    good = good_backup(path)
    path.unlink()
    path.mkdir()
    (path / "something").write_text("keep me")
    result = store_at(path).load()
    assert list(result.sessions) == good
    (moved,) = corrupt_files(path.parent)
    assert (moved / "something").read_text() == "keep me"
    assert "folder" in result.problems[0].message
    assert path.is_file()


def test_a_bad_file_without_backup_starts_empty_and_says_so(path):
    path.write_text("{ not json")
    result = store_at(path).load()
    assert result.sessions == ()
    (problem,) = result.problems
    assert problem.kind is ProblemKind.MOVED_ASIDE and problem.severity == "error"
    assert "no backup" in problem.message and str(problem.path) in problem.message
    assert problem.path.read_text() == "{ not json"


def test_a_bad_backup_is_moved_aside_too(path):
    path.write_text("garbage")
    backup_path(path).write_text("more garbage")
    result = store_at(path).load()
    assert result.sessions == ()
    assert [p.kind for p in result.problems] == [ProblemKind.BACKUP_UNUSABLE]
    assert sorted(p.read_text() for p in path.parent.glob("history*corrupt*")) == [
        "garbage",
        "more garbage",
    ]


def test_moving_aside_never_overwrites_an_earlier_corrupt_file(path):
    path.write_text("first bad")
    store_at(path).load()
    path.write_text("second bad")
    store_at(path).load()  # same clock: same timestamp in the name
    assert sorted(p.read_text() for p in corrupt_files(path.parent)) == ["first bad", "second bad"]


def test_a_missing_file_is_restored_from_the_backup(path):
    good = good_backup(path)
    path.unlink()
    result = store_at(path).load()
    assert list(result.sessions) == good
    assert "missing" in result.problems[0].message
    assert path.is_file()


def test_read_only_store_never_changes_files(path):
    path.write_text("garbage")
    before = sorted(p.name for p in path.parent.iterdir())
    result = store_at(path, read_only=True).load()
    assert result.read_only and result.sessions == ()
    assert "left as it is" in result.problems[0].message
    assert sorted(p.name for p in path.parent.iterdir()) == before


# ----------------------------------------------------------------------------- concurrency


def test_two_stores_on_one_file_keep_each_others_sessions(path):
    one, two = store_at(path), store_at(path)
    one.load()
    two.load()
    a, b, c = (make_session(T0 + timedelta(days=i)) for i in range(3))
    one.add(a)
    two.add(b)  # two has not seen a: it must re-read before writing
    one.add(c)
    assert {s.id for s in store_at(path).load().sessions} == {a.id, b.id, c.id}
    two.delete(a.id)
    one.add(make_session(T0 + timedelta(days=5)))
    assert a.id not in {s.id for s in store_at(path).load().sessions}


def test_a_failed_write_keeps_the_session_and_retries(path, monkeypatch):
    store = store_at(path)
    store.load()
    real = history_mod.atomic_write_bytes

    def disk_full(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_mod, "atomic_write_bytes", disk_full)
    first = make_session(T0)
    problem = store.add(first)
    assert problem is not None and problem.kind is ProblemKind.SAVE_FAILED
    assert "No space left" in problem.message
    assert store.get(first.id) == first

    monkeypatch.setattr(history_mod, "atomic_write_bytes", real)
    second = make_session(T0 + timedelta(days=1))
    assert store.add(second) is None
    assert {s.id for s in store_at(path).load().sessions} == {first.id, second.id}


def test_a_lock_timeout_is_reported_not_raised(path):
    def busy():
        raise LockTimeoutError("another hipcoach process held the lock")

    store = store_at(path, lock=busy)
    result = store.load()
    assert [p.kind for p in result.problems] == [ProblemKind.LOAD_NOT_SAVED]
    problem = store.add(make_session(T0))
    assert problem is not None and "held the lock" in problem.message
    assert len(store.sessions) == 1


def test_file_write_lock_excludes_a_second_holder(tmp_path):
    lock = FileWriteLock(tmp_path / "x.flock", timeout=0.0)
    with lock(), pytest.raises(LockTimeoutError), lock():
        pass
    with lock():  # released again
        assert mode(tmp_path / "x.flock") == 0o600


def test_history_that_would_exceed_the_size_limit_is_not_written(path, monkeypatch):
    store = store_at(path)
    store.load()
    store.add(make_session(T0))
    before = path.read_bytes()
    monkeypatch.setattr(history_mod, "MAX_HISTORY_BYTES", len(before) + 10)
    problem = store.add(make_session(T0 + timedelta(days=1)))
    assert problem is not None and "larger than" in problem.message
    assert path.read_bytes() == before


def test_a_failed_write_keeps_the_finished_session_beside_and_says_so_truthfully(path, monkeypatch):
    store = store_at(path)
    store.load()
    session = make_session(T0)
    store.checkpoint(session)
    real = history_mod.atomic_write_bytes

    def history_disk_full(target, data, **kw):
        if Path(target) == path:
            raise OSError(28, "No space left on device")
        return real(target, data, **kw)

    monkeypatch.setattr(history_mod, "atomic_write_bytes", history_disk_full)
    problem = store.add(session)
    assert problem is not None and problem.kind is ProblemKind.SAVE_FAILED_KEPT_BESIDE
    assert "No space left" in problem.message and problem.path.name in problem.message
    assert store.unsaved_changes
    assert not store.session_file_path(session.id).exists()  # no longer "in progress"
    assert store.session_file_path(session.id, "unsaved").exists()

    # The next start takes it in as the finished session it is: no "closed unexpectedly".
    monkeypatch.setattr(history_mod, "atomic_write_bytes", real)
    result = store_at(path).load()
    assert [p.kind for p in result.problems] == [ProblemKind.TOOK_IN_UNSAVED]
    assert "unexpectedly" not in result.problems[0].message
    assert result.sessions == (session,)
    assert not store.session_file_path(session.id, "unsaved").exists()


def test_retry_writes_what_a_failed_write_left_in_memory(path, monkeypatch):
    store = store_at(path)
    store.load()
    events = []
    store.add_listener(events.append)
    real = history_mod.atomic_write_bytes

    def disk_full(*a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_mod, "atomic_write_bytes", disk_full)
    session = make_session(T0)
    assert store.add(session).kind is ProblemKind.SAVE_FAILED
    assert store.retry() is None  # still failing: reported once already, not again
    assert store.unsaved_changes

    monkeypatch.setattr(history_mod, "atomic_write_bytes", real)
    saved = store.retry()
    assert saved is not None and saved.kind is ProblemKind.SAVED_AFTER_ALL
    assert "saved again" in saved.message
    assert not store.unsaved_changes
    assert store.retry() is None
    assert store_at(path).load().sessions == (session,)
    assert events[-1].kind == "saved"
