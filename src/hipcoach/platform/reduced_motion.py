"""Whether the desktop asks applications to reduce motion.

Qt 6.11 has no hint for it, so each desktop is asked where it keeps the setting.
Asking may start a process (``gsettings``, ``defaults``): call it after the
first frame, not before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def platform_reduced_motion() -> bool:
    """Whether the desktop asks apps to reduce motion (False when it cannot be told).

    Qt 6.11 has no reduced-motion hint (``QAccessibilityHints`` only knows
    contrast), so ask the desktops that keep the setting somewhere readable.
    """
    try:
        if sys.platform == "win32":
            import ctypes

            enabled = ctypes.c_int(1)
            spi_getclientareaanimation = 0x1042
            ctypes.windll.user32.SystemParametersInfoW(  # type: ignore[attr-defined]
                spi_getclientareaanimation, 0, ctypes.byref(enabled), 0
            )
            return not enabled.value
        if sys.platform == "darwin":
            out = _run(["defaults", "read", "com.apple.universalaccess", "reduceMotion"])
            return out == "1"
        desktop = os.environ.get("XDG_CURRENT_DESKTOP", "").upper()
        if "KDE" in desktop:
            config = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
            text = (config / "kdeglobals").read_text(encoding="utf-8", errors="replace")
            return "AnimationDurationFactor=0\n" in text.replace(" ", "")
        import shutil

        if desktop and shutil.which("gsettings"):
            out = _run(["gsettings", "get", "org.gnome.desktop.interface", "enable-animations"])
            return out == "false"
    except (OSError, AttributeError, ValueError):
        pass
    return False


def _run(argv: list[str]) -> str:
    import subprocess

    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=1.0, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()
