"""Where hipcoach keeps things: the user's data folder and the shipped assets.

Every other module asks here, so one override (``--data-dir`` or the
``HIPCOACH_DATA_DIR`` environment variable) moves all personal data at once,
and tests never touch the real home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from hipcoach.i18n import _

APP_NAME = "hipcoach"
DATA_DIR_ENV = "HIPCOACH_DATA_DIR"

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` for all personal data from now on (``None`` restores the default)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path is not None else None


def data_dir() -> Path:
    """The folder for history, settings and custom routines (not created here)."""
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir_problem() -> str | None:
    """Why the data folder cannot be used, as a sentence to show, or None if it can.

    A folder that does not exist yet is fine (it is created when needed). One that
    exists but cannot be listed or entered (made with ``sudo``, another user's) is
    a problem: nothing in it can be read or saved.
    """
    folder = data_dir()
    try:
        os.listdir(folder)  # reading the folder
        os.stat(folder / "history.json")  # entering it
    except FileNotFoundError:
        return None
    except OSError as err:
        from hipcoach.core.os_reason import os_reason

        reason = os_reason(err)
        # TRANSLATORS: "sudo chown -R $USER" and "--data-dir DIR" are commands; keep them.
        return _(
            "hipcoach cannot open its data folder {folder} ({reason}), so your history, "
            "settings and own routines are not shown and nothing will be saved; defaults "
            "are in use. The folder may belong to another user or have been created with "
            "sudo: give your user access to it (for example: sudo chown -R $USER '{folder}'), "
            "or start hipcoach with --data-dir DIR to use another folder."
        ).format(folder=folder, reason=reason)
    return None


def ensure_data_dir() -> Path:
    """The data folder, created private to the user if it does not exist yet."""
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def custom_routines_dir() -> Path:
    return data_dir() / "routines"


def history_file() -> Path:
    return data_dir() / "history.json"


def settings_file() -> Path:
    return data_dir() / "settings.json"


#: The log file's name, in the data folder (or the one the window was started with).
LOG_NAME = "hipcoach.log"


def log_file() -> Path:
    return data_dir() / LOG_NAME


def assets_dir() -> Path:
    """The shipped assets: inside the package in a wheel, beside ``src/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parents[1] / "assets"):
        if (candidate / "routines").is_dir():
            return candidate
    raise FileNotFoundError(f"hipcoach's assets folder is missing (looked beside {here})")
