"""The end screen: what was practised, the streak, the week, the sides, how it felt.

It shows a ``SessionSummary`` and the history's statistics, both handed in; it
owns neither. The after check-in is inline and optional, answerable from the mat
with the number keys 1–5 (the first key answers the hips, the second the calm).
"Again" starts the same routine; "Back to routines" (or Esc) goes to the list.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hipcoach.core.history_format import CheckIn
from hipcoach.core.history_stats import HistoryStats
from hipcoach.i18n import _
from hipcoach.ui import end_text
from hipcoach.ui.checkin_row import CheckInRow
from hipcoach.ui.end_text import SessionSummary
from hipcoach.ui.palette import Palette
from hipcoach.ui.plain_text import PlainLabel
from hipcoach.ui.player_fonts import set_pixel_font
from hipcoach.ui.stat_tile import StatTile

#: Tiles in a row before the next row starts: four fit 1280 pixels with room to spare.
TILES_PER_ROW = 3


class EndView(QWidget):
    """Call ``show_summary``; the person answers, starts again or goes back."""

    againRequested = Signal()
    backRequested = Signal()
    checkinAnswered = Signal(object)  # CheckIn, once both ratings are chosen (again on a change)
    noteRequested = Signal(object)  # the CheckIn chosen so far (or None): write a note to it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("end_view")
        self.summary: SessionSummary | None = None
        self._stats: HistoryStats | None = None
        self.title = PlainLabel("", self)
        self.title.setObjectName("end_title")
        self.title.setWordWrap(True)
        self.practised_tile = StatTile("", self)
        self.streak_tile = StatTile("", self)
        self.week_tile = StatTile("", self)
        self.sides_tile = StatTile("", self)
        self.change_tile = StatTile("", self)

        self.checkin_box = QWidget(self)
        column = QVBoxLayout(self.checkin_box)
        column.setContentsMargins(0, 0, 0, 0)
        self.checkin_caption = QLabel(self)
        self.checkin = CheckInRow(self)
        self.note_button = QPushButton(self)
        self.note_button.setObjectName("note_button")
        self.note_button.setAutoDefault(False)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_button)
        note_row.addStretch(1)
        column.addWidget(self.checkin_caption)
        column.addWidget(self.checkin)
        column.addLayout(note_row)

        self.again_button = QPushButton(self)
        self.again_button.setObjectName("again_button")
        self.again_button.setDefault(True)
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("end_back_button")
        self.tiles = QGridLayout()
        self.tiles.setSpacing(10)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.again_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(16)
        outer.addWidget(self.title)
        outer.addLayout(self.tiles)
        outer.addWidget(self.checkin_box)
        outer.addStretch(1)
        outer.addLayout(buttons)

        self.again_button.clicked.connect(self.againRequested)
        self.back_button.clicked.connect(self.backRequested)
        self.checkin.changed.connect(self._checkin_changed)
        self.note_button.clicked.connect(lambda: self.noteRequested.emit(self.checkin.value()))
        self.setTabOrder(self.again_button, self.back_button)
        self._set_words()

    def _set_words(self) -> None:
        for tile, title in (
            (self.practised_tile, _("Practised")),
            (self.streak_tile, _("Streak")),
            (self.week_tile, _("This week")),
            (self.sides_tile, _("Left / right")),
            (self.change_tile, _("Since you started")),
        ):
            tile.title.setText(title)
        self.checkin_caption.setText(
            _("How do you feel now? Optional: click, or press 1 to 5 twice.")
        )
        self.note_button.setText(_("Add a note…"))
        self.note_button.setToolTip(_("A few words about this session, kept with the check-in"))
        self.again_button.setText(_("Again"))
        self.again_button.setToolTip(_("Do this routine again (Enter)"))
        self.back_button.setText(_("Back to routines"))
        self.back_button.setToolTip(_("Back to the routine list (Esc)"))

    def retranslate(self, routine_title: str | None = None) -> None:
        """Every word in the current language; the answers given so far stay.

        ``routine_title`` is the routine's name in the new language, if known.
        """
        self._set_words()
        self.checkin.retranslate()
        if self.summary is None:
            return
        if routine_title:
            self.summary = dataclasses.replace(self.summary, routine_title=routine_title)
        self._show_figures()
        self._show_change(self.checkin.value())

    def _tiles(self) -> list[StatTile]:
        return [
            self.practised_tile,
            self.streak_tile,
            self.week_tile,
            self.sides_tile,
            self.change_tile,
        ]

    def show_summary(self, summary: SessionSummary, stats: HistoryStats | None) -> None:
        """Show a session just ended, with the history's statistics (None without a history)."""
        self.summary, self._stats = summary, stats
        self._show_figures()
        self.checkin.clear()
        self.checkin_box.setVisible(summary.ask_after)
        self._show_change(None)
        self.again_button.setFocus()

    def _show_figures(self) -> None:
        summary, stats = self.summary, self._stats
        assert summary is not None
        self.title.setText(end_text.title(summary))
        self.practised_tile.set(*end_text.practised_tile(summary))
        self.set_stats(stats)
        sides = end_text.sides_tile(summary)
        if sides is not None:
            self.sides_tile.set(*sides)
        self.sides_tile.setVisible(sides is not None)

    def set_stats(self, stats: HistoryStats | None) -> None:
        """The history changed (the session was saved after the screen was shown)."""
        self._stats = stats
        self.streak_tile.set(*end_text.streak_tile(stats))
        self.week_tile.set(*end_text.week_tile(stats))

    def answer_key(self, value: int) -> bool:
        """A number key from the mat; False when there is nothing to answer."""
        if not self.checkin_box.isVisible():
            return False
        return self.checkin.answer_key(value)

    def show_checkin(self, checkin: CheckIn) -> None:
        """Show a check-in answered elsewhere (with a note, in the dialog)."""
        self.checkin.blockSignals(True)
        self.checkin.choose(0, None)
        self.checkin.choose(1, None)
        self.checkin.choose(0, checkin.tightness)
        self.checkin.choose(1, checkin.calm)
        self.checkin.blockSignals(False)
        self._show_change(checkin)

    def set_colours(self, palette: Palette) -> None:
        self.checkin_caption.setStyleSheet(f"color: {palette.muted.name()};")
        self.checkin.set_colours(palette)

    def _show_change(self, after: CheckIn | None) -> None:
        before = self.summary.checkin_before if self.summary is not None else None
        change = end_text.change_tile(before, after)
        if change is not None:
            self.change_tile.set(*change)
        self.change_tile.setVisible(change is not None)
        self._place_tiles()

    def _place_tiles(self) -> None:
        for tile in self._tiles():
            self.tiles.removeWidget(tile)
        shown = [t for t in self._tiles() if not t.isHidden()]
        for i, tile in enumerate(shown):
            self.tiles.addWidget(tile, i // TILES_PER_ROW, i % TILES_PER_ROW)
        for column in range(TILES_PER_ROW):
            self.tiles.setColumnStretch(column, 1)

    def _checkin_changed(self) -> None:
        value = self.checkin.value()
        self._show_change(value)
        if value is not None:
            self.checkinAnswered.emit(value)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        """Sizes from the window's height, as in the session view: read from the mat.

        Qt sends a resize before the view is first shown, so these are its only sizes.
        """
        h = max(400, self.height())
        set_pixel_font(self.title, max(28, round(h * 0.05)), bold=True)
        for tile in self._tiles():
            set_pixel_font(tile.value, max(20, round(h * 0.04)), bold=True)
            set_pixel_font(tile.title, max(13, round(h * 0.02)))
            set_pixel_font(tile.detail, max(13, round(h * 0.02)))
        small = max(13, round(h * 0.022))
        for widget in self.checkin.findChildren(QWidget):
            set_pixel_font(widget, small)
            if isinstance(widget, QPushButton):
                widget.setMinimumHeight(round(small * 1.8))
                widget.setMaximumWidth(max(48, round(small * 3)))
                widget.setMinimumWidth(max(36, round(small * 2.4)))
        for widget in (self.checkin_caption, self.note_button):
            set_pixel_font(widget, small)
        for button in (self.again_button, self.back_button):
            set_pixel_font(button, max(15, round(h * 0.026)), bold=True)
            button.setMinimumHeight(max(44, round(h * 0.06)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and self.answer_key(key - Qt.Key.Key_0):
            event.accept()
            return
        super().keyPressEvent(event)
