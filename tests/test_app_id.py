"""One application id, in reverse-DNS form, is what the desktop sees everywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from hipcoach import APP_ID, paths
from hipcoach.platform.screen_awake import DBusScreenAwake
from hipcoach.platform.single_instance import server_name_for

# The Desktop Entry specification's rule for a D-Bus-style id: at least three
# elements of letters, digits and underscores, none starting with a digit.
REVERSE_DNS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*){2,}")


def test_the_application_id_is_reverse_dns_and_fits_a_dbus_name():
    assert REVERSE_DNS.fullmatch(APP_ID)
    assert len(APP_ID) <= 255
    assert APP_ID.startswith("io.github.")


def test_the_single_instance_socket_is_named_after_the_application_id(tmp_path):
    assert server_name_for(tmp_path).startswith(APP_ID + "-")


def test_the_screen_saver_is_told_the_application_id():
    assert DBusScreenAwake(flatpak=False)._app_name == APP_ID


DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hipcoach import app as hipcoach_app

qt_app = QApplication(sys.argv[:1])

def report_and_close():
    print("desktop file name:", qt_app.desktopFileName())
    qt_app.closeAllWindows()

QTimer.singleShot(300, report_and_close)
sys.exit(hipcoach_app.run_gui(sys.argv[:1]))
"""


def test_the_window_declares_the_application_id_as_its_desktop_file_name(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", DRIVER], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"desktop file name: {APP_ID}" in result.stdout
