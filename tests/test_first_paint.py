"""Work that waits for the window's first paint (ui/first_paint.py)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

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
