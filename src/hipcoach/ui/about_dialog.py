"""Help → About: the versions, the data folder (with a button that opens it) and
"Copy diagnostics", which puts what a bug report needs on the clipboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach.i18n import _
from hipcoach.ui.plain_text import PlainLabel
from hipcoach.versions import diagnostics, versions


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(_("About hipcoach"))
        self.data_dir = Path(data_dir)
        found = versions()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        title = PlainLabel(_("hipcoach {version}").format(version=found["hipcoach"]))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(
            PlainLabel(_("A breathwork and hip-stretch timer you can follow from the mat."))
        )
        self.versions_label = PlainLabel(
            _("Qt {qt}, PySide6 {pyside}, Python {python}").format(
                qt=found["Qt"], pyside=found["PySide6"], python=found["Python"]
            )
        )
        layout.addWidget(self.versions_label)
        layout.addWidget(PlainLabel(_("Your history, settings and routines are kept in:")))
        self.folder_label = PlainLabel(str(self.data_dir))
        # Selectable, so the path can be copied into a file manager or a terminal.
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(_("Open data folder"))
        self.copy_button = QPushButton(_("Copy diagnostics"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_data_folder)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        layout.addWidget(buttons)
        #: Opens a folder in the desktop's file manager; tests replace it.
        self.open_url = QDesktopServices.openUrl

    def diagnostics_text(self) -> str:
        return diagnostics(str(self.data_dir), QGuiApplication.platformName())

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics_text())
        self.copy_button.setText(_("Copied"))

    def open_data_folder(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.open_url(QUrl.fromLocalFile(str(self.data_dir)))
