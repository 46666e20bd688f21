"""Views of their own (the history) shown in the window's place of the current view.

A page replaces whatever the window shows (the list, the session, the end screen) and
goes back to it with its Back button, Esc or its menu action, which is checkable and
follows what is shown. The window owns the stack; this keeps the pages and the way back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from hipcoach.i18n import _, pgettext
from hipcoach.ui.plain_text import PlainLabel


class _Page:
    """One page's parts that carry words, with the English they are made from."""

    def __init__(
        self, heading: PlainLabel, back: QPushButton, action: QAction, title: str, show_text: str
    ) -> None:
        self.heading, self.back, self.action = heading, back, action
        self.title, self.show_text = title, show_text

    def word(self) -> None:
        self.heading.setText(_(self.title))
        self.back.setText(pgettext("button", "Back"))
        self.back.setToolTip(_("Back to where you were (Esc)"))
        self.action.setText(_(self.show_text))


class WindowPages:
    """The pages of one window's ``stack``.

    ``home`` is shown (and ``home_focus`` focused) when a page is left with nothing to go
    back to; ``changed`` is called whenever a page was shown or left.
    """

    def __init__(
        self,
        window: QWidget,
        stack: QStackedWidget,
        home: QWidget,
        home_focus: QWidget,
        changed: Callable[[], None],
    ) -> None:
        self._window = window
        self._stack = stack
        self._home = home
        self._home_focus = home_focus
        self._changed = changed
        self._pages: dict[QWidget, _Page] = {}
        #: The view a page replaced, shown again when the page is left.
        self._return: QWidget | None = None

    def add(self, widget: QWidget, title: str, show_text: str, shortcut: str) -> QAction:
        """See ``MainWindow.add_page``."""
        window = self._window
        page = QWidget(window)
        page.setObjectName(f"page_{widget.objectName() or title.lower()}")
        header = QHBoxLayout()
        heading = PlainLabel(page)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        back = QPushButton(page)
        back.setObjectName("page_back")
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(back)
        box = QVBoxLayout(page)
        box.setContentsMargins(16, 10, 16, 10)
        box.addLayout(header)
        box.addWidget(widget, 1)
        self._stack.addWidget(page)
        action = QAction(window)
        action.setObjectName(f"show_{page.objectName()}")
        action.setCheckable(True)
        action.setShortcut(QKeySequence(shortcut))
        window.addAction(action)
        action.toggled.connect(lambda on: self._show(page, on))
        back.clicked.connect(lambda: action.setChecked(False))
        parts = _Page(heading, back, action, title, show_text)
        parts.word()
        self._pages[page] = parts
        if len(self._pages) == 1:
            self._stack.currentChanged.connect(self._follow_stack)
        return action

    def showing(self) -> QAction | None:
        """The action of the page on show, or None when no page is."""
        parts = self._pages.get(self._stack.currentWidget())
        return parts.action if parts is not None else None

    def replaced(self, old: QWidget, new: QWidget) -> None:
        """``old`` (a view a page may go back to) is now ``new``."""
        if self._return is old:
            self._return = new

    def retranslate(self) -> None:
        for parts in self._pages.values():
            parts.word()

    def _follow_stack(self, _index: int) -> None:
        # Another view took the place (a session started, the list came back): the
        # pages' actions follow, without sending the window anywhere.
        current = self._stack.currentWidget()
        for page, parts in self._pages.items():
            if parts.action.isChecked() != (current is page):
                parts.action.blockSignals(True)
                parts.action.setChecked(current is page)
                parts.action.blockSignals(False)

    def _show(self, page: QWidget, shown: bool) -> None:
        current = self._stack.currentWidget()
        if shown and current is not page:
            if current not in self._pages:
                self._return = current
            for other, parts in self._pages.items():
                if other is not page:
                    parts.action.setChecked(False)
            self._stack.setCurrentWidget(page)
        elif not shown and current is page:
            self._stack.setCurrentWidget(self._return or self._home)
            if self._stack.currentWidget() is self._home:
                self._home_focus.setFocus()
        self._changed()
