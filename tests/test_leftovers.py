"""The check that fails a test leaving a Qt timer running or a thread alive (tests/leftovers.py)."""

from __future__ import annotations

import sys
import textwrap
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from leftovers import leftovers, running_timers


def test_a_running_timer_is_named_with_its_interval_owner_and_where_it_was_made(qapp):
    owner = QObject()
    timer = QTimer(owner)
    made_on = sys._getframe().f_lineno - 1
    timer.setObjectName("breath_timer")
    timer.start(10_000)
    assert leftovers() == [
        f"QTimer 'breath_timer' every 10000 ms, child of QObject, "
        f"made at tests/test_leftovers.py:{made_on}"
    ]
    timer.stop()
    assert leftovers() == []


def test_a_timer_with_no_parent_is_seen_and_one_running_before_is_not_counted(qapp):
    before = QTimer()
    before.start(60_000)
    alone = QTimer()
    alone.setSingleShot(True)
    alone.start(250)
    (line,) = leftovers(timers_before=[before])
    assert line.startswith("QTimer (no objectName) once in 250 ms, no parent, made at tests/")
    alone.stop()
    assert leftovers(timers_before=[before]) == []
    before.stop()


def test_a_single_shot_still_to_come_is_a_leftover(qapp):
    calls = []
    QTimer.singleShot(60_000, lambda: calls.append("fired"))
    made_on = sys._getframe().f_lineno - 1
    (line,) = leftovers()
    assert line == (
        f"QTimer (no objectName) once in 60000 ms, no parent, "
        f"made at tests/test_leftovers.py:{made_on}"
    )
    for timer in running_timers():
        timer.stop()
    assert leftovers() == [] and calls == []


def test_a_timer_of_ours_counts_even_when_its_closed_owner_is_about_to_be_deleted(qapp):
    # Our timers stop when their owner is closed or shut down, not by luck of deletion.
    window = QMainWindow()
    timer = QTimer(window)
    timer.start(10_000)
    window.close()
    window.deleteLater()
    (line,) = leftovers()
    assert "every 10000 ms, child of QMainWindow" in line


def test_qts_own_timer_counts_while_its_window_lives_and_not_once_it_is_deleted(qapp):
    window = QMainWindow()
    window.statusBar().showMessage("Saved", 8000)  # Qt clears it with a timer of its own
    (line,) = leftovers()
    assert line == "QTimer (no objectName) every 8000 ms, child of QStatusBar, made at inside Qt"
    window.close()
    window.deleteLater()
    assert leftovers() == []


def test_a_thread_alive_is_named_and_one_joined_is_not():
    release = threading.Event()
    waiter = threading.Thread(target=release.wait, name="waiter")
    waiter.start()
    try:
        assert leftovers() == ["thread 'waiter', running 'Event.wait'"]
    finally:
        release.set()
        waiter.join()
    assert leftovers() == []


def test_threads_alive_before_are_not_counted():
    release = threading.Event()
    waiter = threading.Thread(target=release.wait, daemon=True)
    waiter.start()
    try:
        assert leftovers(threads_before=[waiter]) == []
    finally:
        release.set()
        waiter.join()


def test_the_fixture_fails_a_test_that_leaves_a_timer_or_a_thread_and_passes_tidy_ones(
    pytester, monkeypatch
):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    pytester.makeconftest('pytest_plugins = ["leftovers"]')
    pytester.makepyfile(
        textwrap.dedent(
            """
            import threading
            from PySide6.QtCore import QObject, QTimer

            kept = []

            def test_leaves_a_timer(qapp):
                owner = QObject()
                kept.append(owner)
                timer = QTimer(owner)
                timer.setObjectName("left_running")
                timer.start(10_000)

            def test_stops_its_timer(qapp):
                timer = QTimer()
                timer.start(10_000)
                timer.stop()

            def test_the_timer_left_before_was_stopped_by_the_check(qapp):
                (timer,) = kept[0].findChildren(QTimer)
                assert not timer.isActive()

            def test_leaves_a_thread():
                release = threading.Event()
                kept.append(release)
                threading.Thread(target=release.wait, name="left_alive", daemon=True).start()

            def test_joins_its_thread():
                kept[1].set()
                thread = threading.Thread(target=lambda: None)
                thread.start()
                thread.join()
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_leaves_a_timer*",
            "still running after the test; stop it where its owner is closed or shut down:",
            "  QTimer 'left_running' every 10000 ms, child of QObject, made at *.py:9",
            "*ERROR at teardown of test_leaves_a_thread*",
            "still running after the test; stop it where its owner is closed or shut down:",
            "  daemon thread 'left_alive', running 'Event.wait'",
        ]
    )
