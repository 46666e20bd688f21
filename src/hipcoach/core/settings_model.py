"""The person's settings while hipcoach runs: one value, changed in one place, saved by it.

The application owns one ``SettingsModel``. Whoever shows or uses a preference
(the window, the settings dialog, the cue player, reminders) subscribes and is
told which fields changed; whoever changes one calls ``update``. The model
saves after every change of a saved field, through the ``save`` it was given
(``SettingsStore.save`` in the app: an atomic write, the file's format kept).

Mute lives here too, as the one value the mute key, the mute button and the
sound follow. It is not saved: hipcoach starts with sound on, as it always has.
A new preference needs only a field on ``Settings``: ``update`` and the change
notices work for it at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import msgspec

from hipcoach.core.settings import Settings

log = logging.getLogger(__name__)

#: The name ``SettingsChange.fields`` uses for mute, which is not a saved setting.
MUTED = "muted"


class SettingsChange(msgspec.Struct, frozen=True):
    """What changed: the names of the fields (``MUTED`` for mute) and the values now."""

    fields: frozenset[str]
    settings: Settings
    muted: bool

    def __contains__(self, name: object) -> bool:
        return name in self.fields


Listener = Callable[[SettingsChange], None]


class SettingsModel:
    """Holds the current ``Settings`` and mute; tells subscribers about every change."""

    def __init__(
        self,
        settings: Settings,
        save: Callable[[Settings], None],
        *,
        save_failed: Callable[[OSError], None] | None = None,
    ):
        self._settings = settings
        self._muted = False
        self._save = save
        #: Told why, when a change could not be written to disk (the change still applies).
        self.save_failed = save_failed
        self._listeners: list[tuple[Listener, frozenset[str]]] = []

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def muted(self) -> bool:
        return self._muted

    def subscribe(self, listener: Listener, *fields: str) -> Callable[[], None]:
        """Call ``listener`` after each change of one of ``fields`` (any field if none given).

        Returns a function that ends the subscription.
        """
        entry = (listener, frozenset(fields))
        self._listeners.append(entry)

        def unsubscribe(*_args: object) -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return unsubscribe

    def update(self, **changes: object) -> None:
        """Change the named fields of the settings, save them and tell the subscribers.

        Raises TypeError for a name that is not a field of ``Settings``.
        """
        self.replace(msgspec.structs.replace(self._settings, **changes))

    def replace(self, settings: Settings) -> None:
        """Make ``settings`` the current settings (as the settings dialog does)."""
        old = self._settings
        fields = frozenset(
            f for f in Settings.__struct_fields__ if getattr(old, f) != getattr(settings, f)
        )
        if not fields:
            return
        self._settings = settings
        self._write()
        self._tell(fields)

    def set_muted(self, muted: bool) -> None:
        """Silence every sound and the voice, or bring them back."""
        if muted != self._muted:
            self._muted = muted
            self._tell(frozenset({MUTED}))

    def toggle_mute(self) -> bool:
        """The mute key: returns the new state."""
        self.set_muted(not self._muted)
        return self._muted

    def _write(self) -> None:
        try:
            self._save(self._settings)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            if self.save_failed is not None:
                self.save_failed(exc)

    def _tell(self, fields: frozenset[str]) -> None:
        change = SettingsChange(fields, self._settings, self._muted)
        for listener, wanted in list(self._listeners):
            if not wanted or wanted & fields:
                listener(change)
