"""Times as the window shows them."""

from __future__ import annotations

import pytest

from hipcoach.ui import formatting


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "0"),
        (0.01, "1"),
        (1.0, "1"),
        (1.0000001, "1"),
        (3.2, "4"),
        (59.5, "1:00"),
        (65.0, "1:05"),
    ],
)
def test_countdown_rounds_up_to_the_second_you_are_in(seconds, text):
    assert formatting.countdown(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (59.4, "0:59"), (61, "1:01"), (3600, "1:00:00"), (3725, "1:02:05")],
)
def test_clock(seconds, text):
    assert formatting.clock(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45 s"), (79, "1 min"), (600, "10 min"), (3600, "1 h"), (3900, "1 h 5 min")],
)
def test_duration(seconds, text):
    assert formatting.duration(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [(30, "30 s"), (90, "1:30"), (120, "2 min")])
def test_step_duration(seconds, text):
    assert formatting.step_duration(seconds) == text


def test_tag_label():
    assert formatting.tag_label("no-lying-on-back") == "no lying on back"
