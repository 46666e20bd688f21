"""Start at login: the XDG autostart file (checked by desktop-file-validate), the
Windows Run key with a fake registry, the macOS LaunchAgent."""

from __future__ import annotations

import plistlib
import shutil
import subprocess

import pytest

from hipcoach.platform.autostart import (
    RUN_KEY,
    MacAutostart,
    WindowsAutostart,
    XdgAutostart,
    create_autostart,
    desktop_entry,
    launch_command,
)

APP_ID = "io.github.hipcoach.Hipcoach"


def validate(path):
    tool = shutil.which("desktop-file-validate")
    assert tool, "install Debian's desktop-file-utils (.ci/run does)"
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=30)
    return result.returncode, (result.stdout + result.stderr).strip()


def test_xdg_autostart_writes_a_valid_desktop_file_and_removes_it(tmp_path):
    autostart = XdgAutostart(APP_ID, ["/usr/bin/hipcoach", "--tray"], config_home=tmp_path)
    assert not autostart.enabled()
    autostart.enable()
    assert autostart.enabled()
    assert autostart.path == tmp_path / "autostart" / f"{APP_ID}.desktop"
    assert validate(autostart.path) == (0, "")
    text = autostart.path.read_text()
    assert "Exec=/usr/bin/hipcoach --tray\n" in text
    assert "Type=Application\n" in text
    autostart.disable()
    assert not autostart.enabled()
    autostart.disable()  # twice is fine


@pytest.mark.parametrize(
    "python",
    ["/home/ana maría/venv/bin/python3", "/opt/100%/$HOME/py`x`", '/srv/a"b\\c/python'],
)
def test_awkward_paths_are_quoted_so_the_file_stays_valid(tmp_path, python):
    autostart = XdgAutostart(APP_ID, [python, "-m", "hipcoach", "--tray"], config_home=tmp_path)
    autostart.enable()
    assert validate(autostart.path) == (0, "")
    exec_line = next(
        line for line in autostart.path.read_text().splitlines() if line.startswith("Exec=")
    )
    assert exec_line.endswith(" -m hipcoach --tray")
    assert exec_line.startswith('Exec="')


def test_the_autostart_file_starts_hipcoach_in_the_tray():
    assert launch_command()[-1] == "--tray"
    assert "Exec=" in desktop_entry(APP_ID, launch_command())


def test_the_autostart_file_is_named_after_the_application_id(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    autostart = create_autostart(APP_ID, platform="linux", command=["hipcoach", "--tray"])
    assert autostart.location == str(tmp_path / "autostart" / f"{APP_ID}.desktop")


class FakeKey:
    def __init__(self, values):
        self.values = values

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeRegistry:
    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self):
        self.keys: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}

    def CreateKey(self, root, path):
        return FakeKey(self.keys.setdefault((root, path), {}))

    def OpenKey(self, root, path, reserved=0, access=0):
        if (root, path) not in self.keys:
            raise FileNotFoundError(2, "no such key")
        return FakeKey(self.keys[(root, path)])

    def SetValueEx(self, key, name, reserved, kind, value):
        key.values[name] = (kind, value)

    def QueryValueEx(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "no such value")
        kind, value = key.values[name]
        return value, kind

    def DeleteValue(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "no such value")
        del key.values[name]


def test_windows_uses_the_current_users_run_key():
    registry = FakeRegistry()
    command = [r"C:\Program Files\Python\pythonw.exe", "-m", "hipcoach", "--tray"]
    autostart = WindowsAutostart("hipcoach", command, registry=registry)
    assert not autostart.enabled()
    autostart.enable()
    assert autostart.enabled()
    assert registry.keys[("HKCU", RUN_KEY)] == {
        "hipcoach": (1, r'"C:\Program Files\Python\pythonw.exe" "-m" "hipcoach" "--tray"')
    }
    autostart.disable()
    assert not autostart.enabled()
    autostart.disable()


def test_macos_writes_a_launch_agent_that_runs_at_login(tmp_path):
    autostart = MacAutostart(APP_ID, ["/usr/local/bin/hipcoach", "--tray"], home=tmp_path)
    autostart.enable()
    agent = plistlib.loads(autostart.path.read_bytes())
    assert autostart.path == tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == ["/usr/local/bin/hipcoach", "--tray"]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] is False
    autostart.disable()
    assert not autostart.enabled()
