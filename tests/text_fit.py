"""Walks a window's visible widgets and names every text that is cut off or out of sight.

A label or button whose text needs more room than it was given (Qt clips or elides
it), or a control that lies outside its window, is a problem a person sees at once
on a small screen; this finds them without looking at pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QTabBar,
    QTableView,
    QWidget,
)

#: Rounding in font metrics: a pixel either way is not a cut-off text.
SLACK = 1


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea | QTabBar):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")[:40]
    return f"{type(widget).__name__} {widget.objectName() or '?'} “{text}”"


def _shown(text: str) -> str:
    """The text as drawn: "&" marks a keyboard shortcut, "&&" is a literal ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problem(label: QLabel) -> str | None:
    text = _shown(label.text()) if label.buddy() is not None else label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if label.wordWrap() or rich:
        if label.hasHeightForWidth():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + SLACK:
                return f"needs {needed} px of height, has {label.height()}"
        return None
    metrics = label.fontMetrics()
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.height() * len(lines)
    if width > room.width() + SLACK:
        return f"needs {width} px of width, has {room.width()}"
    if height > room.height() + SLACK:
        return f"needs {height} px of height, has {room.height()}"
    return None


#: A check box's or radio button's indicator and the gap after it.
INDICATOR = 22
#: Room a button's frame and padding take beside its text (Fusion draws about 6 a side).
BUTTON_PADDING = 12


def _button_problem(button: QAbstractButton) -> str | None:
    text = _shown(button.text())
    if not text:
        return None
    metrics = button.fontMetrics()
    needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if isinstance(button, QCheckBox | QRadioButton):
        needed += INDICATOR
    else:
        needed += BUTTON_PADDING
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if needed > button.width() + SLACK:
        return f"needs {needed} px of width, has {button.width()}"
    if metrics.height() > button.height() + SLACK:
        return f"needs {metrics.height()} px of height, has {button.height()}"
    return None


#: Room a combo box's frame and arrow take beside its text.
COMBO_PADDING = 36
#: Room a line edit's frame takes beside its text.
EDIT_PADDING = 10
#: Rows of a list or table looked at: every kind of row is among the first ones.
ROWS = 60


def _combo_problem(combo: QComboBox) -> str | None:
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText()) + COMBO_PADDING
    if needed > combo.width() + SLACK:
        return f"shows “{combo.currentText()}” in {combo.width()} px, needs {needed}"
    return None


def _edit_problem(edit: QLineEdit) -> str | None:
    shown = edit.text() or edit.placeholderText()
    # A spin box's own line edit has no frame of its own.
    padding = EDIT_PADDING if edit.hasFrame() else 2
    needed = edit.fontMetrics().horizontalAdvance(shown) + padding
    if shown and needed > edit.width() + SLACK:
        return f"shows “{shown}” in {edit.width()} px, needs {needed}"
    return None


#: Room a list's own drawing keeps beside a row's words.
ROW_MARGIN = 8


def _list_problem(view: QListView) -> str | None:
    """A row of a list wider than the list, or (words wrapped) taller than its place."""
    model, room = view.model(), view.viewport().width()
    metrics = view.fontMetrics()
    for row in range(min(ROWS, model.rowCount(QModelIndex()))):
        index = model.index(row, 0)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or view.isRowHidden(row):
            continue
        if view.wordWrap():
            rect = view.visualRect(index)
            box = QRect(0, 0, max(1, rect.width() - ROW_MARGIN), 100_000)
            needed = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, text).height()
            if needed > rect.height() + SLACK:
                first = text.splitlines()[0]
                return f"row “{first}” needs {needed} px of height, has {rect.height()}"
            continue
        width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if width + 2 * view.spacing() + BUTTON_PADDING > room + SLACK:
            return f"row “{text.splitlines()[0]}” needs {width} px, the list has {room}"
    return None


def _table_problem(table: QTableView) -> str | None:
    """A header or cell of a table that Qt elides ("Morning hi…")."""
    model, header = table.model(), table.horizontalHeader()
    metrics = table.fontMetrics()
    for col in range(model.columnCount(QModelIndex())):
        if header.isSectionHidden(col):
            continue
        room = header.sectionSize(col) - 8  # the cell's margins
        title = model.headerData(col, Qt.Orientation.Horizontal)
        if isinstance(title, str) and header.fontMetrics().horizontalAdvance(title) > room:
            return f"the heading “{title}” needs more than {room + 8} px"
        for row in range(min(ROWS, model.rowCount(QModelIndex()))):
            text = model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and metrics.horizontalAdvance(text) > room + SLACK:
                return f"the cell “{text}” needs more than {room + 8} px"
    return None


def text_problems(top: QWidget) -> list[str]:
    """Every visible text under ``top`` that is cut, elided, or lies outside it.

    Labels and buttons, the current choice of a combo box, a line edit's text or
    placeholder, a list's rows (unless it wraps them) and a table's headings and cells.
    """
    problems: list[str] = []
    placed: list[tuple[QWidget, QRect]] = []
    bounds = top.rect()
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.isWindow():
            continue
        other = None
        if isinstance(widget, QComboBox):
            other = _combo_problem(widget)
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QComboBox):
            other = _edit_problem(widget)
        elif isinstance(widget, QTableView):
            other = _table_problem(widget)
        elif isinstance(widget, QListView):
            other = _list_problem(widget)
        if other and not _inside_scroll_area(widget, top):
            problems.append(f"{_name(widget)} {other}")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            # What lies beyond the right edge is out of sight until scrolled to.
            problems.append(f"{_name(widget)} must be scrolled sideways to be read")
        if not isinstance(widget, QLabel | QAbstractButton):
            continue
        if _inside_scroll_area(widget, top):
            continue  # scrolled into view when needed
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not bounds.contains(where):
            problems.append(f"{_name(widget)} lies outside the window at {where}")
            continue
        problem = _label_problem(widget) if isinstance(widget, QLabel) else _button_problem(widget)
        if problem:
            problems.append(f"{_name(widget)} {problem}")
        elif (widget.text() if hasattr(widget, "text") else "") and not _blank(widget):
            placed.append((widget, where))
    problems += _overlaps(placed)
    return problems


def _blank(widget: QWidget) -> bool:
    return (
        isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull()
    )


def _overlaps(placed: list[tuple[QWidget, QRect]]) -> list[str]:
    """Two texts drawn over each other (neither inside the other, as a button's label is)."""
    found = []
    for i, (a, rect_a) in enumerate(placed):
        for b, rect_b in placed[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            overlap = rect_a.intersected(rect_b)
            if overlap.width() > SLACK and overlap.height() > SLACK:
                found.append(f"{_name(a)} and {_name(b)} overlap at {overlap}")
    return found
