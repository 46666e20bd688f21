"""Dates and durations at the edges are refused where they enter, so nothing overflows later."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_export import export_history
from hipcoach.core.history_format import (
    BadFileError,
    SleepPause,
    encode_history,
    parse_history,
    validated,
)
from hipcoach.core.history_problems import ProblemKind
from hipcoach.core.history_stats import compute_stats
from history_crash_child import make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
EAST = timezone(timedelta(hours=23, minutes=59))
WEST = timezone(-timedelta(hours=23, minutes=59))


def history_with(**changes: object) -> bytes:
    """A valid one-session history with fields of the session replaced by raw JSON values."""
    doc = json.loads(encode_history([make_session(T0)]))
    doc["sessions"][0].update(changes)
    return json.dumps(doc).encode()


EDGE_CASES = {
    "year 1 with a far-east offset": {"started_at": "0001-01-01T00:00:00+23:59"},
    "year 9999 with a far-west offset": {"ended_at": "9999-12-31T23:59:59-23:59"},
    "year 1 ended": {"ended_at": "0001-01-01T00:00:00Z"},
    "a pause of 1e308 s": {"sleep_pauses": [{"at": "2024-05-06T07:35:00Z", "seconds": 1e308}]},
    "a pause in the year 1": {"sleep_pauses": [{"at": "0001-01-01T00:00:00+05:00", "seconds": 1}]},
    "practised 1e308 s": {"practised_seconds": 1e308},
    "planned 1e300 s": {"planned_seconds": 1e300},
    "left 1e308 s": {"left_seconds": 1e308},
    "steps 2**62": {"steps_done": 2**62, "steps_total": 2**62},
}


@pytest.mark.parametrize("changes", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_dates_and_durations_out_of_range_make_a_bad_file(changes):
    with pytest.raises(BadFileError):
        parse_history(history_with(**changes))


@pytest.mark.parametrize("changes", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_a_history_at_the_edges_loads_with_a_message_and_statistics_and_export_work(
    data_dir, changes
):
    data_dir.mkdir()
    path = data_dir / "history.json"
    path.write_bytes(history_with(**changes))
    store = HistoryStore(path, clock=lambda: 1_715_000_000.0)
    result = store.load()
    assert [p.kind for p in result.problems] == [ProblemKind.MOVED_ASIDE]
    compute_stats(store.sessions, now=T0, tz=EAST)
    export_history(store, "csv", io.StringIO())


def test_the_widest_allowed_values_compute_without_overflow():
    extremes = [
        make_session(
            datetime(1970, 1, 1, tzinfo=WEST),
            practised_seconds=366 * 86400.0,
            sleep_pauses=tuple(
                SleepPause(datetime(1970, 1, 1, 1, tzinfo=WEST), 366 * 86400.0) for _ in range(50)
            ),
        ),
        make_session(datetime(9998, 12, 31, 23, tzinfo=EAST), practised_seconds=0.0),
    ]
    for record in extremes:
        validated(record)
    for tz in (EAST, WEST, UTC):
        compute_stats(extremes, now=datetime(9998, 12, 31, tzinfo=EAST), tz=tz)
        compute_stats(extremes, now=datetime(1970, 1, 1, 12, tzinfo=WEST), tz=tz)
    out = io.StringIO()
    export_history(extremes, "csv", out)
    assert "9998-12-31T23:00:00+23:59" in out.getvalue()


def test_a_record_out_of_range_is_refused_before_it_is_saved(data_dir):
    data_dir.mkdir()
    store = HistoryStore(data_dir / "history.json")
    store.load()
    with pytest.raises(ValueError, match="year"):
        make_session(datetime(1969, 12, 31, tzinfo=UTC))
    too_long = make_session(T0, sleep_pauses=(SleepPause(T0, 1e12),))
    with pytest.raises(ValueError, match="sleep_pauses"):
        store.add(too_long)
    assert not (data_dir / "history.json").exists()
