"""Conflict copies of history.json left by sync programs are merged at start, then moved aside."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import BreakRecord, encode_history, new_session_id
from hipcoach.core.history_problems import ProblemKind
from hipcoach.core.history_sync import merge_breaks
from history_crash_child import make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
FIXED_NOW = 1_715_000_000.0

CONFLICT_NAMES = {
    "Syncthing": "history.sync-conflict-20261204-101010-ABCDEF.json",
    "Nextcloud": "history (conflicted copy 2026-12-04 101010).json",
    "Dropbox": "history (Anna's conflicted copy 2026-12-04).json",
    "numbered copy": "history (1).json",
}


@pytest.fixture
def path(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir / "history.json"


def store_at(path: Path) -> HistoryStore:
    return HistoryStore(path, clock=lambda: FIXED_NOW)


@pytest.mark.parametrize("name", CONFLICT_NAMES.values(), ids=CONFLICT_NAMES.keys())
def test_a_conflict_copy_is_merged_by_session_id_then_moved_aside(path, name):
    here_only = make_session(T0)
    shared = make_session(T0 + timedelta(days=1), practised_seconds=300.0)
    there_only = make_session(T0 + timedelta(days=2))
    longer = msgspec.structs.replace(shared, practised_seconds=420.0, completed=True)
    path.write_bytes(encode_history([here_only, shared]))
    copy = path.with_name(name)
    copy_bytes = encode_history([longer, there_only])
    copy.write_bytes(copy_bytes)

    result = store_at(path).load()

    assert {s.id: s for s in result.sessions} == {
        here_only.id: here_only,
        shared.id: longer,  # more practised time wins
        there_only.id: there_only,
    }
    (problem,) = result.problems
    assert problem.kind is ProblemKind.MERGED_SYNC_COPIES and problem.severity == "info"
    assert name in problem.message and "2 sessions were taken" in problem.message
    assert not copy.exists()
    (moved,) = [p for p in path.parent.iterdir() if ".merged-" in p.name]
    assert moved.read_bytes() == copy_bytes  # moved, never deleted
    # Said once: the next start finds nothing to merge and the history as merged.
    again = store_at(path).load()
    assert again.problems == ()
    assert len(again.sessions) == 3


def test_the_record_with_more_practice_wins_whichever_file_holds_it(path):
    session = make_session(T0, practised_seconds=600.0)
    shorter = msgspec.structs.replace(session, practised_seconds=60.0)
    path.write_bytes(encode_history([session]))
    path.with_name("history (1).json").write_bytes(encode_history([shorter]))
    result = store_at(path).load()
    assert result.sessions == (session,)
    assert "0 sessions were taken" in result.problems[0].message


def test_a_bad_conflict_copy_is_reported_and_left_alone(path):
    path.write_bytes(encode_history([make_session(T0)]))
    copy = path.with_name(CONFLICT_NAMES["Syncthing"])
    copy.write_bytes(b"{ cut off")
    result = store_at(path).load()
    (problem,) = result.problems
    assert problem.kind is ProblemKind.SYNC_COPY_BAD and copy.name in problem.message
    assert copy.read_bytes() == b"{ cut off"


def test_copies_are_not_merged_into_a_read_only_history(path):
    path.write_bytes(encode_history([make_session(T0)]))
    copy = path.with_name("history (2).json")
    copy.write_bytes(encode_history([make_session(T0 + timedelta(days=1))]))
    result = HistoryStore(path, read_only=True).load()
    assert len(result.sessions) == 1
    assert copy.exists()


@pytest.mark.parametrize(
    "name",
    [
        "history.json.bak",
        "history (1).json.bak",
        "history.corrupt-20261204-101010.json",
        "history.sync-conflict-20261204-101010-ABCDEF.merged-20261204-220000.json",
        "notes (conflicted copy 2026-12-04).json",
        "settings (1).json",
    ],
)
def test_other_files_are_not_taken_for_conflict_copies(path, name):
    path.write_bytes(encode_history([make_session(T0)]))
    other = path.with_name(name)
    other.write_bytes(encode_history([make_session(T0 + timedelta(days=1))]))
    result = store_at(path).load()
    assert len(result.sessions) == 1
    assert other.exists()


def brk(event: str, at: datetime, **fields) -> BreakRecord:
    values = {"id": new_session_id(), "reminder": "break", "routine_id": "two-minute-reset"}
    return BreakRecord(**{**values, **fields, "event": event, "at": at})


@pytest.mark.parametrize("name", CONFLICT_NAMES.values(), ids=CONFLICT_NAMES.keys())
def test_breaks_in_a_conflict_copy_are_merged_by_id_and_kept_once(path, name):
    shared = brk("offered", T0)  # written before the two computers parted
    here = brk("taken", T0 + timedelta(hours=1))
    there = brk("skipped", T0 + timedelta(hours=2), reminder="practice")
    path.write_bytes(encode_history([make_session(T0)], [shared, here]))
    path.with_name(name).write_bytes(encode_history([], [shared, there]))

    store = store_at(path)
    result = store.load()

    assert store.breaks == (shared, here, there)
    (problem,) = result.problems
    assert "1 break from the reminders was taken in as well" in problem.message
    # Saved: the next start reads the merged breaks from history.json itself.
    again = store_at(path)
    assert again.load().problems == ()
    assert again.breaks == (shared, here, there)


def test_no_sentence_about_breaks_when_a_copy_brings_none(path):
    shared = brk("taken", T0)
    path.write_bytes(encode_history([], [shared]))
    path.with_name("history (1).json").write_bytes(encode_history([make_session(T0)], [shared]))
    (problem,) = store_at(path).load().problems
    assert "1 session was taken" in problem.message
    assert "break" not in problem.message


@pytest.mark.parametrize(
    ("here", "there", "kept"),
    [
        ("offered", "taken", "taken"),
        ("taken", "offered", "taken"),
        ("postponed", "skipped", "skipped"),
        ("skipped", "postponed", "skipped"),
        ("offered", "postponed", "postponed"),
        ("skipped", "taken", "taken"),
    ],
)
def test_one_break_entry_that_two_copies_disagree_on_keeps_the_richer_outcome(
    path, here, there, kept
):
    entry = brk(here, T0)
    path.write_bytes(encode_history([], [entry]))
    copy = msgspec.structs.replace(entry, event=there)
    path.with_name(CONFLICT_NAMES["Syncthing"]).write_bytes(encode_history([], [copy]))
    store = store_at(path)
    store.load()
    (merged,) = store.breaks
    assert merged.id == entry.id and merged.event == kept


def test_an_entry_equal_but_for_its_id_is_the_same_break_and_not_added_again():
    held = brk("taken", T0)
    twin = msgspec.structs.replace(held, id=new_session_id())
    other_event = brk("offered", T0)  # offered and taken at one instant are two entries
    breaks = {held.id: held}
    assert merge_breaks(breaks, [twin, other_event]) == 1
    assert set(breaks) == {held.id, other_event.id}


def test_merging_the_same_copy_twice_adds_nothing_the_second_time():
    entries = [brk("offered", T0), brk("taken", T0 + timedelta(minutes=1))]
    breaks: dict[str, BreakRecord] = {}
    assert merge_breaks(breaks, entries) == 2
    assert merge_breaks(breaks, entries) == 0
    assert list(breaks.values()) == entries
