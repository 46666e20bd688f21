"""Older routine files, brought up to the current format before they are checked.

Format 1 (until hipcoach 0.x) named the two halves of a per-side pose with
``"sides": "left-right" | "both-directions"``; format 2 names them with
``halves`` (a label, the side stretched and how the picture is shown for each)
and ``switch_title``. Everything else in a format 1 file means the same in
format 2. A file without ``format`` is a format 1 file: format 1 allowed
leaving it out. docs/routine-format.md describes the migration for people.
"""

from __future__ import annotations

from typing import Any

import msgspec

from hipcoach.core.model import (
    CHANGE_DIRECTION_TITLE,
    DIRECTION_HALVES,
    FORMAT_VERSION,
    Routine,
)
from hipcoach.core.validation import convert


def migrate_routine(value: Any) -> Any:
    """``value`` (a decoded routine document) in the current format; anything else as it is.

    Only well-formed parts are rewritten: whatever is odd is left for the checks
    that follow to report, in the file's own words.
    """
    # `true` and `1.0` equal 1 in Python but are no format number: left for the checks.
    if not isinstance(value, dict) or type(value.get("format", 1)) is not int:
        return value
    if value.get("format", 1) != 1:
        return value
    migrated = dict(value, format=FORMAT_VERSION)
    steps = value.get("steps")
    if isinstance(steps, list):
        migrated["steps"] = [_migrate_step(step) for step in steps]
    return migrated


def _migrate_step(step: Any) -> Any:
    if not isinstance(step, dict) or step.get("kind") != "pose" or "sides" not in step:
        return step
    step = dict(step)
    sides = step.pop("sides")
    # Format 1 read "sides" only from a step that set per_side itself.
    if sides == "both-directions" and step.get("per_side") is not None:
        step.setdefault("halves", msgspec.to_builtins(list(DIRECTION_HALVES)))
        step.setdefault("switch_title", CHANGE_DIRECTION_TITLE)
    elif sides not in ("left-right", "both-directions"):
        step["sides"] = sides  # not format 1 either: reported as an unknown field
    return step


def routine_from(value: Any, source: str) -> Routine:
    """A routine from decoded JSON of any format version; raises ``InvalidDocument``."""
    return convert(migrate_routine(value), Routine, source)
