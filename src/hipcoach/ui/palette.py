"""Colours: one per breath phase from the Okabe–Ito colour-blind-safe set, light and dark.

Colour is never the only signal: the pacer also moves differently in each phase
(grows, rests, shrinks) and the phase word is always written out.
"""

from __future__ import annotations

import msgspec
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from hipcoach.core.timeline import PhaseKind

# Okabe & Ito (2008), "Color Universal Design".
SKY_BLUE = "#56B4E9"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"


class Palette(msgspec.Struct, frozen=True):
    dark: bool
    background: QColor
    surface: QColor
    text: QColor
    muted: QColor
    track: QColor
    inhale: QColor
    hold: QColor
    exhale: QColor
    rest: QColor
    switch: QColor
    accent: QColor
    warning: QColor

    def phase(self, kind: PhaseKind | None) -> QColor:
        """The colour of a phase; ``None`` (get ready, finished) is the rest grey."""
        if kind in (PhaseKind.INHALE, PhaseKind.TOP_UP):
            return self.inhale
        if kind in (PhaseKind.HOLD_IN, PhaseKind.HOLD_OUT):
            return self.hold
        if kind is PhaseKind.EXHALE:
            return self.exhale
        if kind is PhaseKind.SWITCH_SIDES:
            return self.switch
        return self.rest


LIGHT = Palette(
    dark=False,
    background=QColor("#F7F6F2"),
    surface=QColor("#FFFFFF"),
    text=QColor("#1B1B1B"),
    muted=QColor("#555555"),
    track=QColor("#DCDAD4"),
    inhale=QColor(SKY_BLUE),
    hold=QColor(ORANGE),
    exhale=QColor(BLUISH_GREEN),
    rest=QColor("#9A9A9A"),
    switch=QColor(REDDISH_PURPLE),
    accent=QColor("#0072B2"),  # Okabe–Ito blue: dark enough for white text
    warning=QColor("#FBE3B0"),
)

DARK = Palette(
    dark=True,
    background=QColor("#14161A"),
    surface=QColor("#1E2126"),
    text=QColor("#F1F1EE"),
    muted=QColor("#A9ABAE"),
    track=QColor("#33373D"),
    inhale=QColor(SKY_BLUE),
    hold=QColor(ORANGE),
    exhale=QColor(BLUISH_GREEN),
    rest=QColor("#8A8D91"),
    switch=QColor(REDDISH_PURPLE),
    accent=QColor(SKY_BLUE),
    warning=QColor("#5A4300"),
)


def system_is_dark() -> bool:
    """Whether the platform asks for a dark colour scheme (unknown counts as light)."""
    if QGuiApplication.instance() is None:
        return False
    # Imported here: the first use of any Qt.* enum makes PySide6 build the whole Qt
    # namespace (15-25 ms), which the first frame does without (see below).
    from PySide6.QtCore import Qt

    return QGuiApplication.styleHints().colorScheme() is Qt.ColorScheme.Dark


def system_palette_is_dark() -> bool:
    """The same question, answered from the palette Qt made for the system's scheme.

    Qt gives applications a dark system palette when the platform's scheme is
    dark, so this agrees with ``system_is_dark()`` wherever the platform reports a
    scheme. The window's first frame uses it, because asking for the scheme itself
    costs PySide6's whole Qt namespace; the scheme is asked right after that frame.
    Only meaningful before the window sets its own application palette.
    """
    if QGuiApplication.instance() is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def palette_for(scheme: str, *, system_dark: bool | None = None) -> Palette:
    """``scheme`` is the setting: "system", "light" or "dark".

    For "system", ``system_dark`` is the platform's answer; None asks it now.
    """
    if scheme == "system" and system_dark is None:
        system_dark = system_is_dark()
    if scheme == "dark" or (scheme == "system" and system_dark):
        return DARK
    return LIGHT


def qt_palette(p: Palette) -> QPalette:
    """A widget palette matching ``p``, so menus, lists and buttons agree with the pacer."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.background,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.surface,
        QPalette.ColorRole.AlternateBase: p.background,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.ButtonText: p.text,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.Highlight: p.accent,
        QPalette.ColorRole.HighlightedText: QColor("#000000") if p.dark else QColor("#FFFFFF"),
        QPalette.ColorRole.Link: p.accent,
        QPalette.ColorRole.BrightText: p.text,
        QPalette.ColorRole.Mid: p.track,
        QPalette.ColorRole.Midlight: p.track,
        QPalette.ColorRole.Dark: p.muted,
        QPalette.ColorRole.Light: p.surface,
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    disabled = p.muted  # not QColor(p.muted): that overload check builds the Qt namespace
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal
