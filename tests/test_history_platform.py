"""The Qt side of history safety: the QLockFile write lock and the single running instance."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_lock import LockTimeoutError
from hipcoach.platform.file_lock import QtWriteLock
from hipcoach.platform.single_instance import SingleInstance, server_name_for
from history_crash_child import make_session

SRC = Path(__file__).resolve().parents[1] / "src"


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        # A pipe of its own: with the test run's stdin at /dev/null a child waiting on
        # stdin would exit (and drop its lock) before the test could kill it.
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


# ----------------------------------------------------------------------------- write lock


def test_qt_write_lock_excludes_a_second_holder(tmp_path):
    lock = QtWriteLock(tmp_path / "history.json.lock", timeout_ms=0)
    with lock():
        assert (tmp_path / "history.json.lock").exists()
        with pytest.raises(LockTimeoutError, match="held"), lock():
            pass
    assert not (tmp_path / "history.json.lock").exists()
    with lock():
        pass


def test_qt_write_lock_sits_beside_the_history(tmp_path):
    lock = QtWriteLock.for_history(tmp_path / "history.json")
    assert lock.lock_path == tmp_path / "history.json.lock"


def test_store_with_qt_lock_writes_private_files(data_dir):
    history = data_dir / "history.json"
    store = HistoryStore(history, lock=QtWriteLock.for_history(history))
    assert store.load().problems == ()
    assert store.add(make_session()) is None
    assert stat.S_IMODE(os.stat(history).st_mode) == 0o600


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    lock_path = tmp_path / "history.json.lock"
    child = _python(
        """
        import sys
        from pathlib import Path
        from PySide6.QtCore import QLockFile
        lock = QLockFile(sys.argv[1])
        assert lock.tryLock(0)
        print("locked", flush=True)
        sys.stdin.read()
        """,
        str(lock_path),
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "locked\n"
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=10)
    assert lock_path.exists()  # the dead owner could not clean up
    with QtWriteLock(lock_path, timeout_ms=2000)():
        pass


# ----------------------------------------------------------------------------- single instance


def test_server_name_depends_on_the_data_folder(tmp_path):
    a, b = server_name_for(tmp_path / "a"), server_name_for(tmp_path / "b")
    assert a != b
    assert a == server_name_for(tmp_path / "a" / ".." / "a")
    # It becomes a socket path under the temporary folder (104 bytes at most on macOS,
    # whose temporary folder path is about 50 long).
    assert len(a) <= 45


def test_second_launch_raises_the_first(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.start() is True and first.is_primary
    second = SingleInstance(data_dir)
    with qtbot.waitSignal(first.raise_requested, timeout=5000):
        assert second.start() is False
    assert not second.is_primary
    first.close()
    second.close()


def test_two_data_folders_run_side_by_side(tmp_path):
    one, two = SingleInstance(tmp_path / "one"), SingleInstance(tmp_path / "two")
    assert one.start() and two.start()
    one.close()
    two.close()


def test_after_close_a_new_launch_is_primary(data_dir):
    first = SingleInstance(data_dir)
    assert first.start()
    first.close()
    again = SingleInstance(data_dir)
    assert again.start()
    again.close()


SECOND_LAUNCH = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from hipcoach.platform.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    print("primary" if instance.start() else "secondary", flush=True)
    instance.close()
"""


def test_a_second_process_raises_the_running_one_and_exits(qtbot, data_dir):
    primary = SingleInstance(data_dir)
    assert primary.start()
    with qtbot.waitSignal(primary.raise_requested, timeout=15000):
        child = _python(SECOND_LAUNCH, str(data_dir))
        out, err = child.communicate(timeout=30)
    assert out.strip() == "secondary", err
    assert child.returncode == 0
    primary.close()


RETRYING_LAUNCH = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from hipcoach.platform import single_instance
    from hipcoach.platform.single_instance import SingleInstance

    # Says so when its first attempt found no server, then keeps retrying.
    said = []
    pause = single_instance._pause_before_retrying
    def reporting_pause():
        if not said:
            print("retrying", flush=True)
            said.append(True)
        pause()
    single_instance._pause_before_retrying = reporting_pause

    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]), connect_timeout_ms=20000)
    print("primary" if instance.start() else "secondary", flush=True)
"""


def test_a_launch_while_the_primary_is_still_starting_waits_for_it(qtbot, data_dir):
    # The app takes the lock before its window and listens only after the first frame.
    primary = SingleInstance(data_dir)
    assert primary.start(listen=False) is True
    assert primary.is_primary
    child = _python(RETRYING_LAUNCH, str(data_dir))
    assert child.stdout is not None
    assert child.stdout.readline() == "retrying\n"  # it found no server yet
    with qtbot.waitSignal(primary.raise_requested, timeout=15000):
        primary.listen()
        out, err = child.communicate(timeout=30)
    assert out.strip() == "secondary", err
    primary.close()


def test_a_crashed_primary_does_not_block_the_next_launch(data_dir):
    child = _python(
        """
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from hipcoach.platform.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance(Path(sys.argv[1]))
        print("primary" if instance.start() else "secondary", flush=True)
        sys.stdin.read()
        """,
        str(data_dir),
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "primary\n"
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=10)
    after_crash = SingleInstance(data_dir)
    assert after_crash.start() is True
    after_crash.close()


def test_a_stale_lock_held_in_the_name_of_an_unrelated_live_process_is_taken_over(data_dir):
    # After a crash the lock's process id can be given to another program. Nobody answers
    # for the lock then, and this launch must become the window rather than exit silently.
    from PySide6.QtCore import QSysInfo

    unrelated = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        data_dir.mkdir(parents=True)
        lock = data_dir / "instance.lock"
        # What QLockFile writes: process id, program name, host (Qt then sees a live owner).
        lock.write_text(
            f"{unrelated.pid}\n{Path(sys.executable).resolve().name}\n"
            f"{QSysInfo.machineHostName()}\n"
        )
        launch = SingleInstance(data_dir, connect_timeout_ms=200)
        assert launch.start(listen=False) is True
        assert launch.is_primary
        assert lock.read_text().split("\n")[0] == str(os.getpid())
        launch.close()
    finally:
        unrelated.communicate(b"")
