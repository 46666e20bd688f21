"""What hipcoach runs on, for ``hipcoach --version``, Help → About and bug reports.

Reading Qt's version loads QtCore, so this is only called when asked (never at start-up).
"""

from __future__ import annotations

import platform
import sys

from hipcoach import __version__


def versions() -> dict[str, str]:
    """hipcoach, Qt (the library loaded at run time), PySide6 and Python versions."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "hipcoach": __version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
    }


def version_text() -> str:
    """One ``name version`` per line, as ``hipcoach --version`` prints it."""
    return "\n".join(f"{name} {number}" for name, number in versions().items())


def diagnostics(data_dir: str, qt_platform: str = "") -> str:
    """The text "Copy diagnostics" puts on the clipboard: versions, system, data folder."""
    lines = [version_text()]
    lines.append(f"System {platform.platform()} ({sys.platform}, {platform.machine()})")
    if qt_platform:
        lines.append(f"Qt platform {qt_platform}")
    if getattr(sys, "frozen", False):
        lines.append("Installed as the bundle")
    lines.append(f"Data folder {data_dir}")
    return "\n".join(lines) + "\n"
