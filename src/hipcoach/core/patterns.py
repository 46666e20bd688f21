"""Built-in breathing patterns, and resolving a pattern given by name."""

from __future__ import annotations

from collections.abc import Mapping

from hipcoach.core.model import Pattern, PatternRef, Ramp
from hipcoach.core.problems import Code, describe
from hipcoach.i18n import _, content_text

#: Breathe as you like: no pacing, just the time.
NATURAL = "natural"

PRESETS: dict[str, Pattern] = {
    "resonance": Pattern(name="Resonance 5.5 / 5.5", inhale=5.5, exhale=5.5),
    "resonance-6": Pattern(name="Resonance 5 / 5", inhale=5.0, exhale=5.0),
    "extended-exhale": Pattern(name="Longer exhale 4 / 6", inhale=4.0, exhale=6.0),
    "extended-exhale-3-6": Pattern(name="Longer exhale 3 / 6", inhale=3.0, exhale=6.0),
    "extended-exhale-2-8": Pattern(name="Longer exhale 2 / 8", inhale=2.0, exhale=8.0),
    "cyclic-sigh": Pattern(name="Cyclic sigh", inhale=2.0, top_up=1.0, exhale=6.0),
    "box": Pattern(name="Box 4-4-4-4", inhale=4.0, hold_in=4.0, exhale=4.0, hold_out=4.0),
    "box-3": Pattern(name="Gentle box 3-3-3-3", inhale=3.0, hold_in=3.0, exhale=3.0, hold_out=3.0),
    "4-7-8": Pattern(name="4-7-8", inhale=4.0, hold_in=7.0, exhale=8.0),
    "exhale-ramp": Pattern(
        name="Lengthening exhale",
        inhale=4.0,
        exhale=4.0,
        ramp=Ramp(phase="exhale", by=0.5, every=2, until=8.0),
    ),
}


class UnknownPatternError(KeyError):
    def __str__(self) -> str:
        return describe(Code.UNKNOWN_PATTERN, {"name": self.args[0]})


def resolve_pattern(ref: PatternRef, custom: Mapping[str, Pattern] | None = None) -> Pattern | None:
    """The pattern ``ref`` names (``None`` for natural breathing).

    Saved custom patterns are looked up before the presets, so a person can keep
    their own variant of a preset under a name of their choosing.
    """
    if isinstance(ref, Pattern):
        return ref
    if ref == NATURAL:
        return None
    if custom and ref in custom:
        return custom[ref]
    if ref in PRESETS:
        return PRESETS[ref]
    raise UnknownPatternError(ref)


def pattern_label(pattern: Pattern | None) -> str:
    """A short human label: the name, or the timings such as '4 / 7 / 8'."""
    if pattern is None:
        return _("Natural breathing")
    if pattern.name:
        return content_text(pattern.name)
    parts = [pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out]
    while len(parts) > 2 and parts[-1] == 0:
        parts.pop()
    text = " / ".join(f"{p:g}" for p in parts)
    return f"{text} (+{pattern.top_up:g})" if pattern.top_up else text
