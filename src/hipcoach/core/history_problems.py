"""What the history tells the person: problems as data, and the one place they become sentences.

A :class:`HistoryProblem` is a kind and its parameters. Its sentence is made by
:func:`describe` when it is shown, never earlier and never parsed back, so the
wording can change (or be translated) without touching the code that found
the problem.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hipcoach.i18n import _, ngettext

Severity = Literal["info", "warning", "error"]


class ProblemKind(enum.Enum):
    """Every situation the history store reports; :func:`describe` has a sentence for each."""

    # history.json (or its backup) could not be used; what happened to it and to the history.
    RECOVERED_FROM_BACKUP = "recovered-from-backup"
    MOVED_ASIDE = "moved-aside"
    BACKUP_UNUSABLE = "backup-unusable"
    # The history is shown but will not be changed.
    READ_ONLY_NEWER = "read-only-newer"
    BACKUP_NEWER = "backup-newer"
    READ_ONLY_UNREADABLE = "read-only-unreadable"
    READ_ONLY_LINK = "read-only-link"
    READ_ONLY = "read-only"
    HIDDEN_UNTIL_CLOSE = "hidden-until-close"
    # Files found beside history.json.
    RECOVERED_INTERRUPTED = "recovered-interrupted"
    TOOK_IN_UNSAVED = "took-in-unsaved"
    SESSION_FILE_BAD = "session-file-bad"
    MERGED_SYNC_COPIES = "merged-sync-copies"
    SYNC_COPY_BAD = "sync-copy-bad"
    # Writing.
    LOAD_NOT_SAVED = "load-not-saved"
    NOT_MOVED_ASIDE = "not-moved-aside"
    SAVE_FAILED = "save-failed"
    SAVE_FAILED_KEPT_BESIDE = "save-failed-kept-beside"
    SAVED_AFTER_ALL = "saved-after-all"
    UNSAVED_FILE_FAILED = "unsaved-file-failed"
    CHECKPOINT_FAILED = "checkpoint-failed"


@dataclass(frozen=True)
class HistoryProblem:
    """Something the person should be told about their history.

    ``params`` are the facts (file names, counts, the system's reason); ``path`` is
    where the file concerned is now, if any. The sentence is :attr:`message`.
    """

    kind: ProblemKind
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = "warning"
    path: Path | None = None

    @property
    def message(self) -> str:
        """The problem as a sentence the person can act on (see :func:`describe`)."""
        return describe(self)


def _cause(p: Mapping[str, Any]) -> str:
    """The first sentence of a read failure: what was wrong with history.json."""
    name, folder, reason, moved = p["name"], p.get("folder"), p.get("reason"), p.get("moved_to")
    if reason is None:
        return _("{name} was missing from {folder}.").format(name=name, folder=folder)
    if moved is not None:
        return _("{name} could not be read ({reason}). It was moved to {moved}.").format(
            name=name, reason=reason, moved=moved
        )
    return _("{name} could not be read ({reason}). It was left as it is.").format(
        name=name, reason=reason
    )


def _breaks_merged(n: int) -> list[str]:
    # Said only when a copy brought reminders' breaks: most copies bring sessions only.
    if not n:
        return []
    return [
        ngettext(
            "{n} break from the reminders was taken in as well.",
            "{n} breaks from the reminders were taken in as well.",
            n,
        ).format(n=n)
    ]


def _unsaved_until_update() -> str:
    return _(
        "Sessions you practise now are kept beside it in session-unsaved-*.json files "
        "until you update hipcoach."
    )


def describe(problem: HistoryProblem) -> str:
    """The sentence for ``problem``; the only place history problems are worded.

    Each sentence is translated whole; a message of several sentences puts them one
    after another.
    """
    return " ".join(s for s in _sentences(problem) if s)


def _sentences(problem: HistoryProblem) -> list[str]:
    p, kind = problem.params, problem.kind
    if kind is ProblemKind.RECOVERED_FROM_BACKUP:
        n = p["count"]
        return [
            _cause(p),
            ngettext(
                "{n} session was recovered from the backup {backup}; sessions after that "
                "backup may be missing.",
                "{n} sessions were recovered from the backup {backup}; sessions after that "
                "backup may be missing.",
                n,
            ).format(n=n, backup=p["backup"]),
        ]
    if kind is ProblemKind.MOVED_ASIDE:
        return [
            _cause(p),
            _("There was no backup to recover from, so your history starts empty."),
        ]
    if kind is ProblemKind.BACKUP_UNUSABLE:
        if p.get("backup_moved_to"):
            backup = _(
                "The backup {backup} could not be used either ({reason}) and was moved to "
                "{moved}, so your history starts empty."
            ).format(backup=p["backup"], reason=p["backup_reason"], moved=p["backup_moved_to"])
        else:
            backup = _(
                "The backup {backup} could not be used either ({reason}), so your history "
                "starts empty."
            ).format(backup=p["backup"], reason=p["backup_reason"])
        return [_cause(p), backup]
    if kind is ProblemKind.READ_ONLY_NEWER:
        lead = _(
            "{file} was written by a newer version of hipcoach (history format {version}; "
            "this version knows up to {known})."
        ).format(file=p["file"], version=p["version"], known=p["known"])
        if p["shown"]:
            shown = _("It is shown read-only and will not be changed.")
        else:
            shown = _("This version cannot show its sessions, and the file will not be changed.")
        return [lead, shown, _unsaved_until_update()]
    if kind is ProblemKind.BACKUP_NEWER:
        newer = _(
            "Its backup {backup} was written by a newer version of hipcoach (history format "
            "{version}; this version knows up to {known})."
        ).format(backup=p["backup"], version=p["version"], known=p["known"])
        shown = (
            _("The backup's sessions are shown read-only, and it will not be changed.")
            if p["shown"]
            else _("This version cannot show its sessions, and it will not be changed.")
        )
        return [_cause(p), newer, shown, _unsaved_until_update()]
    if kind is ProblemKind.READ_ONLY_UNREADABLE:
        lead = _(
            "{file} could not be opened ({reason}). It was left as it is and will not be changed."
        ).format(file=p["file"], reason=p["reason"])
        n = p.get("backup_count")
        shown = (
            ngettext(
                "{n} session was shown from its backup.",
                "{n} sessions were shown from its backup.",
                n,
            ).format(n=n)
            if n
            else ""
        )
        unsaved = _(
            "Sessions you practise now are kept beside it in session-unsaved-*.json files "
            "until hipcoach can open it again."
        )
        return [lead, shown, unsaved]
    if kind is ProblemKind.READ_ONLY_LINK:
        return [
            _(
                "{file} is a symbolic link (to {target}). hipcoach writes only regular files "
                "inside its data folder, so your history is shown read-only."
            ).format(file=p["file"], target=p["target"]),
            _("Sessions you practise now are kept beside it in session-unsaved-*.json files."),
            _(
                "To save again, replace the link with the file itself, or start hipcoach with "
                "--data-dir pointing at the folder the link leads to."
            ),
        ]
    if kind is ProblemKind.READ_ONLY:
        return [_("The history is open read-only; the change was not saved.")]
    if kind is ProblemKind.HIDDEN_UNTIL_CLOSE:
        return [
            _(
                "{name} cannot be changed now, so the session was hidden only until you "
                "close hipcoach."
            ).format(name=p["name"])
        ]
    if kind is ProblemKind.RECOVERED_INTERRUPTED:
        n = p["count"]
        return [
            ngettext(
                "{n} session was interrupted when hipcoach last closed unexpectedly and added "
                "to your history as partial ({minutes} min practised up to the last save).",
                "{n} sessions were interrupted when hipcoach last closed unexpectedly and "
                "added to your history as partial ({minutes} min practised up to the last "
                "save).",
                n,
            ).format(n=n, minutes=f"{p['minutes']:.0f}")
        ]
    if kind is ProblemKind.TOOK_IN_UNSAVED:
        n = p["count"]
        return [
            ngettext(
                "{n} session was kept beside your history while it could not be written, and "
                "is now in it.",
                "{n} sessions were kept beside your history while it could not be written, "
                "and are now in it.",
                n,
            ).format(n=n)
        ]
    if kind is ProblemKind.SESSION_FILE_BAD:
        if p.get("moved_to"):
            return [
                _("A saved session ({name}) could not be read ({reason}).").format(
                    name=p["name"], reason=p["reason"]
                ),
                _("It was moved to {moved}.").format(moved=p["moved_to"]),
            ]
        return [
            _("A saved session ({name}) could not be read ({reason}).").format(
                name=p["name"], reason=p["reason"]
            )
        ]
    if kind is ProblemKind.MERGED_SYNC_COPIES:
        copies, added = p["copies"], p["added"]
        return [
            ngettext(
                "Your history had {n} copy left by a sync program ({names}).",
                "Your history had {n} copies left by a sync program ({names}).",
                copies,
            ).format(n=copies, names=", ".join(p["names"])),
            ngettext(
                "{n} session was taken from them into your history; the copies were moved "
                "aside with “merged” in their names.",
                "{n} sessions were taken from them into your history; the copies were moved "
                "aside with “merged” in their names.",
                added,
            ).format(n=added),
            *_breaks_merged(p.get("breaks", 0)),
        ]
    if kind is ProblemKind.SYNC_COPY_BAD:
        return [
            _(
                "A copy of your history left by a sync program ({name}) could not be read "
                "({reason}), so its sessions were not taken in. It was left as it is."
            ).format(name=p["name"], reason=p["reason"])
        ]
    if kind is ProblemKind.LOAD_NOT_SAVED:
        return [
            _(
                "Your history could not be locked or saved ({reason}). It is shown as it is; "
                "hipcoach will try to save again with the next change."
            ).format(reason=p["reason"])
        ]
    if kind is ProblemKind.NOT_MOVED_ASIDE:
        return [
            _("{file} could not be moved aside ({reason}); it was left where it is.").format(
                file=p["file"], reason=p["reason"]
            )
        ]
    if kind is ProblemKind.SAVE_FAILED:
        return [
            _(
                "Your history could not be saved to {file} ({reason}). The change is kept in "
                "memory and hipcoach will try again in a minute and with the next change."
            ).format(file=p["file"], reason=p["reason"])
        ]
    if kind is ProblemKind.SAVE_FAILED_KEPT_BESIDE:
        return [
            _(
                "Your session could not be added to {file} ({reason}). It is safe in "
                "{kept_in}, and hipcoach will try again in a minute, with the next change "
                "and at the next start."
            ).format(file=p["file"], reason=p["reason"], kept_in=p["kept_in"])
        ]
    if kind is ProblemKind.SAVED_AFTER_ALL:
        n = p["count"]
        return [
            ngettext(
                "Your history is saved again ({n} session written to {file}).",
                "Your history is saved again ({n} sessions written to {file}).",
                n,
            ).format(n=n, file=p["file"])
        ]
    if kind is ProblemKind.UNSAVED_FILE_FAILED:
        return [
            _("The session could not be saved beside {name} ({reason}).").format(
                name=p["name"], reason=p["reason"]
            )
        ]
    if kind is ProblemKind.CHECKPOINT_FAILED:
        return [
            _("The session in progress could not be saved ({reason}).").format(reason=p["reason"])
        ]
    raise AssertionError(f"no sentence for {kind}")
