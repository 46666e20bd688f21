"""Cue sounds: the breath and step signals a person follows with eyes closed.

Everything that needs Qt Multimedia is imported inside ``create_sound_sink``
and ``QtSoundSink``: on a machine without libpulse (or without any sound
device) importing this module must still work, and the app must run silent
with a sentence saying why, never with a traceback.
"""

from __future__ import annotations

import enum
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from hipcoach.core import cues
from hipcoach.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

UNAVAILABLE = "Sound is unavailable"


class Cue(enum.Enum):
    """A sound the session can ask for; the value is the file's stem in assets/sounds/."""

    # The names the core's cue scheduler asks for, so the two can never drift apart.
    INHALE = cues.INHALE
    EXHALE = cues.EXHALE
    HOLD = cues.HOLD
    SWITCH_SIDES = cues.SWITCH_SIDES
    NEXT_STEP = cues.NEXT_STEP
    SESSION_END = cues.SESSION_END

    @property
    def file_name(self) -> str:
        return f"{self.value}.wav"


@runtime_checkable
class SoundSink(Protocol):
    """Where cues go. ``play`` returns at once and never raises."""

    available: bool
    unavailable_reason: str

    def play(self, cue: Cue) -> None: ...

    def set_volume(self, volume: float) -> None:
        """0.0 (silent) to 1.0 (full); values outside are clamped."""

    def set_muted(self, muted: bool) -> None: ...


def _clamp_volume(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))


class NullSoundSink:
    """Plays nothing, and says why (shown to the person in settings/status)."""

    available = False

    def __init__(self, reason: str) -> None:
        self.unavailable_reason = reason
        self.volume = 1.0
        self.muted = False

    def play(self, cue: Cue) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self.muted = bool(muted)


class RecordingSoundSink:
    """A test double: remembers ``(cue, clock())`` for every cue that would be heard.

    Cues asked for while muted or at volume 0 are not recorded, since nobody
    would hear them; ``requested`` keeps every call regardless.
    """

    available = True
    unavailable_reason = ""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.played: list[tuple[Cue, float]] = []
        self.requested: list[tuple[Cue, float]] = []
        self.volume = 1.0
        self.muted = False

    def play(self, cue: Cue) -> None:
        entry = (cue, self._clock())
        self.requested.append(entry)
        if not self.muted and self.volume > 0.0:
            self.played.append(entry)

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self.muted = bool(muted)

    @property
    def cues(self) -> list[Cue]:
        return [cue for cue, _ in self.played]


class QtSoundSink:
    """One preloaded QSoundEffect per cue on the default audio output.

    QSoundEffect, not QMediaPlayer: it decodes the WAV once, up front, so a
    cue starts within a few milliseconds of ``play`` (a breath cue that is
    late by the time it takes to open and decode a file is felt as off-beat).
    It also takes no audio focus and sets no media role, so the sound server
    does not pause or duck music the person is playing alongside.
    """

    available = True
    unavailable_reason = ""

    def __init__(self, sounds_dir: Path, parent: QObject | None = None) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        self._status_error = QSoundEffect.Status.Error
        self._effects: dict[Cue, QSoundEffect] = {}
        self._volume = 1.0
        self._muted = False
        for cue in Cue:
            effect = QSoundEffect(parent)
            # Loading is asynchronous (Loading -> Ready or Error); starting it
            # here means it is long done before the first breath cue.
            effect.setSource(QUrl.fromLocalFile(str(sounds_dir / cue.file_name)))
            effect.statusChanged.connect(lambda cue=cue: self._log_if_failed(cue))
            self._effects[cue] = effect

    def _log_if_failed(self, cue: Cue) -> None:
        effect = self._effects.get(cue)
        if effect is not None and effect.status() == self._status_error:
            log.warning("the %s cue could not be loaded; it will be silent", cue.value)

    @property
    def effects(self) -> dict[Cue, object]:
        """The QSoundEffect per cue (for diagnostics and tests)."""
        return dict(self._effects)

    def play(self, cue: Cue) -> None:
        if self._muted or self._volume == 0.0:
            return
        # play() on a cue that is still sounding restarts it, which is what a
        # fast breath pattern wants (a fresh cue, not a queued one).
        self._effects[cue].play()

    def set_volume(self, volume: float) -> None:
        from PySide6.QtMultimedia import QtAudio

        self._volume = _clamp_volume(volume)
        # The slider is perceptual (halfway should sound half as loud);
        # QSoundEffect's volume is a linear gain.
        linear = QtAudio.convertVolume(
            self._volume,
            QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale,
        )
        for effect in self._effects.values():
            effect.setVolume(linear)

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        for effect in self._effects.values():
            effect.setMuted(self._muted)
            if self._muted:
                effect.stop()


def _import_failure_reason(exc: BaseException) -> str:
    # "libpulse.so.0: cannot open shared object file: ..." names the missing
    # library first; that name is what a person (or a bug report) needs.
    missing = re.match(r"\s*([\w.+-]+\.so[\w.]*)\s*:", str(exc))
    detail = _("{library} missing").format(library=missing.group(1)) if missing else str(exc)
    return _("Sound is unavailable: the Qt multimedia library could not load ({detail})").format(
        detail=detail
    )


def create_sound_sink(assets_dir: Path, parent: QObject | None = None) -> SoundSink:
    """The best sink this machine can offer; a ``NullSoundSink`` with a reason otherwise.

    Call after the QApplication exists. Never raises.
    """
    sounds_dir = Path(assets_dir) / "sounds"
    missing = [cue.file_name for cue in Cue if not (sounds_dir / cue.file_name).is_file()]
    if missing:
        return NullSoundSink(
            _("Sound is unavailable: cue files missing from {folder}: {files}").format(
                folder=sounds_dir, files=", ".join(missing)
            )
        )
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except (ImportError, OSError) as exc:
        log.info("Qt Multimedia did not import: %s", exc)
        return NullSoundSink(_import_failure_reason(exc))
    try:
        if not QMediaDevices.audioOutputs():
            return NullSoundSink(_("Sound is unavailable: no audio output device found"))
        return QtSoundSink(sounds_dir, parent)
    except Exception as exc:  # a broken sound stack must not stop a session
        log.exception("could not set up sound")
        return NullSoundSink(_("Sound is unavailable: {reason}").format(reason=exc))
