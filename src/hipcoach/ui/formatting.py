"""Times and counts as people read them: "4", "1:05", "12 min".

Numbers are written as the language in use writes them (QLocale: "1.234,5" in
Spanish). This module does not import Qt itself, so wording built on it can be
tested without Qt; where Qt is not loaded, numbers are written as Python writes them.
"""

from __future__ import annotations

import functools
import math
import sys

from hipcoach import i18n
from hipcoach.i18n import _, ngettext, pgettext


def number(value: float, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals (rounded as given) in the language's way."""
    qt = sys.modules.get("PySide6.QtCore")
    if qt is None:
        return f"{value:.{decimals}f}"
    if decimals == 0:
        return qt.QLocale().toString(round(value))
    return qt.QLocale().toString(float(value), "f", decimals)


def counted(n: int, one: str, many: str, **params: object) -> str:
    """A whole sentence for ``n`` things, singular or plural: ``{n}`` in it is the count,
    and any other ``{name}`` is filled from ``params``.

    The one place plurals are chosen: ``ngettext`` picks by the language's own plural
    rule (Spanish, Polish … differ from English) from the program's catalogue.
    """
    return ngettext(one, many, n).format(n=number(n), **params)


def round_half_up(value: float) -> int:
    """Rounds 2.5 to 3 (Python's round() gives 2), the way people round figures."""
    return math.floor(value + 0.5)


def practice_time(seconds: float) -> str:
    """Time practised, as precise as it needs to be to agree with shares worked from it.

    "0 min", "40 s", "1 min 25 s" under ten minutes, "45 min" up to ten hours,
    "10.5 h" beyond; every figure rounded half up.
    """
    whole = max(0, round_half_up(seconds))
    if whole == 0:
        return _("{minutes} min").format(minutes=number(0))
    if whole < 60:
        return _("{seconds} s").format(seconds=number(whole))
    if whole < 600:
        minutes, secs = divmod(whole, 60)
        if secs:
            return _("{minutes} min {seconds} s").format(
                minutes=number(minutes), seconds=number(secs)
            )
        return _("{minutes} min").format(minutes=number(minutes))
    minutes = round_half_up(seconds / 60)
    if minutes < 600:
        return _("{minutes} min").format(minutes=number(minutes))
    return _("{hours} h").format(hours=number(round_half_up(minutes / 6) / 10, 1))


def whole_seconds_left(seconds: float) -> int:
    """Seconds left as a countdown shows them, rounded up.

    A countdown shows the second you are in, rounded up, so it reads 3 for the
    whole of 2.01..3.0 s and reaches 0 exactly at the boundary. Tiny float noise
    just past a whole second must not show the next second up.
    """
    if seconds <= 1e-6:
        return 0
    return math.ceil(seconds - 1e-6)


def countdown(seconds: float) -> str:
    """Seconds left in a phase: "4", or "1:05" for a minute or more."""
    whole = whole_seconds_left(seconds)
    if whole < 60:
        return str(whole)
    return clock(whole)


def clock(seconds: float) -> str:
    """m:ss (h:mm:ss past an hour), rounding to the nearest second."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def clock_left(seconds: float) -> str:
    """Time remaining as m:ss, rounded up so it reaches 0:00 only at the very end."""
    return clock(whole_seconds_left(seconds))


def duration(seconds: float) -> str:
    """A routine's length for a list: "45 s", "12 min", "1 h 5 min"."""
    if seconds < 60:
        return _("{seconds} s").format(seconds=number(max(0, round(seconds))))
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("{hours} h {minutes} min").format(hours=number(hours), minutes=number(minutes))
    if hours:
        return _("{hours} h").format(hours=number(hours))
    return _("{minutes} min").format(minutes=number(minutes))


def step_duration(seconds: float) -> str:
    """A step's length in a details list: "30 s", "1:30", "2 min"."""
    whole = max(0, round(seconds))
    if whole < 60:
        return _("{seconds} s").format(seconds=number(whole))
    if whole % 60 == 0:
        return _("{minutes} min").format(minutes=number(whole // 60))
    return clock(whole)


@functools.cache
def _tag_labels(language: str) -> dict[str, str]:
    """The built-in library's tags as shown in ``language``, the one in use
    (docs/routine-format.md lists them). Made once per language: the list asks for a
    routine's tags on every key typed into the search."""
    # TRANSLATORS: the "tag" context: words a routine is labelled with in the list.
    return {
        # TRANSLATORS: a routine's tag: the psoas muscle.
        "psoas": pgettext("tag", "psoas"),
        "hips": pgettext("tag", "hips"),
        "breath-only": pgettext("tag", "breath only"),
        # TRANSLATORS: a routine's tag: done in a chair.
        "chair": pgettext("tag", "chair"),
        "evening": pgettext("tag", "evening"),
        "morning": pgettext("tag", "morning"),
        # TRANSLATORS: a routine's tag: a short routine.
        "short": pgettext("tag", "short"),
        # TRANSLATORS: a routine's tag: a long routine.
        "long": pgettext("tag", "long"),
        "beginner": pgettext("tag", "beginner"),
        # TRANSLATORS: a routine's tag: done standing up.
        "standing": pgettext("tag", "standing"),
        # TRANSLATORS: a routine's tag: done on the floor, on the mat.
        "floor": pgettext("tag", "floor"),
        "no-kneeling": pgettext("tag", "no kneeling"),
        "no-lying-on-back": pgettext("tag", "no lying on back"),
        # TRANSLATORS: a routine's tag: no breathing pattern holds the breath.
        "no-holds": pgettext("tag", "no holds"),
    }


def tag_label(tag: str) -> str:
    """A tag as shown: "no-lying-on-back" reads "no lying on back", in the person's language.

    A tag of one's own (not one of the built-in library's) is shown as written.
    """
    return _tag_labels(i18n.language()).get(tag) or tag.replace("-", " ")


def tag_from_label(text: str) -> str:
    """The tag a shown label stands for ("breath only" -> "breath-only"), in the language
    shown; text that is no built-in tag's label is returned as it is."""
    wanted = text.strip().casefold()
    for tag, label in _tag_labels(i18n.language()).items():
        if label.casefold() == wanted:
            return tag
    return text.strip()
