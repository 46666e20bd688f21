"""The banner at the top of the window: app-level messages, each dismissible."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hipcoach.ui.palette import Palette
from hipcoach.ui.plain_text import PlainLabel


class NoticeBar(QWidget):
    """App-level messages, each dismissible on its own."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notices")
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(12, 8, 12, 0)
        self._palette: Palette | None = None
        self._suppressed = False
        self.hide()

    def add(self, text: str, kind: str = "info") -> QFrame:
        frame = QFrame(self)
        frame.setObjectName(f"notice_{kind}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(frame)
        label = PlainLabel(text, frame)
        label.setObjectName("notice_text")
        label.setWordWrap(True)
        label.setAccessibleName("Warning" if kind == "warning" else "Notice")
        close = QPushButton("Dismiss", frame)
        close.setAccessibleName("Dismiss this message")
        row.addWidget(label, 1)
        row.addWidget(close)
        close.clicked.connect(lambda: self.dismiss(frame))
        self._box.addWidget(frame)
        self._style(frame)
        self.setVisible(not self._suppressed)
        return frame

    def set_suppressed(self, suppressed: bool) -> None:
        """Mat mode: keep messages out of sight, and bring them back afterwards."""
        self._suppressed = suppressed
        self.setVisible(not suppressed and self._box.count() > 0)

    def dismiss(self, frame: QFrame) -> None:
        self._box.removeWidget(frame)
        frame.deleteLater()
        if self._box.count() == 0:
            self.hide()

    def notices(self) -> list[str]:
        return [
            f.findChild(QLabel, "notice_text").text()
            for f in self.findChildren(QFrame)
            if f.objectName().startswith("notice_") and f.parent() is self
        ]

    def set_colours(self, palette: Palette) -> None:
        self._palette = palette
        for frame in self.findChildren(QFrame):
            if frame.parent() is self:
                self._style(frame)

    def _style(self, frame: QFrame) -> None:
        p = self._palette
        if p is None:
            return
        back = p.warning if frame.objectName() == "notice_warning" else p.surface
        frame.setStyleSheet(
            f"#{frame.objectName()} {{ background: {back.name()}; border-radius: 6px; }}"
        )
