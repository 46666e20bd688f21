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


def _sessions_were(n: int) -> str:
    return f"{n} session was" if n == 1 else f"{n} sessions were"


def _sessions(n: int) -> str:
    return f"{n} session" if n == 1 else f"{n} sessions"


def _cause(p: Mapping[str, Any]) -> str:
    """The first sentence of a read failure: what was wrong with history.json."""
    name, folder, reason, moved = p["name"], p.get("folder"), p.get("reason"), p.get("moved_to")
    if reason is None:
        return f"{name} was missing from {folder}."
    if moved is not None:
        return f"{name} could not be read ({reason}). It was moved to {moved}."
    return f"{name} could not be read ({reason}). It was left as it is."


_UNSAVED_BESIDE = "Sessions you practise now are kept beside it in session-unsaved-*.json files"


def describe(problem: HistoryProblem) -> str:
    """The sentence for ``problem``; the only place history problems are worded."""
    p, kind = problem.params, problem.kind
    if kind is ProblemKind.RECOVERED_FROM_BACKUP:
        return (
            f"{_cause(p)} {_sessions_were(p['count'])} recovered from the backup "
            f"{p['backup']}; sessions after that backup may be missing."
        )
    if kind is ProblemKind.MOVED_ASIDE:
        return f"{_cause(p)} There was no backup to recover from, so your history starts empty."
    if kind is ProblemKind.BACKUP_UNUSABLE:
        if p.get("backup_moved_to"):
            backup = (
                f"The backup {p['backup']} could not be used either ({p['backup_reason']}) and "
                f"was moved to {p['backup_moved_to']}, so your history starts empty."
            )
        else:
            backup = (
                f"The backup {p['backup']} could not be used either ({p['backup_reason']}), "
                "so your history starts empty."
            )
        return f"{_cause(p)} {backup}"
    if kind is ProblemKind.READ_ONLY_NEWER:
        lead = (
            f"{p['file']} was written by a newer version of hipcoach (history format "
            f"{p['version']}; this version knows up to {p['known']})."
        )
        if p["shown"]:
            shown = "It is shown read-only and will not be changed."
        else:
            shown = "This version cannot show its sessions, and the file will not be changed."
        return f"{lead} {shown} {_UNSAVED_BESIDE} until you update hipcoach."
    if kind is ProblemKind.BACKUP_NEWER:
        newer = (
            f"Its backup {p['backup']} was written by a newer version of hipcoach (history "
            f"format {p['version']}; this version knows up to {p['known']})."
        )
        shown = (
            "The backup's sessions are shown read-only, and it will not be changed."
            if p["shown"]
            else "This version cannot show its sessions, and it will not be changed."
        )
        return f"{_cause(p)} {newer} {shown} {_UNSAVED_BESIDE} until you update hipcoach."
    if kind is ProblemKind.READ_ONLY_UNREADABLE:
        lead = (
            f"{p['file']} could not be opened ({p['reason']}). It was left as it is and will "
            "not be changed."
        )
        shown = (
            f" {_sessions_were(p['backup_count'])} shown from its backup."
            if p.get("backup_count")
            else ""
        )
        return f"{lead}{shown} {_UNSAVED_BESIDE} until hipcoach can open it again."
    if kind is ProblemKind.READ_ONLY_LINK:
        return (
            f"{p['file']} is a symbolic link (to {p['target']}). hipcoach writes only regular "
            "files inside its data folder, so your history is shown read-only. "
            f"{_UNSAVED_BESIDE}. To save again, replace the link with the file itself, or "
            "start hipcoach with --data-dir pointing at the folder the link leads to."
        )
    if kind is ProblemKind.READ_ONLY:
        return "The history is open read-only; the change was not saved."
    if kind is ProblemKind.HIDDEN_UNTIL_CLOSE:
        return (
            f"{p['name']} cannot be changed now, so the session was hidden only until you "
            "close hipcoach."
        )
    if kind is ProblemKind.RECOVERED_INTERRUPTED:
        return (
            f"{_sessions_were(p['count'])} interrupted when hipcoach last closed unexpectedly "
            f"and added to your history as partial ({p['minutes']:.0f} min practised up to "
            "the last save)."
        )
    if kind is ProblemKind.TOOK_IN_UNSAVED:
        return (
            f"{_sessions_were(p['count'])} kept beside your history while it could not be "
            "written, and are now in it."
        )
    if kind is ProblemKind.SESSION_FILE_BAD:
        if p.get("moved_to"):
            return (
                f"A saved session ({p['name']}) could not be read ({p['reason']}). "
                f"It was moved to {p['moved_to']}."
            )
        return f"A saved session ({p['name']}) could not be read ({p['reason']})."
    if kind is ProblemKind.MERGED_SYNC_COPIES:
        return (
            f"Your history had {_copies(p['copies'])} left by a sync program "
            f"({', '.join(p['names'])}). {_sessions_were(p['added'])} taken from them into "
            f"your history; the copies were moved aside with “merged” in their names."
        )
    if kind is ProblemKind.SYNC_COPY_BAD:
        return (
            f"A copy of your history left by a sync program ({p['name']}) could not be read "
            f"({p['reason']}), so its sessions were not taken in. It was left as it is."
        )
    if kind is ProblemKind.LOAD_NOT_SAVED:
        return (
            f"Your history could not be locked or saved ({p['reason']}). It is shown as it "
            "is; hipcoach will try to save again with the next change."
        )
    if kind is ProblemKind.NOT_MOVED_ASIDE:
        return f"{p['file']} could not be moved aside ({p['reason']}); it was left where it is."
    if kind is ProblemKind.SAVE_FAILED:
        return (
            f"Your history could not be saved to {p['file']} ({p['reason']}). The change is "
            "kept in memory and hipcoach will try again in a minute and with the next change."
        )
    if kind is ProblemKind.SAVE_FAILED_KEPT_BESIDE:
        return (
            f"Your session could not be added to {p['file']} ({p['reason']}). It is safe in "
            f"{p['kept_in']}, and hipcoach will try again in a minute, with the next change "
            "and at the next start."
        )
    if kind is ProblemKind.SAVED_AFTER_ALL:
        return f"Your history is saved again ({_sessions(p['count'])} written to {p['file']})."
    if kind is ProblemKind.UNSAVED_FILE_FAILED:
        return f"The session could not be saved beside {p['name']} ({p['reason']})."
    if kind is ProblemKind.CHECKPOINT_FAILED:
        return f"The session in progress could not be saved ({p['reason']})."
    raise AssertionError(f"no sentence for {kind}")


def _copies(n: int) -> str:
    return "1 copy" if n == 1 else f"{n} copies"
