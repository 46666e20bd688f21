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
        # Application-wide: an opaque central widget can cover the whole window, and
        # then only the children receive paint events.
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            QApplication.instance().removeEventFilter(self)
            # Queued, so the painted frame reaches the screen before the work starts.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        QApplication.instance().removeEventFilter(self)
        if callback is not None:
            callback()
