"""A data folder that exists but cannot be entered: one clear message, never a traceback.

Tests run as root here, where permissions stop nothing, so each check runs hipcoach as the
unprivileged user ``nobody`` with ``setpriv`` (as an ordinary user it runs as it is).
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
NOBODY_ID = 65534


@pytest.fixture
def locked_out():
    """A data folder with a history in it that the user running hipcoach cannot enter."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a folder root cannot enter cannot be made")
    # Not under pytest's tmp_path: its parents are private to root, and nobody must get in.
    top = Path(tempfile.mkdtemp(prefix="hipcoach-locked-"))
    top.chmod(0o755)
    home = top / "home"
    home.mkdir(mode=0o700)
    data = top / "data"
    data.mkdir()
    (data / "history.json").write_text(
        '{"format": "hipcoach-history", "version": 3, "sessions": []}'
    )
    (data / "settings.json").write_text('{"volume": 0.2}')
    if os.geteuid() == 0:
        os.chown(home, NOBODY_ID, NOBODY_ID)
        data.chmod(0o700)  # root's, and private: as if made with sudo
    else:
        data.chmod(0o000)
    yield data, home
    data.chmod(0o755)
    shutil.rmtree(top)


def run_as_user(home: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)]),
    }
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", f"--reuid={NOBODY_ID}", f"--regid={NOBODY_ID}", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [["routines"], ["history", "export"], ["validate", "mine.json"]],
    ids=["routines", "history export", "validate"],
)
def test_every_command_says_once_what_to_do_and_exits_1(locked_out, command):
    data, home = locked_out
    (home / "mine.json").write_text("{}")
    done = run_as_user(home, "-m", "hipcoach", "--data-dir", str(data), *command)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"hipcoach: hipcoach cannot open its data folder {data}")
    assert "--data-dir" in line and "Permission denied" in line


WINDOW = """
    import json, sys
    from hipcoach import paths
    paths.set_data_dir(sys.argv[1])
    from PySide6.QtWidgets import QApplication
    from hipcoach.app import Application, Services
    from hipcoach.core.clock import FakeClock
    from hipcoach.platform.sound import RecordingSoundSink
    from hipcoach.platform.speech import Speech

    class Awake:
        active, failure_reason = False, ""
        def inhibit(self, reason): return True
        def release(self): pass

    qt = QApplication([])
    app = Application(Services(clock=FakeClock(), sound=RecordingSoundSink(),
                               speech=Speech(None, "none"), screen_awake=Awake()))
    app.finish_startup()
    app.window.show()
    app.settings.update(volume=0.9)  # a change is kept for this run, not written
    print(json.dumps({
        "notices": app.window.notices.notices(),
        "history_read_only": app.history.read_only,
        "sessions": len(app.history),
        "volume": app.settings.settings.volume,
        "builtin_routines": sum(r.builtin for r in app.library.routines),
    }))
    app.shutdown()
"""


def test_the_window_opens_read_only_on_defaults_and_says_so(locked_out):
    data, home = locked_out
    done = run_as_user(home, "-c", textwrap.dedent(WINDOW), str(data))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    shown = json.loads(done.stdout.splitlines()[-1])
    (notice,) = shown["notices"]
    assert f"cannot open its data folder {data}" in notice and "defaults" in notice
    assert shown["history_read_only"] and shown["sessions"] == 0
    assert shown["volume"] == 0.9 and shown["builtin_routines"] > 0
