"""Deleting sessions as one undo step: Undo restores every field of every session."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import SessionRecord


class DeleteSessions(QUndoCommand):
    def __init__(self, store: HistoryStore, records: list[SessionRecord]) -> None:
        n = len(records)
        super().__init__(f"delete {n} session{'s' if n != 1 else ''}")
        self._store = store
        self._records = records

    def redo(self) -> None:
        for r in self._records:
            self._store.delete(r.id)

    def undo(self) -> None:
        for r in self._records:
            self._store.restore(r)
