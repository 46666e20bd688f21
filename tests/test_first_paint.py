"""Work that waits for the window's first paint (ui/first_paint.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from hipcoach.ui import first_paint
from hipcoach.ui.first_paint import AfterFirstPaint


def paint(window: QWidget) -> None:
    QApplication.sendEvent(window, QPaintEvent(window.rect()))


def test_the_work_starts_once_in_the_turn_after_the_first_paint(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    calls = []
    AfterFirstPaint(window, lambda: calls.append("started"))
    paint(window)
    paint(window)
    assert calls == []  # not yet: the painted frame reaches the screen first
    QApplication.processEvents()
    assert calls == ["started"]
    assert not window.findChild(QTimer, "first_paint_fallback").isActive()


def test_closed_after_painting_but_before_the_work_started_nothing_starts_or_runs(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    calls = []
    AfterFirstPaint(window, lambda: calls.append("started"))
    paint(window)
    window.close()
    assert not window.findChild(QTimer, "first_paint_fallback").isActive()
    QApplication.processEvents()
    assert calls == []


def test_a_window_whose_own_area_is_covered_is_seen_painted_through_its_native_window(
    qtbot, monkeypatch
):
    # An opaque child over the whole window: the window itself gets no paint event,
    # but its native window is exposed, and Qt paints while handling that.
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 600_000)  # only the paint can start it
    window = QWidget()
    child = QWidget(window)
    child.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    qtbot.addWidget(window)
    calls = []
    AfterFirstPaint(window, lambda: calls.append("started"))
    window.resize(200, 100)
    child.resize(200, 100)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: calls == ["started"])
    assert not window.findChild(QTimer, "first_paint_fallback").isActive()


def test_the_application_is_not_filtered(qtbot, monkeypatch):
    # Watching every object's events from Python costs start-up time (docs/performance.md).
    installed = []
    monkeypatch.setattr(
        QApplication.instance(), "installEventFilter", lambda f: installed.append(f), raising=False
    )
    window = QWidget()
    qtbot.addWidget(window)
    AfterFirstPaint(window, lambda: None)
    window.close()
    assert installed == []
