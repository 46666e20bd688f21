"""Spoken guidance uses a voice in the language on screen when the engine has one."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from hipcoach.platform.speech import Speech


class FakeEngine:
    """Stands in for QTextToSpeech: which voices it has, which one is chosen."""

    def __init__(self, locales: list[str], current: str = "en_US"):
        self._locales = [QLocale(name) for name in locales]
        self.chosen = QLocale(current)

    def availableLocales(self):
        return self._locales

    def locale(self):
        return self.chosen

    def setLocale(self, locale):
        self.chosen = locale


def test_a_spanish_voice_is_chosen_for_spanish():
    engine = FakeEngine(["en_US", "es_ES", "es_MX"])
    assert Speech(engine).use_language(QLocale("es_MX")) is True
    assert engine.chosen.name() == "es_MX"


def test_any_voice_of_the_language_when_the_desktops_variant_is_missing():
    engine = FakeEngine(["en_US", "es_ES"])
    assert Speech(engine).use_language(QLocale("es_US")) is True
    assert engine.chosen.name() == "es_ES"


def test_no_voice_for_the_language_keeps_the_current_one():
    engine = FakeEngine(["en_US", "de_DE"])
    assert Speech(engine).use_language(QLocale("es_ES")) is False
    assert engine.chosen.name() == "en_US"


def test_the_current_voice_is_kept_when_it_already_speaks_the_language():
    engine = FakeEngine(["en_GB", "en_US"], current="en_GB")
    assert Speech(engine).use_language(QLocale("en_US")) is True
    assert engine.chosen.name() == "en_GB"


def test_no_engine_means_no_voice():
    assert Speech(None, "none here").use_language(QLocale("es_ES")) is False
