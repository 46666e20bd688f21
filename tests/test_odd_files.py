"""Odd things where our files should be: every kind, for every file hipcoach reads.

For each: a message naming the file, no hang, and the original still in the folder
(moved aside at most, never deleted or rewritten).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.routines import load_library
from hipcoach.core.settings import Settings, SettingsStore
from test_ui_fixtures import quiet_services

ASSETS = Path(__file__).resolve().parents[1] / "assets"
CHECKPOINT = "session-in-progress-" + "0" * 32 + ".json"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _sparse(path: Path) -> None:
    with open(path, "wb") as f:
        f.truncate(1024**3)


def _deep(path: Path) -> None:
    path.write_bytes(b'{"a": ' * 5000 + b"1" + b"}" * 5000)


KINDS = [_fifo, _device, _folder, _loop, _sparse, _deep]


def _fingerprint(path: Path) -> tuple:
    info = os.lstat(path)
    return (info.st_mode, info.st_size, os.readlink(path) if path.is_symlink() else None)


def _still_there(folder: Path, before: tuple, name: str) -> bool:
    """The original, unchanged, under its own name or moved aside beside it."""
    stem = name.split(".")[0]
    return any(
        _fingerprint(p) == before
        for p in folder.iterdir()
        if p.name.startswith(stem) and (p.is_symlink() or p.exists())
    )


@pytest.mark.parametrize("make", KINDS, ids=lambda f: f.__name__[1:])
def test_odd_routine_file_is_reported_and_kept(tmp_path, make):
    folder = tmp_path / "routines"
    folder.mkdir()
    make(folder / "odd.json")
    before = _fingerprint(folder / "odd.json")
    library = load_library(ASSETS, folder)
    assert [p.source for p in library.problems] == ["odd.json"]
    assert library.routines  # the built-ins still load
    assert _fingerprint(folder / "odd.json") == before


@pytest.mark.parametrize("make", KINDS, ids=lambda f: f.__name__[1:])
def test_odd_patterns_file_is_reported_and_kept(tmp_path, make):
    make(tmp_path / "patterns.json")
    before = _fingerprint(tmp_path / "patterns.json")
    library = load_library(ASSETS, None, tmp_path / "patterns.json")
    assert [p.source for p in library.problems] == ["patterns.json"]
    assert _fingerprint(tmp_path / "patterns.json") == before


@pytest.mark.parametrize("make", KINDS, ids=lambda f: f.__name__[1:])
def test_odd_settings_file_gives_defaults_a_message_and_is_kept(tmp_path, make):
    make(tmp_path / "settings.json")
    before = _fingerprint(tmp_path / "settings.json")
    loaded = SettingsStore(tmp_path / "settings.json").load()
    assert loaded.settings == Settings()
    assert "settings" in loaded.message
    assert _still_there(tmp_path, before, "settings.json")


@pytest.mark.parametrize("make", KINDS, ids=lambda f: f.__name__[1:])
def test_odd_history_file_gives_a_message_and_is_kept(tmp_path, make):
    make(tmp_path / "history.json")
    before = _fingerprint(tmp_path / "history.json")
    result = HistoryStore(tmp_path / "history.json").load()
    assert result.problems
    assert "history.json" in result.problems[0].message
    assert _still_there(tmp_path, before, "history.json")


@pytest.mark.parametrize("make", KINDS, ids=lambda f: f.__name__[1:])
def test_odd_checkpoint_gives_a_message_and_is_kept(tmp_path, make):
    make(tmp_path / CHECKPOINT)
    before = _fingerprint(tmp_path / CHECKPOINT)
    result = HistoryStore(tmp_path / "history.json").load()
    assert any(CHECKPOINT in p.message for p in result.problems)
    assert _still_there(tmp_path, before, CHECKPOINT)


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    # A separate process with a timeout: a command that blocks on a pipe fails here
    # instead of hanging the test run.
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_commands_never_block_on_named_pipes(tmp_path):
    data = tmp_path / "data"
    (data / "routines").mkdir(parents=True)
    for name in ("routines/pipe.json", "patterns.json", "history.json", CHECKPOINT):
        os.mkfifo(data / name)
    listed = _run("routines", data=data)
    assert listed.returncode == 0
    assert "pipe.json: is a named pipe (FIFO), not a file" in listed.stderr
    assert "patterns.json: is a named pipe (FIFO), not a file" in listed.stderr
    checked = _run("validate", str(data / "routines" / "pipe.json"), data=data)
    assert checked.returncode == 1
    assert "is a named pipe (FIFO), not a file" in checked.stdout
    exported = _run("history", "export", data=data)
    assert exported.returncode == 0
    assert "Traceback" not in exported.stderr
    for name in ("routines/pipe.json", "patterns.json", "history.json", CHECKPOINT):
        assert (data / name).is_fifo()


def test_history_with_a_byte_order_mark_is_read(tmp_path):
    from hipcoach.core.history_format import encode_history
    from history_crash_child import make_session

    session = make_session()
    (tmp_path / "history.json").write_bytes(b"\xef\xbb\xbf" + encode_history([session]))
    result = HistoryStore(tmp_path / "history.json").load()
    assert result.problems == ()
    assert [s.id for s in result.sessions] == [session.id]


def test_export_of_a_deeply_nested_history_is_a_message_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    _deep(data / "history.json")
    exported = _run("history", "export", data=data)
    assert exported.returncode == 0
    assert "nested" in exported.stderr
    assert "Traceback" not in exported.stderr


def test_the_window_starts_with_odd_files_everywhere_and_says_so(qtbot, data_dir):
    from hipcoach.app import Application

    (data_dir / "routines").mkdir(parents=True)
    _fifo(data_dir / "settings.json")
    _device(data_dir / "routines" / "device.json")
    _deep(data_dir / "patterns.json")
    _sparse(data_dir / "history.json")
    _loop(data_dir / CHECKPOINT)
    app = Application(quiet_services())
    app.ask_checkin = lambda moment, parent: None
    app.finish_startup()
    qtbot.addWidget(app.window)
    try:
        notices = " ".join(app.window.notices.notices())
        assert "device.json: is a device, not a file" in notices
        assert "patterns.json: is nested more than 32 levels deep" in notices
        assert "settings" in notices.lower()
        assert "history.json" in notices
        assert app.window.picker.library.routines  # the built-ins are there to practise
    finally:
        app.shutdown()
