"""The routine picker: a searchable list, filtered by tag, with the details of the one chosen."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QRect, QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hipcoach import markup
from hipcoach.core.patterns import pattern_label
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary
from hipcoach.core.safety import BREATH_SAFETY_HINT
from hipcoach.core.timeline import CompileError, SegmentKind, compile_timeline
from hipcoach.i18n import _, pgettext
from hipcoach.ui import formatting
from hipcoach.ui.checkin_row import CheckInRow
from hipcoach.ui.plain_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:
    from hipcoach.core.history_format import CheckIn

#: Qt.ItemDataRole.UserRole, as its number: naming it before the first frame would make
#: PySide6 build its whole Qt namespace (see ui/main_window.py).
ID_ROLE = 0x0100
#: Qt.TextFlag.TextWordWrap, written as a number for the same reason.
_WORD_WRAP = 0x1000
#: Room the list's own drawing keeps beside a row's words, with some to spare.
_ROW_MARGIN = 12


class RoutineList(QListWidget):
    """The routines, each row as tall as its words wrapped at the list's width.

    Qt's own guess at a wrapped row's height is a line short at some widths, which
    cuts off the end of a long tag line (Spanish runs a third longer than English).
    """

    # The viewport's width is read from its resize events rather than asked for: the
    # first ``viewport()`` call makes PySide6 build the Python type of every kind of
    # widget Qt has (~15-25 ms), which would otherwise land before the first frame.
    _viewport_width = 0

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            width = event.size().width()
            if width != self._viewport_width:  # a change of height alone wraps nothing anew
                self._viewport_width = width
                self.fit_rows()
        return super().viewportEvent(event)

    def fit_rows(self) -> None:
        """Every row's height for the width there is now; nothing before the first layout."""
        if not self._viewport_width:
            return
        width = max(1, self._viewport_width - 2 * self.spacing())
        room = QRect(0, 0, max(1, width - _ROW_MARGIN), 100_000)
        metrics = self.fontMetrics()
        for row in range(self.count()):
            item = self.item(row)
            height = metrics.boundingRect(room, _WORD_WRAP, item.text()).height()
            item.setSizeHint(QSize(width, height + 4))


def safety_note() -> str:
    """The safety note in the current language, once ``hipcoach.core.safety`` exists; empty
    until then."""
    try:
        module = importlib.import_module("hipcoach.core.safety")
    except ImportError:
        return ""
    note = str(getattr(module, "SAFETY_NOTE", ""))
    return _(note) if note else ""


class RoutinePicker(QWidget):
    """Lists routines; ``startRequested`` carries the chosen ``LoadedRoutine``."""

    #: The list's share of the width the first time the picker is shown.
    LIST_SHARE = 0.3

    startRequested = Signal(object)
    selectionChanged = Signal(object)  # LoadedRoutine or None

    def __init__(self, library: RoutineLibrary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("picker")
        self.library = library

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        # No clear button: its icon costs 4 ms at start-up; Ctrl+A, Delete clears.
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tag_filter")

        self.list = RoutineList(self)
        self.list.setObjectName("routine_list")
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(False)
        # Long titles and tag lines (Spanish runs a third longer) wrap within the list,
        # laid out again as it is resized, rather than run under its edge.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.empty_label = PlainLabel(self)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.hide()

        self.title = PlainLabel(self)
        self.title.setObjectName("details_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = PlainLabel(self)
        self.summary.setObjectName("details_summary")
        self.details = QTextBrowser(self)
        self.details.setObjectName("details")
        self.details.setOpenExternalLinks(False)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("start_button")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(52)
        font = self.start_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.start_button.setFont(font)

        # One above the other: side by side, the tag's name was cut short.
        filters = QVBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(self.tag_filter)
        left = QWidget(self)
        # Room for a title of a few words a line; the details beside give way first.
        left.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(filters)
        left_box.addWidget(self.list, 1)
        left_box.addWidget(self.empty_label)
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(8, 0, 0, 0)
        right_box.addWidget(self.title)
        right_box.addWidget(self.summary)
        right_box.addWidget(self.details, 1)
        # How you feel before, beside Start: optional, and kept until this start.
        self.checkin_box = QWidget(self)
        self.checkin_box.setObjectName("checkin_before")
        checkin_column = QVBoxLayout(self.checkin_box)
        checkin_column.setContentsMargins(0, 0, 0, 0)
        checkin_column.setSpacing(2)
        caption_row = QHBoxLayout()
        self.checkin_caption = QLabel(self)
        self.checkin_off_button = QPushButton(self)
        self.checkin_off_button.setObjectName("checkin_off")
        self.checkin_off_button.setFlat(True)
        self.checkin_off_button.setAutoDefault(False)
        caption_row.addWidget(self.checkin_caption)
        caption_row.addStretch(1)
        caption_row.addWidget(self.checkin_off_button)
        checkin_column.addLayout(caption_row)
        self.checkin = CheckInRow(self)
        checkin_column.addWidget(self.checkin)
        self.space_hint = QLabel(self)
        self.space_hint.setObjectName("space_hint")
        start_column = QVBoxLayout()
        start_column.addWidget(self.start_button)
        start_column.addWidget(self.space_hint)
        start_row = QHBoxLayout()
        start_row.addWidget(self.checkin_box, 1)
        start_row.addLayout(start_column)
        right_box.addLayout(start_row)

        # No parent argument: QSplitter's overload with an orientation would be checked
        # first, building PySide6's Qt namespace; the layout below adopts it.
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        # The splitter's own first guess leaves the list at its minimum, where long titles
        # take three or four lines; a share of the width reads better. Given before the
        # first layout, the sizes are taken as proportions of the width the splitter gets,
        # so the rows and the details are laid out once, at their final widths.
        share = round(1000 * self.LIST_SHARE)
        splitter.setSizes([share, 1000 - share])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(splitter)

        self.setTabOrder(self.search, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.list)
        self.setTabOrder(self.list, self.details)
        self.setTabOrder(self.details, self.checkin.buttons[0][0])
        self.setTabOrder(self.checkin.buttons[-1][-1], self.start_button)

        self.search.textChanged.connect(self._apply_filter)
        self.tag_filter.currentIndexChanged.connect(self._apply_filter)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda _item: self.request_start())
        self.search.returnPressed.connect(self.request_start)
        self.start_button.clicked.connect(self.request_start)
        self._set_words()
        self.set_library(library)

    def _set_words(self) -> None:
        self.search.setPlaceholderText(_("Search routines"))
        self.search.setAccessibleName(_("Search routines"))
        self.tag_filter.setAccessibleName(_("Show routines tagged"))
        self.list.setAccessibleName(_("Routines"))
        self.empty_label.setText(_("No routine matches."))
        self.details.setAccessibleName(_("Routine details"))
        self.start_button.setText(pgettext("button", "Start"))
        self.start_button.setAccessibleName(_("Start the routine"))
        self.start_button.setToolTip(_("Start (Space or Enter)"))
        self.checkin_caption.setText(_("Before you start (optional):"))
        self.checkin_off_button.setText(_("Don't ask"))
        self.checkin_off_button.setToolTip(
            _("Stop asking how you feel; check-ins can be turned back on in Settings.")
        )
        self.space_hint.setText(_("Space starts the chosen routine."))

    def retranslate(self, library: RoutineLibrary) -> None:
        """Every word in the current language; ``library`` is the routines as now shown.

        The search, the tag chosen, the routine chosen and a half-given check-in stay.
        """
        self._set_words()
        self.checkin.retranslate()
        # Quiet while the list is filled again: the details are written once, below,
        # instead of for every item the list passes through on the way.
        self.list.blockSignals(True)
        try:
            self.set_library(library)
        finally:
            self.list.blockSignals(False)
        self._show_current(self.list.currentItem())

    def set_library(self, library: RoutineLibrary) -> None:
        """Show ``library`` (after an edit, import or delete), keeping the selection if present."""
        keep = self.current()
        self.library = library
        tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(_("All routines"), None)
        for name in sorted({t for r in library.routines for t in r.routine.tags}):
            self.tag_filter.addItem(formatting.tag_label(name), name)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(tag)))
        self.tag_filter.blockSignals(False)
        self.list.clear()
        for loaded in library.routines:
            self.list.addItem(self._item(loaded))
        if self.list.isVisible():  # otherwise the list is fitted when it is first laid out
            self.list.fit_rows()
        self._apply_filter()
        if not (keep and self.select(keep.id)):
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self._show_current(None)

    # -- public --------------------------------------------------------------------

    def current(self) -> LoadedRoutine | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return self.library.get(item.data(ID_ROLE))

    def select(self, routine_id: str | None) -> bool:
        """Make ``routine_id`` the current routine; False if it is not in the list."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == routine_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return True
        return False

    def set_colours(self, palette) -> None:
        """Make Start stand out in the scheme's accent colour."""
        text = "#000000" if palette.dark else "#FFFFFF"
        self.start_button.setStyleSheet(
            f"#start_button {{ background: {palette.accent.name()}; color: {text};"
            " border: none; border-radius: 8px; padding: 8px 24px; }"
            f"#start_button:focus {{ border: 3px solid {palette.text.name()}; }}"
            f"#start_button:disabled {{ background: {palette.track.name()};"
            f" color: {palette.muted.name()}; }}"
        )
        for label in (self.space_hint, self.checkin_caption):
            label.setStyleSheet(f"color: {palette.muted.name()};")
        self.checkin.set_colours(palette)

    def visible_ids(self) -> list[str]:
        return [
            self.list.item(r).data(ID_ROLE)
            for r in range(self.list.count())
            if not self.list.item(r).isHidden()
        ]

    def set_checkin_shown(self, shown: bool) -> None:
        """Check-ins on or off (the setting): off, nothing is asked and nothing kept."""
        self.checkin_box.setVisible(shown)
        if not shown:
            self.checkin.clear()

    def take_checkin(self) -> CheckIn | None:
        """The before check-in chosen for this start, if both ratings were; then cleared."""
        value = self.checkin.value() if self.checkin_box.isVisibleTo(self) else None
        self.checkin.clear()
        return value

    def request_start(self) -> None:
        loaded = self.current()
        if loaded is not None:
            self.startRequested.emit(loaded)

    # -- internals -----------------------------------------------------------------

    def _item(self, loaded: LoadedRoutine) -> QListWidgetItem:
        r = loaded.routine
        tags = ", ".join(formatting.tag_label(t) for t in r.tags)
        second = formatting.duration(loaded.seconds)
        if not loaded.builtin:
            # TRANSLATORS: a routine's length in the list, for one the person made or imported.
            second = _("{duration} · your routine").format(duration=second)
        if tags:
            second = f"{second} · {tags}"
        item = QListWidgetItem(f"{r.title}\n{second}")
        item.setData(ID_ROLE, loaded.id)
        item.setToolTip(plain_tooltip(r.description or r.title))
        return item

    def _matches(self, loaded: LoadedRoutine, words: list[str], tag: str | None) -> bool:
        if tag is not None and tag not in loaded.routine.tags:
            return False
        if not words:
            return True
        # The words as shown and as written: a search typed before a change of language
        # still finds what it found.
        versions = [loaded.routine] if loaded.written is None else [loaded.routine, loaded.written]
        haystack = " ".join(
            word
            for r in versions
            for word in [r.title, r.description, *r.tags]
            + [formatting.tag_label(t) for t in r.tags]
            + [getattr(s, "title", None) or getattr(s, "name", None) or "" for s in r.steps]
            + [getattr(s, "pose", None) or "" for s in r.steps]
        ).casefold()
        return all(w in haystack for w in words)

    def _apply_filter(self) -> None:
        words = self.search.text().casefold().split()
        tag = self.tag_filter.currentData()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            loaded = self.library.get(item.data(ID_ROLE))
            hidden = loaded is None or not self._matches(loaded, words, tag)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        if first_visible is None:
            # Centred here rather than when built: the first Qt.* enum costs the first
            # frame 15-25 ms (see ui/main_window.py), and this shows only after a search.
            self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(first_visible is None)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_visible)
            if first_visible is None:
                self._show_current(None)

    def _show_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        loaded = self.library.get(item.data(ID_ROLE)) if item is not None else None
        if item is not None and item.isHidden():
            loaded = None
        self.start_button.setEnabled(loaded is not None)
        if loaded is None:
            self.title.setText("")
            self.summary.setText("")
            self.details.setHtml(self._safety_html())
            self.selectionChanged.emit(None)
            return
        r = loaded.routine
        self.title.setText(r.title)
        tags = ", ".join(formatting.tag_label(t) for t in r.tags)
        self.summary.setText(formatting.duration(loaded.seconds) + (f" · {tags}" if tags else ""))
        self.start_button.setAccessibleName(_("Start {title}").format(title=r.title))
        self.details.setHtml(self._details_html(loaded))
        self.selectionChanged.emit(loaded)

    def _details_html(self, loaded: LoadedRoutine) -> str:
        r = loaded.routine
        esc = markup.escape
        parts: list[str] = []
        if r.description:
            parts.append(f"<p>{esc(r.description)}</p>")
        if r.equipment:
            parts.append(_heading(_("You'll need")) + "<ul>")
            parts.extend(f"<li>{esc(thing)}</li>" for thing in r.equipment)
            parts.append("</ul>")
        try:
            timeline = compile_timeline(r, self.library.poses, self.library.patterns)
        except CompileError as exc:
            # TRANSLATORS: keep the <b> and </b> around the words to show in bold.
            problem = _("<b>This routine cannot be played:</b> {reason}")
            parts.append(f"<p>{problem.format(reason=esc(str(exc)))}</p>")
            return "".join(parts) + self._safety_html()
        rows, cautions, alternatives = [], [], []
        for step_index in range(len(r.steps)):
            segs = [s for s in timeline.segments if s.step_index == step_index]
            main = [s for s in segs if s.kind is not SegmentKind.SWITCH]
            first = main[0] if main else segs[0]
            start, end = timeline.step_bounds(step_index)
            halves = {s.side_label for s in main if s.side_label}
            sided = any(s.side is not None for s in main)
            each = ""
            if len(halves) >= 2:
                # TRANSLATORS: after a step's name: it is done once on each side.
                each = " " + (_("(each side)") if sided else _("(each way)"))
            rows.append(
                f"<tr><td>{step_index + 1}.</td><td><b>{esc(first.title)}</b>{esc(each)}</td>"
                f"<td align='right'>{esc(formatting.step_duration(end - start))}</td>"
                f"<td>{esc(pattern_label(first.pattern))}</td></tr>"
            )
            for text in first.cautions:
                if text not in cautions:
                    cautions.append(text)
            for text in first.alternatives:
                if text not in alternatives:
                    alternatives.append(text)
        if any(s.pattern and (s.pattern.hold_in or s.pattern.hold_out) for s in timeline.segments):
            parts.append(f"<p><b>{esc(_(BREATH_SAFETY_HINT))}</b></p>")
        parts.append(_heading(_("Steps")) + "<table cellspacing='0' cellpadding='3'>")
        parts.extend(rows)
        parts.append("</table>")
        if cautions:
            parts.append(_heading(_("Take care")) + "<ul>")
            parts.extend(f"<li>{esc(c)}</li>" for c in cautions)
            parts.append("</ul>")
        if alternatives:
            parts.append(_heading(_("Alternatives")) + "<ul>")
            parts.extend(f"<li>{esc(a)}</li>" for a in alternatives)
            parts.append("</ul>")
        return "".join(parts) + self._safety_html()

    @staticmethod
    def _safety_html() -> str:
        note = safety_note()
        if not note:
            return ""
        paragraphs = "".join(
            "<p>" + "<br>".join(markup.escape(line) for line in p.splitlines()) + "</p>"
            for p in note.split("\n\n")
            if p.strip()
        )
        return _heading(_("Safety")) + paragraphs


def _heading(text: str) -> str:
    return f"<h3>{markup.escape(text)}</h3>"
