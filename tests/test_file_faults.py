"""File faults never freeze the window: a read-only data folder fails fast, within a frame.

Tests run as root here, where permissions do not stop anything, so the read-only folder is
made real by running the child as the unprivileged user ``nobody`` with ``setpriv``; as an
ordinary user the child runs as it is and the folder's mode does the same.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
TESTS = Path(__file__).resolve().parent
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

# The child makes the history calls a session makes (load, checkpoints, the final add) in a
# folder it cannot write, on the thread that runs the window, and prints how long each held it.
CHILD = """
    import json, sys, time
    from pathlib import Path
    from hipcoach.core.history import HistoryStore
    from hipcoach.platform.file_lock import QtWriteLock
    from history_crash_child import make_session

    history = Path(sys.argv[1]) / "history.json"
    store = HistoryStore(history, lock=QtWriteLock.for_history(history))
    record = make_session()
    calls = [store.load] + [lambda: store.checkpoint(record)] * 5 + [lambda: store.add(record)]
    held, problems = [], []
    for call in calls:
        began = time.monotonic()
        problems.append(type(call()).__name__)
        held.append(time.monotonic() - began)
    print(json.dumps({"longest_stall_ms": 1000 * max(held), "problems": problems}))
"""


def _run_child(folder: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), str(TESTS)]))
    env["HOME"] = str(folder.parent)
    command = [sys.executable, "-c", textwrap.dedent(CHILD), str(folder)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        probe = subprocess.run(
            [*NOBODY, sys.executable, "-c", "import hipcoach.core, PySide6.QtWidgets"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        if probe.returncode != 0:
            # A checkout inside a folder private to root: nobody cannot load hipcoach or Qt.
            reason = (probe.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"the unprivileged user cannot run this checkout's Python: {reason}")
        command = NOBODY + command
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_read_only_data_folder_never_stalls_the_event_loop():
    # Not under pytest's tmp_path: its parents are private to root, and nobody must get in.
    top = Path(tempfile.mkdtemp(prefix="hipcoach-ro-"))
    top.chmod(0o755)
    folder = top / "data"
    folder.mkdir()
    (folder / "history.json").write_text(
        '{"format": "hipcoach-history", "version": 3, "sessions": []}'
    )
    folder.chmod(0o555)
    try:
        result = _run_child(folder)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)
    # Each call reported its failure (the add and checkpoints return a problem) ...
    assert result["problems"] == ["LoadResult"] + ["HistoryProblem"] * 6, result
    # ... and none held the event loop for more than a frame or so.
    assert result["longest_stall_ms"] < 100
