"""Session factories for the history tests, and the child process of the crash test.

Run as a script it appends sessions to a history in a loop and prints each
session id on its own line (flushed) once ``HistoryStore.add`` has returned, so
the parent knows exactly which appends were durable when it killed us::

    python history_crash_child.py HISTORY_PATH [--lock flock|qt] [--count N] [--seed S]

Before each add it checkpoints the session half done, so a kill between the two
leaves a checkpoint that the next load must turn into a partial session.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn, SessionRecord, SleepPause, new_session_id


def make_session(
    started_at: datetime | None = None,
    *,
    minutes: float = 10.0,
    routine_id: str = "hips-basic",
    routine_title: str = "Hips, basic",
    completed: bool = True,
    **fields: object,
) -> SessionRecord:
    """A plausible finished session; any field can be overridden by keyword."""
    start = started_at or datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    values: dict[str, object] = {
        "id": new_session_id(),
        "started_at": start,
        "ended_at": start + timedelta(minutes=minutes),
        "routine_id": routine_id,
        "routine_title": routine_title,
        "planned_seconds": minutes * 60.0,
        "practised_seconds": minutes * 60.0,
        "completed": completed,
        "steps_done": 6 if completed else 3,
        "steps_total": 6,
        "left_seconds": minutes * 20.0,
        "right_seconds": minutes * 20.0,
    }
    values.update(fields)
    return SessionRecord(**values)  # type: ignore[arg-type]


def make_full_session(started_at: datetime) -> SessionRecord:
    """A session using every field, with non-ASCII text."""
    return make_session(
        started_at,
        routine_title="Hüften — sanft 🧘",
        sleep_pauses=(SleepPause(started_at + timedelta(minutes=3), 42.5),),
        checkin_before=CheckIn(tightness=4, calm=2, note="stiff after the train, ça va"),
        checkin_after=CheckIn(tightness=2, calm=4),
        left_seconds=190.25,
        right_seconds=180.0,
        practised_seconds=557.5,
    )


def _lock_for(kind: str, history: Path):
    if kind == "qt":
        from hipcoach.platform.file_lock import QtWriteLock

        return QtWriteLock.for_history(history)
    return None  # the store's default flock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("history", type=Path)
    parser.add_argument("--lock", choices=("flock", "qt"), default="flock")
    parser.add_argument("--count", type=int, default=0, help="stop after N (0: forever)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    store = HistoryStore(args.history, lock=_lock_for(args.lock, args.history))
    store.load()
    start = datetime(2024, 1, 1, 6, 0, tzinfo=UTC) + timedelta(minutes=rng.randrange(10**6))
    n = 0
    while args.count == 0 or n < args.count:
        record = make_session(start + timedelta(minutes=n * 20), minutes=rng.uniform(1, 30))
        half = msgspec.structs.replace(
            record, completed=False, practised_seconds=record.practised_seconds / 2
        )
        store.checkpoint(half)
        problem = store.add(record)
        if problem is not None:
            print(f"problem {problem.message}", file=sys.stderr, flush=True)
            return 1
        print(record.id, flush=True)
        n += 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
