"""Help → Diagnostics: every message of this run in full, and what a bug report needs."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach import __version__, paths
from hipcoach.i18n import _
from hipcoach.ui import notices as notice_text
from hipcoach.ui.notices import Notice


def diagnostics_text(notices: list[Notice]) -> str:
    """Plain text for a bug report: versions, folders, then each message in full."""
    lines = [
        f"hipcoach {__version__}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}",
        _("System: {system}").format(
            system=f"{platform.platform()} ({QGuiApplication.platformName() or sys.platform})"
        ),
        _("Data folder: {path}").format(path=paths.data_dir()),
        _("Log file: {path}").format(path=paths.log_file()),
        "",
    ]
    if not notices:
        lines.append(_("No warnings in this run."))
    for notice in notices:
        lines.append("• " + notice_text.full_text(notice).replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


class DiagnosticsDialog(QDialog):
    """Shows ``diagnostics_text``; Copy puts it on the clipboard for a bug report."""

    def __init__(self, notices: list[Notice], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("diagnostics_dialog")
        self.setWindowTitle(_("Diagnostics"))
        intro = QLabel(
            _(
                "What hipcoach noticed in this run, and what a bug report needs. "
                "Nothing here is sent anywhere."
            )
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("diagnostics_text")
        self.text.setReadOnly(True)
        self.text.setPlainText(diagnostics_text(notices))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(_("&Copy"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(_("Copy this text, to paste into a bug report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.text, 1)
        box.addWidget(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(_("Copied"))
