"""Every command of the window in one table: its menu text, its keys and what it does.

The window builds its ``QAction``s from ``ACTIONS``; the keys overlay, the
player's tooltips and the README's key table are all made from the same rows
(tests/test_readme.py fails when the README disagrees). To add a key, add it
here. No Qt in this module: keys are written as ``QKeySequence`` text.

Presentation clickers send Page Up / Page Down, so those are always kept.
"""

from __future__ import annotations

import msgspec


class ActionSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One command: ``id`` is also the QAction's object name."""

    id: str
    #: The menu text; ``&`` marks the letter for the menu's keyboard mnemonic.
    text: str
    #: The menu text while a session is shown, if it differs.
    session_text: str = ""
    #: Its shortcuts, as ``QKeySequence`` text ("Space", "Right", "PgDown", "Shift+?").
    keys: tuple[str, ...] = ()
    #: The keys shown to people (the overlay, the README, tooltips); all of ``keys`` if empty.
    shown: tuple[str, ...] = ()
    #: What the keys do, as the keys overlay and the README say it. Empty: not listed there.
    help: str = ""
    #: The control's name for a button's tooltip and screen readers; ``help`` if empty.
    tip: str = ""
    checkable: bool = False
    #: A platform's standard key (a ``QKeySequence.StandardKey`` name) used instead of ``keys``.
    standard_key: str = ""

    @property
    def shown_keys(self) -> tuple[str, ...]:
        return self.shown or self.keys

    @property
    def tip_text(self) -> str:
        return self.tip or self.help


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        id="toggle",
        text="&Start",
        session_text="&Pause / Resume",
        keys=("Space",),
        help="Start, pause, resume",
        tip="Pause or resume",
    ),
    ActionSpec(
        id="next",
        text="&Next part",
        keys=("Right", "PgDown"),
        help="Next part: the other side, or the next step",
        tip="Next part",
    ),
    ActionSpec(
        id="previous",
        text="&Previous part",
        keys=("Left", "PgUp"),
        help="Back to the start of this part, or the part before",
        tip="Previous part",
    ),
    ActionSpec(
        id="extend",
        text="&Hold 15 s longer",
        keys=("Up", "+", "="),
        shown=("Up", "+"),
        help="Hold 15 seconds longer",
    ),
    ActionSpec(
        id="full_screen",
        text="&Full screen",
        keys=("F", "F11"),
        help="Full screen (mat mode)",
        tip="Full screen",
        checkable=True,
    ),
    ActionSpec(
        id="escape",
        text="Escape",
        keys=("Esc",),
        help="Leave full screen, otherwise stop (what you practised is kept)",
    ),
    ActionSpec(
        id="care",
        text="&Cautions and alternatives",
        keys=("C",),
        help="Show or hide the cautions and alternatives for this pose",
        tip="Cautions and alternatives",
    ),
    ActionSpec(
        id="mute",
        text="&Mute",
        keys=("M",),
        help="Mute or unmute sounds",
        checkable=True,
    ),
    ActionSpec(
        id="help",
        text="&Keys",
        keys=("?", "Shift+?", "F1"),
        shown=("?", "F1"),
        help="Show or hide the keys",
    ),
    # Without keys of their own (Esc stops a session).
    ActionSpec(id="stop", text="S&top", tip="Stop the session"),
    ActionSpec(id="reduced_motion", text="&Reduced motion", checkable=True),
    ActionSpec(id="safety", text="&Safety note"),
    ActionSpec(id="diagnostics", text="&Diagnostics"),
    ActionSpec(id="about", text="&About hipcoach"),
    ActionSpec(id="quit", text="&Quit", standard_key="Quit"),
)

BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}

#: How a key is written for people; anything not here is written as it is.
_KEY_NAMES = {
    "Right": "→",
    "Left": "←",
    "Up": "↑",
    "Down": "↓",
    "PgDown": "Page Down",
    "PgUp": "Page Up",
}


def key_name(key: str) -> str:
    """A key as people read it: "Right" → "→", "PgDown" → "Page Down"."""
    return _KEY_NAMES.get(key, key)


def keys_text(spec: ActionSpec) -> str:
    """The shown keys of ``spec`` for the keys overlay and the README: "→ or Page Down"."""
    return " or ".join(key_name(k) for k in spec.shown_keys)


def listed() -> tuple[ActionSpec, ...]:
    """The actions the keys overlay and the README list, in order."""
    return tuple(spec for spec in ACTIONS if spec.help and spec.shown_keys)


def tooltip(action_id: str, *, keys_from: str | None = None, tip: str = "") -> str:
    """A button's tooltip: what it does and its key, "Next part (→)".

    ``keys_from`` names the action whose key does the same here (Esc stops);
    ``tip`` replaces the action's own words.
    """
    spec = BY_ID[action_id]
    words = tip or spec.tip_text
    keys = BY_ID[keys_from or action_id].shown_keys
    if not keys:
        return words
    return f"{words} ({key_name(keys[0])})"
