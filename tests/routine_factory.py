"""Small routines for tests, built from plain dicts the way a file would hold them."""

from __future__ import annotations

from hipcoach.core.clock import FakeClock
from hipcoach.core.model import PoseInfo, Routine
from hipcoach.core.session import Session
from hipcoach.core.timeline import Timeline, compile_timeline
from hipcoach.core.validation import convert

POSES = {
    "lizard": PoseInfo(
        name="Lizard", per_side=True, cues=["Front foot outside the hand"], cautions=["Knees"]
    ),
    "butterfly": PoseInfo(name="Butterfly", per_side=False, cues=["Sit tall"], cautions=["Groin"]),
}


def routine(*steps: dict, rid: str = "test", title: str = "Test") -> Routine:
    return convert({"id": rid, "title": title, "steps": list(steps)}, Routine, "test.json")


def timeline(*steps: dict) -> Timeline:
    return compile_timeline(routine(*steps), POSES)


def session(*steps: dict, get_ready: float = 5.0) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(timeline(*steps), clock, get_ready_seconds=get_ready), clock
