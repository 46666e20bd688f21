"""Help → About and ``hipcoach --version`` show the same versions; diagnostics for bug reports."""

from __future__ import annotations

import platform

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

from hipcoach import __version__, cli, paths
from hipcoach.core.clock import FakeClock
from hipcoach.ui.about_dialog import AboutDialog
from test_ui_fixtures import make_window


def test_version_prints_hipcoach_qt_pyside_and_python(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.splitlines() == [
        f"hipcoach {__version__}",
        f"Qt {qVersion()}",
        f"PySide6 {PySide6.__version__}",
        f"Python {platform.python_version()}",
    ]


def test_about_shows_the_versions_and_the_data_folder(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "data")
    qtbot.addWidget(dialog)
    assert dialog.versions_label.text() == (
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}, Python {platform.python_version()}"
    )
    assert dialog.folder_label.text() == str(tmp_path / "data")


def test_copy_diagnostics_puts_the_versions_and_data_folder_on_the_clipboard(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "data")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert f"hipcoach {__version__}\nQt {qVersion()}\nPySide6 {PySide6.__version__}\n" in text
    assert f"Data folder {tmp_path / 'data'}" in text
    assert "Qt platform offscreen" in text
    assert dialog.copy_button.text() == "Copied"


def test_open_data_folder_asks_the_desktop_to_open_it_creating_it_first(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "data")
    qtbot.addWidget(dialog)
    opened = []
    dialog.open_url = opened.append
    dialog.open_button.click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "data")]
    assert (tmp_path / "data").is_dir()


def test_help_about_opens_the_about_dialog_for_this_data_folder(qtbot):
    window, _saves = make_window(qtbot, clock=FakeClock())
    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog.isVisible()
    assert dialog.folder_label.text() == str(paths.data_dir())
    dialog.close()
