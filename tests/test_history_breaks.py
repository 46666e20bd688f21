"""Breaks in the history (format 4): migration from 3, saving, sharing the file, counting."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import (
    FORMAT_VERSION,
    MIGRATIONS,
    BadFileError,
    BreakRecord,
    encode_history,
    new_session_id,
    parse_history_document,
)
from hipcoach.core.history_stats import breaks_taken_in_week
from history_crash_child import make_session

T0 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def brk(event="taken", at=T0, reminder="break"):
    return BreakRecord(
        id=new_session_id(), at=at, reminder=reminder, event=event, routine_id="two-minute-reset"
    )


@pytest.fixture
def path(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir / "history.json"


def test_format_4_is_current_and_migration_3_to_4_adds_an_empty_break_list():
    assert FORMAT_VERSION == 4
    v3 = {"format": "hipcoach-history", "version": 3, "sessions": []}
    assert MIGRATIONS[2](v3) == {
        "format": "hipcoach-history",
        "version": 4,
        "sessions": [],
        "breaks": [],
    }


def test_a_version_3_file_loads_with_no_breaks_and_is_rewritten_as_4_keeping_its_sessions(path):
    session = make_session(T0)
    v3 = json.loads(encode_history([session]))
    v3["version"] = 3
    del v3["breaks"]
    path.write_text(json.dumps(v3))
    store = HistoryStore(path)
    assert store.load().problems == ()
    assert store.breaks == ()
    assert store.add_break(brk()) is None
    saved = json.loads(path.read_text())
    assert saved["version"] == 4
    assert [s["id"] for s in saved["sessions"]] == [session.id]
    assert [b["event"] for b in saved["breaks"]] == ["taken"]


def test_breaks_round_trip_with_every_field(path):
    store = HistoryStore(path)
    store.load()
    record = brk("postponed", reminder="practice")
    store.add_break(record)
    again = HistoryStore(path)
    again.load()
    assert again.breaks == (record,)


def test_a_session_added_later_keeps_the_breaks(path):
    store = HistoryStore(path)
    store.load()
    store.add_break(brk("offered"))
    store.add(make_session(T0))
    document = parse_history_document(path.read_bytes())
    assert [b.event for b in document.breaks] == ["offered"]
    assert len(document.sessions) == 1


def test_two_processes_sharing_the_file_keep_each_others_breaks(path):
    one, two = HistoryStore(path), HistoryStore(path)
    one.load()
    two.load()
    one.add_break(brk("offered"))
    two.add_break(brk("skipped", at=T0 + timedelta(minutes=1)))
    again = HistoryStore(path)
    again.load()
    assert [b.event for b in again.breaks] == ["offered", "skipped"]


def test_listeners_hear_a_break(path):
    store = HistoryStore(path)
    store.load()
    heard = []
    store.add_listener(heard.append)
    record = brk()
    store.add_break(record)
    assert [(e.kind, e.session_id) for e in heard] == [("break", record.id)]


def test_a_bad_break_is_named_by_its_field(path):
    doc = json.loads(encode_history([], [brk()]))
    doc["breaks"][0]["event"] = "ignored"
    with pytest.raises(BadFileError, match=r"breaks\[0\]\.event"):
        parse_history_document(json.dumps(doc).encode())


def test_breaks_in_a_version_3_file_are_a_mistake_not_data():
    doc = json.loads(encode_history([], [brk()]))
    doc["version"] = 3
    with pytest.raises(BadFileError, match="breaks"):
        parse_history_document(json.dumps(doc).encode())


def test_breaks_taken_this_week_count_only_taken_breaks_of_this_week():
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    breaks = [
        brk("taken", monday),
        brk("taken", monday + timedelta(days=2)),
        brk("taken", monday + timedelta(days=2), reminder="practice"),
        brk("skipped", monday + timedelta(days=3)),
        brk("offered", monday + timedelta(days=3)),
        brk("taken", monday - timedelta(hours=10)),  # last week
    ]
    assert breaks_taken_in_week(breaks, date(2026, 12, 3), UTC) == 3
