"""The keys, shown over the window: readable from the mat, gone with any click or Esc.

The sheet is opaque (the session under it would only distract), in the window's
own colours; the window pauses a running session while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hipcoach import markup
from hipcoach.i18n import _
from hipcoach.ui.action_table import keys_text, listed


def key_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for each listed action: "→  or  Page Down", "Next part: …"."""
    # Wider gaps around "or" than in running text: the sheet is read from the mat.
    return [(keys_text(spec, gap=" "), _(spec.help)) for spec in listed()]


class HelpOverlay(QWidget):
    """An opaque sheet over its parent listing the keys of ``action_table``; ``closed``
    when it goes."""

    closed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("help_overlay")
        self.setAccessibleName(_("Keys"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        rows = "".join(
            f"<tr><td align='right' style='padding: 6px 24px 6px 0;'><b>{markup.escape(k)}</b></td>"
            f"<td style='padding: 6px 0;'>{markup.escape(v)}</td></tr>"
            for k, v in key_rows()
        )
        heading = markup.escape(_("Keys"))
        closing = markup.escape(_("Click or press Esc to close."))
        self.text = QLabel(
            f"<h1 style='margin-bottom: 12px;'>{heading}</h1>"
            f"<table>{rows}</table>"
            f"<p style='margin-top: 18px;'>{closing}</p>",
            self,
        )
        self.text.setObjectName("help_text")
        self.text.setAccessibleName(_("Keys"))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(self)
        box.addWidget(self.text, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.popup()

    def popup(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        font = self.text.font()
        font.setPixelSize(max(15, round(parent.height() * 0.03)))
        self.text.setFont(font)
        self.raise_()
        self.show()
        self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, event) -> None:
        self.hide()
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question, Qt.Key.Key_F1):
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.closed.emit()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.end()
