"""Copies of ``history.json`` left by sync programs, merged back into the history.

People who practise on two computers keep the data folder in a folder that
Syncthing, Nextcloud, Dropbox or the like keeps in step. When both computers
changed the history before syncing, the program keeps one version under the
usual name and the other beside it under a conflict name. Each session has its
own id, so nothing is lost by taking the sessions of every copy: for one id, the
record with more practised time wins. The reminders' breaks are taken the same
way (see :func:`merge_breaks`). The copies are then moved aside (never deleted)
so the merge is done once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from hipcoach.core.history_format import (
    BadFileError,
    BreakRecord,
    NewerFormatError,
    SessionRecord,
)
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.core.history_reading import UnreadableFileError, read_history_document
from hipcoach.core.os_reason import os_reason
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

#: How much a break entry tells, for two entries that are the same break but
#: disagree: an answer says more than "offered", a final answer more than "later",
#: and a break taken (which the statistics count) most of all.
_OUTCOME_RANK = {"offered": 0, "postponed": 1, "skipped": 2, "taken": 3}

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
    that were new or replaced a record with less practice, ``breaks_taken`` the
    break entries that were new or replaced one with a poorer outcome.
    """

    merged: list[Path] = field(default_factory=list)
    taken: int = 0
    breaks_taken: int = 0
    problems: list[HistoryProblem] = field(default_factory=list)


def _content(record: BreakRecord) -> tuple[float, str, str, str]:
    return (record.at.timestamp(), record.reminder, record.event, record.routine_id)


def merge_breaks(held: dict[str, BreakRecord], incoming: list[BreakRecord]) -> int:
    """Take the break entries of a conflict copy into ``held`` (by id, in place).

    Every entry is one event (a reminder offered, taken, postponed or skipped)
    with its own id, written once and never changed, so two copies of the
    history share the entries written before they parted and add their own
    after. The same id is the same entry, kept once. An entry equal to one
    held in everything but its id (the same event at the same instant, to the
    microsecond) is the same entry too, and is not added again. Should two
    entries with one id disagree, the richer outcome wins: taken over skipped
    over postponed over offered (the one held on a tie). Returns how many
    entries were added or replaced.
    """
    contents = {_content(b) for b in held.values()}
    changed = 0
    for record in incoming:
        current = held.get(record.id)
        if current is None:
            if _content(record) in contents:
                continue
        elif _OUTCOME_RANK[record.event] <= _OUTCOME_RANK[current.event]:
            continue
        held[record.id] = record
        contents.add(_content(record))
        changed += 1
    return changed


def merge_conflict_copies(
    by_id: dict[str, SessionRecord],
    history_path: Path,
    breaks: dict[str, BreakRecord],
) -> SyncMerge:
    """Take the sessions and breaks of every conflict copy of ``history_path`` (in place).

    Sessions go into ``by_id``: for one session id the record with more
    practised time wins (the one already held on a tie). Break entries go into
    ``breaks`` as :func:`merge_breaks` says. A copy that cannot be read, is not
    a valid history or comes from a newer hipcoach is reported and left where
    it is; nothing on disk changes here.
    """
    result = SyncMerge()
    for path in find_conflict_copies(history_path):
        try:
            document = read_history_document(path)
        except NewerFormatError:
            reason = _("it was written by a newer version of hipcoach")
        except (OSError, BadFileError, UnreadableFileError) as err:
            reason = os_reason(err) if isinstance(err, OSError) else str(err)
        else:
            for record in document.sessions:
                held = by_id.get(record.id)
                if held is None or record.practised_seconds > held.practised_seconds:
                    by_id[record.id] = record
                    result.taken += 1
            result.breaks_taken += merge_breaks(breaks, document.breaks)
            result.merged.append(path)
            continue
        result.problems.append(
            HistoryProblem(
                ProblemKind.SYNC_COPY_BAD, {"name": path.name, "reason": reason}, path=path
            )
        )
    return result
