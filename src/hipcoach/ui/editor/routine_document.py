"""The routine being edited as plain JSON values: one dict per step, as a file holds them.

Steps here may be half-typed and invalid; whatever cannot be timed yet is left
out of lengths and totals rather than raising, so the editor can always show
something while the person types. No widgets here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import msgspec

from hipcoach.core.model import FORMAT_VERSION, BreathStep, Pattern, PoseInfo, PoseStep, Step
from hipcoach.core.patterns import pattern_label, resolve_pattern
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.timeline import CompileError, step_seconds
from hipcoach.core.validation import convert
from hipcoach.i18n import _, pgettext
from hipcoach.ui.formatting import counted


def kind_label(kind: str) -> str:
    """What a step of ``kind`` is called in the step list and the Kind choice."""
    labels = {
        "breath": pgettext("step kind", "Breathing"),
        "pose": pgettext("step kind", "Pose"),
        "rest": pgettext("step kind", "Rest"),
        "transition": pgettext("step kind", "Transition"),
    }
    return labels.get(kind, str(kind))


def clock_text(seconds: float) -> str:
    """12:05, or 1:02:05 past an hour."""
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def routine_document(
    routine_id: str,
    title: str,
    description: str,
    tags: str,
    steps: list[dict],
    *,
    equipment: str = "",
) -> dict:
    """The routine as a file would hold it.

    ``tags`` as typed, separated by commas; ``equipment`` one thing a line.
    """
    tag_list = [t.strip().lower().replace(" ", "-") for t in tags.split(",")]
    doc = {"id": routine_id, "title": title.strip(), "steps": copy.deepcopy(steps)}
    description = description.strip()
    if description:
        doc["description"] = description
    if any(tag_list):
        doc["tags"] = [t for t in tag_list if t]
    things = [line.strip() for line in equipment.splitlines() if line.strip()]
    if things:
        doc["equipment"] = things
    doc["format"] = FORMAT_VERSION
    return doc


def default_step(kind: str, poses: Mapping[str, PoseInfo]) -> dict:
    """A new step of ``kind`` ('breath', 'pose', 'rest') that is valid as it stands."""
    if kind == "breath":
        return {"kind": "breath", "pattern": "resonance", "cycles": 6}
    if kind == "pose":
        if poses:
            first = min(poses, key=lambda pid: poses[pid].name.lower())
            return {"kind": "pose", "pose": first, "seconds": 60.0}
        # The name goes into the person's own file, in the language they use.
        return {"kind": "pose", "name": _("My stretch"), "seconds": 60.0}
    return {"kind": "rest", "seconds": 30.0}


def step_as_kind(step: dict, kind: str, poses: Mapping[str, PoseInfo]) -> dict:
    """``step`` made into a ``kind`` step, keeping the timing, the pattern and the name."""
    new = default_step(kind, poses)
    if "seconds" in step and "seconds" in new:
        new["seconds"] = step["seconds"]
    if kind != "rest" and "pattern" in step:
        new["pattern"] = step["pattern"]
    elif kind != "rest" and step.get("breathing"):
        first = step["breathing"][0]
        new["pattern"] = first.get("pattern") if isinstance(first, dict) else None
        if new["pattern"] is None:
            del new["pattern"]
    # A pose is called by its name, the other kinds by their title.
    if kind == "pose" and step.get("title"):
        new["name"] = step["title"]
    elif kind != "pose" and step.get("name"):
        new["title"] = step["name"]
    return new


def _parsed_and_seconds(
    step: dict,
    index: int,
    poses: Mapping[str, PoseInfo],
    patterns: Mapping[str, Pattern],
) -> tuple[Step | None, float | None]:
    try:
        parsed = convert(step, Step, "step")
        return parsed, step_seconds(parsed, index, poses, patterns)
    except (InvalidDocument, CompileError):
        return None, None


def step_length(
    step: dict,
    index: int,
    poses: Mapping[str, PoseInfo],
    patterns: Mapping[str, Pattern],
) -> float | None:
    """How long the step at ``index`` lasts, in seconds; ``None`` while it has problems."""
    return _parsed_and_seconds(step, index, poses, patterns)[1]


def partial_total(
    steps: list[dict], poses: Mapping[str, PoseInfo], patterns: Mapping[str, Pattern]
) -> float:
    """The length of the steps that can be timed, skipping those with problems."""
    total = 0.0
    for index, raw in enumerate(steps):
        seconds = step_length(raw, index, poses, patterns)
        if seconds is not None:
            total += seconds
    return total


def describe_step(
    step: dict,
    index: int,
    poses: Mapping[str, PoseInfo],
    patterns: Mapping[str, Pattern],
) -> str:
    """One line for the step list: 'Butterfly (each side) — 1:00'."""
    kind = step.get("kind")
    label = kind_label(kind)
    parsed, seconds = _parsed_and_seconds(step, index, poses, patterns)
    if kind == "pose":
        info = poses.get(step.get("pose") or "")
        name = step.get("name") or (info.name if info else label)
        per_side = step.get("per_side")
        if per_side is None:
            per_side = bool(info and info.per_side)
        halves = step.get("halves") or (
            msgspec.to_builtins(info.halves) if info and info.halves else None
        )
        sided = not halves or any(isinstance(h, dict) and h.get("side") for h in halves)
        if not per_side:
            text = name
        elif sided:
            text = _("{name} (each side)").format(name=name)
        else:
            text = _("{name} (each way)").format(name=name)
    elif kind == "breath":
        try:
            pat = resolve_pattern(step.get("pattern"), patterns)  # type: ignore[arg-type]
            text = step.get("title") or pattern_label(pat)
        except (KeyError, TypeError):
            text = step.get("title") or label
        if not isinstance(step.get("pattern"), str) and not step.get("title"):
            text = _("Breathing {pattern}").format(pattern=text) if parsed else label
    else:
        text = step.get("title") or label
    count = 0
    if isinstance(parsed, BreathStep) and parsed.cycles:
        count = parsed.cycles
    elif isinstance(parsed, PoseStep) and parsed.breaths:
        count = parsed.breaths
    when = clock_text(seconds) if seconds is not None else "?"
    if not count:
        # TRANSLATORS: a step in the editor's list: its name, then how long it lasts.
        return _("{step} — {time}").format(step=text, time=when)
    # TRANSLATORS: a step in the editor's list, as "Lizard — 10 breaths, 1:30".
    return counted(
        count, "{step} — {n} breath, {time}", "{step} — {n} breaths, {time}", step=text, time=when
    )
