"""Every command of the window in one table: its menu text, its keys and what it does.

The window builds its ``QAction``s from ``ACTIONS``; the keys overlay, the
player's tooltips and the README's key table are all made from the same rows
(tests/test_readme.py fails when the README disagrees). To add a key, add it
here. No Qt in this module: keys are written as ``QKeySequence`` text.

Presentation clickers send Page Up / Page Down, so those are always kept.

The table's words are English, marked with ``N_``; they are translated where
they are shown (menus, the keys sheet, tooltips), so a change of language shows.
"""

from __future__ import annotations

import msgspec

from hipcoach.i18n import N_, _


class ActionSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One command: ``id`` is also the QAction's object name."""

    id: str
    #: The menu text, in English (translated when shown); ``&`` marks the letter for the
    #: menu's keyboard mnemonic.
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
        text=N_("&Start"),
        session_text=N_("&Pause / Resume"),
        keys=("Space",),
        help=N_("Start, pause, resume"),
        tip=N_("Pause or resume"),
    ),
    ActionSpec(
        id="next",
        text=N_("&Next part"),
        keys=("Right", "PgDown"),
        help=N_("Next part: the other side, or the next step"),
        tip=N_("Next part"),
    ),
    ActionSpec(
        id="previous",
        text=N_("&Previous part"),
        keys=("Left", "PgUp"),
        help=N_("Back to the start of this part, or the part before"),
        tip=N_("Previous part"),
    ),
    ActionSpec(
        id="extend",
        text=N_("&Hold 15 s longer"),
        keys=("Up", "+", "="),
        shown=("Up", "+"),
        help=N_("Hold 15 seconds longer"),
    ),
    ActionSpec(
        id="full_screen",
        text=N_("&Full screen"),
        keys=("F", "F11"),
        help=N_("Full screen (mat mode)"),
        tip=N_("Full screen"),
        checkable=True,
    ),
    ActionSpec(
        id="escape",
        text=N_("Escape"),
        keys=("Esc",),
        help=N_("Leave full screen, otherwise stop (what you practised is kept)"),
    ),
    ActionSpec(
        id="care",
        text=N_("&Cautions and alternatives"),
        keys=("C",),
        help=N_("Show or hide the cautions and alternatives for this pose"),
        tip=N_("Cautions and alternatives"),
    ),
    ActionSpec(
        id="mute",
        text=N_("&Mute"),
        keys=("M",),
        help=N_("Mute or unmute sounds"),
        checkable=True,
    ),
    ActionSpec(
        id="help",
        text=N_("&Keys"),
        keys=("?", "Shift+?", "F1"),
        shown=("?", "F1"),
        help=N_("Show or hide the keys"),
    ),
    # Without keys of their own (Esc stops a session).
    ActionSpec(id="stop", text=N_("S&top"), tip=N_("Stop the session")),
    ActionSpec(id="reduced_motion", text=N_("&Reduced motion"), checkable=True),
    ActionSpec(id="safety", text=N_("&Safety note")),
    ActionSpec(id="diagnostics", text=N_("&Diagnostics")),
    ActionSpec(id="about", text=N_("&About hipcoach")),
    ActionSpec(id="quit", text=N_("&Quit"), standard_key="Quit"),
)

BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}

#: How a key is written for people; anything not here is written as it is.
_KEY_SIGNS = {
    "Right": "→",
    "Left": "←",
    "Up": "↑",
    "Down": "↓",
}
#: Keys written as words, in the person's language.
_KEY_WORDS = {
    # TRANSLATORS: a key's name as printed on keyboards in your language.
    "PgDown": N_("Page Down"),
    # TRANSLATORS: a key's name as printed on keyboards in your language.
    "PgUp": N_("Page Up"),
    # TRANSLATORS: a key's name as printed on keyboards in your language.
    "Space": N_("Space"),
}


def key_name(key: str) -> str:
    """A key as people read it: "Right" → "→", "PgDown" → "Page Down" (in their language)."""
    if key in _KEY_SIGNS:
        return _KEY_SIGNS[key]
    if key in _KEY_WORDS:
        return _(_KEY_WORDS[key])
    return key


def keys_text(spec: ActionSpec, gap: str = "") -> str:
    """The shown keys of ``spec`` for the keys overlay and the README: "→ or Page Down".

    ``gap`` widens the room around "or" (the keys sheet is read from the mat).
    """
    names = [key_name(k) for k in spec.shown_keys]
    text = names[0] if names else ""
    for name in names[1:]:
        # TRANSLATORS: two keys that do the same thing, as in "→ or Page Down".
        text = _("{first} or {second}").format(first=text + gap, second=gap + name)
    return text


def listed() -> tuple[ActionSpec, ...]:
    """The actions the keys overlay and the README list, in order."""
    return tuple(spec for spec in ACTIONS if spec.help and spec.shown_keys)


def tooltip(action_id: str, *, keys_from: str | None = None, tip: str = "") -> str:
    """A button's tooltip: what it does and its key, "Next part (→)".

    ``keys_from`` names the action whose key does the same here (Esc stops);
    ``tip`` replaces the action's own words.
    """
    spec = BY_ID[action_id]
    words = tip or _(spec.tip_text)
    keys = BY_ID[keys_from or action_id].shown_keys
    if not keys:
        return words
    # TRANSLATORS: a button's tooltip: what it does and its key, as in "Next part (→)".
    return _("{action} ({key})").format(action=words, key=key_name(keys[0]))
