"""What a test leaves running: Qt timers still active and threads still alive.

conftest.py loads this as a plugin. Its autouse fixture fails a test that leaves
either behind once the test and its fixtures are torn down: a timer left running
fires into later tests, a thread left alive outlives them. Timers and threads
that were already running before the test are not its doing and are not counted.

Two rules, checked in this order:

1. A timer made from Python (ours, or the test's) is stopped by whoever owns
   it when the owner is closed or shut down, not by the owner being deleted
   later. By then pytest-qt has closed the widgets the test gave it
   (``qtbot.addWidget``), and the test's fixtures have shut down what they built.
2. Once those closed widgets are deleted (their ``deleteLater()`` carried out, as
   the event loop would), no timer at all may run, Qt's own ones included.

Every QTimer made from Python is seen, with no parent too: QTimer's constructor
is wrapped once, when this module is imported (before any test builds one), to
remember each timer and where it was made. Timers Qt makes itself are found as
children of the application and of its top-level widgets.
"""

from __future__ import annotations

import functools
import sys
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

_ROOT = Path(__file__).resolve().parent.parent
#: Every QTimer made from Python (``QTimer(...)``, and PySide's ``QTimer.singleShot`` with a
#: function, which makes one too) -> the file and line that made it.
_made_at: weakref.WeakKeyDictionary[QTimer, str] = weakref.WeakKeyDictionary()


def _caller() -> str:
    """The file and line that made the timer (two frames up: past the wrapper)."""
    frame = sys._getframe(2)
    path = Path(frame.f_code.co_filename)
    if path.is_relative_to(_ROOT):
        path = path.relative_to(_ROOT)
    return f"{path}:{frame.f_lineno}"


def _record_where_timers_are_made() -> None:
    if getattr(QTimer, "_made_at_is_recorded", False):
        return
    make = QTimer.__init__

    @functools.wraps(make)
    def __init__(self, *args, **kwargs):
        make(self, *args, **kwargs)
        _made_at[self] = _caller()

    QTimer.__init__ = __init__
    QTimer._made_at_is_recorded = True


_record_where_timers_are_made()


def _ours() -> list[QTimer]:
    return [t for t in list(_made_at.keys()) if shiboken6.isValid(t)]


def running_timers() -> list[QTimer]:
    """Every QTimer that is active now: made from Python, or a child of the app or a window."""
    seen: dict[int, QTimer] = {id(timer): timer for timer in _ours()}
    app = QCoreApplication.instance()
    if app is not None:
        roots = [app]
        if isinstance(app, QApplication):
            roots += QApplication.topLevelWidgets()
        for root in roots:
            for timer in root.findChildren(QTimer):
                seen.setdefault(id(timer), timer)
    return [t for t in seen.values() if shiboken6.isValid(t) and t.isActive()]


def describe_timer(timer: QTimer) -> str:
    """``QTimer 'name' every 10000 ms, child of ReminderController, made at file:line``."""
    name = repr(timer.objectName()) if timer.objectName() else "(no objectName)"
    when = (
        f"once in {timer.interval()} ms" if timer.isSingleShot() else f"every {timer.interval()} ms"
    )
    parent = timer.parent()
    owner = f"child of {type(parent).__name__}" if parent is not None else "no parent"
    made = _made_at.get(timer, "inside Qt")
    return f"QTimer {name} {when}, {owner}, made at {made}"


def describe_thread(thread: threading.Thread) -> str:
    target = getattr(thread, "_target", None)
    runs = f", running {getattr(target, '__qualname__', target)!r}" if target else ""
    kind = "daemon thread" if thread.daemon else "thread"
    return f"{kind} {thread.name!r}{runs}"


def leftovers(
    timers_before: Iterable[QTimer] = (), threads_before: Iterable[threading.Thread] = ()
) -> list[str]:
    """What is running now that was not running before: one line per timer or thread.

    Carries out pending ``deleteLater()`` calls on the way (rule 2 above).
    """
    before = {id(t) for t in timers_before if shiboken6.isValid(t)}
    ours = [t for t in _ours() if t.isActive()]
    # Described now: deleting the closed widgets may delete these timers too.
    timers = {id(t): describe_timer(t) for t in ours if id(t) not in before}
    delete_closed_widgets()
    for timer in running_timers():
        if id(timer) not in before:
            timers.setdefault(id(timer), describe_timer(timer))
    del ours
    old_threads = set(threads_before) | {threading.main_thread()}
    threads = [t for t in threading.enumerate() if t not in old_threads and t.is_alive()]
    return [*timers.values(), *(describe_thread(t) for t in threads)]


def delete_closed_widgets() -> None:
    """Carry out pending ``deleteLater()`` calls, as the event loop would (pytest-qt's close)."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _nothing_left_running():
    """Fails a test that leaves a Qt timer running or a thread alive (README: Development)."""
    timers_before = weakref.WeakSet(running_timers())
    threads_before = set(threading.enumerate())
    yield
    left = leftovers(timers_before, threads_before)
    # Stopped here so that they cannot fire into the next test; the test fails all the same.
    for timer in running_timers():
        if timer not in timers_before:
            timer.stop()
    if left:
        pytest.fail(
            "still running after the test; stop it where its owner is closed or shut down:\n  "
            + "\n  ".join(left),
            pytrace=False,
        )
