"""The routine editor: title, tags, the steps and each step's settings, checked as you type.

The editor keeps the routine as plain JSON values (one dict per step), which is
exactly what a file holds; every edit re-runs the file validation
(``CustomRoutineStore.validate``) and shows each problem next to its field.
Fields the form does not show (cautions, illustrations, rounds…) are kept as
they were, so editing never loses what a hand-written file had.

The dialog holds the routine's own fields, the step list and saving; the
selected step is edited in ``StepForm``, the step dicts are read and described
by ``routine_document``, and the first problem is worded by ``problem_sentence``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import msgspec
from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import Routine
from hipcoach.core.os_reason import os_reason
from hipcoach.core.problems import InvalidDocument, Problem
from hipcoach.core.routine_store import CustomRoutineStore, RoutineFileTakenError, unique_id
from hipcoach.core.routine_store import slugify as _slugify
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary
from hipcoach.i18n import _
from hipcoach.ui.editor.fields import (
    PROBLEM_STYLE,
    FieldMessages,
    FieldProblems,
    message_label,
    messages_text,
    split_problems,
    with_message,
)
from hipcoach.ui.editor.problem_sentence import problem_sentence
from hipcoach.ui.editor.routine_document import (
    clock_text,
    default_step,
    describe_step,
    partial_total,
    routine_document,
)
from hipcoach.ui.editor.step_form import StepForm
from hipcoach.ui.formatting import counted, tag_from_label, tag_label
from hipcoach.ui.plain_text import PlainLabel, ask, plain_tooltip

STEP_ROLE = Qt.ItemDataRole.UserRole


#: The editor's size on a big screen; a small laptop gets what its screen has room for.
#: Wide enough for a step's form and its breathing pattern side by side in Spanish,
#: whose labels run about a third longer than English ones.
EDITOR_SIZE = (1180, 760)


def editor_size(available) -> tuple[int, int]:
    """The editor's first size: ``EDITOR_SIZE``, less on a screen that cannot hold it
    (room kept for the title bar: 760 pixels do not fit a 1366×768 laptop)."""
    return (
        min(EDITOR_SIZE[0], available.width() - 16),
        min(EDITOR_SIZE[1], available.height() - 48),
    )


class RoutineEditor(QDialog):
    """Create or edit one custom routine.

    ``routine`` is ``None`` for a new routine, a ``LoadedRoutine`` from the
    library, or a ``Routine``. A custom routine is edited in place; a built-in
    one (read-only) or a routine not in the library opens as a new copy.
    ``saved`` is emitted with the saved ``Routine``.
    """

    saved = Signal(object)

    def __init__(
        self,
        library: RoutineLibrary,
        store: CustomRoutineStore,
        routine: Routine | LoadedRoutine | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self.setStyleSheet(PROBLEM_STYLE)
        self._library = library
        self._store = store
        self._patterns = store.load_patterns_or_empty()
        self._loading = False
        self._problems: list[Problem] = []
        self._step_problems: dict[int, FieldProblems] = {}
        self._steps: dict[int, dict] = {}
        self._next_key = 0
        self._total = 0.0
        self._replacing = None
        self._fixed_id: str | None = None
        self._taken_ids = set(library.ids) | store.ids()

        notice = ""
        loaded = routine if isinstance(routine, LoadedRoutine) else None
        if isinstance(routine, Routine):
            loaded = library.get(routine.id)
            if loaded is not None and loaded.routine != routine and loaded.builtin:
                loaded = None
        # One's own routine is edited as its file says, not as translated for showing.
        source = (loaded.routine if loaded.builtin else loaded.source) if loaded else routine
        if loaded is not None and not loaded.builtin:
            self._replacing = loaded.path
            self._fixed_id = loaded.id
            self.setWindowTitle(_("Edit “{title}”").format(title=loaded.routine.title))
        elif source is not None:
            if loaded is not None and loaded.builtin:
                notice = _(
                    "“{title}” is built in and read-only, so you are editing your own copy of it."
                ).format(title=loaded.routine.title)
                source = store.duplicate(loaded.routine, self._taken_ids)
            if source.id not in self._taken_ids:
                self._fixed_id = source.id
            self.setWindowTitle(_("New routine: “{title}”").format(title=source.title))
        else:
            self.setWindowTitle(_("New routine"))
        #: Problems show once the person has changed something (or pressed Save); a
        #: routine opened from a file shows its problems at once.
        self._touched = source is not None
        self._build(notice)
        self._load(source)
        # A built-in opened as a copy is unsaved work from the start.
        self._unchanged = self.document() if not notice else None
        #: Asks whether to throw away unsaved changes; tests replace it.
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self.resize(*editor_size(self.screen().availableGeometry()))

    def is_modified(self) -> bool:
        return self.document() != self._unchanged

    def reject(self) -> None:
        """Cancel, Esc or the close button: never lose edits without asking."""
        if self.is_modified() and not self.confirm_discard():
            return
        super().reject()

    def _ask_discard(self) -> bool:
        answer = ask(
            self,
            _("Discard changes?"),
            _("This routine has changes that are not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    # -- building the window ----------------------------------------------------------

    def _build(self, notice: str) -> None:
        self.top_messages = FieldMessages(message_label())

        self.notice = PlainLabel(notice)
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setVisible(bool(notice))
        self.notice.setContentsMargins(8, 6, 8, 6)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("e.g. Evening hips"))
        self.file_hint = PlainLabel()
        self.file_hint.setObjectName("file_hint")
        self.file_hint.setProperty("role", "hint")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(_("What it is for, who it suits (optional)"))
        self.description_edit.setFixedHeight(56)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(_("evening, hips (optional, separated by commas)"))
        self.equipment_edit = QPlainTextEdit()
        self.equipment_edit.setPlaceholderText(
            _("What to have at hand, one thing a line (optional): a block, a blanket")
        )
        self.equipment_edit.setFixedHeight(48)

        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title_box, title_msg = with_message(self.title_edit)
        self.top_messages.add("title", self.title_edit, title_msg, "id")
        title_row_widget = QWidget()
        title_row = QVBoxLayout(title_row_widget)
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.setSpacing(2)
        title_row.addWidget(title_box)
        title_row.addWidget(self.file_hint)
        head.addRow(_("&Title"), title_row_widget)
        head.labelForField(title_row_widget).setBuddy(self.title_edit)
        desc_box, desc_msg = with_message(self.description_edit)
        self.top_messages.add("description", self.description_edit, desc_msg)
        head.addRow(_("&Description"), desc_box)
        tags_box, tags_msg = with_message(self.tags_edit)
        self.top_messages.add("tags", self.tags_edit, tags_msg)
        head.addRow(_("T&ags"), tags_box)
        equipment_box, equipment_msg = with_message(self.equipment_edit)
        self.top_messages.add("equipment", self.equipment_edit, equipment_msg)
        head.addRow(_("You'll &need"), equipment_box)

        # Steps: the list and its buttons.
        self.steps_list = QListWidget()
        self.steps_list.setAccessibleName(_("Steps"))
        # A long step name wraps within the list rather than running under its edge.
        self.steps_list.setWordWrap(True)
        self.steps_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.steps_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.steps_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps_list.setAlternatingRowColors(True)
        self.steps_list.setMinimumWidth(300)
        self.add_breath_button = QPushButton(_("+ Breathing"))
        self.add_pose_button = QPushButton(_("+ Pose"))
        self.add_rest_button = QPushButton(_("+ Rest"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("▲ Up"))
        self.down_button = QPushButton(_("▼ Down"))
        self.up_button.setToolTip(_("Move the step up (Ctrl+Up)"))
        self.down_button.setToolTip(_("Move the step down (Ctrl+Down)"))
        self.remove_button.setToolTip(_("Remove the step (Delete)"))
        self.move_up_action = self._shortcut(_("Move step up"), "Ctrl+Up", self.move_up)
        self.move_down_action = self._shortcut(_("Move step down"), "Ctrl+Down", self.move_down)
        self.remove_action = QAction(_("Remove step"), self.steps_list)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_step)
        self.steps_list.addAction(self.remove_action)
        # The list would take Ctrl+Up/Down as "move the cursor"; here they move the step.
        self.steps_list.installEventFilter(self)

        add_row = QHBoxLayout()
        for b in (self.add_breath_button, self.add_pose_button, self.add_rest_button):
            add_row.addWidget(b)
        edit_row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            edit_row.addWidget(b)
        steps_box = QGroupBox(_("Steps"))
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.addLayout(add_row)
        steps_msg = message_label()
        self.top_messages.add("steps", self.steps_list, steps_msg)
        steps_layout.addWidget(self.steps_list, 1)
        steps_layout.addWidget(steps_msg)
        steps_layout.addLayout(edit_row)
        hint = PlainLabel(_("Drag to reorder, or Ctrl+Up / Ctrl+Down."))
        hint.setProperty("role", "hint")
        steps_layout.addWidget(hint)

        self.step_form = StepForm(self._library.poses, self._patterns, self._store)
        scroll = QScrollArea()
        scroll.setWidget(self.step_form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.step_box = QGroupBox(_("Step"))
        QVBoxLayout(self.step_box).addWidget(scroll)

        split = QSplitter()
        split.addWidget(steps_box)
        split.addWidget(self.step_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        self.total_label = PlainLabel()
        self.total_label.setAccessibleName(_("Total duration"))
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.status_label = message_label()  # problems summary and save errors
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # Worded here rather than by Qt, so they follow hipcoach's language, not Qt's.
        self.save_button.setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("&Cancel"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        # Messages come and go as you type: the window's size limits must not follow
        # them (and some platforms, such as offscreen, cannot take new limits anyway).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(760, 560)
        layout.addWidget(self.notice)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addWidget(self.top_messages._fields[""][1])
        layout.addLayout(bottom)

        self.title_edit.textChanged.connect(self._changed)
        self.description_edit.textChanged.connect(self._changed)
        self.tags_edit.textChanged.connect(self._changed)
        self.equipment_edit.textChanged.connect(self._changed)
        self.add_breath_button.clicked.connect(lambda: self.add_step("breath"))
        self.add_pose_button.clicked.connect(lambda: self.add_step("pose"))
        self.add_rest_button.clicked.connect(lambda: self.add_step("rest"))
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        self.steps_list.currentRowChanged.connect(self._show_current_step)
        model = self.steps_list.model()
        model.rowsMoved.connect(self._order_changed)
        self.step_form.edited.connect(self._step_edited)
        self.step_form.named_patterns_changed.connect(self._named_patterns_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.steps_list and event.type() == QEvent.Type.KeyPress:
            if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                if event.key() == Qt.Key.Key_Up:
                    self.move_up()
                    return True
                if event.key() == Qt.Key.Key_Down:
                    self.move_down()
                    return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.remove_step()
                return True
        return super().eventFilter(watched, event)

    def _shortcut(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- loading --------------------------------------------------------------------------

    def _load(self, routine: Routine | None) -> None:
        self._loading = True
        if routine is not None:
            self.title_edit.setText(routine.title)
            self.description_edit.setPlainText(routine.description)
            # The tags in the words the list shows them in; document() reads them back.
            self.tags_edit.setText(", ".join(tag_label(t) for t in routine.tags))
            self.equipment_edit.setPlainText("\n".join(routine.equipment))
            for step in msgspec.to_builtins(routine.steps):
                self._append_item(step)
        self._loading = False
        if self.steps_list.count():
            self.steps_list.setCurrentRow(0)
        else:
            self._show_current_step(-1)
        self._revalidate()

    def _append_item(self, step: dict, row: int | None = None) -> QListWidgetItem:
        key = self._next_key
        self._next_key += 1
        self._steps[key] = step
        item = QListWidgetItem()
        item.setData(STEP_ROLE, key)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        if row is None:
            self.steps_list.addItem(item)
        else:
            self.steps_list.insertItem(row, item)
        return item

    # -- the document -------------------------------------------------------------------

    def steps(self) -> list[dict]:
        """The steps in list order, as plain JSON values."""
        return [
            self._steps[self.steps_list.item(i).data(STEP_ROLE)]
            for i in range(self.steps_list.count())
        ]

    def routine_id(self) -> str:
        if self._fixed_id is not None:
            return self._fixed_id
        # TRANSLATORS: the file name of a new routine whose title gives no letters a-z
        # to make one from; only lowercase a-z, digits and hyphens.
        fallback = _("my-routine")
        return unique_id(_slugify(self.title_edit.text(), fallback), self._taken_ids)

    def document(self) -> dict:
        """The routine as a file would hold it."""
        return routine_document(
            self.routine_id(),
            self.title_edit.text(),
            self.description_edit.toPlainText(),
            ", ".join(tag_from_label(t) for t in self.tags_edit.text().split(",")),
            self.steps(),
            equipment=self.equipment_edit.toPlainText(),
        )

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def total_seconds(self) -> float:
        return self._total

    def message_for(self, field: str) -> str:
        """The message shown next to ``field`` ('title', 'steps', 'seconds', 'pattern.inhale'…)."""
        if field.startswith("pattern."):
            return self.step_form.pattern_editor.messages.message(field.removeprefix("pattern."))
        for messages in (self.top_messages, self.step_form.messages):
            if messages.has(field):
                return messages.message(field)
        raise KeyError(field)

    # -- validation ----------------------------------------------------------------------

    def _revalidate(self) -> None:
        doc = self.document()
        try:
            _routine, total = self._store.validate(
                doc, f"{doc['id']}.json", patterns=self._patterns
            )
            problems: list[Problem] = []
        except InvalidDocument as exc:
            problems = exc.problems
            total = partial_total(doc["steps"], self._library.poses, self._patterns)
        self._problems = problems
        self._total = total
        top, self._step_problems = split_problems(problems)
        if not self._touched:
            # A new, untouched form is not wrong yet: problems show from the first edit
            # (or a press of Save) on.
            top, self._step_problems = {}, {}
        self.top_messages.show(top)
        self._show_step_problems()
        self._refresh_items()
        self.file_hint.setText(_("Saved as your routine “{id}”").format(id=doc["id"]))
        total_text = (
            _("Total {time} (steps with problems not counted)") if problems else _("Total {time}")
        )
        self.total_label.setText(total_text.format(time=clock_text(total)))
        count = len(problems) if self._touched else 0
        self.status_label.setText(
            counted(
                count,
                "{n} problem to fix before saving: {first}",
                "{n} problems to fix before saving; the first: {first}",
                first=problem_sentence(problems[0]),
            )
            if count
            else ""
        )
        self.status_label.setVisible(bool(count))
        # Untouched, Save shows what is missing instead of being greyed out for no shown reason.
        self.save_button.setEnabled(not problems or not self._touched)

    def _show_step_problems(self) -> None:
        self.step_form.show_problems(self._step_problems.get(self.steps_list.currentRow(), {}))

    def _refresh_items(self) -> None:
        for i in range(self.steps_list.count()):
            item = self.steps_list.item(i)
            step = self._steps[item.data(STEP_ROLE)]
            bad = i in self._step_problems
            text = describe_step(step, i, self._library.poses, self._patterns)
            item.setText(f"{'⚠ ' if bad else ''}{QLocale().toString(i + 1)}. {text}")
            found = [p for ps in self._step_problems.get(i, {}).values() for p in ps]
            item.setToolTip(plain_tooltip(messages_text(found)))

    # -- step list edits -----------------------------------------------------------------

    def add_step(self, kind: str) -> None:
        """Add a step of ``kind`` ('breath', 'pose', 'rest') after the current one."""
        row = self.steps_list.currentRow() + 1 if self.steps_list.currentRow() >= 0 else None
        self._touched = True
        self._loading = True
        item = self._append_item(default_step(kind, self._library.poses), row)
        self._loading = False
        self.steps_list.setCurrentItem(item)
        self._revalidate()

    def remove_step(self) -> None:
        row = self.steps_list.currentRow()
        if row < 0:
            return
        item = self.steps_list.takeItem(row)
        self._steps.pop(item.data(STEP_ROLE), None)
        self._revalidate()
        self._show_current_step(self.steps_list.currentRow())

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, delta: int) -> None:
        row = self.steps_list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.steps_list.count():
            return
        self._loading = True
        item = self.steps_list.takeItem(row)
        self.steps_list.insertItem(target, item)
        self._loading = False
        self.steps_list.setCurrentRow(target)
        self._revalidate()

    def _order_changed(self, *_args) -> None:
        # A drag and drop moved a row: the list order is the routine's order.
        if not self._loading:
            self._revalidate()
            self._show_current_step(self.steps_list.currentRow())

    # -- the step form ------------------------------------------------------------------

    def _current_step(self) -> dict | None:
        item = self.steps_list.currentItem()
        return self._steps[item.data(STEP_ROLE)] if item is not None else None

    def _show_current_step(self, row: int) -> None:
        step = self._current_step()
        self.step_box.setEnabled(step is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.steps_list.count() - 1)
        self.remove_button.setEnabled(step is not None)
        if step is None:
            self.step_box.setTitle(_("Step: add one with the buttons on the left"))
            self.step_form.show_step(None)
            return
        self.step_box.setTitle(_("Step {number}").format(number=QLocale().toString(row + 1)))
        self.step_form.show_step(step, row)
        self._show_step_problems()

    def _step_edited(self) -> None:
        item = self.steps_list.currentItem()
        if item is None:
            return
        self._touched = True
        self._steps[item.data(STEP_ROLE)] = self.step_form.step()
        self._revalidate()

    def _form_edited(self) -> None:
        """Take in a form field that was set through code, which sends no signal."""
        self.step_form.fields_edited()

    def _named_patterns_changed(self) -> None:
        self._patterns = self._store.load_patterns_or_empty()
        self.step_form.set_patterns(self._patterns)
        self._revalidate()

    def _changed(self) -> None:
        if not self._loading:
            self._touched = True
            self._revalidate()

    # -- saving -------------------------------------------------------------------------

    def save(self) -> Routine | None:
        """Validate and save; on success emit ``saved`` and close. Returns the routine."""
        self._touched = True
        self._revalidate()
        if self._problems:
            return None
        doc = self.document()
        try:
            routine, _total = self._store.validate(
                doc, f"{doc['id']}.json", patterns=self._patterns
            )
            path = self._store.save(routine, replacing=self._replacing)
        except InvalidDocument as exc:
            self._show_save_error(str(exc.problems[0]))
            return None
        except RoutineFileTakenError as exc:
            self._show_save_error(_("Not saved: {reason}").format(reason=exc))
            return None
        except OSError as exc:
            self._show_save_error(_("Not saved: {reason}").format(reason=os_reason(exc)))
            return None
        self._replacing, self._fixed_id = path, routine.id
        self.saved.emit(routine)
        self.accept()
        return routine

    def _show_save_error(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.show()
