"""Optional spoken guidance ("switch sides", "last breath") via Qt TextToSpeech.

Speech is a nicety on top of the cue sounds: when no engine works, ``say``
quietly does nothing and ``unavailable_reason`` says why. Creating a
QTextToSpeech on an engine whose plug-in cannot load makes Qt log an error,
so engines are checked before one is created, not after.
"""

from __future__ import annotations

import ctypes.util
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from hipcoach.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

UNAVAILABLE = "Spoken guidance is unavailable"

# Qt ships a "mock" engine for its own tests; it speaks nothing.
_IGNORED_ENGINES = frozenset({"mock"})


def _speechd_loadable() -> bool:
    return ctypes.util.find_library("speechd") is not None


# Engines whose plug-in links a system library that may be absent.
_ENGINE_NEEDS: dict[str, Callable[[], bool]] = {"speechd": _speechd_loadable}


def usable_engines(
    available: Sequence[str], needs: dict[str, Callable[[], bool]] | None = None
) -> list[str]:
    """The engines from ``available`` worth trying, best first."""
    needs = _ENGINE_NEEDS if needs is None else needs
    return [
        name
        for name in available
        if name not in _IGNORED_ENGINES and needs.get(name, lambda: True)()
    ]


class Speech:
    """Says short phrases; a no-op with a reason when nothing can speak."""

    def __init__(self, engine: Any = None, reason: str = "") -> None:
        self._engine = engine
        self.available = engine is not None
        self.unavailable_reason = "" if self.available else reason
        self.muted = False

    @property
    def engine_name(self) -> str:
        return self._engine.engine() if self._engine is not None else ""

    def say(self, text: str) -> None:
        if self._engine is None or self.muted:
            return
        # A new phrase replaces one still being spoken: stale guidance
        # ("hold") is worse than a cut-off word.
        self._engine.stop()
        self._engine.say(text)

    def stop(self) -> None:
        if self._engine is not None:
            self._engine.stop()

    def set_volume(self, volume: float) -> None:
        if self._engine is not None:
            self._engine.setVolume(min(1.0, max(0.0, float(volume))))

    def use_language(self, locale: Any) -> bool:
        """Speak in ``locale``'s language (a ``QLocale``) if the engine has a voice for it.

        The desktop's own variant wins (es_MX over es_ES for a Mexican desktop).
        Returns False, and leaves the voice as it was, when there is none.
        """
        if self._engine is None:
            return False
        if self._engine.locale().language() == locale.language():
            return True
        matches = [
            known
            for known in self._engine.availableLocales()
            if known.language() == locale.language()
        ]
        if not matches:
            log.info("no text-to-speech voice for %s", locale.name())
            return False
        best = next((m for m in matches if m.territory() == locale.territory()), matches[0])
        self._engine.setLocale(best)
        return True

    def set_muted(self, muted: bool) -> None:
        self.muted = bool(muted)
        if self.muted:
            self.stop()


def create_speech(parent: QObject | None = None) -> Speech:
    """Speech on the first engine that works here, or a silent one with a reason.

    Call after the QApplication exists. Never raises.
    """
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except (ImportError, OSError) as exc:
        return Speech(
            reason=_(
                "Spoken guidance is unavailable: Qt TextToSpeech could not load ({reason})"
            ).format(reason=exc)
        )
    try:
        engines = usable_engines(QTextToSpeech.availableEngines())
        if not engines:
            if sys.platform.startswith("linux"):
                reason = _(
                    "Spoken guidance is unavailable: no text-to-speech engine is installed "
                    "(install speech-dispatcher)"
                )
            else:
                reason = _("Spoken guidance is unavailable: no text-to-speech engine is installed")
            return Speech(reason=reason)
        for name in engines:
            engine = QTextToSpeech(name, parent)
            if engine.state() != QTextToSpeech.State.Error:
                return Speech(engine)
            log.info("text-to-speech engine %s failed: %s", name, engine.errorString())
            engine.deleteLater()
        return Speech(
            reason=_("Spoken guidance is unavailable: no text-to-speech engine could start")
        )
    except Exception as exc:  # guidance is optional; never let it stop a session
        log.exception("could not set up speech")
        return Speech(reason=_("Spoken guidance is unavailable: {reason}").format(reason=exc))
