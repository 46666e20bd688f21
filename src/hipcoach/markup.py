"""Text put inside rich text (HTML, or a notification's markup) is escaped here, and only here.

Not ``html.escape``: importing ``html`` also loads its table of 2,000 named characters
(for unescaping, which hipcoach never does), about 1 ms before the first frame.
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_TEXT_AND_QUOTES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape(text: str, *, quote: bool = True) -> str:
    """``text`` with every character that markup could read as a tag or entity escaped.

    ``quote=False`` leaves quotes alone, for markup that knows only ``&amp;``,
    ``&lt;`` and ``&gt;`` (desktop notification servers).
    """
    return text.translate(_TEXT_AND_QUOTES if quote else _TEXT)
