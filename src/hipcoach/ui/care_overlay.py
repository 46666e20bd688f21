"""The current pose's cautions and alternatives, one key away, over the window and in mat mode."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt

from hipcoach.ui.help_overlay import HelpOverlay

NO_SESSION = "Start a routine to see the cautions of the pose you are in."


def care_html(title: str, half: str, cautions: list[str], alternatives: list[str]) -> str:
    """The sheet's text: the part's name and half, then its cautions and alternatives."""
    esc = html.escape
    parts = [f"<h1 style='margin-bottom: 12px;'>{esc(title)}</h1>"]
    if half:
        parts.append(f"<p>{esc(half)}</p>")
    for heading, lines in (("Take care", cautions), ("Alternatives", alternatives)):
        if lines:
            parts.append(f"<h2>{heading}</h2><ul>")
            parts.extend(f"<li>{esc(line)}</li>" for line in lines)
            parts.append("</ul>")
    if not cautions and not alternatives:
        parts.append("<p>Nothing particular for this part: go gently.</p>")
    parts.append("<p style='margin-top: 18px;'>Press C, click or press Esc to close.</p>")
    return "".join(parts)


class CareOverlay(HelpOverlay):
    """A dimmed sheet like the keys sheet, showing what ``show_care`` is given."""

    def __init__(self, parent):
        super().__init__(parent)
        self.setObjectName("care_overlay")
        self.setAccessibleName("Cautions and alternatives")
        self.text.setObjectName("care_text")
        self.text.setAccessibleName("Cautions and alternatives")

    def show_care(self, title: str, half: str, cautions: list[str], alternatives: list[str]):
        self.text.setText(care_html(title, half, cautions, alternatives))
        self.popup()

    def popup(self) -> None:
        # Long cautions wrap within the window rather than run off its sides.
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(round(self.parentWidget().width() * 0.8))
        super().popup()

    def show_message(self, message: str) -> None:
        self.text.setText(f"<p>{html.escape(message)}</p>")
        self.popup()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_C:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)
