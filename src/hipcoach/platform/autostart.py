"""Start hipcoach when the person logs in (off by default; a setting turns it on).

* Linux and other XDG desktops: a ``.desktop`` file in ``$XDG_CONFIG_HOME/autostart``.
* Windows: a value under the current user's ``…\\CurrentVersion\\Run`` registry key.
* macOS: a LaunchAgent property list in ``~/Library/LaunchAgents``.

Each starts ``hipcoach --tray``, which opens to the tray icon, not the window.
``enable`` and ``disable`` raise OSError with a readable message when the
system refuses; turning it off again removes only what hipcoach wrote.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from hipcoach import i18n
from hipcoach.core.storage import atomic_write_bytes
from hipcoach.i18n import N_, _

#: The argument that makes hipcoach open to the tray.
TRAY_ARGUMENT = "--tray"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class Autostart(Protocol):
    #: Where it lives, for the settings ("~/.config/autostart/….desktop").
    location: str

    def enabled(self) -> bool: ...

    def enable(self) -> None: ...

    def disable(self) -> None: ...


def launch_command() -> list[str]:
    """How to start this hipcoach again: its installed script, else this Python with ``-m``."""
    script = shutil.which("hipcoach")
    if script:
        return [str(Path(script).resolve()), TRAY_ARGUMENT]
    python = Path(sys.executable)
    if sys.platform == "win32":
        # pythonw has no console window to flash up at login.
        windowed = python.with_name("pythonw.exe")
        python = windowed if windowed.exists() else python
    return [str(python), "-m", "hipcoach", TRAY_ARGUMENT]


# --- XDG ------------------------------------------------------------------------


def _exec_quote(argument: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry Specification, "Exec")."""
    # "%" starts a field code, so a literal one is doubled.
    argument = argument.replace("%", "%%")
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if argument and not reserved.intersection(argument):
        return argument
    for char in ("\\", '"', "`", "$"):
        argument = argument.replace(char, "\\" + char)
    return f'"{argument}"'


def desktop_entry(app_id: str, command: Sequence[str]) -> str:
    """The text of the autostart file."""
    exec_line = " ".join(_exec_quote(part) for part in command)
    # The Exec line is a string value: the file format escapes backslashes once more.
    exec_line = exec_line.replace("\\", "\\\\")
    comment = N_("Movement-break and practice reminders, from the tray")
    # The English for every desktop, and the person's language beside it.
    language = i18n.language()
    translated = (
        f"Comment[{language}]={_(comment)}\n" if language not in (i18n.DEFAULT, i18n.PSEUDO) else ""
    )
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=hipcoach\n"
        f"Comment={comment}\n"
        f"{translated}"
        f"Exec={exec_line}\n"
        f"Icon={app_id}\n"
        "Terminal=false\n"
        "Categories=Utility;\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class XdgAutostart:
    def __init__(self, app_id: str, command: Sequence[str], config_home: Path | None = None):
        if config_home is None:
            config_home = Path(
                os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
            ).expanduser()
        self.path = config_home / "autostart" / f"{app_id}.desktop"
        self.location = str(self.path)
        self._app_id = app_id
        self._command = list(command)

    def enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        text = desktop_entry(self._app_id, self._command)
        atomic_write_bytes(self.path, text.encode("utf-8"), keep_backup=False)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# --- Windows ----------------------------------------------------------------------


class WindowsAutostart:
    """A value named after the app under HKEY_CURRENT_USER's Run key."""

    def __init__(self, value_name: str, command: Sequence[str], registry: Any = None):
        if registry is None:
            import winreg as registry  # ImportError off Windows
        self._reg = registry
        self._name = value_name
        self._command = " ".join(f'"{part}"' for part in command)
        self.location = rf"HKEY_CURRENT_USER\{RUN_KEY}\{value_name}"

    def enabled(self) -> bool:
        try:
            with self._reg.OpenKey(self._reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                self._reg.QueryValueEx(key, self._name)
        except OSError:
            return False
        return True

    def enable(self) -> None:
        with self._reg.CreateKey(self._reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            self._reg.SetValueEx(key, self._name, 0, self._reg.REG_SZ, self._command)

    def disable(self) -> None:
        try:
            with self._reg.OpenKey(
                self._reg.HKEY_CURRENT_USER, RUN_KEY, 0, self._reg.KEY_SET_VALUE
            ) as key:
                self._reg.DeleteValue(key, self._name)
        except FileNotFoundError:
            pass


# --- macOS --------------------------------------------------------------------------


def launch_agent(label: str, command: Sequence[str]) -> bytes:
    """The LaunchAgent property list: run once at login, never restarted."""
    return plistlib.dumps(
        {
            "Label": label,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",
        }
    )


class MacAutostart:
    def __init__(self, label: str, command: Sequence[str], home: Path | None = None):
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{label}.plist"
        self.location = str(self.path)
        self._label = label
        self._command = list(command)

    def enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        atomic_write_bytes(self.path, launch_agent(self._label, self._command), keep_backup=False)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


def create_autostart(
    app_id: str, platform: str = sys.platform, command: Sequence[str] | None = None
) -> Autostart:
    """The start-at-login mechanism of this platform."""
    command = list(command) if command is not None else launch_command()
    if platform == "win32":
        return WindowsAutostart("hipcoach", command)
    if platform == "darwin":
        return MacAutostart(app_id, command)
    return XdgAutostart(app_id, command)
