"""Copies of ``history.json`` left by sync programs, merged back into the history.

People who practise on two computers keep the data folder in a folder that
Syncthing, Nextcloud, Dropbox or the like keeps in step. When both computers
changed the history before syncing, the program keeps one version under the
usual name and the other beside it under a conflict name. Each session has its
own id, so nothing is lost by taking the sessions of every copy: for one id, the
record with more practised time wins. The copies are then moved aside (never
deleted) so the merge is done once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from hipcoach.core.history_format import BadFileError, NewerFormatError, SessionRecord
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.core.history_reading import UnreadableFileError, read_history_file
from hipcoach.i18n import _

#: How each sync program names its conflict copy of ``<stem>.json``.
_CONFLICT_NAMES = (
    # Syncthing: history.sync-conflict-20261204-101010-ABCDEF.json
    r"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+\.json",
    # Dropbox, Nextcloud, ownCloud: history (conflicted copy 2026-12-04).json,
    # history (Anna's conflicted copy 2026-12-04).json, history (conflicted copy 2026-12-04 10).json
    r"{stem} \([^()]*conflicted copy[^()]*\)\.json",
    # A numbered duplicate (Dropbox, OneDrive, Google Drive): history (1).json
    r"{stem} \(\d{{1,4}}\)\.json",
)

#: The label a merged copy gets when it is moved aside (its name then no longer matches).
MERGED_LABEL = "merged"


def conflict_copy_pattern(history_path: Path) -> re.Pattern[str]:
    """The file names sync programs give their conflict copies of ``history_path``."""
    stem = re.escape(history_path.stem)
    return re.compile(
        "^(?:" + "|".join(n.format(stem=stem) for n in _CONFLICT_NAMES) + ")$", re.IGNORECASE
    )


def find_conflict_copies(history_path: Path) -> list[Path]:
    """The conflict copies beside ``history_path``, by name; none if the folder cannot be listed."""
    pattern = conflict_copy_pattern(history_path)
    try:
        names = os.listdir(history_path.parent)
    except OSError:
        return []
    return [history_path.with_name(n) for n in sorted(names) if pattern.match(n)]


@dataclass
class SyncMerge:
    """What :func:`merge_conflict_copies` did.

    ``merged`` are the copies whose sessions are now in the history: move them
    aside once that history is safely on disk. ``taken`` counts the sessions
    that were new or replaced a record with less practice.
    """

    merged: list[Path] = field(default_factory=list)
    taken: int = 0
    problems: list[HistoryProblem] = field(default_factory=list)


def merge_conflict_copies(by_id: dict[str, SessionRecord], history_path: Path) -> SyncMerge:
    """Take the sessions of every conflict copy of ``history_path`` into ``by_id`` (in place).

    For one session id the record with more practised time wins (the one already
    held on a tie). A copy that cannot be read, is not a valid history or comes
    from a newer hipcoach is reported and left where it is; nothing on disk
    changes here.
    """
    result = SyncMerge()
    for path in find_conflict_copies(history_path):
        try:
            sessions = read_history_file(path)
        except NewerFormatError:
            reason = _("it was written by a newer version of hipcoach")
        except (OSError, BadFileError, UnreadableFileError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        else:
            for record in sessions:
                held = by_id.get(record.id)
                if held is None or record.practised_seconds > held.practised_seconds:
                    by_id[record.id] = record
                    result.taken += 1
            result.merged.append(path)
            continue
        result.problems.append(
            HistoryProblem(
                ProblemKind.SYNC_COPY_BAD, {"name": path.name, "reason": reason}, path=path
            )
        )
    return result
