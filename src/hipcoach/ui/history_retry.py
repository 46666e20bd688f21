"""Tries again, a minute later, to save history changes that a failed write left in memory.

The timer runs only while something is unsaved, so a healthy history costs no wake-ups.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from hipcoach.core.history import HistoryEvent, HistoryStore
from hipcoach.core.history_problems import HistoryProblem

RETRY_MS = 60_000


class HistoryRetry(QObject):
    """Watches ``store`` and retries its unsaved changes; ``report`` gets "saved again"."""

    def __init__(
        self,
        store: HistoryStore,
        report: Callable[[HistoryProblem], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._report = report
        self.timer = QTimer(self)
        self.timer.setObjectName("history_retry_timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)
        store.add_listener(self._on_event)
        self.destroyed.connect(lambda: store.remove_listener(self._on_event))

    def _on_event(self, event: HistoryEvent) -> None:
        if self._store.unsaved_changes and not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        """On quit: one last try, then no more tries and no wake-up left behind.

        A finished session is on disk beside the history whatever happens, but a
        deletion or a reminder's break that could not be written lives only in memory.
        """
        if self._store.unsaved_changes:
            self._store.retry()
        self.timer.stop()

    def retry(self) -> None:
        """Write what is unsaved now; keep waking every minute until it is written."""
        self.timer.stop()
        saved = self._store.retry()
        if saved is not None:
            self._report(saved)
        elif self._store.unsaved_changes:
            self.timer.start()
