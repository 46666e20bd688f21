"""The words of core, platform, reminders and the command line go through the translation
system: in the pseudo-language each one comes out accented (``⟦…⟧``), never as English."""

from __future__ import annotations

import pytest

from hipcoach import i18n
from hipcoach.core import safety
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.core.problems import Code, Problem
from hipcoach.core.timeline import PhaseKind

# Every parameter any history problem reads, so every kind and branch can be worded.
_HISTORY_PARAMS = {
    "name": "history.json",
    "folder": "/data",
    "reason": "Permission denied",
    "moved_to": "/data/history.corrupt.json",
    "count": 2,
    "backup": "history.json.bak",
    "backup_reason": "Permission denied",
    "backup_moved_to": "/data/history.bak.corrupt.json",
    "file": "history.json",
    "version": 9,
    "known": 2,
    "shown": True,
    "target": "/elsewhere",
    "minutes": 12.0,
    "copies": 2,
    "names": ["a.json", "b.json"],
    "added": 3,
    "kept_in": "session-unsaved-1.json",
    "backup_count": 4,
}


@pytest.fixture
def pseudo():
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language(i18n.DEFAULT)


def _translated(text: str) -> bool:
    return text.startswith("⟦") and "⟧" in text


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_history_problem_is_translated_sentence_by_sentence(pseudo, kind):
    message = HistoryProblem(kind, _HISTORY_PARAMS).message
    assert _translated(message)
    # No English sentence glued on outside a translated one.
    assert message.endswith("⟧")


def test_history_problem_counts_choose_the_plural_form():
    one = HistoryProblem(ProblemKind.SAVED_AFTER_ALL, {"count": 1, "file": "h.json"}).message
    two = HistoryProblem(ProblemKind.SAVED_AFTER_ALL, {"count": 2, "file": "h.json"}).message
    assert "(1 session written to h.json)" in one
    assert "(2 sessions written to h.json)" in two


def test_a_validation_problem_is_translated(pseudo):
    problem = Problem("r.json", "$.steps[0].seconds", Code.AT_LEAST, {"min": 1, "got": -5})
    assert problem.reason.startswith("⟦")
    assert str(problem).startswith("r.json: $.steps[0].seconds: ⟦")


def test_a_settings_message_is_worded_in_the_language_shown(tmp_path):
    from hipcoach.core.settings import SettingsStore

    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    loaded = SettingsStore(path).load()
    english = loaded.message
    assert english.startswith("Your settings could not be read (")
    # Read before the language was chosen, worded after: the words follow the language.
    i18n.set_language(i18n.PSEUDO)
    assert _translated(loaded.message)
    i18n.set_language(i18n.DEFAULT)
    assert loaded.message == english


def test_phase_words_follow_the_language(pseudo):
    assert all(_translated(kind.word) for kind in PhaseKind)


def test_phase_words_stay_english_by_default():
    assert PhaseKind.INHALE.word == "Inhale"
    assert PhaseKind.HOLD_OUT.word == "Hold"


def test_safety_texts_are_marked_for_translation():
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    marked = {m[1] for m in extract_from_file("python", safety.__file__, keywords=keywords)}
    texts = (safety.SAFETY_NOTE_TITLE, safety.SAFETY_NOTE, safety.HOLDS_OPTIONAL)
    assert set(texts) | {safety.BREATH_SAFETY_HINT} <= marked


def test_notification_words_are_translated(pseudo):
    from hipcoach.ui.reminder_notifier import action_labels, reminder_body

    labels = [label for _key, label in action_labels()]
    assert all(_translated(label) for label in labels)
    # The first button is still the one that starts: its key, not its words, says so.
    assert [key for key, _label in action_labels()] == ["start", "later", "skip"]
    assert _translated(reminder_body("Evening hip unwind"))


def test_command_line_help_is_translated(capsys):
    from hipcoach import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(["--lang", "pseudo", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("⟦")  # "usage: ", argparse's own word
    assert "⟦À bréàthwörk àñd hîp-strétçh tîmér" in out
    assert "breathwork" not in out
    # Command and option names stay as typed.
    assert "--data-dir" in out and "validate" in out


def test_command_line_error_is_translated(capsys):
    from hipcoach import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(["--lang=pseudo", "history", "export", "--format", "xml"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "⟦îñvàlîd çhöîçé" in err and "invalid choice" not in err


def test_command_line_output_is_translated(tmp_path, capsys):
    from hipcoach import cli

    target = tmp_path / "missing" / "out.csv"
    assert cli.main(["--lang", "pseudo", "history", "export", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hipcoach: ⟦Thé földér")


def test_command_line_stays_english_without_lang(capsys):
    from hipcoach import cli

    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: hipcoach")
    assert "A breathwork and hip-stretch timer" in out


def test_default_side_names_and_switch_title_follow_the_language(pseudo):
    from hipcoach.core.timeline import SegmentKind
    from routine_factory import timeline

    tl = timeline({"kind": "pose", "name": "My lunge", "seconds": 10, "per_side": True})
    holds = [s for s in tl.segments if s.kind is SegmentKind.POSE]
    assert all(_translated(s.side_label) for s in holds)
    switch = [s for s in tl.segments if s.kind is SegmentKind.SWITCH]
    assert switch and all(_translated(s.title) for s in switch)


def test_autostart_entry_carries_the_comment_in_the_persons_language(monkeypatch):
    from hipcoach.platform import autostart

    english = autostart.desktop_entry("org.example.App", ["hipcoach", "--tray"])
    assert "Comment=Movement-break and practice reminders, from the tray\n" in english
    assert "Comment[" not in english
    monkeypatch.setattr(i18n, "language", lambda: "es")
    spanish = autostart.desktop_entry("org.example.App", ["hipcoach", "--tray"])
    assert "Comment=Movement-break and practice reminders, from the tray\n" in spanish
    assert "Comment[es]=" in spanish


def test_care_sheet_words_are_translated(pseudo):
    from hipcoach.ui.care_overlay import care_html

    text = care_html("Lizard", "", ["Knees: pad them"], [])
    assert "Take care" not in text and "Press C" not in text
    assert "⟦Tàké çàré" in text


def test_the_reason_a_history_file_is_bad_is_translated_too(pseudo, tmp_path):
    from hipcoach.core.history import HistoryStore

    path = tmp_path / "history.json"
    path.write_text("", encoding="utf-8")
    problems = HistoryStore(path).load().problems
    assert problems
    assert "⟦thé fîlé îs émptý" in problems[0].message
    assert "the file is empty" not in problems[0].message
