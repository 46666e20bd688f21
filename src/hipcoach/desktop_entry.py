"""The launcher entry for people who installed with pip or pipx.

A wheel cannot put files in the desktop's folders, so ``hipcoach
install-desktop-entry`` copies the ``.desktop`` entry, the AppStream metainfo and
the icons from the package into the user's XDG data folder (``$XDG_DATA_HOME``,
by default ``~/.local/share``), with ``Exec`` pointing at the program that ran
the command. ``uninstall-desktop-entry`` removes exactly those files. Both can be
run any number of times. No Qt here: it runs on a machine without a screen.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from hipcoach import APP_ID

#: The hicolor sizes shipped as PNG (assets/icons/hipcoach-<size>.png).
ICON_SIZES = (16, 32, 48, 64, 128, 256)

# The Desktop Entry specification's characters that need quoting in an Exec argument.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def xdg_data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` if it is set to an absolute path, else ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def planned_files(assets: Path, data_home: Path) -> list[tuple[Path, Path]]:
    """(shipped file, where it goes) for everything the entry consists of."""
    desktop = assets / "desktop"
    hicolor = data_home / "icons" / "hicolor"
    files = [
        (desktop / f"{APP_ID}.desktop", data_home / "applications" / f"{APP_ID}.desktop"),
        (desktop / f"{APP_ID}.metainfo.xml", data_home / "metainfo" / f"{APP_ID}.metainfo.xml"),
        (assets / "icons" / "hipcoach.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg"),
    ]
    for size in ICON_SIZES:
        source = assets / "icons" / f"hipcoach-{size}.png"
        files.append((source, hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    return files


def launcher_command() -> str:
    """How the desktop should start this hipcoach, as an ``Exec`` value.

    A bundle is its own executable. A pip or pipx install has a ``hipcoach``
    script beside its Python; the desktop session's ``PATH`` often lacks that
    folder (``~/.local/bin``), so the full path is written.
    """
    if getattr(sys, "frozen", False):
        return exec_quote(sys.executable)
    script = Path(sys.executable).parent / "hipcoach"
    if script.is_file():
        return exec_quote(str(script))
    found = shutil.which("hipcoach")
    if found:
        return exec_quote(str(Path(found).resolve()))
    return f"{exec_quote(sys.executable)} -m hipcoach"


def exec_quote(argument: str) -> str:
    """One ``Exec`` argument, quoted as the Desktop Entry specification asks."""
    if argument and not (_EXEC_RESERVED & set(argument)):
        return argument.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # The key-file format unescapes backslashes once more before the Exec rules apply.
    return '"' + escaped.replace("\\", "\\\\").replace("%", "%%") + '"'


def desktop_entry_text(shipped: str, command: str) -> str:
    """The shipped entry with ``Exec`` set to ``command``."""
    lines = [
        f"Exec={command}" if line.startswith("Exec=") else line for line in shipped.splitlines()
    ]
    return "\n".join(lines) + "\n"


def install(assets: Path, data_home: Path, command: str) -> list[Path]:
    """Write the entry, metainfo and icons under ``data_home``; returns the files written.

    Existing copies are replaced (an older version's, or one pointing at a
    program that has moved), each atomically.
    """
    written = []
    for source, target in planned_files(assets, data_home):
        if target.suffix == ".desktop":
            content = desktop_entry_text(source.read_text(encoding="utf-8"), command).encode()
        else:
            content = source.read_bytes()
        _write_atomically(target, content)
        written.append(target)
    _tell_icon_caches(data_home)
    return written


def uninstall(assets: Path, data_home: Path) -> list[Path]:
    """Remove what :func:`install` wrote; returns the files that were there."""
    removed = []
    for _source, target in planned_files(assets, data_home):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
    if removed:
        _tell_icon_caches(data_home)
    return removed


def _write_atomically(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(content)
    temporary.chmod(0o644)
    os.replace(temporary, target)


def _tell_icon_caches(data_home: Path) -> None:
    # GTK trusts an icon-theme.cache only while it is newer than its folder.
    hicolor = data_home / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)
