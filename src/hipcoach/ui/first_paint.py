"""Run something once a window has been painted for the first time.

Work that the first frame does not need (the history file, the sound device,
D-Bus) waits for this, so the window is on screen before it starts. A timer
scheduled with ``QTimer.singleShot(0, ...)`` right after ``show()`` is not
enough: it fires before the windowing system asks for the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

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
        self._handle: QWindow | None = None
        # The window and its native window only, not the whole application: a filter on
        # the application is called from C++ for every event of every object while the
        # window is built and laid out (about 10 ms of start-up, docs/performance.md).
        window.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setObjectName("first_paint_fallback")
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._fire)
        self._fallback.start(FALLBACK_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window:
            if kind == QEvent.Type.Paint:
                self._painted_now()
            elif kind == QEvent.Type.Show:
                self._watch_native_window()
            elif kind == QEvent.Type.Close:
                # Closed before the work started (painted or not): nothing is left to start
                # for, and no timer of ours is left running.
                self._fallback.stop()
                self._callback = None
                self._stop_watching()
        elif kind == QEvent.Type.Expose and self._handle is not None and self._handle.isExposed():
            # Qt paints the widgets while it handles this very event, before the queued call.
            # It covers a window whose own area is all covered by an opaque child, which
            # then gets no paint event itself.
            self._painted_now()
        return False

    def _watch_native_window(self) -> None:
        handle = self._window.windowHandle()
        if handle is not None and handle is not self._handle:
            self._handle = handle
            handle.installEventFilter(self)

    def _painted_now(self) -> None:
        if not self._painted:
            self._painted = True
            # Queued, so the painted frame reaches the screen before the work starts.
            QTimer.singleShot(0, self, self._fire)

    def _stop_watching(self) -> None:
        self._window.removeEventFilter(self)
        if self._handle is not None:
            self._handle.removeEventFilter(self)
            self._handle = None

    def _fire(self) -> None:
        self._fallback.stop()
        callback, self._callback = self._callback, None
        self._stop_watching()
        if callback is not None:
            callback()
