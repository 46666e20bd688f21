"""In the pseudo-language, the routine list, a session under way and the end screen show
no word that escaped translation (every translated text is wrapped in ⟦ ⟧)."""

from __future__ import annotations

import re

import pytest

from hipcoach.core.clock import FakeClock
from hipcoach.core.history_format import CheckIn
from hipcoach.core.session import State
from hipcoach.ui import formatting
from hipcoach.ui.end_text import SessionSummary
from test_ui_fixtures import CHAIR_BREATH, GHOST, HIP_FLOW, POSES, make_window
from ui_text_walk import shown_texts, untranslated


@pytest.fixture
def pseudo():
    from hipcoach.ui.language import apply_language

    apply_language("pseudo")
    yield
    apply_language("en")


def _content() -> list[str]:
    """Words from the routines themselves: a routine file's words are shown as written."""
    words: list[str] = []
    for routine in (HIP_FLOW, CHAIR_BREATH, GHOST):
        words += [routine.title, routine.description, *routine.equipment]
        words += [formatting.tag_label(t) for t in routine.tags]
        for step in routine.steps:
            words += [getattr(step, "title", "") or "", getattr(step, "cue", "") or ""]
    for pose in POSES.values():
        words += [pose.name, *pose.cues, *pose.cautions, *pose.alternatives]
    return sorted({w for w in words if w}, key=len, reverse=True)


#: Times with the unit symbols every language reads alike ("12 min", "1 h 5 min", "40 s").
_TIME = re.compile(r"\b\d+(?:[.,]\d+)? (?:min|h|s)\b")
#: Keys printed the same on every keyboard (the words on keys, such as Space, are translated).
_KEY_CAPS = re.compile(r"\((?:Esc|F\d+)\)")


def escaped(root) -> list[str]:
    """What ``root`` shows that still has English words, routine files' own words aside."""
    content = _content()
    found = []
    for shown in shown_texts(root):
        text = _KEY_CAPS.sub("", _TIME.sub("", shown.text))
        for words in content:
            text = text.replace(words, "")
        if untranslated(text):
            found.append(str(shown))
    return found


def test_the_list_a_session_and_the_end_screen_show_only_translated_words(qtbot, pseudo):
    clock = FakeClock()
    window, _saves = make_window(qtbot, clock=clock)
    window.picker.select(HIP_FLOW.id)
    assert escaped(window.picker) == []

    window.start_routine(window.picker.current())
    player = window.player
    assert escaped(player) == []  # getting ready
    clock.advance(window.settings.get_ready_seconds + 30)  # into the lizard, on its first side
    window.driver.update()
    assert window.driver.snapshot.state is State.RUNNING
    assert player.side_label.text()
    assert escaped(player) == []
    window.driver.toggle()  # paused: the status line speaks
    assert player.status_label.isVisibleTo(player)
    assert escaped(player) == []

    window.driver.stop()
    summary = SessionSummary(
        HIP_FLOW.title,
        completed=False,
        practised_seconds=30,
        left_seconds=6,
        right_seconds=0,
        checkin_before=CheckIn(4, 2),
        ask_after=True,
    )
    window.show_end(summary, None)
    window.end_view.show_checkin(CheckIn(2, 4))
    assert window.end_view.change_tile.isVisibleTo(window.end_view)
    assert escaped(window.end_view) == []
