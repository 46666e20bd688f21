"""Export of the history as CSV and JSON."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_export import CSV_COLUMNS, export_history, export_history_to_file
from hipcoach.core.history_format import parse_history
from history_crash_child import make_full_session, make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=timezone(timedelta(hours=2)))


def sessions():
    return [
        make_full_session(T0 + timedelta(days=1)),
        make_session(T0, completed=False, routine_title='=HYPERLINK("http://x")'),
    ]


def test_csv_has_a_header_and_one_row_per_session_oldest_first():
    out = io.StringIO(newline="")
    assert export_history(sessions(), "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["started_at"] for r in rows] == [
        "2024-05-06T07:30:00+02:00",
        "2024-05-07T07:30:00+02:00",
    ]
    full = rows[1]
    assert full["routine_title"] == "Hüften — sanft 🧘"
    assert (full["before_tightness"], full["before_calm"]) == ("4", "2")
    assert full["before_note"] == "stiff after the train, ça va"
    assert (full["after_tightness"], full["after_calm"], full["after_note"]) == ("2", "4", "")
    assert (full["sleep_pauses"], full["sleep_paused_seconds"]) == ("1", "42.5")
    assert (full["left_seconds"], full["practised_seconds"]) == ("190.25", "557.5")
    assert (rows[0]["completed"], rows[0]["before_tightness"]) == ("false", "")


def test_csv_defuses_text_that_spreadsheets_would_run_as_a_formula():
    out = io.StringIO(newline="")
    export_history(sessions(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0]["routine_title"] == '\'=HYPERLINK("http://x")'


def test_json_export_is_a_history_file_that_reads_back():
    out = io.StringIO()
    records = sessions()
    export_history(records, "json", out)
    assert sorted(parse_history(out.getvalue().encode())[::-1], key=lambda s: s.id) == sorted(
        records, key=lambda s: s.id
    )


def test_export_takes_a_store(data_dir):
    store = HistoryStore(data_dir / "history.json")
    store.load()
    for rec in sessions():
        store.add(rec)
    out = io.StringIO()
    assert export_history(store, "json", out) == 2


def test_export_of_an_empty_history_is_just_the_header():
    out = io.StringIO(newline="")
    assert export_history([], "csv", out) == 0
    assert out.getvalue() == ",".join(CSV_COLUMNS) + "\r\n"


def test_unknown_format_is_refused_clearly():
    with pytest.raises(ValueError, match="unknown export format 'xml'; use one of csv, json"):
        export_history([], "xml", io.StringIO())  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_to_file_is_private(tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert export_history_to_file(sessions(), fmt, target) == 2
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    data = target.read_bytes()
    # CSV gets a byte-order mark so spreadsheet programs read the accents right.
    assert data.startswith(b"\xef\xbb\xbf") == (fmt == "csv")
