"""Where the main window opens: a size that fits the screen it opens on.

A laptop at 1366×768 has about 720 pixels of height once the desktop's panels are
taken away, and a window opened taller than that hides its bottom row of buttons
below the screen. These functions work on rectangles only, so they can be checked
without a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect

#: The size the window would like on a big screen (the inside of the window, no frame).
PREFERRED_SIZE = (1280, 800)
#: Room for the window manager's borders and title bar, which are not known before the
#: window is first shown: a border at the sides and bottom, the title bar above.
BORDER = 8
TITLE_BAR = 32


def _framed(inside: QRect) -> QRect:
    return inside.adjusted(-BORDER, -TITLE_BAR, BORDER, BORDER)


def first_geometry(available: QRect) -> QRect:
    """The window's inside on first launch: the preferred size, shrunk to fit, centred."""
    width = min(PREFERRED_SIZE[0], available.width() - 2 * BORDER)
    height = min(PREFERRED_SIZE[1], available.height() - TITLE_BAR - BORDER)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(rect.top(), available.top() + TITLE_BAR))
    return rect


def fits(inside: QRect, available: QRect) -> bool:
    """Whether a window with this inside, plus its frame, lies wholly in ``available``."""
    return available.contains(_framed(inside))


def fitted_geometry(inside: QRect, available: QRect) -> QRect:
    """``inside`` if it fits ``available``; otherwise shrunk to fit and moved into it."""
    if fits(inside, available):
        return QRect(inside)
    width = min(inside.width(), available.width() - 2 * BORDER)
    height = min(inside.height(), available.height() - TITLE_BAR - BORDER)
    x = min(max(inside.x(), available.left() + BORDER), available.right() + 1 - BORDER - width)
    y = min(max(inside.y(), available.top() + TITLE_BAR), available.bottom() + 1 - BORDER - height)
    return QRect(x, y, width, height)
