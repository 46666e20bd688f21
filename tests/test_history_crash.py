"""Crash safety with real processes: SIGKILL at random moments, and two writers at once.

The child (``history_crash_child.py``) prints each session id after ``add``
returned. Whatever moment the kill lands on, the history must load cleanly and
hold every printed id as a finished session.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_problems import ProblemKind

CHILD = Path(__file__).with_name("history_crash_child.py")
SRC = Path(__file__).resolve().parents[1] / "src"
KILLS = 200
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(CHILD.parent)])
    return env


def _start(history: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(history), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _kill_at_random(proc: subprocess.Popen[str], rng: random.Random) -> list[str]:
    """Let the child return ``n`` appends plus a random extra moment, SIGKILL it; the ids seen."""
    assert proc.stdout is not None
    returned = []
    for _ in range(rng.randrange(4)):
        line = proc.stdout.readline()
        if not line:
            break
        returned.append(line)
    # A random extra moment so the kill also lands inside load, checkpoint and write.
    # A wait that times out is the clock here, not a sleep.
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=rng.uniform(0, 0.02))
    os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=10)
    returned.extend(out.splitlines(keepends=True))
    assert proc.returncode == -signal.SIGKILL, err
    # Only whole lines count: an id cut off by the kill was not yet reported.
    return [line.strip() for line in returned if line.endswith("\n")]


@pytest.mark.slow
def test_no_returned_session_is_lost_when_killed_at_random_moments(data_dir):
    data_dir.mkdir(parents=True)
    history = data_dir / "history.json"
    rng = random.Random(20240506)
    durable: set[str] = set()
    interrupted_seen = 0
    for kill in range(KILLS):
        proc = _start(history, "--seed", str(kill))
        durable.update(_kill_at_random(proc, rng))

        result = HistoryStore(history).load()

        bad = [p for p in result.problems if p.kind is not ProblemKind.RECOVERED_INTERRUPTED]
        assert bad == [], f"kill {kill}: {bad}"
        by_id = {s.id: s for s in result.sessions}
        missing = durable - by_id.keys()
        assert not missing, f"kill {kill}: lost {len(missing)} returned sessions"
        assert all(by_id[i].completed and not by_id[i].interrupted for i in durable)
        # Anything else can only be the one session that was in flight at each kill.
        extra = [s for s in result.sessions if s.id not in durable]
        assert len(extra) <= kill + 1
        assert all(s.interrupted or s.completed for s in extra)
        interrupted_seen += sum(s.interrupted for s in extra)
    assert len(durable) > KILLS  # the child did get work done between kills
    assert interrupted_seen > 0  # and some kills fell between checkpoint and add
    assert not list(data_dir.glob("*corrupt*"))


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(data_dir):
    data_dir.mkdir(parents=True)
    history = data_dir / "history.json"
    procs = [_start(history, "--lock", "qt", "--count", "40", "--seed", str(i)) for i in (1, 2)]
    ids: set[str] = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        ids.update(out.split())
    assert len(ids) == 80
    result = HistoryStore(history).load()
    assert {s.id for s in result.sessions} == ids
    assert result.problems == ()


@pytest.mark.slow
def test_a_killed_holder_of_the_qt_lock_does_not_block_the_next_writer(data_dir):
    from hipcoach.platform.file_lock import QtWriteLock

    data_dir.mkdir(parents=True)
    history = data_dir / "history.json"
    rng = random.Random(7)
    durable: set[str] = set()
    for _ in range(5):
        durable.update(_kill_at_random(_start(history, "--lock", "qt"), rng))
        store = HistoryStore(history, lock=QtWriteLock.for_history(history, timeout_ms=5000))
        result = store.load()
        assert [p for p in result.problems if p.kind is ProblemKind.LOAD_NOT_SAVED] == []
        assert durable <= {s.id for s in result.sessions}


def test_an_empty_lock_file_left_by_a_kill_is_taken_over_without_waiting_for_it_to_go_stale(
    data_dir,
):
    """Killed between creating the lock file and writing its id into it: no owner to check."""
    import time

    from hipcoach.platform.file_lock import RETRY_MS, QtWriteLock

    data_dir.mkdir(parents=True)
    history = data_dir / "history.json"
    # A timeout far below QLockFile's stale time (30 s): only taking the orphan over succeeds.
    lock = QtWriteLock.for_history(history, timeout_ms=4 * RETRY_MS)
    lock.lock_path.write_bytes(b"")
    old = time.time() - 5
    os.utime(lock.lock_path, (old, old))
    with lock():
        assert lock.lock_path.read_bytes() != b""  # ours now: our process id is written in it
    assert not lock.lock_path.exists()
