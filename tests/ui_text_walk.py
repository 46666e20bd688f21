"""Walks what a window shows: every visible text, and whether it fits its widget.

Used with the pseudo-language (every translated text accented, 40 % longer and
wrapped in ⟦ ⟧) to find words that escaped translation and layouts that cut words off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

#: Texts with nothing to translate: numbers, times, signs, the program's name.
_UNTRANSLATABLE = re.compile(r"^[\s\d.,:;%/+\-–—×·…()\[\]°'\"’“”<>=#&|]*$|^hipcoach$")


@dataclass(frozen=True)
class Shown:
    widget: QWidget
    kind: str
    text: str

    def __str__(self) -> str:
        name = self.widget.objectName() or type(self.widget).__name__
        return f"{self.kind} of {name}: {self.text!r}"


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget is root or widget.isVisibleTo(root)


def shown_texts(root: QWidget) -> Iterator[Shown]:
    """Every text a person can see (or hear from a screen reader) under ``root``."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not _visible(w, root) or isinstance(w, QMenu):
            continue
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            yield Shown(w, "label", w.text())
        elif isinstance(w, QAbstractButton) and w.text():
            yield Shown(w, "button", w.text())
        elif isinstance(w, QGroupBox) and w.title():
            yield Shown(w, "group", w.title())
        elif isinstance(w, QLineEdit) and w.placeholderText():
            yield Shown(w, "placeholder", w.placeholderText())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield Shown(w, "choice", w.itemText(i))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                yield Shown(w, "tab", w.tabText(i))
        # Views with column headers (a list's model has no public column count).
        if isinstance(w, QTableView | QTreeView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                header = model.headerData(col, Qt.Orientation.Horizontal)
                if isinstance(header, str) and header:
                    yield Shown(w, "header", header)
        if isinstance(w, QTextEdit | QPlainTextEdit) and w.isReadOnly() and w.toPlainText():
            # Written by the program (details, diagnostics); what a person types is theirs.
            yield Shown(w, "document", w.toPlainText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            yield from _rows(w)
        if w.toolTip():
            yield Shown(w, "tooltip", w.toolTip())
        if w.accessibleName():
            yield Shown(w, "accessible name", w.accessibleName())
        if w.accessibleDescription():
            yield Shown(w, "accessible description", w.accessibleDescription())
        if w.isWindow() and w.windowTitle():
            yield Shown(w, "title", w.windowTitle())


#: Rows of a list or table looked at: enough to meet every kind of row.
ROWS = 40


def _rows(view: QAbstractItemView) -> Iterator[Shown]:
    """The words in a list's or table's first rows, and their tooltips."""
    model, top = view.model(), QModelIndex()
    columns = model.columnCount(top) if isinstance(view, QTableView | QTreeView) else 1
    for row in range(min(ROWS, model.rowCount(top))):
        for col in range(columns):
            index = model.index(row, col)
            for kind, role in (
                ("row", Qt.ItemDataRole.DisplayRole),
                ("row tooltip", Qt.ItemDataRole.ToolTipRole),
            ):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    yield Shown(view, kind, value)


def menu_texts(menus: list[QMenu]) -> Iterator[tuple[str, str]]:
    """The titles and entries of ``menus`` and their sub-menus."""
    for menu in menus:
        yield "menu", menu.title()
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                yield from menu_texts([action.menu()])
            elif action.text():
                yield "menu entry", action.text()


def calendar_words() -> re.Pattern[str]:
    """Day and month names of the default locale: Qt's locale data words them, not our
    catalogue (the pseudo-language keeps the system's; Spanish ones are tested as such)."""
    locale = QLocale()
    names = set()
    for fmt in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        names |= {locale.dayName(d, fmt) for d in range(1, 8)}
        names |= {locale.monthName(m, fmt) for m in range(1, 13)}
        names |= {locale.standaloneMonthName(m, fmt) for m in range(1, 13)}
    names |= {locale.amText(), locale.pmText()}
    words = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b")


def untranslated(text: str) -> bool:
    """True when a pseudo-language text still has words that did not pass through it.

    The pseudo-language accents every vowel, so a run of plain letters with a vowel in it
    is English that escaped, even inside a translated sentence (a name put into
    "⟦Néxt: {part}⟧" untranslated), and however deeply translations nest.
    """
    text = re.sub(r"<[^>]*>", "", text)  # rich text's markup is not shown
    if _UNTRANSLATABLE.match(text):
        return False
    return any(re.search(r"[aeiouyAEIOUY]", run) for run in re.findall(r"[A-Za-z]{2,}", text))


def elided(widget: QWidget, text: str) -> bool:
    """True when ``widget`` cannot show ``text`` whole in the room it has."""
    if isinstance(widget, QLabel):
        if widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText:
            return widget.heightForWidth(widget.width()) > widget.height() + 1
        room = widget.contentsRect().width() - 2 * widget.margin() - widget.indent()
        widest = max(widget.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
        return widest > room + 1
    if isinstance(widget, QAbstractButton):
        hint = widget.sizeHint()
        return hint.width() > widget.width() + 1
    return False
