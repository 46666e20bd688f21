"""The check-in before and after a session: two 1–5 ratings, an optional note, one-click Skip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history_format import NOTE_MAX_CHARS, CheckIn
from hipcoach.i18n import _, pgettext
from hipcoach.ui.formatting import counted
from hipcoach.ui.plain_text import PlainLabel

Moment = Literal["before", "after"]


@dataclass(frozen=True)
class CheckInResult:
    """What the person answered: ``checkin`` is None when they skipped."""

    checkin: CheckIn | None
    dont_ask_again: bool


class RatingRow(QWidget):
    """A question with five exclusive buttons 1–5 and words at both ends of the scale."""

    def __init__(self, question: str, low: str, high: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = PlainLabel(question)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title, 0, 0, 1, 5)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        locale = QLocale()
        for value in range(1, 6):
            number = locale.toString(value)
            button = QPushButton(number)
            button.setCheckable(True)
            button.setMinimumWidth(44)
            label = low if value == 1 else high if value == 5 else number
            # TRANSLATORS: a rating button's name for screen readers, as
            # "How calm do you feel? 5: very calm".
            button.setAccessibleName(
                _("{question} {value}: {label}").format(
                    question=question, value=number, label=label
                )
            )
            self.group.addButton(button, value)
            layout.addWidget(button, 1, value - 1)
            self.buttons.append(button)
        # TRANSLATORS: under a rating scale, what its end means, as "1 = loose".
        scale_end = _("{value} = {meaning}")
        low_label = PlainLabel(scale_end.format(value=locale.toString(1), meaning=low))
        high_label = PlainLabel(scale_end.format(value=locale.toString(5), meaning=high))
        high_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(low_label, 2, 0, 1, 2)
        layout.addWidget(high_label, 2, 3, 1, 2)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int) -> None:
        self.buttons[value - 1].setChecked(True)


class CheckInDialog(QDialog):
    """Asks how the hips and mind feel; :meth:`result_value` gives the answer.

    Save needs both ratings; Skip (or Escape) records nothing. The "Don't ask
    again" choice is returned either way, for the caller to store in settings.
    """

    def __init__(
        self,
        moment: Moment,
        parent: QWidget | None = None,
        *,
        initial: CheckIn | None = None,
    ) -> None:
        super().__init__(parent)
        self.moment = moment
        self.setWindowTitle(
            _("Check in before your session")
            if moment == "before"
            else _("Check in after your session")
        )
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            _("How do you feel right now?") if moment == "before" else _("How do you feel now?")
        )
        layout.addWidget(intro)
        self.tightness = RatingRow(
            _("How tight do your hips feel?"),
            # TRANSLATORS: the ends of the hip tightness scale (1 and 5).
            pgettext("hips", "loose"),
            pgettext("hips", "very tight"),
        )
        self.calm = RatingRow(
            _("How calm do you feel?"),
            # TRANSLATORS: the ends of the calm scale (1 and 5).
            pgettext("mind", "restless"),
            pgettext("mind", "very calm"),
        )
        layout.addWidget(self.tightness)
        layout.addWidget(self.calm)

        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText(
            counted(
                NOTE_MAX_CHARS,
                "Note (optional, up to {n} character)",
                "Note (optional, up to {n} characters)",
            )
        )
        self.note.setAccessibleName(_("Note"))
        layout.addWidget(self.note)

        self.dont_ask = QCheckBox(_("Don't ask again"))
        self.dont_ask.setToolTip(_("You can turn check-ins back on in the settings."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.dont_ask)
        buttons.addStretch(1)
        self.skip_button = QPushButton(pgettext("check-in", "Skip"))
        self.skip_button.setAutoDefault(False)
        self.save_button = QPushButton(pgettext("button", "Save"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.skip_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        self.tightness.group.idToggled.connect(self._update_save)
        self.calm.group.idToggled.connect(self._update_save)
        if initial is not None:
            self.tightness.set_value(initial.tightness)
            self.calm.set_value(initial.calm)
            self.note.setText(initial.note)
        self._update_save()
        # From the mat a clicker sends Space or Enter: either skips straight into the session.
        self.skip_button.setFocus()

    def _update_save(self, *_args: object) -> None:
        ready = self.tightness.value() is not None and self.calm.value() is not None
        self.save_button.setEnabled(ready)
        self.save_button.setDefault(ready)
        self.skip_button.setDefault(not ready)
        self.save_button.setToolTip("" if ready else _("Choose both ratings to save, or skip."))

    def result_value(self) -> CheckInResult:
        """The answer after the dialog closed (``checkin`` None if skipped)."""
        tightness, calm = self.tightness.value(), self.calm.value()
        checkin = None
        if self.result() == QDialog.DialogCode.Accepted and tightness and calm:
            checkin = CheckIn(tightness, calm, self.note.text().strip()[:NOTE_MAX_CHARS])
        return CheckInResult(checkin, self.dont_ask.isChecked())

    @classmethod
    def ask(cls, moment: Moment, parent: QWidget | None = None) -> CheckInResult:
        """Show the dialog modally and return the answer."""
        dialog = cls(moment, parent)
        dialog.exec()
        result = dialog.result_value()
        dialog.deleteLater()
        return result
