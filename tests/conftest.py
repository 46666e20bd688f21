"""Test-wide set-up: offscreen Qt, and a private home and data folder per test."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# Before anything imports Qt: no screen needed, and nothing may reach the real
# home folder (Qt and platformdirs both read HOME and the XDG variables).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_fake_home = Path(tempfile.mkdtemp(prefix="hipcoach-test-home-"))
os.environ["HOME"] = str(_fake_home)
for var, sub in (
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
):
    os.environ[var] = str(_fake_home / sub)
os.environ.setdefault("XDG_RUNTIME_DIR", str(_fake_home / "run"))
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
# Tests read English unless they choose a language, whatever the machine speaks.
for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(var, None)
os.environ["LANG"] = "en_US.UTF-8"
# And read local times in one zone, whatever the machine's (tests that are about zones
# give theirs explicitly).
os.environ["TZ"] = "UTC"
time.tzset()

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

# The check that fails a test leaving a Qt timer running or a thread alive (autouse;
# first, so that it looks after every other fixture is torn down); the private D-Bus
# session bus and fake desktop services (fixtures); pytester, to test the check.
pytest_plugins = ["leftovers", "private_bus", "pytester"]

from hipcoach import paths  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_app_palette():
    """The main window sets the application's palette; no test may pass it on to the next."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets else None
    before = app.palette() if app is not None else None
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets else None
    if app is not None:
        if before is None:
            # Created during this test: back to what Qt gives a new application.
            from PySide6.QtGui import QPalette

            before = QPalette()
        widgets.QApplication.setPalette(before)


@pytest.fixture(autouse=True)
def _english_again():
    """A test that switches language hands English back to the next one."""
    from hipcoach import i18n

    yield
    i18n.request_language(None)
    if i18n.language() != i18n.DEFAULT:
        ui_language = sys.modules.get("hipcoach.ui.language")
        if ui_language is not None:
            ui_language.apply_language(i18n.DEFAULT)
        else:
            i18n.set_language(i18n.DEFAULT)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own empty data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    paths.set_data_dir(None)
    yield folder
    paths.set_data_dir(None)
