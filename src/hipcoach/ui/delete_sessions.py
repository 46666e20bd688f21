"""Deleting sessions as one undo step: Undo restores every field of every session."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QUndoCommand

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import SessionRecord
from hipcoach.i18n import ngettext


class DeleteSessions(QUndoCommand):
    def __init__(self, store: HistoryStore, records: list[SessionRecord]) -> None:
        n = len(records)
        # TRANSLATORS: follows "Undo" or "Redo" in the Edit menu, as "Undo delete 3 sessions".
        text = ngettext("delete {n} session", "delete {n} sessions", n)
        super().__init__(text.format(n=QLocale().toString(n)))
        self._store = store
        self._records = records

    def redo(self) -> None:
        for r in self._records:
            self._store.delete(r.id)

    def undo(self) -> None:
        for r in self._records:
            self._store.restore(r)
