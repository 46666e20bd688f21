"""Plays the sound cues and speaks the guidance for a running session.

Which cue is due comes from the core's ``cues_for``, fed by the session
driver's updates; this class only applies the person's settings (sound on,
each cue on or off, volume, mute, voice) and hands the cue to the sound sink
and the speech engine it was given.
"""

from __future__ import annotations

from hipcoach.core.cues import cues_for
from hipcoach.core.driver import SessionUpdate
from hipcoach.core.session import State
from hipcoach.core.session_events import PartStarted
from hipcoach.core.settings_model import MUTED, SettingsChange, SettingsModel
from hipcoach.core.timeline import Segment, SegmentKind
from hipcoach.platform.sound import Cue, SoundSink
from hipcoach.platform.speech import Speech


def spoken_text(segment: Segment) -> str:
    """What is said aloud when ``segment`` begins, in the current language."""
    return segment.title if segment.kind is SegmentKind.SWITCH else segment.label


class CuePlayer:
    """Follows the settings model for volume and mute, and the session driver for cues."""

    def __init__(self, sink: SoundSink, speech: Speech | None, settings: SettingsModel):
        self._sink = sink
        self._speech = speech
        self._model = settings
        self._apply_volume(settings.settings.volume)
        self._apply_mute(settings.muted)
        settings.subscribe(self._settings_changed, "volume", MUTED)

    def _settings_changed(self, change: SettingsChange) -> None:
        if "volume" in change:
            self._apply_volume(change.settings.volume)
        if MUTED in change:
            self._apply_mute(change.muted)

    def _apply_volume(self, volume: float) -> None:
        self._sink.set_volume(volume)
        if self._speech is not None:
            self._speech.set_volume(volume)

    def _apply_mute(self, muted: bool) -> None:
        self._sink.set_muted(muted)
        if self._speech is not None:
            self._speech.set_muted(muted)

    def session_changed(self, update: SessionUpdate) -> None:
        """Play the cues due for this update; say the part's name when one begins."""
        for name in cues_for(update.events):
            if self._model.settings.cue_enabled(name) and not self._model.muted:
                self._sink.play(Cue(name))
        if update.snapshot.state is not State.RUNNING or not self._wants_voice():
            return
        for event in update.events:
            if isinstance(event, PartStarted):
                assert self._speech is not None
                self._speech.say(spoken_text(event.segment))

    def _wants_voice(self) -> bool:
        speech = self._speech
        return bool(
            speech is not None
            and speech.available
            and self._model.settings.voice_enabled
            and not self._model.muted
        )
