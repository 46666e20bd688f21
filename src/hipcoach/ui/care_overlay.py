"""The current pose's cautions and alternatives, one key away, over the window and in mat mode."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hipcoach import markup
from hipcoach.i18n import N_, _
from hipcoach.ui.help_overlay import HelpOverlay

NO_SESSION = N_("Start a routine to see the cautions of the pose you are in.")


def care_html(title: str, half: str, cautions: list[str], alternatives: list[str]) -> str:
    """The sheet's text: the part's name and half, then its cautions and alternatives."""
    esc = markup.escape
    parts = [f"<h1 style='margin-bottom: 12px;'>{esc(title)}</h1>"]
    if half:
        parts.append(f"<p>{esc(half)}</p>")
    for heading, lines in ((_("Take care"), cautions), (_("Alternatives"), alternatives)):
        if lines:
            parts.append(f"<h2>{esc(heading)}</h2><ul>")
            parts.extend(f"<li>{esc(line)}</li>" for line in lines)
            parts.append("</ul>")
    if not cautions and not alternatives:
        parts.append(f"<p>{esc(_('Nothing particular for this part: go gently.'))}</p>")
    # TRANSLATORS: C and Esc are keys on the keyboard; keep them as they are.
    closing = esc(_("Press C, click or press Esc to close."))
    parts.append(f"<p style='margin-top: 18px;'>{closing}</p>")
    return "".join(parts)


class CareOverlay(HelpOverlay):
    """A dimmed sheet like the keys sheet, showing what ``show_care`` is given."""

    def __init__(self, parent):
        super().__init__(parent)
        self.setObjectName("care_overlay")
        self.setAccessibleName(_("Cautions and alternatives"))
        self.text.setObjectName("care_text")
        self.text.setAccessibleName(_("Cautions and alternatives"))

    def show_care(self, title: str, half: str, cautions: list[str], alternatives: list[str]):
        self.text.setText(care_html(title, half, cautions, alternatives))
        self.popup()

    def popup(self) -> None:
        # Long cautions wrap within the window rather than run off its sides.
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(round(self.parentWidget().width() * 0.8))
        super().popup()

    def show_message(self, message: str) -> None:
        self.text.setText(f"<p>{markup.escape(message)}</p>")
        self.popup()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_C:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)
