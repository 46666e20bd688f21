"""Text that comes from a file or from the user is shown as text, never as markup.

Qt guesses: a ``QLabel``, a message box or a tooltip whose text looks like HTML is
rendered as HTML, so a routine titled ``<img src="/any/picture.png">`` would show a
local picture. Every widget here shows text literally, whatever it contains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from hipcoach import markup

if TYPE_CHECKING:
    # Only inside the functions at run time: naming QMessageBox (its buttons, say, as
    # default arguments) makes PySide6 build its type, ~2 ms before the first frame.
    from PySide6.QtWidgets import QMessageBox


def _looks_like_markup(text: str) -> bool:
    # Qt only treats text as rich when it finds something tag-like, which needs a "<".
    return "<" in text


class PlainLabel(QLabel):
    """A ``QLabel`` that never interprets its text.

    Text without a ``<`` cannot be mistaken for markup, so the label switches to
    plain text only when it meets one: that keeps ``Qt.TextFormat`` (and with it
    PySide6's whole ``Qt`` namespace) out of start-up.
    """

    def __init__(self, text: str | QWidget | None = "", parent: QWidget | None = None) -> None:
        # Like QLabel: PlainLabel(parent) or PlainLabel(text, parent).
        if isinstance(text, QWidget):
            text, parent = "", text
        super().__init__(parent)
        self._plain = False
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:
        if not self._plain and _looks_like_markup(text):
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)
            self._plain = True
        super().setText(text)


def plain_tooltip(text: str) -> str:
    """``text`` made safe for ``setToolTip``: shown exactly as written, markup included."""
    if not _looks_like_markup(text):
        return text
    escaped = markup.escape(text).replace("\n", "<br>")
    return f"<p style='white-space: pre-wrap;'>{escaped}</p>"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox:
    """A message box that shows ``text`` literally (the static helpers guess at markup).

    ``buttons`` are OK alone unless given; ``default`` is Qt's choice unless given.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None and default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox.StandardButton:
    """Ask a question in plain text (Yes and No unless ``buttons`` are given); the button
    the person chose."""
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = message_box(parent, QMessageBox.Icon.Question, title, text, buttons, default)
    return QMessageBox.StandardButton(box.exec())


def tell(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
) -> None:
    """Show ``text`` literally in a message box with one OK button."""
    message_box(parent, icon, title, text).exec()
