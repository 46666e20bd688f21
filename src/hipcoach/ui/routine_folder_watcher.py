"""Watches the person's routine files, so changes show without a restart.

Qt's file watcher wakes us for any change in the data folder or ``routines/``;
``check()`` compares :func:`hipcoach.core.routine_folder.folder_state` with the
last one and emits ``changed`` only when the routines really changed. Bursts of
events (an editor writing a file in steps) are gathered by a short single-shot
timer that only wakes the check; tests call ``check()`` directly.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from hipcoach.core.routine_folder import folder_state
from hipcoach.core.routines import routine_files

#: Gathers the events of one save (temporary file, rename, attributes) into one check.
SETTLE_MS = 250


class RoutineFolderWatcher(QObject):
    """Emits ``changed`` when routine files are added, changed or removed."""

    changed = Signal()

    def __init__(self, custom_dir: Path, patterns_file: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._custom_dir = Path(custom_dir)
        self._patterns_file = Path(patterns_file)
        self._state = folder_state(self._custom_dir, self._patterns_file)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setObjectName("routine_folder_settle_timer")
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._watcher.directoryChanged.connect(self._wake)
        self._watcher.fileChanged.connect(self._wake)
        self._watch()

    def check(self) -> bool:
        """Look now; emit ``changed`` (and return True) if the routines changed."""
        self._settle.stop()
        self._watch()
        state = folder_state(self._custom_dir, self._patterns_file)
        if state == self._state:
            return False
        self._state = state
        self.changed.emit()
        return True

    def stop(self) -> None:
        """Watch nothing more (on quit)."""
        self._settle.stop()
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)

    def _wake(self, _path: str) -> None:
        self._settle.start()

    def _watch(self) -> None:
        # Files are watched too: some editors write in place, which a folder does not see.
        # A folder made later (routines/ on the first save) is picked up at the next look.
        wanted = [self._custom_dir.parent, self._custom_dir, self._patterns_file]
        wanted += routine_files(self._custom_dir)  # none if missing or cannot be read
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        # os.path.exists: False, not an error, for a folder that cannot be entered.
        new = [str(p) for p in wanted if str(p) not in watched and os.path.exists(p)]
        if new:
            self._watcher.addPaths(new)
