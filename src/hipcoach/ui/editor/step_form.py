"""The settings of one step: its kind, pose or title, length, cues and breathing pattern.

``show_step`` fills the fields from a step dict; every edit the person makes
becomes a new step dict (``step()``) and is announced with ``edited``. Fields
the form does not show are carried over untouched, so hand-written extras
survive an edit. Rows that do not apply to the step's kind are hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import Pattern, PoseInfo
from hipcoach.core.patterns import pattern_label, resolve_pattern
from hipcoach.core.problems import Problem
from hipcoach.core.routine_store import CustomRoutineStore
from hipcoach.i18n import N_, _, pgettext
from hipcoach.ui.editor.fields import FieldMessages, message_label, with_message
from hipcoach.ui.editor.pattern_editor import PatternEditor
from hipcoach.ui.editor.routine_document import clock_text, kind_label, step_as_kind, step_length
from hipcoach.ui.plain_text import PlainLabel

POSITIONS = (("seated", N_("Seated")), ("chair", N_("On a chair")),
             ("lying", N_("Lying down")), ("standing", N_("Standing")))  # fmt: skip
OWN_POSE = ""  # pose combo data for a pose that is not from the library
SIDES = (  # combo data -> per_side
    ("library", N_("As the pose library says")),
    ("each", N_("Each side in turn")),
    ("once", N_("Once, both sides together")),
)
#: The placeholder of each one-a-line field of a pose of one's own.
ONE_A_LINE = {
    "cue": N_("One cue a line, optional"),
    "caution": N_("One caution a line, optional"),
    "alternative": N_("One alternative a line, optional"),
}
PER_SIDE = {"library": None, "each": True, "once": False}
#: The file format's defaults, left out of the file when chosen (see docs/routine-format.md).
DEFAULT_ROUNDS = 1
DEFAULT_SWITCH_SECONDS = 8.0


def _lines(edit: QPlainTextEdit) -> list[str]:
    """The non-empty lines of a one-item-a-line field."""
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class StepForm(QWidget):
    """Edits one step dict.

    ``edited`` is emitted after each change the person makes (not while
    ``show_step`` fills the fields); ``step()`` is then the step as edited.
    ``named_patterns_changed`` passes on the pattern editor's: saved patterns
    were added or deleted, so the owner should reload them and call
    ``set_patterns``.
    """

    edited = Signal()
    named_patterns_changed = Signal()

    def __init__(
        self,
        poses: Mapping[str, PoseInfo],
        patterns: Mapping[str, Pattern],
        store: CustomRoutineStore,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._poses = poses
        self._patterns = patterns
        self._step: dict | None = None
        self._index = -1
        self._filling = False
        #: A pose step's hold as breathing parts (plain dicts), and the one being edited.
        self._parts: list[dict] = []
        self._part = 0

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout = form
        self.messages = FieldMessages(message_label())

        self.kind_combo = QComboBox()
        for kind in ("breath", "pose", "rest"):
            self.kind_combo.addItem(kind_label(kind), kind)
        self.pose_combo = QComboBox()
        self.pose_combo.addItem(_("Your own pose (type its name below)"), OWN_POSE)
        for pid, info in sorted(poses.items(), key=lambda kv: kv[1].name.lower()):
            self.pose_combo.addItem(info.name, pid)
        self.pose_combo.setMaxVisibleItems(20)
        self.name_edit = QLineEdit()
        self.title_edit = QLineEdit()
        self.cues_edit = QPlainTextEdit()
        self.cues_edit.setFixedHeight(72)
        # Left empty, a library pose's own cautions and alternatives apply.
        self.cautions_edit = QPlainTextEdit()
        self.cautions_edit.setFixedHeight(56)
        self.alternatives_edit = QPlainTextEdit()
        self.alternatives_edit.setFixedHeight(56)
        self.sides_combo = QComboBox()
        for value, label in SIDES:
            self.sides_combo.addItem(_(label), value)
        self.length_spin = QDoubleSpinBox()
        self.length_spin.setRange(0, 7200)
        self.length_spin.setDecimals(1)
        self.length_spin.setSingleStep(5)
        # TRANSLATORS: after a number of seconds in a number field ("60 s").
        self.length_spin.setSuffix(pgettext("unit suffix", " s"))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 2000)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(pgettext("length unit", "seconds"), "seconds")
        self.unit_combo.addItem(pgettext("length unit", "breaths"), "count")
        self.length_hint = PlainLabel()
        self.length_hint.setProperty("role", "hint")
        length_row = QWidget()
        lr = QHBoxLayout(length_row)
        lr.setContentsMargins(0, 0, 0, 0)
        lr.addWidget(self.length_spin, 1)
        lr.addWidget(self.count_spin, 1)
        lr.addWidget(self.unit_combo)
        lr.addWidget(self.length_hint, 1)
        self.part_combo = QComboBox()
        self.part_combo.setAccessibleName(_("Breathing part"))
        self.add_part_button = QPushButton(_("Add a part"))
        self.add_part_button.setToolTip(
            _("Change the breathing part-way through the hold, e.g. settle in, then slow down")
        )
        self.remove_part_button = QPushButton(_("Remove this part"))
        # The part on a line of its own and the buttons under it: side by side, the
        # form grew wider than the editor in Spanish and had to be scrolled sideways.
        parts_row = QWidget()
        pr = QVBoxLayout(parts_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.part_combo)
        part_buttons = QHBoxLayout()
        part_buttons.addWidget(self.add_part_button)
        part_buttons.addWidget(self.remove_part_button)
        part_buttons.addStretch(1)
        pr.addLayout(part_buttons)
        self.rounds_spin = QSpinBox()
        self.rounds_spin.setRange(1, 10)
        self.rounds_spin.setToolTip(_("With both sides, 2 rounds plays left, right, left, right"))
        self.switch_spin = QDoubleSpinBox()
        self.switch_spin.setRange(0, 60)
        self.switch_spin.setDecimals(0)
        self.switch_spin.setSuffix(pgettext("unit suffix", " s"))
        self.switch_spin.setToolTip(_("The pause for changing sides; 0 for none"))
        self.position_combo = QComboBox()
        for value, label in POSITIONS:
            self.position_combo.addItem(_(label), value)
        self.cue_edit = QLineEdit()
        self.cue_edit.setPlaceholderText(_("Shown (and spoken) during the step, optional"))
        self.pattern_editor = PatternEditor(patterns, store)

        #: The row of each field key, to hide the rows a kind of step does not use.
        self.rows: dict[str, QWidget] = {}

        def row(key: str, label: str, widget: QWidget, *keys: str, marked=None) -> None:
            box, msg = with_message(widget)
            self.messages.add(key, marked or widget, msg, *keys)
            form.addRow(label, box)
            self.rows[key] = box

        form.addRow(self.messages._fields[""][1])
        row("kind", _("&Kind"), self.kind_combo)
        row("pose", _("&Pose"), self.pose_combo)
        row("name", _("&Name"), self.name_edit)
        row("title", _("T&itle"), self.title_edit)
        row(
            "seconds",
            _("&Length"),
            length_row,
            "cycles",
            "breaths",
            marked=[self.length_spin, self.count_spin],
        )
        row("breathing", _("&Breathing"), parts_row, marked=[self.part_combo])
        row("per_side", _("&Sides"), self.sides_combo, "halves", "switch_title")
        row("rounds", _("&Rounds"), self.rounds_spin)
        row("switch_seconds", _("S&witch sides"), self.switch_spin)
        row("position", _("P&osition"), self.position_combo)
        row("cues", _("C&ues"), self.cues_edit)
        row("cautions", _("C&autions"), self.cautions_edit)
        row("alternatives", _("&Alternatives"), self.alternatives_edit)
        row("cue", _("C&ue"), self.cue_edit)
        self.pattern_box = QGroupBox(_("Breathing pattern"))
        QVBoxLayout(self.pattern_box).addWidget(self.pattern_editor)
        form.addRow(self.pattern_box)
        self.rows["pattern"] = self.pattern_box

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.pose_combo.currentIndexChanged.connect(self._pose_changed)
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.part_combo.currentIndexChanged.connect(self._part_chosen)
        self.add_part_button.clicked.connect(self.add_part)
        self.remove_part_button.clicked.connect(self.remove_part)
        # The sides decide whether there is a switch to time.
        self.sides_combo.currentIndexChanged.connect(self._pose_changed)
        for signal in (
            self.name_edit.textChanged,
            self.title_edit.textChanged,
            self.cues_edit.textChanged,
            self.cautions_edit.textChanged,
            self.alternatives_edit.textChanged,
            self.rounds_spin.valueChanged,
            self.switch_spin.valueChanged,
            self.length_spin.valueChanged,
            self.count_spin.valueChanged,
            self.position_combo.currentIndexChanged,
            self.cue_edit.textChanged,
            self.pattern_editor.changed,
        ):
            signal.connect(self.fields_edited)
        self.pattern_editor.named_patterns_changed.connect(self.named_patterns_changed)

    # -- what the owner calls ------------------------------------------------------------

    def step(self) -> dict | None:
        """The shown step with the person's edits (a new dict after each edit)."""
        return self._step

    def show_step(self, step: dict | None, index: int = -1) -> None:
        """Show ``step``, the routine's step number ``index`` (from 0); ``None`` shows none."""
        if index != self._index or step is None:
            self._part = 0
        self._step, self._index = step, index
        if step is None:
            self.messages.show({})
            return
        self._filling = True
        try:
            self._fill(step)
        finally:
            self._filling = False

    def set_patterns(self, patterns: Mapping[str, Pattern]) -> None:
        """The saved patterns the length hint times named patterns with."""
        self._patterns = patterns

    def show_problems(self, problems: Mapping[str, list[Problem]]) -> None:
        """The shown step's problems, keyed by field ('seconds', 'pattern.inhale'…)."""
        # A breathing part's fields are edited with the step's own length and pattern.
        problems = {
            (k.removeprefix("breathing.") if k.startswith("breathing.") else k): v
            for k, v in problems.items()
        }
        pattern = {
            k.removeprefix("pattern").removeprefix("."): v
            for k, v in problems.items()
            if k == "pattern" or k.startswith("pattern.")
        }
        others = {
            k: v for k, v in problems.items() if k != "pattern" and not k.startswith("pattern.")
        }
        self.messages.show(others)
        self.pattern_editor.show_problems(pattern)

    def fields_edited(self) -> None:
        """Read the fields into the step and emit ``edited``.

        Public because a field set through code (``pattern_editor.set_value``)
        sends no signal, so whoever set it has to say so.
        """
        if self._filling:
            return
        if self._step is None:
            return
        step = dict(self._step)
        kind = step.get("kind")

        def put(key: str, value) -> None:
            if value is None or value == "" or value == []:
                step.pop(key, None)
            else:
                step[key] = value

        by_count = self.unit_combo.currentData() == "count"
        if kind == "breath":
            put("title", self.title_edit.text().strip())
            put("seconds", None if by_count else self.length_spin.value())
            put("cycles", self.count_spin.value() if by_count else None)
            position = self.position_combo.currentData()
            put("position", None if position == "seated" else position)
            put("cue", self.cue_edit.text().strip())
        elif kind == "pose":
            put("pose", self.pose_combo.currentData() or None)
            put("name", self.name_edit.text().strip())
            put("cues", _lines(self.cues_edit))
            put("cautions", _lines(self.cautions_edit))
            put("alternatives", _lines(self.alternatives_edit))
            put("per_side", PER_SIDE[self.sides_combo.currentData()])
            rounds, switch = self.rounds_spin.value(), self.switch_spin.value()
            put("rounds", None if rounds == DEFAULT_ROUNDS else rounds)
            put("switch_seconds", None if switch == DEFAULT_SWITCH_SECONDS else switch)
            part = {"pattern": self.pattern_editor.value()}
            if by_count:
                part["breaths"] = self.count_spin.value()
            else:
                part["seconds"] = self.length_spin.value()
            self._parts[self._part] = part
            self._put_parts(step)
        else:
            put("title", self.title_edit.text().strip())
            put("seconds", self.length_spin.value())
            put("cue", self.cue_edit.text().strip())
        if kind != "pose":
            step["pattern"] = self.pattern_editor.value()
        if kind in ("rest", "transition") and step["pattern"] == "natural":
            del step["pattern"]  # the default: keep files short
        self._step = step
        self._update_part_names()
        self._update_length_hint()
        self.edited.emit()

    # -- filling and showing ---------------------------------------------------------------

    def _fill(self, step: dict) -> None:
        kind = step.get("kind", "rest")
        if self.kind_combo.findData(kind) < 0:  # a transition keeps its kind
            self.kind_combo.addItem(kind_label(kind), kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        is_breath = kind == "breath"
        pose = step.get("pose") or OWN_POSE
        index = self.pose_combo.findData(pose)
        if index < 0:
            self.pose_combo.addItem(_("Unknown pose “{pose}”").format(pose=pose), pose)
            index = self.pose_combo.count() - 1
        self.pose_combo.setCurrentIndex(index)
        self.name_edit.setText(step.get("name") or "")
        self.title_edit.setText(step.get("title") or "")
        self.title_edit.setPlaceholderText(
            _("Named after the pattern if left empty") if is_breath else kind_label(kind)
        )
        self.cues_edit.setPlainText("\n".join(step.get("cues") or []))
        self.cautions_edit.setPlainText("\n".join(step.get("cautions") or []))
        self.alternatives_edit.setPlainText("\n".join(step.get("alternatives") or []))
        per_side = {None: "library", True: "each", False: "once"}[step.get("per_side")]
        self.sides_combo.setCurrentIndex(self.sides_combo.findData(per_side))
        self.rounds_spin.setValue(int(step.get("rounds", DEFAULT_ROUNDS)))
        self.switch_spin.setValue(float(step.get("switch_seconds", DEFAULT_SWITCH_SECONDS)))
        count_key = "cycles" if is_breath else "breaths"
        timing = step
        if kind == "pose":
            self._parts = _parts_of(step)
            self._part = min(self._part, len(self._parts) - 1)
            timing = self._parts[self._part]
            self._update_part_names()
        by_count = count_key in timing
        self.unit_combo.setCurrentIndex(1 if by_count else 0)
        self.length_spin.setValue(float(timing.get("seconds") or 0))
        self.count_spin.setValue(int(timing.get(count_key) or 0))
        self.position_combo.setCurrentIndex(
            max(0, self.position_combo.findData(step.get("position", "seated")))
        )
        self.cue_edit.setText(step.get("cue") or "")
        default_pattern = {"pose": "extended-exhale", "breath": "resonance"}.get(kind, "natural")
        self.pattern_editor.set_value(timing.get("pattern", default_pattern))
        self._update_rows(kind)

    def _update_rows(self, kind: str) -> None:
        is_pose, is_breath = kind == "pose", kind == "breath"
        own_pose = is_pose and self.pose_combo.currentData() == OWN_POSE
        info = self._poses.get(self.pose_combo.currentData() or "")
        per_side = PER_SIDE[self.sides_combo.currentData()]
        if per_side is None:
            per_side = bool(info and info.per_side)
        visible = {
            "pose": is_pose,
            "name": is_pose,
            "title": not is_pose,
            "breathing": is_pose,
            "per_side": is_pose,
            "rounds": is_pose,
            "switch_seconds": is_pose and per_side,
            "position": is_breath,
            "cues": is_pose,
            "cautions": is_pose,
            "alternatives": is_pose,
            "cue": not is_pose,
            "pattern": True,
        }
        for key, show in visible.items():
            self.form_layout.setRowVisible(self.rows[key], show)
        self.unit_combo.setVisible(kind in ("breath", "pose"))
        if kind not in ("breath", "pose"):
            self.unit_combo.setCurrentIndex(0)
        by_count = self.unit_combo.currentData() == "count"
        self.length_spin.setVisible(not by_count)
        self.count_spin.setVisible(by_count)
        if own_pose:
            name_hint = _("Name of your pose")
        else:
            name_hint = _("{name} (or type your own)").format(name=info.name) if info else ""
        self.name_edit.setPlaceholderText(name_hint)
        for edit, what, library_lines in (
            (self.cues_edit, "cue", info.cues if info else ()),
            (self.cautions_edit, "caution", info.cautions if info else ()),
            (self.alternatives_edit, "alternative", info.alternatives if info else ()),
        ):
            edit.setPlaceholderText(
                _(ONE_A_LINE[what])
                if own_pose or not info
                else _("From the pose library (type here to replace):\n{lines}").format(
                    lines="\n".join(library_lines)
                )
            )
            # A plain-text edit does not repaint for a new placeholder by itself: without
            # this the hints of the pose chosen before stayed on screen.
            edit.viewport().update()
        self.sides_combo.setItemText(
            0, _("Once (no sides)") if own_pose else _("As the pose library says")
        )
        self._update_length_hint()

    def _update_length_hint(self) -> None:
        if self._step is None:
            return
        seconds = step_length(self._step, self._index, self._poses, self._patterns)
        self.length_hint.setText(
            "" if seconds is None else _("= {time} in all").format(time=clock_text(seconds))
        )

    def _put_parts(self, step: dict) -> None:
        """Write the parts into ``step``: the short form for one part, ``breathing`` for more."""
        for key in ("seconds", "breaths", "pattern", "breathing"):
            step.pop(key, None)
        if len(self._parts) == 1:
            step.update(self._parts[0])
        else:
            step["breathing"] = [dict(p) for p in self._parts]

    def _update_part_names(self) -> None:
        if self.kind_combo.currentData() != "pose":
            return
        was = self._filling
        self._filling = True
        self.part_combo.clear()
        count = len(self._parts)
        for n, part in enumerate(self._parts, 1):
            self.part_combo.addItem(_part_name(part, n, count, self._patterns))
        self.part_combo.setCurrentIndex(self._part)
        self.part_combo.setEnabled(count > 1)
        self.remove_part_button.setEnabled(count > 1)
        self._filling = was

    # -- the person's edits ----------------------------------------------------------------

    def add_part(self) -> None:
        """Add a breathing part after the one shown, and show it."""
        if self._step is None or self._step.get("kind") != "pose" or len(self._parts) >= 8:
            return
        self._parts.insert(self._part + 1, {"pattern": "extended-exhale", "seconds": 60.0})
        self._part += 1
        self._put_parts(self._step)
        self.show_step(self._step, self._index)
        self.edited.emit()

    def remove_part(self) -> None:
        """Remove the breathing part shown (a hold keeps at least one)."""
        if self._step is None or len(self._parts) < 2:
            return
        del self._parts[self._part]
        self._part = max(0, self._part - 1)
        self._put_parts(self._step)
        self.show_step(self._step, self._index)
        self.edited.emit()

    def _part_chosen(self, row: int) -> None:
        if self._filling or self._step is None or row < 0:
            return
        self._part = row
        self.show_step(self._step, self._index)

    def _kind_changed(self) -> None:
        if self._filling or self._step is None:
            return
        self._step = step_as_kind(self._step, self.kind_combo.currentData(), self._poses)
        self.show_step(self._step, self._index)
        self.edited.emit()

    def _pose_changed(self) -> None:
        if self._filling:
            return
        self.fields_edited()
        self._update_rows(self.kind_combo.currentData())

    def _unit_changed(self) -> None:
        if self._filling:
            return
        by_count = self.unit_combo.currentData() == "count"
        # Switching units should not leave a length of 0 that the file rules refuse.
        self._filling = True
        if by_count and self.count_spin.value() == 0:
            self.count_spin.setValue(6)
        if not by_count and self.length_spin.value() == 0:
            self.length_spin.setValue(60)
        self._filling = False
        self._update_rows(self.kind_combo.currentData())
        self.fields_edited()


def _parts_of(step: dict) -> list[dict]:
    """A pose step's hold as breathing parts, whichever form the step uses."""
    parts = step.get("breathing")
    if isinstance(parts, list) and parts and all(isinstance(p, dict) for p in parts):
        return [dict(p) for p in parts]
    part = {"pattern": step.get("pattern", "extended-exhale")}
    for key in ("seconds", "breaths"):
        if key in step:
            part[key] = step[key]
    return [part]


def _part_name(part: dict, n: int, count: int, patterns: Mapping[str, Pattern]) -> str:
    ref = part.get("pattern")
    if isinstance(ref, dict):
        name = ref.get("name") or _("Your own pattern")
    else:
        try:
            name = pattern_label(resolve_pattern(ref, patterns))  # type: ignore[arg-type]
        except (KeyError, TypeError):
            name = _("Breathing")
    if count == 1:
        return _("{name} throughout").format(name=name)
    return _("Part {n} of {count}: {name}").format(
        n=QLocale().toString(n), count=QLocale().toString(count), name=name
    )
