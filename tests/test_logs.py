"""Qt's own chatter (sound back-ends, FFmpeg, PulseAudio) goes to the log file, not the terminal."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys

import pytest

from hipcoach import logs


@pytest.fixture
def root_logging():
    """Whatever a test adds to the root logger is taken off again."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_qt_messages_stay_off_the_terminal_and_reach_the_log_file(root_logging, tmp_path):
    terminal = io.StringIO()
    file_log = logs.configure(tmp_path, stream=terminal)
    logging.getLogger("qt.multimedia.ffmpeg").info("Using Qt multimedia with FFmpeg")
    logging.getLogger("hipcoach").warning("settings not saved: disk full")
    file_log.attach()
    logging.getLogger("qt").warning("PulseAudioService: pa_context_connect() failed")

    assert "FFmpeg" not in terminal.getvalue()
    assert "PulseAudio" not in terminal.getvalue()
    assert "settings not saved" in terminal.getvalue()
    written = file_log.path.read_text(encoding="utf-8")
    # Said before the file was attached, and still written down, in order.
    assert written.index("FFmpeg") < written.index("PulseAudio")
    assert "settings not saved" in written


def test_verbose_shows_qt_messages_on_the_terminal_too(root_logging, tmp_path):
    terminal = io.StringIO()
    logs.configure(tmp_path, verbose=True, stream=terminal)
    logging.getLogger("qt.multimedia.pipewire").warning("Couldn't load pipewire-0.3 library")
    assert "pipewire" in terminal.getvalue()


@pytest.mark.parametrize(
    ("category", "name"),
    [
        (None, "qt"),
        ("default", "qt"),
        ("qt.multimedia.ffmpeg", "qt.multimedia.ffmpeg"),
        ("kwin", "qt.kwin"),
    ],
)
def test_each_qt_category_logs_under_the_qt_logger(category, name):
    assert logs.qt_logger_name(category) == name


def test_the_command_line_passes_verbose_to_the_window(monkeypatch):
    import hipcoach.app
    from hipcoach import cli

    calls = []
    monkeypatch.setattr(hipcoach.app, "run_gui", lambda argv, **kw: calls.append(kw) or 0)
    assert cli.main(["--verbose"]) == 0
    assert cli.main([]) == 0
    assert [kw["verbose"] for kw in calls] == [True, False]


A_QT_WARNING = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from hipcoach import logs
app = QGuiApplication(sys.argv[:1])
file_log = logs.configure(Path(sys.argv[1]), verbose=sys.argv[2] == "verbose")
logs.route_qt_messages()
QPainter(QPixmap())  # Qt warns on stderr: a painter on an empty pixmap
file_log.attach()
"""


@pytest.mark.parametrize("verbose", [False, True])
def test_a_real_qt_warning_goes_where_it_should(tmp_path, verbose):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", A_QT_WARNING, str(tmp_path), "verbose" if verbose else "quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "QPainter::begin" in (tmp_path / "hipcoach.log").read_text(encoding="utf-8")
    assert ("QPainter::begin" in result.stderr) is verbose
