"""Choosing the language, and the catalogues behind it."""

from __future__ import annotations

import re

import pytest

from hipcoach import i18n


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_US.UTF-8"}, "es"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "es_ES.UTF-8@euro"}, "es"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
        ({"LC_MESSAGES": "es_ES.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "es_AR.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        # LANGUAGE is a list in order of preference and wins over the locale variables.
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:de", "LANG": "es_ES.UTF-8"}, "es"),
        ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "es"),
    ],
)
def test_system_language_reads_the_variables_in_gettexts_order(environ, expected):
    assert i18n.system_language(environ) == expected


def test_command_line_beats_the_setting_which_beats_the_system():
    env = {"LANG": "es_US.UTF-8"}
    assert i18n.choose_language(None, None, env) == "es"
    assert i18n.choose_language(None, "en", env) == "en"
    assert i18n.choose_language("es", "en", env) == "es"
    assert i18n.choose_language(None, "system", env) == "es"
    # An unknown code falls through to the next source rather than failing.
    assert i18n.choose_language("xx", "en", env) == "en"
    assert i18n.choose_language("pseudo", "en", env) == "pseudo"


def test_pseudo_language_changes_every_letter_run_and_keeps_placeholders():
    text = "Start {title} in %(n)d s & more\n&Quit"
    shown = i18n.pseudo(text)
    assert shown != text
    for kept in ("{title}", "%(n)d", "\n", "&Q"):
        assert kept in shown
    # Placeholders still format, and the mnemonic still marks a letter.
    assert "Lizard" in (shown.replace("%(n)d", "3")).format(title="Lizard")
    letters = len(re.sub(r"\{title\}|%\(n\)d|\n|&(?=Q)", "", text))
    assert len(shown) >= len(text) + 0.35 * letters


def test_pseudo_language_applies_to_program_and_content_words():
    i18n.set_language("pseudo")
    assert i18n.language() == "pseudo"
    assert i18n._("Inhale") == i18n.pseudo("Inhale")
    assert i18n.ngettext("{n} session", "{n} sessions", 2) == i18n.pseudo("{n} sessions")
    assert i18n.content_text("Lizard") == i18n.pseudo("Lizard")


def test_unknown_or_missing_language_means_english():
    assert i18n.set_language("xx") == "en"
    assert i18n._("Inhale") == "Inhale"
    assert i18n.ngettext("{n} session", "{n} sessions", 1) == "{n} session"


def test_a_damaged_catalogue_means_english_not_a_crash(tmp_path, monkeypatch):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "hipcoach.mo").write_bytes(b"\xde\x12\x04\x95not a catalogue")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    assert i18n.set_language("es") == "en"
    assert i18n._("Inhale") == "Inhale"


def test_a_routines_own_translation_wins_over_the_catalogue():
    i18n.set_language("pseudo")
    assert i18n.content_text("Lizard", {"Lizard": "Lagartija"}) == "Lagartija"
    assert i18n.content_text("") == ""


def test_the_compiled_catalogues_ship_inside_the_package():
    for domain in (i18n.UI_DOMAIN, i18n.CONTENT_DOMAIN):
        assert (i18n.locale_dir() / "es" / "LC_MESSAGES" / f"{domain}.mo").is_file()
