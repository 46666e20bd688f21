"""The reminder settings: movement breaks, the daily practice, active hours, start at login.

A page of its own (shown in the "Reminders" dialog): it edits a copy of the
settings and emits every change; the application saves and applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.settings import Settings
from hipcoach.i18n import N_, _

#: The dialog's range for break_every_minutes; the file accepts 1 and up, to try it quickly.
BREAK_MINUTES_RANGE = (20, 120)
DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class DayPicker(QWidget):
    """Seven check boxes, Monday first."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for day, text in enumerate(DAY_NAMES):
            box = QCheckBox(_(text), self)
            box.setObjectName(f"{name}_{day}")
            box.toggled.connect(self.changed)
            row.addWidget(box)
            self.boxes.append(box)

    def days(self) -> list[int]:
        return [day for day, box in enumerate(self.boxes) if box.isChecked()]

    def set_days(self, days: Sequence[int]) -> None:
        for day, box in enumerate(self.boxes):
            box.setChecked(day in days)


class ReminderSettingsPage(QWidget):
    settingsChanged = Signal(object)  # Settings, after every edit

    def __init__(
        self,
        settings: Settings,
        routines: Sequence[tuple[str, str]],
        *,
        idle_description: str,
        tray_available: bool,
        autostart_location: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminder_settings")
        self._settings = settings
        self._showing = False
        self._routines = list(routines)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_breaks(idle_description))
        layout.addWidget(self._build_practice())
        layout.addWidget(self._build_when())
        layout.addWidget(self._build_login(tray_available, autostart_location))
        self._show(settings)

    def settings(self) -> Settings:
        return self._settings

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self._show(settings)

    # --- building -------------------------------------------------------------------

    def _routine_box(self, name: str, key: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        for rid, title in self._routines:
            box.addItem(title, rid)
        box.activated.connect(lambda _i: self._change(**{key: box.currentData()}))
        return box

    def _time_edit(self, name: str, key: str) -> QTimeEdit:
        edit = QTimeEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat("HH:mm")
        edit.timeChanged.connect(lambda t: self._change(**{key: t.toString("HH:mm")}))
        return edit

    def _build_breaks(self, idle_description: str) -> QGroupBox:
        box = QGroupBox(_("Movement breaks"), self)
        form = _form(box)
        self.breaks = QCheckBox(_("Remind me to move after a stretch of computer use"), box)
        self.breaks.setObjectName("break_reminders")
        self.breaks.toggled.connect(lambda on: self._change(break_reminders=on))
        form.addRow(self.breaks)
        self.break_minutes = QSpinBox(box)
        self.break_minutes.setObjectName("break_every_minutes")
        self.break_minutes.setSuffix(_(" min"))
        self.break_minutes.valueChanged.connect(lambda v: self._change(break_every_minutes=v))
        form.addRow(_("After"), self.break_minutes)
        self.break_routine = self._routine_box("break_routine", "break_routine")
        form.addRow(_("Routine"), self.break_routine)
        self.idle_note = _plain(QLabel(idle_description, box))
        self.idle_note.setObjectName("idle_note")
        form.addRow(self.idle_note)
        return box

    def _build_practice(self) -> QGroupBox:
        box = QGroupBox(_("Daily practice"), self)
        form = _form(box)
        self.practice = QCheckBox(_("Remind me to practise"), box)
        self.practice.setObjectName("practice_reminder")
        self.practice.toggled.connect(lambda on: self._change(practice_reminder=on))
        form.addRow(self.practice)
        self.practice_time = self._time_edit("practice_time", "practice_time")
        form.addRow(_("At"), self.practice_time)
        self.practice_days = DayPicker("practice_days", box)
        self.practice_days.changed.connect(
            lambda: self._change(practice_days=self.practice_days.days())
        )
        form.addRow(_("On"), self.practice_days)
        self.practice_routine = self._routine_box("practice_routine", "practice_routine")
        form.addRow(_("Routine"), self.practice_routine)
        return box

    def _build_when(self) -> QGroupBox:
        box = QGroupBox(_("Active hours for movement breaks"), self)
        form = _form(box)
        self.active_from = self._time_edit("active_from", "active_from")
        self.active_until = self._time_edit("active_until", "active_until")
        hours = QWidget(box)
        row = QHBoxLayout(hours)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.active_from)
        row.addWidget(QLabel(_("to"), hours))
        row.addWidget(self.active_until)
        row.addStretch(1)
        form.addRow(_("From"), hours)
        self.active_days = DayPicker("active_days", box)
        self.active_days.changed.connect(lambda: self._change(active_days=self.active_days.days()))
        form.addRow(_("On"), self.active_days)
        note = _plain(
            QLabel(
                _(
                    "The same time twice means all day. Reminders wait while a window is "
                    "full screen or do-not-disturb is on, and while you practise."
                ),
                box,
            )
        )
        form.addRow(note)
        return box

    def _build_login(self, tray_available: bool, location: str) -> QGroupBox:
        box = QGroupBox(_("Starting"), self)
        form = _form(box)
        self.start_at_login = QCheckBox(_("Start hipcoach when I log in, in the tray"), box)
        self.start_at_login.setObjectName("start_at_login")
        self.start_at_login.toggled.connect(lambda on: self._change(start_at_login=on))
        if location:
            self.start_at_login.setToolTip(location)
        form.addRow(self.start_at_login)
        if tray_available:
            text = _("With reminders on, closing the window keeps hipcoach in the tray.")
        else:
            text = _(
                "This desktop has no tray: reminders come only while the hipcoach "
                "window is open (minimised is fine)."
            )
        self.tray_note = _plain(QLabel(text, box))
        self.tray_note.setObjectName("tray_note")
        form.addRow(self.tray_note)
        return box

    # --- widgets <-> settings ---------------------------------------------------------

    def _show(self, s: Settings) -> None:
        self._showing = True
        try:
            self.breaks.setChecked(s.break_reminders)
            low, high = BREAK_MINUTES_RANGE
            # A shorter time from the file stays as it is, not clamped by the dialog.
            self.break_minutes.setRange(min(low, s.break_every_minutes), high)
            self.break_minutes.setValue(s.break_every_minutes)
            _select(self.break_routine, s.break_routine)
            self.practice.setChecked(s.practice_reminder)
            self.practice_time.setTime(QTime.fromString(s.practice_time, "HH:mm"))
            self.practice_days.set_days(s.practice_days)
            _select(self.practice_routine, s.practice_routine)
            self.active_from.setTime(QTime.fromString(s.active_from, "HH:mm"))
            self.active_until.setTime(QTime.fromString(s.active_until, "HH:mm"))
            self.active_days.set_days(s.active_days)
            self.start_at_login.setChecked(s.start_at_login)
        finally:
            self._showing = False
        for widget in (self.break_minutes, self.break_routine):
            widget.setEnabled(s.break_reminders)
        for widget in (self.practice_time, self.practice_days, self.practice_routine):
            widget.setEnabled(s.practice_reminder)

    def _change(self, **changes: Any) -> None:
        if self._showing:
            return
        settings = msgspec.structs.replace(self._settings, **changes)
        if settings == self._settings:
            return
        self._settings = settings
        self._show(settings)
        self.settingsChanged.emit(settings)


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    # Short fields stay short: a time or a number across the whole dialog reads oddly.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def _select(box: QComboBox, routine_id: str) -> None:
    index = box.findData(routine_id)
    if index < 0:
        # A routine that no longer exists stays chosen, named by its id, until changed.
        box.addItem(routine_id, routine_id)
        index = box.count() - 1
    box.setCurrentIndex(index)


class ReminderSettingsDialog(QDialog):
    """The page in a dialog of its own (File → Reminders…, and the tray)."""

    def __init__(self, page: ReminderSettingsPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminder_settings_dialog")
        self.setWindowTitle(_("Reminders"))
        self.page = page
        layout = QVBoxLayout(self)
        layout.addWidget(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        # Wrapped notes need their height at the real width, which the default size
        # (from the narrower size hint) does not give them.
        width = max(480, self.sizeHint().width())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.setMinimumSize(width, max(height, layout.totalMinimumSize().height()))
        self.resize(self.minimumSize())
