"""Font sizes for the session view, in pixels worked out from the window's size.

Sizes follow the window, not the desktop's font settings, so the words read the
same from the mat on any screen. Mat mode (full screen) makes them bigger still.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import QWidget

#: Pixels between the phase word and its seconds.
WORD_GAP = 28
#: Stands in for the word until a session shows one, so the layout starts at a usual size.
PLACEHOLDER_WORD = "Inhale"


class TextSizes(NamedTuple):
    """Pixel sizes of everything but the phase word and its seconds."""

    title: int  # pose and side
    next: int
    instructions: int
    status: int
    detail: int  # step, pattern and time left


def text_sizes(width: int, height: int, *, mat_mode: bool) -> TextSizes:
    h, w = max(300, height), max(400, width)
    return TextSizes(
        title=max(16, round(min(h * (0.065 if mat_mode else 0.05), w / 22))),
        next=max(13, round(h * (0.05 if mat_mode else 0.03))),
        instructions=max(13, round(h * 0.024)),
        status=max(14, round(h * 0.03)),
        detail=max(12, round(h * 0.022)),
    )


def word_size(
    word: str, word_font: QFont, seconds_font: QFont, width: int, height: int, *, mat_mode: bool
) -> int:
    """Pixel size for the phase word and its seconds, which share one size.

    In mat mode the word is at least a tenth of the height in ink (a capital is
    about 0.73 of the pixel size). Only a long word on a narrow window is shrunk
    to fit the width. Measuring text is slow, so call this when the word changes,
    never per frame.
    """
    h = max(300, height)
    share = 0.16 if mat_mode else 0.11
    bold = QFont(word_font)
    bold.setPixelSize(100)
    bold.setBold(True)
    plain = QFont(seconds_font)
    plain.setPixelSize(100)
    at_100 = (
        QFontMetricsF(bold).horizontalAdvance(word)
        + QFontMetricsF(plain).horizontalAdvance("0:00")
        + WORD_GAP
    )
    room = max(200, width - 64)
    return max(24, round(min(h * share, 100 * room / at_100)))


def fitting_size(text: str, font: QFont, pixels: int, room: int, *, smallest: int) -> int:
    """The largest size up to ``pixels`` (and not below ``smallest``) at which ``text``,
    bold, fits ``room`` pixels wide on one line."""
    if not text or room <= 0:
        return pixels
    probe = QFont(font)
    probe.setBold(True)
    probe.setPixelSize(pixels)
    width = QFontMetrics(probe).horizontalAdvance(text)
    if width <= room:
        return pixels
    return max(smallest, int(pixels * room / width))


def set_pixel_font(
    label: QWidget, pixels: int, *, bold: bool = False, tabular: bool = False
) -> None:
    """Size ``label``'s (or any widget's) font; left alone when it already matches, since
    setFont relays out."""
    font = label.font()
    if font.pixelSize() == pixels and font.bold() == bold:
        return
    font.setPixelSize(pixels)
    font.setBold(bold)
    if tabular:
        # Equal-width digits, so the count does not shift sideways as it changes.
        font.setFeature(QFont.Tag("tnum"), 1)
    label.setFont(font)
