"""Messages for the person, as data: what happened (a code) and the details.

The one-line bar shows a short headline per notice; the details (often a path or
the system's own words) are one click away in Help → Diagnostics. A notice's key
changes when its details do, so a dismissed warning comes back only when its cause
is a new one. No Qt here: the wording can be checked without a screen.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from hipcoach.i18n import _, ngettext

Kind = Literal["info", "warning"]

#: Codes with a headline of their own; any other code shows its details as they are.
SOUND = "sound"
SETTINGS = "settings"
ROUTINES = "routines"
HISTORY = "history"
SCREEN = "screen"
OTHER = "other"


class Notice(NamedTuple):
    code: str
    detail: str
    kind: Kind = "warning"
    count: int = 1  # how many things it is about (routine files skipped)

    @property
    def key(self) -> str:
        """Stays the same while the cause does: the code and a digest of the details."""
        import hashlib  # on first use: 3 ms of start-up otherwise

        digest = hashlib.sha256(self.detail.encode("utf-8")).hexdigest()[:16]
        return f"{self.code}:{digest}"


def headline(notice: Notice) -> str:
    """One short sentence for the bar."""
    code = notice.code
    if code == SOUND:
        return _("Sound is unavailable, so sessions will be silent.")
    if code == SETTINGS:
        return _("Your settings could not be read, so the defaults are in use.")
    if code == ROUTINES:
        return ngettext(
            "{n} routine file could not be loaded and was skipped.",
            "{n} routine files could not be loaded and were skipped.",
            notice.count,
        ).format(n=notice.count)
    if code == HISTORY:
        return _("Something needed attention in your history file.")
    if code == SCREEN:
        return _("The screen may sleep or lock during sessions.")
    return notice.detail


def summary(notices: list[Notice]) -> str:
    """The bar's one line for the notices not dismissed."""
    if len(notices) == 1:
        return headline(notices[0])
    warnings = sum(1 for n in notices if n.kind == "warning")
    if warnings == len(notices):
        return ngettext(
            "{n} warning needs your attention.", "{n} warnings need your attention.", warnings
        ).format(n=warnings)
    return ngettext(
        "{n} message needs your attention.", "{n} messages need your attention.", len(notices)
    ).format(n=len(notices))


def full_text(notice: Notice) -> str:
    """Headline and details together, for Diagnostics and screen readers."""
    title = headline(notice)
    if title == notice.detail or not notice.detail:
        return title
    return f"{title}\n{notice.detail}"
