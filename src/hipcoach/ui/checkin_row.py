"""The check-in, inline: two optional 1–5 ratings, answerable with a click or a number key.

Used beside Start (how you feel before) and on the end screen (how you feel
after). Nothing is asked in a dialog and nothing has to be answered: a check-in
exists only once both ratings are chosen. Built before the first frame, so no
``Qt.*`` enum is touched here (see tests/test_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from hipcoach.i18n import N_, _

if TYPE_CHECKING:
    # Imported once both are chosen: the history format is not needed before the
    # first frame (~3 ms of start-up).
    from hipcoach.core.history_format import CheckIn

#: (question, what 1 means, what 5 means) for tightness, then calm.
QUESTIONS = (
    (N_("How tight do your hips feel?"), N_("1 = loose, 5 = very tight")),
    (N_("How calm do you feel?"), N_("1 = restless, 5 = very calm")),
)


class _OneLineWhenThereIsRoom(QLabel):
    """Wraps its words only when the row is short of room: QLabel's own wish for a
    wrapped text is about half its width, which broke short questions for nothing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        one_line = (
            self.fontMetrics().horizontalAdvance(self.text())
            + margins.left()
            + margins.right()
            + 2 * self.margin()
            + 4  # the text layout wraps a line that fills its width to the last pixel
        )
        return QSize(max(hint.width(), one_line), hint.height())


class CheckInRow(QWidget):
    """Two rows of five buttons. ``value()`` is a ``CheckIn`` once both are chosen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checkin_row")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.buttons: list[list[QPushButton]] = []
        self._questions: list[QLabel] = []
        self._scales: list[QLabel] = []
        self._values: list[int | None] = [None, None]
        for row in range(len(QUESTIONS)):
            # Longer words (Spanish) take a second line instead of crowding out the rest.
            label = _OneLineWhenThereIsRoom(self)
            label.setObjectName(f"checkin_question_{row}")
            grid.addWidget(label, row, 0)
            buttons = []
            for value in range(1, 6):
                # Not QPushButton(text, parent): matching that call against the overload
                # with an icon first builds PySide6's QIcon type (~2 ms before the first frame).
                button = QPushButton(self)
                button.setText(str(value))
                button.setObjectName(f"checkin_{row}_{value}")
                button.setCheckable(True)
                button.setAutoDefault(False)
                button.setMinimumWidth(36)
                button.setMaximumWidth(48)
                button.clicked.connect(lambda _c=False, r=row, v=value: self.choose(r, v))
                grid.addWidget(button, row, value)
                buttons.append(button)
            self.buttons.append(buttons)
            hint = _OneLineWhenThereIsRoom(self)
            hint.setObjectName(f"checkin_scale_{row}")
            grid.addWidget(hint, row, 6)
            self._questions.append(label)
            self._scales.append(hint)
        grid.setColumnStretch(7, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """The questions and scales in the current language (the answers stay)."""
        for row, (english_question, english_scale) in enumerate(QUESTIONS):
            question, scale = _(english_question), _(english_scale)
            self._questions[row].setText(question)
            self._scales[row].setText(scale)
            for value, button in enumerate(self.buttons[row], start=1):
                button.setAccessibleName(
                    # TRANSLATORS: a rating button, for screen readers: question, number, scale.
                    _("{question} {value} ({scale})").format(
                        question=question, value=value, scale=scale
                    )
                )
                button.setToolTip(scale)

    def set_colours(self, palette) -> None:
        """A chosen rating in the accent colour: seen at a glance, from the mat too."""
        text = "#000000" if palette.dark else "#FFFFFF"
        self.setStyleSheet(
            f"#checkin_row QPushButton:checked {{ background: {palette.accent.name()};"
            f" color: {text}; border: 1px solid {palette.accent.name()};"
            " border-radius: 3px; font-weight: bold; }"
        )

    def choose(self, row: int, value: int | None) -> None:
        """Choose ``value`` for question ``row`` (0 tightness, 1 calm); choosing it again clears."""
        if value is not None and self._values[row] == value:
            value = None
        self._values[row] = value
        for i, button in enumerate(self.buttons[row], start=1):
            button.setChecked(i == value)
        self.changed.emit()

    def answer_key(self, value: int) -> bool:
        """A number key: answers the first question still open; False when none is."""
        for row in range(len(QUESTIONS)):
            if self._values[row] is None:
                self.choose(row, value)
                return True
        return False

    def values(self) -> tuple[int | None, int | None]:
        return self._values[0], self._values[1]

    def value(self) -> CheckIn | None:
        tightness, calm = self._values
        if tightness is None or calm is None:
            return None
        from hipcoach.core.history_format import CheckIn

        return CheckIn(tightness, calm)

    def clear(self) -> None:
        for row in range(len(QUESTIONS)):
            self._values[row] = None
            for button in self.buttons[row]:
                button.setChecked(False)
        self.changed.emit()
