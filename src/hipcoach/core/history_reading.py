"""Reading the history from disk, and recovering what a bad file or a crash left behind.

:func:`read_history` follows the backup ladder (``history.json``, then
``history.json.bak``) and, when asked to repair, moves bad files aside.
:func:`fold_session_files` takes in the sessions left beside the history as
checkpoints or unsaved records. Neither writes ``history.json``: they say what
they found, and the store (:mod:`hipcoach.core.history`) decides what to save.

Nothing here raises for a bad file: what the person should know comes back as
:class:`~hipcoach.core.history_problems.HistoryProblem` values.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from hipcoach.core.history_format import (
    FORMAT_VERSION,
    BadFileError,
    BreakRecord,
    HistoryDocument,
    NewerFormatError,
    SessionRecord,
    decode_session_file,
    parse_history_document,
)
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.core.os_reason import os_reason
from hipcoach.core.storage import FileTooLargeError, backup_path, move_aside, read_bytes_limited
from hipcoach.i18n import _

log = logging.getLogger(__name__)

#: Sized for 200,000 sessions (a session a day for over 500 years) of the usual size,
#: with room to spare; measured in docs/performance.md.
MAX_HISTORY_BYTES = 256 * 1024 * 1024
#: A session file holds one session; anything much bigger is not one of ours.
MAX_SESSION_FILE_BYTES = 256 * 1024

_SESSION_FILE_RE = re.compile(r"^session-(in-progress|unsaved)-([0-9a-f]{32})\.json$")


class UnreadableFileError(Exception):
    """A history file that exists but cannot be opened (permission denied, an I/O error).

    That says nothing about its contents, so it is left alone rather than judged bad.
    """


def _decode_failure(err: BaseException) -> BadFileError:
    # Any failure while decoding one of our files makes it a bad file, never a crash.
    log.warning("history: decoding failed with %s", type(err).__name__, exc_info=err)
    return BadFileError(_("it could not be decoded ({error})").format(error=type(err).__name__))


def read_history_file(path: Path) -> list[SessionRecord]:
    """The sessions in one history file (see :func:`read_history_document`)."""
    return read_history_document(path).sessions


def read_history_document(path: Path) -> HistoryDocument:
    """The sessions and breaks in one history file (``history.json`` or its backup).

    Raises ``FileNotFoundError`` if it is missing, :class:`UnreadableFileError`
    if it exists but cannot be opened, :class:`NewerFormatError` if a newer
    hipcoach wrote it, and :class:`BadFileError` for everything else: a folder
    where the file should be, more than :data:`MAX_HISTORY_BYTES`, or contents
    that are not a valid history, whatever the decoder made of them.
    """
    try:
        is_folder = path.is_dir()
    except OSError as err:  # the folder itself cannot be entered
        raise UnreadableFileError(os_reason(err)) from None
    if is_folder:
        raise BadFileError(_("a folder is where the file should be"))
    try:
        data = read_bytes_limited(path, MAX_HISTORY_BYTES)
    except FileNotFoundError:
        raise
    except FileTooLargeError:
        raise BadFileError(
            _("it is larger than {mb} MB").format(mb=MAX_HISTORY_BYTES // (1024 * 1024))
        ) from None
    except OSError as err:
        raise UnreadableFileError(os_reason(err)) from None
    try:
        return parse_history_document(data)
    except (BadFileError, NewerFormatError):
        raise
    except Exception as err:
        raise _decode_failure(err) from None


@dataclass
class HistoryOnDisk:
    """What :func:`read_history` found.

    ``read_only``: the history must not be written (a newer format, a file that
    cannot be opened, a symbolic link). ``from_backup``: the sessions came from
    ``history.json.bak`` and should be written back as ``history.json``.
    """

    sessions: list[SessionRecord] = field(default_factory=list)
    #: The reminders' breaks, from the same file as ``sessions`` (none when read-only
    #: because of the file, which is then never written).
    breaks: list[BreakRecord] = field(default_factory=list)
    problems: list[HistoryProblem] = field(default_factory=list)
    read_only: bool = False
    from_backup: bool = False


def read_history(path: Path, *, repair: bool, now: float) -> HistoryOnDisk:
    """Read ``history.json``, falling back on its backup when it is missing or bad.

    With ``repair`` a bad file is moved aside as ``<stem>.corrupt-<timestamp>``
    (named from ``now``, a POSIX time); without it nothing on disk changes.
    A file that cannot be opened, a symbolic link, or a newer format (in the
    file or, when the file is missing or bad, in its backup) gives a read-only
    history. Never raises for a bad file: each case adds a problem.
    """
    found = HistoryOnDisk()
    name = path.name
    try:
        is_link = path.is_symlink()
    except OSError:
        is_link = False  # the folder cannot be entered: reading says so below
    if is_link:
        found.read_only = True
        found.problems.append(
            HistoryProblem(
                ProblemKind.READ_ONLY_LINK,
                {"file": path, "target": os.readlink(path)},
                severity="error",
                path=path,
            )
        )
        try:
            found.sessions = read_history_file(path)
        except (OSError, BadFileError, NewerFormatError, UnreadableFileError) as err:
            log.warning("history: the linked file could not be read: %s", err)
        return found
    try:
        document = read_history_document(path)
        found.sessions, found.breaks = document.sessions, document.breaks
    except FileNotFoundError:
        if backup_path(path).is_file() or backup_path(path).is_symlink():
            cause = {"name": name, "folder": path.parent}
            _recover_from_backup(found, path, cause, repair=repair, now=now)
        return found
    except NewerFormatError as err:
        found.read_only = True
        found.sessions = err.sessions or []
        found.problems.append(
            HistoryProblem(
                ProblemKind.READ_ONLY_NEWER,
                {
                    "file": path,
                    "version": _version_text(err.version),
                    "known": FORMAT_VERSION,
                    "shown": err.sessions is not None,
                },
                path=path,
            )
        )
        return found
    except UnreadableFileError as err:
        found.read_only = True
        found.sessions = _backup_sessions_if_any(path)
        found.problems.append(
            HistoryProblem(
                ProblemKind.READ_ONLY_UNREADABLE,
                {"file": path, "reason": str(err), "backup_count": len(found.sessions)},
                severity="error",
                path=path,
            )
        )
        return found
    except BadFileError as err:
        moved = _move_aside(path, found.problems, now) if repair else None
        cause = {"name": name, "reason": str(err), "moved_to": moved}
        _recover_from_backup(found, path, cause, repair=repair, now=now, moved=moved)
    return found


def _version_text(version: int) -> str:
    return str(version) if version < 10**12 else _("a number of more than 12 digits")


def _backup_sessions_if_any(path: Path) -> list[SessionRecord]:
    """The backup's sessions, shown while history.json cannot be opened; nothing changes."""
    try:
        return read_history_file(backup_path(path))
    except NewerFormatError as err:
        return err.sessions or []
    except (OSError, BadFileError, UnreadableFileError):
        return []


def _move_aside(path: Path, problems: list[HistoryProblem], now: float) -> Path | None:
    try:
        return move_aside(path, "corrupt", now=now)
    except OSError as err:
        problems.append(
            HistoryProblem(
                ProblemKind.NOT_MOVED_ASIDE,
                {"file": path, "reason": os_reason(err)},
                severity="error",
                path=path,
            )
        )
        return None


def _recover_from_backup(
    found: HistoryOnDisk,
    path: Path,
    cause: dict[str, object],
    *,
    repair: bool,
    now: float,
    moved: Path | None = None,
) -> None:
    bak = backup_path(path)
    params = {**cause, "backup": bak.name}
    try:
        document = read_history_document(bak)
        found.sessions, found.breaks = document.sessions, document.breaks
    except FileNotFoundError:
        found.problems.append(
            HistoryProblem(ProblemKind.MOVED_ASIDE, params, severity="error", path=moved)
        )
        return
    except NewerFormatError as err:
        # The same rule as for history.json: a newer backup is shown, never moved or replaced.
        found.read_only = True
        found.sessions = err.sessions or []
        found.problems.append(
            HistoryProblem(
                ProblemKind.BACKUP_NEWER,
                {
                    **params,
                    "version": _version_text(err.version),
                    "known": FORMAT_VERSION,
                    "shown": err.sessions is not None,
                },
                path=moved or bak,
            )
        )
        return
    except (BadFileError, UnreadableFileError) as err:
        movable = repair and isinstance(err, BadFileError)
        bak_moved = _move_aside(bak, found.problems, now) if movable else None
        found.problems.append(
            HistoryProblem(
                ProblemKind.BACKUP_UNUSABLE,
                {**params, "backup_reason": str(err), "backup_moved_to": bak_moved},
                severity="error",
                path=moved,
            )
        )
        return
    found.from_backup = True
    found.problems.append(
        HistoryProblem(
            ProblemKind.RECOVERED_FROM_BACKUP,
            {**params, "count": len(found.sessions)},
            path=moved,
        )
    )


# --------------------------------------------------------------------------- session files


def session_file_path(history_path: Path, session_id: str, kind: str) -> Path:
    """Where the ``kind`` ("in-progress" or "unsaved") session file of ``session_id`` lives."""
    return history_path.with_name(f"session-{kind}-{session_id}.json")


def _session_files(folder: Path) -> list[tuple[str, str, Path]]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        m = _SESSION_FILE_RE.match(name)
        if m:
            found.append((m.group(1), m.group(2), folder / name))
    return found


def read_session_file(path: Path) -> SessionRecord:
    """The session in a checkpoint or unsaved-session file.

    Raises ``OSError`` if it cannot be read, :class:`NewerFormatError` for a newer
    hipcoach's file and :class:`BadFileError` for anything else that is not one
    (too large, not a regular file, whatever the decoder made of it).
    """
    if path.is_dir():
        raise BadFileError(_("a folder is where the file should be"))
    try:
        data = read_bytes_limited(path, MAX_SESSION_FILE_BYTES)
    except FileTooLargeError:
        raise BadFileError(
            _("it is larger than {kb} KB").format(kb=MAX_SESSION_FILE_BYTES // 1024)
        ) from None
    try:
        return decode_session_file(data)
    except (BadFileError, NewerFormatError):
        raise
    except Exception as err:
        raise _decode_failure(err) from None


@dataclass
class FoldedFiles:
    """What :func:`fold_session_files` took in.

    ``consumed`` are the files whose sessions are now in the history: remove them
    once that history is safely on disk, not before.
    """

    consumed: list[Path] = field(default_factory=list)
    problems: list[HistoryProblem] = field(default_factory=list)


def fold_session_files(
    by_id: dict[str, SessionRecord], history_path: Path, *, repair: bool, now: float
) -> FoldedFiles:
    """Take the session files beside ``history_path`` into ``by_id`` (changed in place).

    A checkpoint (``session-in-progress-<id>.json``) left by a crash becomes a
    partial, interrupted session unless the history already holds that session
    with at least as much practice. An unsaved record (``session-unsaved-<id>.json``,
    kept while the history could not be written) joins as it is unless the
    history holds it already. A file that cannot be read is reported and, with
    ``repair``, moved aside; a newer hipcoach's file is reported and left alone.
    """
    folded = FoldedFiles()
    interrupted: list[SessionRecord] = []
    unsaved = 0
    for kind, session_id, path in _session_files(history_path.parent):
        try:
            record = read_session_file(path)
        except (OSError, BadFileError, NewerFormatError) as err:
            reason = os_reason(err) if isinstance(err, OSError) else str(err)
            if isinstance(err, NewerFormatError):
                reason = _("it was written by a newer version of hipcoach")
            movable = repair and isinstance(err, BadFileError)
            moved = _move_aside(path, folded.problems, now) if movable else None
            folded.problems.append(
                HistoryProblem(
                    ProblemKind.SESSION_FILE_BAD,
                    {"name": path.name, "reason": reason, "moved_to": moved},
                    path=moved or path,
                )
            )
            continue
        if record.id != session_id:
            log.warning("history: %s holds session %s; using the record", path, record.id)
        existing = by_id.get(record.id)
        if kind == "in-progress":
            partial = msgspec.structs.replace(record, completed=False, interrupted=True)
            if existing is None or (
                existing.interrupted and existing.practised_seconds < partial.practised_seconds
            ):
                by_id[record.id] = partial
                interrupted.append(partial)
        elif existing is None or (existing.interrupted and not record.interrupted):
            by_id[record.id] = record
            unsaved += 1
        folded.consumed.append(path)
    if interrupted:
        minutes = sum(r.practised_seconds for r in interrupted) / 60
        folded.problems.append(
            HistoryProblem(
                ProblemKind.RECOVERED_INTERRUPTED,
                {"count": len(interrupted), "minutes": minutes},
                severity="info",
            )
        )
    if unsaved and repair:
        folded.problems.append(
            HistoryProblem(ProblemKind.TOOK_IN_UNSAVED, {"count": unsaved}, severity="info")
        )
    return folded
