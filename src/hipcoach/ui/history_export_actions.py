"""Export history as CSV / JSON: the two actions, asking where, and saying how it went."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_export import ExportFormat, export_history_to_file
from hipcoach.core.os_reason import os_reason
from hipcoach.i18n import _
from hipcoach.ui.formatting import counted

# Under the panel's name, which is what people see export failures filed as in the log.
log = logging.getLogger("hipcoach.ui.history_panel")


class HistoryExportActions:
    """``csv_action`` and ``json_action`` (owned by ``parent``) export every session in ``store``.

    ``report`` receives the sentence to show once a file is written or could not be.
    """

    def __init__(self, parent: QWidget, store: HistoryStore, report: Callable[[str], None]) -> None:
        self._parent = parent
        self._store = store
        self._report = report
        self.csv_action = QAction(parent)
        self.csv_action.triggered.connect(lambda: self.export("csv"))
        self.json_action = QAction(parent)
        self.json_action.triggered.connect(lambda: self.export("json"))
        self.retranslate()

    def retranslate(self) -> None:
        """The actions' words in the current language."""
        self.csv_action.setText(_("Export history as CSV…"))
        self.json_action.setText(_("Export history as JSON…"))

    def set_enabled(self, enabled: bool) -> None:
        self.csv_action.setEnabled(enabled)
        self.json_action.setEnabled(enabled)

    def export(self, fmt: ExportFormat, path: str | Path | None = None) -> Path | None:
        """Write every session to ``path`` (asked with a file dialog if None); None if not."""
        if path is None:
            suggested = str(Path.home() / f"hipcoach-history.{fmt}")
            chosen, _filter = QFileDialog.getSaveFileName(
                self._parent,
                _("Export history as {format}").format(format=fmt.upper()),
                suggested,
                _("{format} files (*.{ext});;All files (*)").format(format=fmt.upper(), ext=fmt),
            )
            if not chosen:
                return None  # cancelled
            path = chosen
        target = Path(path)
        try:
            count = export_history_to_file(self._store, fmt, target)
        except OSError as err:
            log.warning("history export to %s failed: %s", target, err)
            self._report(
                _("Could not export to {path}: {reason}").format(path=target, reason=os_reason(err))
            )
            return None
        self._report(
            counted(
                count,
                "Exported {n} session to {path}.",
                "Exported {n} sessions to {path}.",
                path=target,
            )
        )
        return target
