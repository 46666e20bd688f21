"""The line at the top of the window: every message for the person, in one compact row.

One notice shows its headline; several show how many there are. "Details…" opens
Help → Diagnostics, where each is written out in full; "Dismiss" hides them and
remembers it (see ``notices.Notice.key``), so the same warning does not come back
at every launch.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hipcoach.i18n import _
from hipcoach.ui import notices as notice_text
from hipcoach.ui.notices import Notice
from hipcoach.ui.palette import Palette
from hipcoach.ui.plain_text import PlainLabel


class NoticeBar(QWidget):
    """All notices in one dismissible line; ``all_notices()`` keeps every one for Diagnostics."""

    detailsRequested = Signal()
    dismissed = Signal(list)  # the keys just dismissed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notices")
        self._palette: Palette | None = None
        self._suppressed = False
        self._notices: list[Notice] = []
        self._dismissed: set[str] = set()

        self.frame = QFrame(self)
        self.frame.setObjectName("notice_line")
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.frame)
        row.setContentsMargins(10, 3, 4, 3)
        self.text = PlainLabel("", self.frame)
        self.text.setObjectName("notice_text")
        self.text.setWordWrap(True)
        self.details_button = QPushButton(self.frame)
        self.details_button.setObjectName("notice_details")
        self.dismiss_button = QPushButton(self.frame)
        self.dismiss_button.setObjectName("notice_dismiss")
        for button in (self.details_button, self.dismiss_button):
            button.setAutoDefault(False)
        row.addWidget(self.text, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.dismiss_button)
        self.details_button.clicked.connect(self.detailsRequested)
        self.dismiss_button.clicked.connect(self.dismiss)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 6, 12, 0)
        box.addWidget(self.frame)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons and the headlines in the current language (notices are kept as data)."""
        self.details_button.setText(_("Details…"))
        self.details_button.setAccessibleName(_("Show the details in Diagnostics"))
        self.dismiss_button.setText(_("Dismiss"))
        self.dismiss_button.setAccessibleName(_("Dismiss these messages"))
        self._update()

    def set_dismissed(self, keys: set[str]) -> None:
        """Keys dismissed in an earlier run: such notices are kept but not shown."""
        self._dismissed = set(keys)
        self._update()

    def add(self, notice: Notice) -> None:
        if notice in self._notices:
            return
        self._notices.append(notice)
        self._update()

    def showing(self) -> list[Notice]:
        """The notices on the line now (neither dismissed nor hidden by mat mode aside)."""
        return [n for n in self._notices if n.key not in self._dismissed]

    def all_notices(self) -> list[Notice]:
        """Every notice this run, dismissed or not: Diagnostics lists them all."""
        return list(self._notices)

    def notices(self) -> list[str]:
        """The full text of each notice on the line."""
        return [notice_text.full_text(n) for n in self.showing()]

    def dismiss(self) -> None:
        keys = [n.key for n in self.showing()]
        self._dismissed.update(keys)
        self._update()
        if keys:
            self.dismissed.emit(keys)

    def set_suppressed(self, suppressed: bool) -> None:
        """Mat mode: keep messages out of sight, and bring them back afterwards."""
        self._suppressed = suppressed
        self._update()

    def set_colours(self, palette: Palette) -> None:
        self._palette = palette
        self._style()

    def _update(self) -> None:
        shown = self.showing()
        if shown:
            self.text.setText(notice_text.summary(shown))
            self.text.setAccessibleName(" ".join(notice_text.full_text(n) for n in shown))
        self._style(shown)
        self.setVisible(bool(shown) and not self._suppressed)

    def _style(self, shown: list[Notice] | None = None) -> None:
        """The bar's colours for ``shown`` (what it shows now, unless given)."""
        p = self._palette
        if p is None:
            return
        shown = self.showing() if shown is None else shown
        warning = any(n.kind == "warning" for n in shown)
        back = p.warning if warning else p.surface
        self.frame.setStyleSheet(
            f"#notice_line {{ background: {back.name()}; border-radius: 6px; }}"
            f"#notice_text {{ color: {p.text.name()}; }}"
        )
