"""New, Edit / Duplicate to edit, Duplicate, Delete, Restore, Import… and Export… as QActions.

The main window adds ``actions()`` to its menu and to the picker, calls
``set_current(routine_id)`` when the picker's selection changes, and reloads the
library in ``on_changed(routine_id)``, which is called after every change with
the id to select (``None`` after a delete).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from hipcoach.core.os_reason import os_reason
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.routine_store import CustomRoutineStore, TrashedRoutine
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary, routine_files
from hipcoach.i18n import N_, _
from hipcoach.ui.editor.routine_editor import RoutineEditor
from hipcoach.ui.plain_text import ask, tell

JSON_FILTER = N_("Routine files (*.json);;All files (*)")


class RoutineActions(QObject):
    """The routine-management actions, sharing one idea of the current routine.

    Dialogs go through the replaceable attributes ``ask_open_path``,
    ``ask_save_path``, ``choose_deleted``, ``confirm`` and ``show_error`` so
    tests never block.
    ``message`` carries a one-line outcome for the status bar.
    """

    message = Signal(str)

    def __init__(
        self,
        parent_widget: QWidget,
        library_provider: Callable[[], RoutineLibrary],
        store: CustomRoutineStore,
        on_changed: Callable[[str | None], object],
    ):
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._library = library_provider
        self._store = store
        self._on_changed = on_changed
        self._current: str | None = None
        self.editor: RoutineEditor | None = None
        self.ask_open_path: Callable[[], str | None] = self._ask_open_path
        self.ask_save_path: Callable[[str], str | None] = self._ask_save_path
        #: Given one line per deleted routine, returns the index chosen (None: cancel).
        self.choose_deleted: Callable[[Sequence[str]], int | None] = self._choose_deleted
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.show_error: Callable[[str, str], object] = self._show_error

        #: Each action with its English text and tip, worded again when the language changes.
        self._words: list[tuple[QAction, str, str]] = []

        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            act = QAction(parent_widget)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self._words.append((act, text, tip))
            return act

        self.new_action = action(
            N_("&New routine…"), self.new_routine, QKeySequence.StandardKey.New,
            N_("Build a routine of your own"),
        )  # fmt: skip
        self.edit_action = action(N_("&Edit routine…"), self.edit, None, N_("Change this routine"))
        self.duplicate_action = action(
            N_("D&uplicate routine…"), self.duplicate, None, N_("Start a new routine from this one")
        )
        self.delete_action = action(
            N_("&Delete routine…"), self.delete, None,
            N_("Delete this routine (it goes to the trash)"),
        )  # fmt: skip
        self.restore_action = action(
            N_("&Restore deleted routine…"), self.restore_deleted, None,
            N_("Bring back a routine you deleted"),
        )  # fmt: skip
        self.import_action = action(
            N_("&Import routine…"), self.import_routine, None, N_("Add a routine from a file")
        )
        self.export_action = action(
            N_("E&xport routine…"), self.export, None, N_("Save this routine to a file to share it")
        )
        self.patterns_action = action(
            N_("&Breathing patterns…"), self.edit_patterns, None,
            N_("Make, change and delete your named breathing patterns"),
        )  # fmt: skip
        self.patterns_dialog: QDialog | None = None
        self.retranslate()
        self.update_restore()

    def retranslate(self) -> None:
        """The actions' texts and tips in the current language."""
        for act, text, tip in self._words:
            act.setText(_(text))
            act.setStatusTip(_(tip) if tip else "")
            act.setToolTip(_(tip) if tip else _(text).rstrip("…"))
        self.set_current(self._current)

    def update_restore(self) -> None:
        """Restore is offered only while the trash holds something (menus call this on show)."""
        self.restore_action.setEnabled(bool(routine_files(self._store.trash)))

    def actions(self) -> list[QAction]:
        return [
            self.new_action,
            self.edit_action,
            self.duplicate_action,
            self.delete_action,
            self.restore_action,
            self.import_action,
            self.export_action,
            self.patterns_action,
        ]

    def edit_patterns(self) -> QDialog:
        """Routines → Breathing patterns…: the pattern editor on its own, not only in a step."""
        from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout

        from hipcoach.ui.editor.pattern_editor import PatternEditor

        dialog = QDialog(self._parent)
        dialog.setObjectName("patterns_dialog")
        dialog.setWindowTitle(_("Breathing patterns"))
        editor = PatternEditor(self._store.load_patterns_or_empty(), self._store, dialog)
        editor.named_patterns_changed.connect(lambda: self._on_changed(self._current))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        box = QVBoxLayout(dialog)
        box.addWidget(editor, 1)
        box.addWidget(buttons)
        dialog.editor = editor
        dialog.show()
        self.patterns_dialog = dialog
        return dialog

    def current(self) -> LoadedRoutine | None:
        return self._library().get(self._current) if self._current else None

    def set_current(self, routine_id: str | None) -> None:
        """The routine the picker shows; the actions follow it."""
        self._current = routine_id
        loaded = self.current()
        builtin = loaded is not None and loaded.builtin
        self.edit_action.setText(_("Duplicate to &edit…") if builtin else _("&Edit routine…"))
        self.edit_action.setStatusTip(
            _("Built-in routines are read-only: edit your own copy")
            if builtin
            else _("Change this routine")
        )
        for act in (self.edit_action, self.duplicate_action, self.export_action):
            act.setEnabled(loaded is not None)
        self.delete_action.setEnabled(loaded is not None and not builtin)

    # -- the actions -------------------------------------------------------------------

    def new_routine(self) -> RoutineEditor:
        return self._open_editor(None)

    def edit(self) -> RoutineEditor | None:
        """Edit a custom routine; a built-in one opens as a copy ("Duplicate to edit")."""
        loaded = self.current()
        return self._open_editor(loaded) if loaded else None

    def duplicate(self) -> RoutineEditor | None:
        loaded = self.current()
        if loaded is None:
            return None
        library = self._library()
        copy = self._store.duplicate(loaded.routine, library.ids)
        return self._open_editor(copy)

    def delete(self) -> Path | None:
        loaded = self.current()
        if loaded is None or loaded.builtin:
            return None
        title = loaded.routine.title
        if not self.confirm(
            _("Delete routine"),
            _(
                "Delete “{title}”?\n\n"
                "It is moved to the trash folder ({folder}), so it can be recovered."
            ).format(title=title, folder=self._store.trash),
        ):
            return None
        try:
            trashed = self._store.delete(loaded.id)
        except OSError as exc:
            self.show_error(
                _("Could not delete"),
                _("“{title}” was not deleted: {reason}").format(title=title, reason=os_reason(exc)),
            )
            return None
        self.message.emit(
            _("Deleted “{title}” (kept in {folder})").format(title=title, folder=trashed.parent)
        )
        self.update_restore()
        self._current = None
        self._on_changed(None)
        return trashed

    def restore_deleted(self) -> str | None:
        """Offer the deleted routines, newest first; returns the id the chosen one is back as."""
        try:
            deleted = self._store.trashed()
        except OSError as exc:
            self.show_error(
                _("Could not restore"),
                _("The trash could not be read: {reason}").format(reason=os_reason(exc)),
            )
            return None
        if not deleted:
            self.show_error(_("Nothing to restore"), _("There are no deleted routines."))
            return None
        index = self.choose_deleted([_deleted_line(t) for t in deleted])
        if index is None:
            return None
        chosen = deleted[index]
        try:
            routine = self._store.restore(chosen.path, self._library().ids)
        except (InvalidDocument, OSError) as exc:
            self.show_error(
                _("Could not restore"),
                _("“{title}” was not restored: {reason}").format(
                    title=chosen.routine.title,
                    reason=os_reason(exc) if isinstance(exc, OSError) else exc,
                ),
            )
            return None
        if routine.id == chosen.routine.id:
            self.message.emit(_("Restored “{title}”").format(title=routine.title))
        else:
            self.message.emit(
                _("Restored as “{title}”: its old id is in use").format(title=routine.title)
            )
        self.update_restore()
        self._on_changed(routine.id)
        return routine.id

    def import_routine(self, path: str | Path | None = None) -> str | None:
        """Validate and add a routine file; returns the id it was saved under."""
        path = path or self.ask_open_path()
        if not path:
            return None
        try:
            result = self._store.import_file(Path(path), self._library().ids)
        except InvalidDocument as exc:
            lines = "\n".join(f"• {p.path}: {p.reason}" if p.path else f"• {p.reason}"
                              for p in exc.problems[:12])  # fmt: skip
            self.show_error(
                _("Not imported"),
                _("{file} is not a routine hipcoach can use:\n\n{problems}").format(
                    file=Path(path).name, problems=lines
                ),
            )
            return None
        except OSError as exc:
            self.show_error(
                _("Not imported"),
                _("{file} could not be saved: {reason}").format(
                    file=Path(path).name, reason=os_reason(exc)
                ),
            )
            return None
        title = result.routine.title
        if result.renamed_from:
            self.message.emit(
                _("Imported as “{title}”: you already have a routine “{existing}”").format(
                    title=title, existing=result.renamed_from
                )
            )
        else:
            self.message.emit(_("Imported “{title}”").format(title=title))
        self._on_changed(result.routine.id)
        return result.routine.id

    def export(self, path: str | Path | None = None) -> Path | None:
        loaded = self.current()
        if loaded is None:
            return None
        path = path or self.ask_save_path(f"{loaded.id}.json")
        if not path:
            return None
        try:
            written = self._store.export(loaded.routine, Path(path))
        except OSError as exc:
            self.show_error(
                _("Not exported"),
                _("Could not write {path}: {reason}").format(path=path, reason=os_reason(exc)),
            )
            return None
        self.message.emit(
            _("Exported “{title}” to {path}").format(title=loaded.routine.title, path=written)
        )
        return written

    def _open_editor(self, routine) -> RoutineEditor:
        if self.editor is not None:
            self.editor.close()
        editor = RoutineEditor(self._library(), self._store, routine, self._parent)
        editor.saved.connect(self._saved)
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, routine) -> None:
        self.message.emit(_("Saved “{title}”").format(title=routine.title))
        self._current = routine.id
        self._on_changed(routine.id)

    def _editor_closed(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.deleteLater()

    # -- default dialogs ----------------------------------------------------------------

    def _ask_open_path(self) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self._parent, _("Import routine"), "", _(JSON_FILTER)
        )
        return path or None

    def _ask_save_path(self, suggestion: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, _("Export routine"), str(Path.home() / suggestion), _(JSON_FILTER)
        )
        return path or None

    def _choose_deleted(self, lines: Sequence[str]) -> int | None:
        line, ok = QInputDialog.getItem(
            self._parent,
            _("Restore deleted routine"),
            _("Deleted routines:"),
            list(lines),
            0,
            False,
        )
        return list(lines).index(line) if ok and line in lines else None

    def _confirm(self, title: str, text: str) -> bool:
        return ask(self._parent, title, text) == QMessageBox.StandardButton.Yes

    def _show_error(self, title: str, text: str) -> None:
        tell(self._parent, QMessageBox.Icon.Warning, title, text)


def _deleted_line(trashed: TrashedRoutine) -> str:
    moment = QDateTime.fromMSecsSinceEpoch(round(trashed.deleted_at * 1000))
    when = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
    return _("{title} — deleted {when}").format(title=trashed.routine.title, when=when)
