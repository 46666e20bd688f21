"""The person's preferences, kept in ``settings.json`` in the data folder.

A missing file means defaults. A bad file is moved aside (never deleted) and
defaults are used, with a message saying so; saving is atomic.
"""

# No ``from __future__ import annotations`` here: msgspec would then compile each of
# this module's annotation strings the first time it converts a document (~3 ms of
# start-up, tests/test_startup.py).
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from hipcoach.core.cues import ALL_CUES
from hipcoach.core.os_reason import os_reason
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.safe_read import read_json_file
from hipcoach.core.storage import atomic_write_bytes, move_aside
from hipcoach.core.validation import convert
from hipcoach.i18n import _

MAX_SETTINGS_BYTES = 256 * 1024

#: "HH:MM", 24-hour local time.
ClockTime = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
#: Days of the week, Monday = 0 … Sunday = 6.
Weekdays = Annotated[list[Annotated[int, msgspec.Meta(ge=0, le=6)]], msgspec.Meta(max_length=7)]
RoutineId = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class Settings(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    get_ready_seconds: Annotated[float, msgspec.Meta(ge=0, le=60)] = 5.0
    reduced_motion: bool | None = None  # None: follow the platform
    color_scheme: Literal["system", "light", "dark"] = "system"
    sound_enabled: bool = True
    volume: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.7
    cues: dict[str, bool] = msgspec.field(default_factory=lambda: dict.fromkeys(ALL_CUES, True))
    voice_enabled: bool = False
    checkins_enabled: bool = True
    last_routine: str | None = None
    window_geometry: Annotated[str, msgspec.Meta(max_length=4096)] | None = None
    #: "system" follows the desktop; a code this version has no catalogue for means
    #: the same, so a newer version's choice never makes the file unreadable.
    language: Annotated[str, msgspec.Meta(max_length=35)] = "system"
    #: The safety note was read and acknowledged before the first session.
    safety_acknowledged: bool = False
    # Reminders (docs/settings.md): movement breaks, the daily practice, when they may come.
    break_reminders: bool = False
    break_every_minutes: Annotated[int, msgspec.Meta(ge=1, le=24 * 60)] = 50
    break_routine: RoutineId = "two-minute-reset"
    practice_reminder: bool = False
    practice_time: ClockTime = "19:00"
    practice_days: Weekdays = msgspec.field(default_factory=lambda: [0, 1, 2, 3, 4])
    practice_routine: RoutineId = "evening-hip-unwind"
    active_from: ClockTime = "00:00"
    active_until: ClockTime = "00:00"  # the same as active_from: all day
    active_days: Weekdays = msgspec.field(default_factory=lambda: list(range(7)))
    reminders_paused_until: datetime | None = None
    start_at_login: bool = False
    tray_notice_shown: bool = False
    #: Notices the person dismissed, by key (a code and a digest of the cause).
    dismissed_notices: Annotated[
        tuple[Annotated[str, msgspec.Meta(max_length=80)], ...], msgspec.Meta(max_length=64)
    ] = ()
    format: Literal[1] = 1

    def cue_enabled(self, cue: str) -> bool:
        """Whether ``cue`` sounds: sound on and that cue not turned off (unknown cues: on)."""
        return self.sound_enabled and self.cues.get(cue, True)


#: Kept by the main settings dialog's "Restore defaults": they have a dialog of their own.
REMINDER_KEYS = (
    "break_reminders", "break_every_minutes", "break_routine", "practice_reminder",
    "practice_time", "practice_days", "practice_routine", "active_from", "active_until",
    "active_days", "reminders_paused_until", "start_at_login", "tray_notice_shown",
)  # fmt: skip


class SettingsLoad(msgspec.Struct):
    """The settings read, and what went wrong reading them, as data (``problem``,
    ``params``) worded by :attr:`message` when it is shown, in the language of then."""

    settings: Settings
    #: ``unreadable``, ``moved-aside``, ``not-moved-aside``, or ``data-dir`` (the data
    #: folder cannot be entered; ``params["message"]`` says so); None when all went well.
    problem: str | None = None
    params: dict[str, Any] = msgspec.field(default_factory=dict)

    @property
    def message(self) -> str | None:
        """What the person is told about their settings file, or None."""
        p = self.params
        if self.problem == "unreadable":
            return _(
                "Your settings in {path} could not be read ({reason}). Defaults are in use, "
                "and changes will not be saved until hipcoach can read that file again, so "
                "it is left as it is."
            ).format(path=p["path"], reason=p["reason"])
        if self.problem == "not-moved-aside":
            reason = "\n".join(str(problem) for problem in p["problems"])
            return _("Settings could not be read ({reason}); {error}").format(
                reason=reason, error=p["error"]
            )
        if self.problem == "moved-aside":
            return _(
                "Your settings could not be read ({reason}). Defaults are in use; the old "
                "file was kept as {moved}."
            ).format(reason=str(p["problems"][0]), moved=p["moved"])
        if self.problem == "data-dir":
            return str(p["message"])
        return None


class SettingsStore:
    """Reads and atomically writes ``settings.json``.

    A file that cannot be *read* (permission denied, an I/O error) is not judged:
    it may be fine, so it is neither moved aside nor overwritten. Defaults are used
    for that run and ``save()`` leaves the file alone (``writable`` is False).
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.writable = True

    def load(self) -> SettingsLoad:
        """The saved settings, or the defaults and why, never an exception.

        No file: the defaults. A bad file (not JSON, a wrong field, too large) is moved
        aside and the defaults are used, with the problems; a file that cannot be read
        leaves the store read-only so it is not written over.
        """
        name = self.path.name
        try:
            value = read_json_file(self.path, MAX_SETTINGS_BYTES, name)
            return SettingsLoad(convert(value, Settings, name))
        except InvalidDocument as exc:
            problems = exc.problems
        except FileNotFoundError:
            return SettingsLoad(Settings())
        except OSError as exc:
            self.writable = False
            params = {"path": self.path, "reason": os_reason(exc)}
            return SettingsLoad(Settings(), "unreadable", params)
        try:
            moved = move_aside(self.path)
        except OSError as exc:
            params = {"problems": problems, "error": exc}
            return SettingsLoad(Settings(), "not-moved-aside", params)
        return SettingsLoad(Settings(), "moved-aside", {"problems": problems, "moved": moved})

    def save(self, settings: Settings) -> None:
        """Write ``settings`` atomically (mode 0600); nothing if the store is read-only.
        ``OSError`` is raised to the caller, which says so."""
        if not self.writable:
            return
        data = msgspec.json.format(msgspec.json.encode(settings), indent=2) + b"\n"
        atomic_write_bytes(self.path, data)
