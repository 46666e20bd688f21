"""A pose (or breathing) held for N seconds ends at the end of an exhale, or the hold after it."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach import paths
from hipcoach.core.model import Pattern, Ramp
from hipcoach.core.patterns import PRESETS
from hipcoach.core.routines import load_library
from hipcoach.core.timeline import PhaseKind, SegmentKind, breath_end_near, compile_timeline
from routine_factory import timeline

ENDINGS = (PhaseKind.EXHALE, PhaseKind.HOLD_OUT)


def _ends(pattern: Pattern, up_to: float) -> list[float]:
    """Every moment an exhale or the hold after it ends, up to ``up_to`` seconds."""
    ends, t, cycle = [], 0.0, 0
    while t <= up_to:
        t += sum(pattern.phase_seconds(p, cycle) for p in ("inhale", "top_up", "hold_in"))
        t += pattern.phase_seconds("exhale", cycle)
        ends.append(t)
        if pattern.phase_seconds("hold_out", cycle):
            t += pattern.phase_seconds("hold_out", cycle)
            ends.append(t)
        cycle += 1
    return ends


def _assert_ends_on_a_breath(tl, segment) -> None:
    last = [p for p in tl.phases if p.segment_index == segment.index][-1]
    assert last.kind in ENDINGS, segment.label
    full = segment.pattern.phase_seconds(last.kind.value, last.cycle - 1)
    assert last.duration == pytest.approx(full), segment.label


@pytest.mark.parametrize(
    ("pattern", "seconds", "expected"),
    [
        ("cyclic-sigh", 30, 27),  # 9 s sighs: 27 is nearer than 36, never "full" at the end
        ("extended-exhale", 45, 40),  # a tie between 40 and 50 goes to the shorter hold
        ("extended-exhale", 46, 50),
        ("resonance", 120, 121),  # 11 breaths of 11 s
        ("box", 30, 28),  # the end of the exhale; the hold after it is left out
        ("box", 31, 32),  # the end of the hold after the exhale
        ("4-7-8", 5, 19),  # at least one whole breath
    ],
)
def test_hold_ends_at_the_nearest_end_of_an_exhale(pattern, seconds, expected):
    assert breath_end_near(PRESETS[pattern], seconds) == expected
    tl = timeline({"kind": "pose", "pose": "butterfly", "seconds": seconds, "pattern": pattern})
    assert tl.total == expected
    _assert_ends_on_a_breath(tl, tl.segments[0])


def test_natural_breathing_keeps_the_seconds_as_written():
    tl = timeline({"kind": "pose", "pose": "butterfly", "seconds": 31, "pattern": "natural"})
    assert tl.total == 31


def test_each_side_ends_on_a_breath():
    tl = timeline({"kind": "pose", "pose": "lizard", "seconds": 45, "switch_seconds": 6})
    holds = [s for s in tl.segments if s.kind is SegmentKind.POSE]
    assert [s.duration for s in holds] == [40, 40]
    for segment in holds:
        _assert_ends_on_a_breath(tl, segment)


def test_a_longer_hold_also_ends_on_a_breath():
    tl = timeline({"kind": "pose", "pose": "butterfly", "seconds": 30, "pattern": "resonance"})
    assert tl.total == 33
    longer = tl.extended(0, 15)
    assert longer.total == 44
    _assert_ends_on_a_breath(longer, longer.segments[0])


def test_every_builtin_routine_ends_each_paced_hold_on_a_breath():
    library = load_library(paths.assets_dir(), None)
    checked = 0
    for loaded in library.routines:
        tl = compile_timeline(loaded.routine, library.poses, library.patterns)
        assert tl.total == pytest.approx(loaded.seconds), loaded.id
        for segment in tl.segments:
            if segment.pattern is not None and segment.kind is not SegmentKind.SWITCH:
                _assert_ends_on_a_breath(tl, segment)
                checked += 1
    assert checked > 20


halves = st.integers(min_value=0, max_value=24).map(lambda n: n / 2)
patterns = st.builds(
    lambda inhale, top_up, hold_in, exhale, hold_out, ramp_by: Pattern(
        inhale=inhale,
        top_up=top_up,
        hold_in=hold_in,
        exhale=exhale,
        hold_out=hold_out,
        ramp=Ramp(until=exhale + 4, by=ramp_by, every=2) if ramp_by else None,
    ),
    halves.map(lambda x: x + 0.5),
    st.sampled_from([0.0, 0.5, 1.0]),
    halves,
    halves.map(lambda x: x + 0.5),
    halves,
    st.sampled_from([0.0, 0.5, 1.0]),
)


@settings(max_examples=300, deadline=None)
@given(pattern=patterns, seconds=st.integers(min_value=1, max_value=1200))
def test_any_hold_ends_on_the_nearest_breath_and_never_more_than_a_breath_over(pattern, seconds):
    tl = timeline(
        {
            "kind": "pose",
            "pose": "butterfly",
            "seconds": seconds,
            "pattern": msgspec.to_builtins(pattern),
        }
    )
    segment = tl.segments[0]
    _assert_ends_on_a_breath(tl, segment)
    last = tl.phases[-1]
    longest_breath = pattern.cycle_seconds(last.cycle - 1)
    assert segment.duration <= seconds + longest_breath
    nearest = min(abs(end - seconds) for end in _ends(pattern, seconds + longest_breath))
    assert abs(segment.duration - seconds) == pytest.approx(nearest)
