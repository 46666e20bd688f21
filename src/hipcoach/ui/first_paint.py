"""Run something once a window has been painted for the first time.

Work that the first frame does not need (the history file, the sound device,
D-Bus) waits for this, so the window is on screen before it starts. A timer
scheduled with ``QTimer.singleShot(0, ...)`` right after ``show()`` is not
enough: it fires before the windowing system asks for the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

#: A window that is never painted (started minimised, or on a platform that
#: withholds it) still finishes starting after this long.
FALLBACK_MS = 1500


class AfterFirstPaint(QObject):
    """Calls ``callback`` once, in the event loop turn after ``window`` first paints."""

    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], None] | None = callback
        self._painted = False
        # Application-wide: an opaque central widget can cover the whole window, and
        # then only the children receive paint events.
        QApplication.instance().installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setObjectName("first_paint_fallback")
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(FALLBACK_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._painted and isinstance(watched, QWidget):
            if watched.window() is self._window:
                self._painted = True
                # Queued, so the painted frame reaches the screen before the work starts.
                QTimer.singleShot(0, self, self._fire)
        elif kind == QEvent.Type.Close and watched is self._window:
            # Closed before the work started (painted or not): nothing is left to start for,
            # and no timer of ours is left running.
            self._fallback.stop()
            self._callback = None
            QApplication.instance().removeEventFilter(self)
        return False

    def _fire(self) -> None:
        self._fallback.stop()
        callback, self._callback = self._callback, None
        QApplication.instance().removeEventFilter(self)
        if callback is not None:
            callback()
