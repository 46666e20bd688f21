"""The breathing-pattern editor: a preset, a saved pattern or your own timings, and a preview.

The value it edits is what a step's ``pattern`` field holds: a name (``"box"``,
``"natural"``, a saved pattern's id) or the timings themselves as a dict. The
preview lays the pattern out as a one-step routine and shows ``timeline.at(t)``
on the pacer, with ``t`` read from the clock each frame (never counted in ticks).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

import msgspec
from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import PHASE_SECONDS_MAX, BreathStep, Pattern, Routine
from hipcoach.core.os_reason import os_reason
from hipcoach.core.patterns import NATURAL, PRESETS, pattern_label
from hipcoach.core.problems import Code, InvalidDocument, Problem
from hipcoach.core.routine_store import CustomRoutineStore, PatternInUseError, slugify, unique_id
from hipcoach.core.timeline import Timeline, compile_timeline
from hipcoach.core.validation import convert
from hipcoach.i18n import _, ngettext, pgettext
from hipcoach.ui.editor.fields import PROBLEM_STYLE, FieldMessages, message_label, with_message
from hipcoach.ui.formatting import number
from hipcoach.ui.pacer import BreathPacer
from hipcoach.ui.palette import DARK, LIGHT
from hipcoach.ui.plain_text import PlainLabel

#: Frames a second of the preview (the clock decides what is shown, not the count).
PREVIEW_INTERVAL_MS = 33
CUSTOM = "*own-timings*"  # combo data of "your own timings" (never a valid name)
PHASES = ("inhale", "top_up", "hold_in", "exhale", "hold_out")
RAMP_PHASES = ("exhale", "inhale", "hold_in", "hold_out")


def phase_label(phase: str) -> str:
    """A phase's name as the label of its length."""
    labels = {
        # TRANSLATORS: labels of the length of each part of a breath (nouns, not commands).
        "inhale": pgettext("phase length", "Inhale"),
        "top_up": pgettext("phase length", "Top-up"),
        "hold_in": pgettext("phase length", "Hold (full)"),
        "exhale": pgettext("phase length", "Exhale"),
        "hold_out": pgettext("phase length", "Hold (empty)"),
    }
    return labels[phase]


def _spin(low: float, high: float, step: float = 0.5) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(1)
    spin.setSuffix(pgettext("unit suffix", " s"))
    spin.setKeyboardTracking(True)
    spin.setAccelerated(True)
    spin.setMaximumWidth(130)
    return spin


def _seconds(value: float) -> str:
    return _("{seconds} s").format(seconds=_number(value))


def _number(value: float) -> str:
    """``value`` to a tenth, as the language writes it, without a trailing ",0"."""
    return number(value, 1).removesuffix(QLocale().decimalPoint() + "0")


class PatternEditor(QWidget):
    """Edits one ``pattern`` value; ``changed`` is emitted on every edit.

    ``store`` (optional) is where "Save as named pattern…" writes;
    ``named_patterns_changed`` tells the owner to reload the saved patterns.
    ``clock`` is the preview's time source (seconds).
    """

    changed = Signal()
    named_patterns_changed = Signal()

    def _match_scheme(self) -> None:
        # The preview's colours follow the window's scheme (it stayed light in the dark).
        if hasattr(self.pacer, "set_colours"):
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            self.pacer.set_colours(DARK if dark else LIGHT)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._match_scheme()

    def __init__(
        self,
        custom_patterns: Mapping[str, Pattern] | None = None,
        store: CustomRoutineStore | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self.setStyleSheet(PROBLEM_STYLE)
        self._store = store
        self._custom: dict[str, Pattern] = dict(custom_patterns or {})
        self._clock = clock
        self._loading = False
        self._timeline: Timeline | None = None
        self._preview_start = 0.0
        #: Asks for a pattern's name; replaced in tests. Returns None when cancelled.
        self.ask_name: Callable[[str], str | None] = self._ask_name

        self.choice = QComboBox()
        self.choice.setAccessibleName(_("Breathing pattern"))
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for name in PHASES:
            low = 0.5 if name in ("inhale", "exhale") else 0.0
            high = 10.0 if name == "top_up" else PHASE_SECONDS_MAX
            self.spins[name] = _spin(low, high)
        self.ramp_box = QGroupBox(_("Lengthen one phase as the breaths go by"))
        self.ramp_box.setCheckable(True)
        self.ramp_box.setChecked(False)
        self.ramp_phase = QComboBox()
        for value in RAMP_PHASES:
            self.ramp_phase.addItem(phase_label(value), value)
        self.ramp_by = _spin(0.5, 10.0)
        self.ramp_every = QSpinBox()
        self.ramp_every.setRange(1, 100)
        self._every_suffix(1)
        self.ramp_every.valueChanged.connect(self._every_suffix)
        self.ramp_every.setMaximumWidth(130)
        self.ramp_until = _spin(0.5, PHASE_SECONDS_MAX)
        self.save_named_button = QPushButton(_("Save as named pattern…"))
        self.delete_named_button = QPushButton(_("Delete saved pattern"))
        self.summary = PlainLabel()
        self.summary.setProperty("role", "hint")
        # Under the pacer and no wider than it: longer words take a second line.
        self.summary.setWordWrap(True)
        self.summary.setMaximumWidth(180)
        self.note = PlainLabel()  # outcome of saving / deleting a named pattern
        self.note.setWordWrap(True)
        self.pacer = BreathPacer(self)
        self.pacer.setMinimumSize(130, 130)
        self.pacer.setMaximumSize(180, 180)
        self._match_scheme()
        self.phase_word = PlainLabel()
        self.phase_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer = QTimer(self)
        self.timer.setObjectName("pattern_preview_timer")
        self.timer.setInterval(PREVIEW_INTERVAL_MS)
        self.timer.timeout.connect(self.preview_tick)
        self._layout()
        self._fill_choices()
        self.set_value("resonance")
        self._connect()

    # -- layout -------------------------------------------------------------------

    def _layout(self) -> None:
        self.messages = FieldMessages(message_label())
        # One row per phase, in the order a breath goes.
        grid = QFormLayout()
        grid.setVerticalSpacing(4)
        for name in PHASES:
            box, msg = with_message(self.spins[name])
            self.messages.add(name, self.spins[name], msg)
            grid.addRow(phase_label(name), box)

        ramp_form = QFormLayout(self.ramp_box)
        for key, label, widget in (
            ("phase", _("Phase"), self.ramp_phase),
            ("by", _("Longer by"), self.ramp_by),
            ("every", _("After every"), self.ramp_every),
            ("until", _("Up to"), self.ramp_until),
        ):
            box, msg = with_message(widget)
            self.messages.add(f"ramp.{key}", widget, msg)
            ramp_form.addRow(label, box)
        ramp_msg = message_label()
        self.messages.add("ramp", self.ramp_box, ramp_msg)
        ramp_form.addRow(ramp_msg)

        named_row = QHBoxLayout()
        named_row.addWidget(self.save_named_button)
        named_row.addWidget(self.delete_named_button)
        named_row.addStretch(1)

        left = QVBoxLayout()
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.choice, 1)
        left.addLayout(choice_row)
        left.addWidget(self.messages._fields[""][1])
        left.addLayout(grid)
        left.addWidget(self.ramp_box)
        left.addLayout(named_row)
        left.addWidget(self.note)
        left.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(self.pacer, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.phase_word)
        right.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)

        outer = QHBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see RoutineEditor
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(left, 1)
        outer.addLayout(right)

    def _fill_choices(self) -> None:
        current = self.choice.currentData() if self.choice.count() else NATURAL
        self._loading, was = True, self._loading
        self.choice.clear()
        self.choice.addItem(_("Natural breathing (not paced)"), NATURAL)
        self.choice.insertSeparator(self.choice.count())
        for pid, pattern in PRESETS.items():
            if pid not in self._custom:
                self.choice.addItem(pattern_label(pattern), pid)
        if self._custom:
            self.choice.insertSeparator(self.choice.count())
            for pid, pattern in sorted(self._custom.items()):
                self.choice.addItem(f"★ {pattern.name or pattern_label(pattern)}", pid)
        self.choice.insertSeparator(self.choice.count())
        self.choice.addItem(_("Your own timings (this step only)"), CUSTOM)
        index = self.choice.findData(current)
        self.choice.setCurrentIndex(index if index >= 0 else self.choice.count() - 1)
        self._loading = was

    def _connect(self) -> None:
        self.choice.currentIndexChanged.connect(self._choice_changed)
        for spin in (*self.spins.values(), self.ramp_by, self.ramp_until):
            spin.valueChanged.connect(self._timings_edited)
        self.ramp_every.valueChanged.connect(self._timings_edited)
        self.ramp_phase.currentIndexChanged.connect(self._timings_edited)
        self.ramp_box.toggled.connect(self._ramp_toggled)
        self.save_named_button.clicked.connect(self._save_named_clicked)
        self.delete_named_button.clicked.connect(self._delete_named_clicked)

    # -- the value ------------------------------------------------------------------

    def value(self) -> str | dict:
        """What a step's ``pattern`` holds: a name, or the timings as plain JSON values."""
        ref = self.choice.currentData()
        if ref != CUSTOM:
            return ref
        doc: dict = {name: spin.value() for name, spin in self.spins.items()}
        if self.ramp_box.isChecked():
            doc["ramp"] = {
                "phase": self.ramp_phase.currentData(),
                "by": self.ramp_by.value(),
                "every": self.ramp_every.value(),
                "until": self.ramp_until.value(),
            }
        return doc

    def set_value(self, value: str | dict | Pattern | None) -> None:
        """Show a pattern value (a name, timings, or ``None`` for the default)."""
        self._loading, was = True, self._loading
        try:
            if isinstance(value, Pattern):
                value = msgspec.to_builtins(value)
            if isinstance(value, str):
                index = self.choice.findData(value)
                if index < 0:  # a name we do not know: keep it, so the problem shows
                    self.choice.addItem(_("Unknown pattern “{name}”").format(name=value), value)
                    index = self.choice.count() - 1
                self.choice.setCurrentIndex(index)
                self._show_timings(self._named(value))
            else:
                self.choice.setCurrentIndex(self.choice.findData(CUSTOM))
                self._show_timings(value or {})
            self._update_enabled()
        finally:
            self._loading = was
        self._restart_preview()

    def pattern(self) -> Pattern | None:
        """The pattern as it stands (``None``: natural breathing, or values with problems)."""
        value = self.value()
        if isinstance(value, str):
            return self._named(value)
        try:
            return convert(value, Pattern, "pattern")
        except InvalidDocument:
            return None

    def set_custom_patterns(self, custom: Mapping[str, Pattern]) -> None:
        value = self.value()
        self._custom = dict(custom)
        self._fill_choices()
        self.set_value(value)

    def show_problems(self, problems: Mapping[str, list[Problem]]) -> None:
        """Show problems keyed by the path below the pattern ("inhale", "ramp.until", "")."""
        problems = {key: list(found) for key, found in problems.items()}
        whole = problems.pop("", [])
        # A rule across fields, reported on the pattern: show it where it is fixed.
        ramp = [p for p in whole if p.code == Code.RAMP_TOO_SHORT]
        if ramp:
            problems.setdefault("ramp.until", []).extend(ramp)
        rest = [p for p in whole if p.code != Code.RAMP_TOO_SHORT]
        if rest:
            problems[""] = rest
        self.messages.show(problems)

    def _named(self, ref: str) -> Pattern | None:
        if ref == NATURAL:
            return None
        return self._custom.get(ref) or PRESETS.get(ref)

    def _show_timings(self, value: Pattern | dict | None) -> None:
        if isinstance(value, Pattern):
            value = msgspec.to_builtins(value)
        value = value or {}
        for name, spin in self.spins.items():
            spin.setValue(float(value.get(name, 4.0 if name in ("inhale", "exhale") else 0.0)))
        ramp = value.get("ramp")
        self.ramp_box.setChecked(bool(ramp))
        ramp = ramp or {}
        self.ramp_phase.setCurrentIndex(
            max(0, self.ramp_phase.findData(ramp.get("phase", "exhale")))
        )
        self.ramp_by.setValue(float(ramp.get("by", 0.5)))
        self.ramp_every.setValue(int(ramp.get("every", 1)))
        self.ramp_until.setValue(float(ramp.get("until", 8.0)))

    def _update_enabled(self) -> None:
        ref = self.choice.currentData()
        paced = ref != NATURAL
        for spin in self.spins.values():
            spin.setEnabled(paced)
        self.ramp_box.setEnabled(paced)
        known = ref == CUSTOM or self._named(ref) is not None
        self.save_named_button.setEnabled(paced and known and self._store is not None)
        self.delete_named_button.setVisible(self._store is not None and ref in self._custom)

    def _every_suffix(self, n: int) -> None:
        # TRANSLATORS: after the number in "After every [3] breaths".
        self.ramp_every.setSuffix(ngettext(" breath", " breaths", n))

    # -- edits ------------------------------------------------------------------------

    def _choice_changed(self) -> None:
        if self._loading:
            return
        self.note.clear()
        ref = self.choice.currentData()
        if ref != CUSTOM:
            self._loading = True
            self._show_timings(self._named(ref))
            self._loading = False
        self._update_enabled()
        self._restart_preview()
        self.changed.emit()

    def _timings_edited(self) -> None:
        if self._loading:
            return
        if self.choice.currentData() != CUSTOM:
            # Changing a preset's timings makes them this step's own; the preset stays as it was.
            self._loading = True
            self.choice.setCurrentIndex(self.choice.findData(CUSTOM))
            self._loading = False
            self._update_enabled()
        self._restart_preview()
        self.changed.emit()

    def _ramp_toggled(self, on: bool) -> None:
        if on and not self._loading:
            phase = self.ramp_phase.currentData()
            start = self.spins[phase].value()
            if self.ramp_until.value() <= start:
                self._loading = True
                self.ramp_until.setValue(min(PHASE_SECONDS_MAX, start + 2.0))
                self._loading = False
        self._timings_edited()

    # -- named patterns ----------------------------------------------------------------

    def _ask_name(self, suggestion: str) -> str | None:
        name, ok = QInputDialog.getText(
            self, _("Save breathing pattern"), _("Name for this pattern:"), text=suggestion
        )
        return name.strip() if ok and name.strip() else None

    def _save_named_clicked(self) -> None:
        current = self.pattern()
        name = self.ask_name(current.name if current and current.name else "")
        if name:
            self.save_named(name)

    def save_named(self, name: str) -> str | None:
        """Save the current timings as a named pattern and select it; returns its id.

        A name already saved is replaced; a preset's name gets a new id, so
        presets are never shadowed by accident.
        """
        if self._store is None:
            return None
        value = self.value()
        if isinstance(value, str):
            named = self._named(value)
            if named is None:
                # A name this editor does not know (say, deleted since): no timings to save.
                self.note.setText(
                    _("Not saved: “{name}” is not a saved or preset pattern.").format(name=value)
                )
                return None
            value = msgspec.to_builtins(named)
        value = {**value, "name": name[:80]}
        existing = next((pid for pid, p in self._custom.items() if p.name == value["name"]), None)
        # TRANSLATORS: the id of a saved pattern whose name gives no letters a-z to make
        # one from; only lowercase a-z, digits and hyphens.
        fallback = _("my-pattern")
        taken = {NATURAL, *PRESETS, *self._custom}
        pid = existing or unique_id(slugify(name, fallback), taken)
        try:
            pattern = convert(value, Pattern, "pattern")
            self._store.save_pattern(pid, pattern)
        except InvalidDocument as exc:
            self.note.setText(_("Not saved: {reason}").format(reason=exc.problems[0]))
            return None
        except OSError as exc:
            self.note.setText(_("Not saved: {reason}").format(reason=os_reason(exc)))
            return None
        self._custom[pid] = pattern
        self._fill_choices()
        self.set_value(pid)
        self.note.setText(_("Saved “{name}”: pick it in any routine.").format(name=pattern.name))
        self.named_patterns_changed.emit()
        self.changed.emit()
        return pid

    def _delete_named_clicked(self) -> None:
        ref = self.choice.currentData()
        if self._store is None or ref not in self._custom:
            return
        try:
            self._store.delete_pattern(ref)
        except PatternInUseError as exc:
            self.note.setText(
                _("Still used by {routines}; not deleted.").format(
                    routines=", ".join(exc.routine_ids)
                )
            )
            return
        except (KeyError, OSError) as exc:
            self.note.setText(_("Not deleted: {reason}").format(reason=exc))
            return
        pattern = self._custom.pop(ref)
        self._fill_choices()
        self.set_value(msgspec.to_builtins(msgspec.structs.replace(pattern, name=None)))
        self.note.setText(
            _("Deleted “{name}”; this step keeps its timings.").format(name=pattern.name or ref)
        )
        self.named_patterns_changed.emit()
        self.changed.emit()

    # -- the preview --------------------------------------------------------------------

    def preview_timeline(self) -> Timeline | None:
        return self._timeline

    def _restart_preview(self) -> None:
        pattern = self.pattern()
        value = self.value()
        if pattern is None and value != NATURAL:
            self._timeline = None
            self.summary.setText(_("Fix the values to see the preview"))
            self.phase_word.setText("")
            self.pacer.show_moment(None)
            return
        if pattern is None:
            step = BreathStep(pattern=NATURAL, seconds=6.0)
            self.summary.setText(_("Breathe at your own pace"))
        else:
            cycles = 3
            if pattern.ramp is not None:
                r = pattern.ramp
                base = getattr(pattern, r.phase)
                cycles = min(60, math.ceil((r.until - base) / r.by) * r.every + 2)
            step = BreathStep(pattern=pattern, cycles=cycles)
            first = pattern.cycle_seconds(0)
            self.summary.setText(
                _("{seconds} a breath · {rate} a minute").format(
                    seconds=_seconds(first), rate=number(60 / first, 1)
                )
            )
        routine = Routine(id="preview", title="Preview", steps=[step])
        self._timeline = compile_timeline(routine, {})
        self._preview_start = self._clock()
        self.preview_tick()

    def preview_tick(self) -> None:
        """Show the preview at the current clock reading (the timer only wakes us)."""
        if self._timeline is None or self._timeline.total <= 0:
            return
        t = (self._clock() - self._preview_start) % self._timeline.total
        moment = self._timeline.at(t)
        self.pacer.show_moment(moment)
        self.phase_word.setText(moment.phase.kind.word)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)
