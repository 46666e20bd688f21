"""The session history: what was practised, kept so that no session is ever lost.

The history lives in one ``history.json`` in the data folder (format described in
``docs/history-format.md``). Every write replaces the whole file atomically and
keeps the previous good file as ``history.json.bak``. A session in progress is
checkpointed to a small ``session-in-progress-<id>.json`` beside it, which the
next :meth:`HistoryStore.load` folds in as a partial session if the app died
before the session was finished.

Nothing here raises on a bad file: problems come back as :class:`HistoryProblem`
values with a sentence the window can show as it is.

The records and the file format are in :mod:`hipcoach.core.history_format` and
the write lock in :mod:`hipcoach.core.history_lock`. Their public names are
re-exported here, so the rest of hipcoach imports everything about the history
from this one module.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from hipcoach.core.history_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MIGRATIONS,
    NOTE_MAX_CHARS,
    SESSION_FILE_FORMAT_NAME,
    AwareDatetime,
    BadFileError,
    CheckIn,
    Count,
    NewerFormatError,
    Rating,
    Seconds,
    SessionRecord,
    SleepPause,
    chronological_key,
    decode_session_file,
    describe_validation_error,
    encode_history,
    encode_session_file,
    migrate,
    new_session_id,
    parse_history,
    validated,
)
from hipcoach.core.history_lock import (
    FileWriteLock,
    LockTimeoutError,
    WriteLock,
    default_lock_path,
)
from hipcoach.core.storage import (
    FileTooLargeError,
    atomic_write_bytes,
    backup_path,
    move_aside,
    read_bytes_limited,
)

log = logging.getLogger(__name__)

MAX_HISTORY_BYTES = 20 * 1024 * 1024
# A checkpoint holds one session; anything much bigger is not one of ours.
MAX_SESSION_FILE_BYTES = 256 * 1024

_SESSION_FILE_RE = re.compile(r"^session-(in-progress|unsaved)-([0-9a-f]{32})\.json$")


# --------------------------------------------------------------------------- problems


class ProblemKind(enum.Enum):
    MOVED_ASIDE = "moved-aside"
    RECOVERED_FROM_BACKUP = "recovered-from-backup"
    BACKUP_UNUSABLE = "backup-unusable"
    READ_ONLY_NEWER = "read-only-newer"
    READ_ONLY_UNREADABLE = "read-only-unreadable"
    RECOVERED_INTERRUPTED = "recovered-interrupted"
    WRITE_FAILED = "write-failed"
    READ_ONLY = "read-only"


@dataclass(frozen=True)
class HistoryProblem:
    """Something the person should be told about their history, in a sentence they can act on."""

    kind: ProblemKind
    message: str
    severity: Literal["info", "warning", "error"] = "warning"
    path: Path | None = None  # where the file concerned is now, if any


@dataclass(frozen=True)
class LoadResult:
    """What :meth:`HistoryStore.load` found: sessions (newest first) and what to tell the user."""

    sessions: tuple[SessionRecord, ...]
    problems: tuple[HistoryProblem, ...]
    read_only: bool


@dataclass(frozen=True)
class HistoryEvent:
    """Sent to listeners after the store's sessions changed (or a problem came up)."""

    kind: Literal["loaded", "added", "deleted", "restored"]
    session_id: str | None = None
    problems: tuple[HistoryProblem, ...] = ()


class UnreadableFileError(Exception):
    """A history file that exists but cannot be opened (permission denied, an I/O error).

    That says nothing about its contents, so it is left alone rather than judged bad.
    """


def _sessions_were(n: int) -> str:
    return f"{n} session was" if n == 1 else f"{n} sessions were"


# --------------------------------------------------------------------------- the store


Listener = Callable[[HistoryEvent], None]


class HistoryStore:
    """The history file and everything that reads or writes it.

    ``lock`` excludes other processes from writing at the same time (default: a
    :class:`FileWriteLock` beside the file). ``read_only=True`` never changes any
    file (for export and inspection). ``clock`` gives the wall time used to name
    moved-aside files.

    Writes re-read the file first if another process changed it, so two
    processes sharing a data folder never lose each other's sessions.
    """

    def __init__(
        self,
        path: Path,
        *,
        lock: WriteLock | None = None,
        read_only: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self._lock: WriteLock = lock or FileWriteLock(default_lock_path(self.path))
        self._requested_read_only = read_only
        self._newer_version: int | None = None
        # Why history.json cannot be opened right now, if it cannot (then: read-only).
        self._unreadable: str | None = None
        self._clock = clock
        self._by_id: dict[str, SessionRecord] = {}
        self._newest_first: tuple[SessionRecord, ...] | None = ()
        self._file_stamp: tuple[int, int, int] | None = None
        # Changes not yet on disk because a write failed; replayed on the next write.
        self._pending_upserts: dict[str, SessionRecord] = {}
        self._pending_deletes: set[str] = set()
        self._listeners: list[Listener] = []

    # ----------------------------------------------------------------- reading

    @property
    def sessions(self) -> Sequence[SessionRecord]:
        """All sessions, newest first."""
        if self._newest_first is None:
            self._newest_first = tuple(
                sorted(self._by_id.values(), key=chronological_key, reverse=True)
            )
        return self._newest_first

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, session_id: str) -> SessionRecord | None:
        return self._by_id.get(session_id)

    @property
    def read_only(self) -> bool:
        """True when this store will not change ``history.json``.

        Asked to, or the file is in a newer format, or it exists but cannot be opened.
        """
        return (
            self._requested_read_only
            or self._newer_version is not None
            or self._unreadable is not None
        )

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(event)`` after every change; used by the history panel."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def load(self) -> LoadResult:
        """Read the history from disk, repairing what can be repaired.

        A bad file is moved aside as ``history.corrupt-<timestamp>.json`` and the
        history recovered from ``history.json.bak`` where possible; sessions left
        in progress by a crash are folded in as partial sessions. Never raises for
        a bad file; everything the user should know is in ``problems``.
        """
        problems: list[HistoryProblem] = []
        if self._requested_read_only:
            self._read(problems, repair=False)
            self._fold_session_files(problems, repair=False)
        else:
            try:
                with self._lock():
                    self._read(problems, repair=True)
                    self._fold_session_files(problems, repair=True)
            except OSError as err:
                # Cannot lock or cannot write: still show what is there, change nothing.
                log.warning("history: loading without repairs: %s", err)
                problems = [
                    HistoryProblem(
                        ProblemKind.WRITE_FAILED,
                        f"Your history could not be locked or saved ({err}). It is shown as "
                        "it is; hipcoach will try to save again with the next change.",
                    )
                ]
                self._read(problems, repair=False)
                self._fold_session_files(problems, repair=False)
        result = LoadResult(tuple(self.sessions), tuple(problems), self.read_only)
        self._notify(HistoryEvent("loaded", problems=result.problems))
        return result

    def _set_sessions(self, records: Iterable[SessionRecord]) -> None:
        self._by_id = {r.id: r for r in records}
        self._newest_first = None

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _read(self, problems: list[HistoryProblem], *, repair: bool) -> None:
        """Replace the in-memory sessions with the file's (or the backup's)."""
        self._newer_version = None
        self._unreadable = None
        name = self.path.name
        stamp = self._stamp()
        try:
            sessions = self._read_file(self.path, MAX_HISTORY_BYTES)
        except FileNotFoundError:
            if backup_path(self.path).is_file():
                self._recover_from_backup(
                    problems, repair, f"{name} was missing from {self.path.parent}."
                )
            else:
                self._set_sessions(())
            self._file_stamp = self._stamp()
            return
        except NewerFormatError as err:
            self._newer_version = err.version
            self._set_sessions(err.sessions or ())
            shown = (
                "It is shown read-only"
                if err.sessions is not None
                else "This version cannot show its sessions"
            )
            problems.append(
                HistoryProblem(
                    ProblemKind.READ_ONLY_NEWER,
                    f"{self.path} was written by a newer version of hipcoach (history format "
                    f"{err.version}; this version knows up to {FORMAT_VERSION}). {shown} and "
                    "will not be changed. Sessions you practise now are kept beside it in "
                    "session-unsaved-*.json files until you update hipcoach.",
                    severity="warning",
                    path=self.path,
                )
            )
            self._file_stamp = stamp
            return
        except UnreadableFileError as err:
            self._unreadable = str(err)
            self._show_backup_read_only()
            problems.append(
                HistoryProblem(
                    ProblemKind.READ_ONLY_UNREADABLE,
                    f"{self.path} could not be opened ({err}). It was left as it is and will "
                    "not be changed"
                    + (
                        f"; {_sessions_were(len(self._by_id))} shown from its backup"
                        if self._by_id
                        else ""
                    )
                    + ". Sessions you practise now are kept beside it in session-unsaved-*.json "
                    "files until hipcoach can open it again.",
                    severity="error",
                    path=self.path,
                )
            )
            self._file_stamp = stamp
            return
        except BadFileError as err:
            reason = str(err)
            where = self._move_aside(self.path, problems) if repair else None
            if where is not None:
                lead = f"{name} could not be read ({reason}). It was moved to {where}."
            else:
                lead = f"{name} could not be read ({reason}). It was left as it is."
            self._recover_from_backup(problems, repair, lead, moved_to=where)
            self._file_stamp = self._stamp()
            return
        self._set_sessions(sessions)
        self._file_stamp = stamp

    def _read_file(self, path: Path, limit: int) -> list[SessionRecord]:
        """Parse one history file; every failure but 'missing' and 'newer' becomes BadFileError."""
        if path.is_dir():
            raise BadFileError("a folder is where the file should be")
        try:
            data = read_bytes_limited(path, limit)
        except FileNotFoundError:
            raise
        except FileTooLargeError:
            raise BadFileError(f"it is larger than {limit // (1024 * 1024)} MB") from None
        except OSError as err:
            raise UnreadableFileError(err.strerror or str(err)) from None
        return parse_history(data)

    def _show_backup_read_only(self) -> None:
        """The backup's sessions, shown while history.json cannot be opened; nothing changes."""
        try:
            self._set_sessions(self._read_file(backup_path(self.path), MAX_HISTORY_BYTES))
        except (OSError, BadFileError, NewerFormatError, UnreadableFileError):
            self._set_sessions(())

    def _move_aside(self, path: Path, problems: list[HistoryProblem]) -> Path | None:
        try:
            return move_aside(path, "corrupt", now=self._clock())
        except OSError as err:
            problems.append(
                HistoryProblem(
                    ProblemKind.WRITE_FAILED,
                    f"{path} could not be moved aside ({err}); it was left where it is.",
                    severity="error",
                    path=path,
                )
            )
            return None

    def _recover_from_backup(
        self,
        problems: list[HistoryProblem],
        repair: bool,
        lead: str,
        *,
        moved_to: Path | None = None,
    ) -> None:
        bak = backup_path(self.path)
        try:
            sessions = self._read_file(bak, MAX_HISTORY_BYTES)
        except FileNotFoundError:
            self._set_sessions(())
            problems.append(
                HistoryProblem(
                    ProblemKind.MOVED_ASIDE,
                    f"{lead} There was no backup to recover from, so your history starts empty.",
                    severity="error",
                    path=moved_to,
                )
            )
            return
        except (BadFileError, NewerFormatError, UnreadableFileError) as err:
            self._set_sessions(())
            movable = not isinstance(err, UnreadableFileError)
            bak_where = self._move_aside(bak, problems) if repair and movable else None
            fate = f" and was moved to {bak_where}" if bak_where else ""
            problems.append(
                HistoryProblem(
                    ProblemKind.BACKUP_UNUSABLE,
                    f"{lead} The backup {bak.name} could not be used either ({err}){fate}, so "
                    "your history starts empty.",
                    severity="error",
                    path=moved_to,
                )
            )
            return
        self._set_sessions(sessions)
        if repair:
            try:
                self._write_now()
            except OSError as err:
                log.warning("history: could not write the recovered history: %s", err)
        n = len(sessions)
        problems.append(
            HistoryProblem(
                ProblemKind.RECOVERED_FROM_BACKUP,
                f"{lead} {_sessions_were(n)} recovered from the backup "
                f"{bak.name}; sessions after that backup may be missing.",
                severity="warning",
                path=moved_to,
            )
        )

    # ----------------------------------------------------------------- session files

    def session_file_path(self, session_id: str, kind: str = "in-progress") -> Path:
        """Where the checkpoint (or, when read-only, the finished record) of a session lives."""
        return self.path.with_name(f"session-{kind}-{session_id}.json")

    def _session_files(self) -> list[tuple[str, str, Path]]:
        try:
            names = os.listdir(self.path.parent)
        except OSError:
            return []
        found = []
        for name in sorted(names):
            m = _SESSION_FILE_RE.match(name)
            if m:
                found.append((m.group(1), m.group(2), self.path.with_name(name)))
        return found

    def _fold_session_files(self, problems: list[HistoryProblem], *, repair: bool) -> None:
        """Take in sessions a crash left as checkpoints, and records kept while read-only."""
        repair = repair and not self.read_only
        recovered: list[SessionRecord] = []
        to_remove: list[Path] = []
        for kind, session_id, path in self._session_files():
            try:
                data = read_bytes_limited(path, MAX_SESSION_FILE_BYTES)
                rec = decode_session_file(data)
            except (OSError, msgspec.ValidationError, msgspec.DecodeError) as err:
                reason = (
                    describe_validation_error(err)
                    if isinstance(err, msgspec.ValidationError)
                    else str(err)
                )
                where = self._move_aside(path, problems) if repair else None
                problems.append(
                    HistoryProblem(
                        ProblemKind.MOVED_ASIDE,
                        f"A saved session in progress ({path.name}) could not be read "
                        f"({reason})." + (f" It was moved to {where}." if where else ""),
                        severity="warning",
                        path=where or path,
                    )
                )
                continue
            if rec.id != session_id:
                log.warning("history: %s holds session %s; using the record", path, rec.id)
            if kind == "in-progress":
                existing = self._by_id.get(rec.id)
                partial = msgspec.structs.replace(rec, completed=False, interrupted=True)
                if existing is None or (
                    existing.interrupted and existing.practised_seconds < partial.practised_seconds
                ):
                    self._by_id[rec.id] = partial
                    self._newest_first = None
                    recovered.append(partial)
            elif rec.id not in self._by_id:
                self._by_id[rec.id] = rec
                self._newest_first = None
            to_remove.append(path)
        if not repair:
            # Nothing may change on disk: the files stay until a writable start.
            to_remove = []
        elif to_remove:
            try:
                self._write_now()
            except OSError as err:
                log.warning("history: could not write recovered sessions: %s", err)
                to_remove = []  # keep the checkpoints: they are the only copy
        for path in to_remove:
            with contextlib.suppress(OSError):
                path.unlink()
        if recovered:
            n = len(recovered)
            minutes = sum(r.practised_seconds for r in recovered) / 60
            problems.append(
                HistoryProblem(
                    ProblemKind.RECOVERED_INTERRUPTED,
                    f"{_sessions_were(n)} interrupted when hipcoach last closed unexpectedly "
                    "and added to your history as "
                    f"partial ({minutes:.0f} min practised up to the last save).",
                    severity="info",
                )
            )

    # ----------------------------------------------------------------- writing

    def _notify(self, event: HistoryEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _write_now(self) -> None:
        data = encode_history(self._by_id.values())
        if len(data) > MAX_HISTORY_BYTES:
            raise FileTooLargeError(
                f"the history would be larger than {MAX_HISTORY_BYTES // (1024 * 1024)} MB"
            )
        atomic_write_bytes(self.path, data, keep_backup=True)
        self._file_stamp = self._stamp()

    def _refresh_if_changed(self, problems: list[HistoryProblem]) -> None:
        # Another process may have written since we last read: start from its file.
        stamp = self._stamp()
        if stamp is None or stamp == self._file_stamp:
            return
        before = dict(self._by_id)
        n_problems = len(problems)
        self._read(problems, repair=True)
        if len(problems) > n_problems:
            # The file turned bad under us: what we hold in memory is the best copy.
            for rec in before.values():
                self._by_id.setdefault(rec.id, rec)
        for rec in self._pending_upserts.values():
            self._by_id[rec.id] = rec
        for session_id in self._pending_deletes:
            self._by_id.pop(session_id, None)
        self._newest_first = None

    def _change(
        self,
        kind: Literal["added", "deleted", "restored"],
        session_id: str,
        apply: Callable[[], None],
    ) -> HistoryProblem | None:
        # Memory first, so the change shows (and survives) even if the disk refuses it.
        apply()
        problems: list[HistoryProblem] = []
        problem: HistoryProblem | None = None
        if not self.read_only:
            try:
                with self._lock():
                    self._refresh_if_changed(problems)
                    if not self.read_only:
                        self._write_now()
                        self._pending_upserts.clear()
                        self._pending_deletes.clear()
                        with contextlib.suppress(FileNotFoundError):
                            self.session_file_path(session_id).unlink()
            except OSError as err:
                log.warning("history: could not save (%s): %s", kind, err)
                problem = HistoryProblem(
                    ProblemKind.WRITE_FAILED,
                    f"Your history could not be saved to {self.path} ({err}). The change is "
                    "kept in memory and hipcoach will try again with the next change.",
                    severity="error",
                    path=self.path,
                )
        if problem is None and self.read_only:
            problem = self._keep_unsaved(kind, session_id)
        if problem is not None:
            problems.append(problem)
        self._notify(HistoryEvent(kind, session_id, tuple(problems)))
        return problem

    def _keep_unsaved(self, kind: str, session_id: str) -> HistoryProblem | None:
        if self._requested_read_only:
            return HistoryProblem(
                ProblemKind.READ_ONLY, "The history is open read-only; the change was not saved."
            )
        record = self._by_id.get(session_id)
        if kind == "deleted" or record is None:
            why = (
                f"could not be opened ({self._unreadable})"
                if self._unreadable is not None
                else "was written by a newer version of hipcoach"
            )
            return HistoryProblem(
                ProblemKind.READ_ONLY,
                f"{self.path.name} {why} and cannot be changed now; the session was hidden "
                "only until you close hipcoach.",
            )
        try:
            with self._lock():
                self._write_session_file(record, "unsaved")
                with contextlib.suppress(FileNotFoundError):
                    self.session_file_path(session_id).unlink()
        except OSError as err:
            return HistoryProblem(
                ProblemKind.WRITE_FAILED,
                f"The session could not be saved beside {self.path.name} ({err}).",
                severity="error",
            )
        return None

    def _write_session_file(self, record: SessionRecord, kind: str) -> None:
        atomic_write_bytes(
            self.session_file_path(record.id, kind), encode_session_file(record), keep_backup=False
        )

    def add(self, record: SessionRecord) -> HistoryProblem | None:
        """Record a finished (or abandoned) session durably, and clear its checkpoint.

        When this returns ``None`` the session is on disk. Adding a session whose id
        is already there replaces it. On failure the session stays in memory (and
        its checkpoint stays on disk) and the returned problem says why. A record
        breaking the format's rules raises ``ValueError`` before anything is saved.
        """
        return self._upsert(record, "added")

    def restore(self, record: SessionRecord) -> HistoryProblem | None:
        """Put back a deleted session (undo of :meth:`delete`)."""
        return self._upsert(record, "restored")

    def _upsert(self, record: SessionRecord, event: str) -> HistoryProblem | None:
        record = validated(record)

        def apply() -> None:
            self._by_id[record.id] = record
            self._pending_upserts[record.id] = record
            self._pending_deletes.discard(record.id)
            self._newest_first = None

        return self._change(event, record.id, apply)

    def delete(self, session_id: str) -> SessionRecord | None:
        """Remove a session; returns it (for undo via :meth:`restore`), or None if unknown.

        A failed write is reported to listeners as a ``problem`` event.
        """
        record = self._by_id.get(session_id)
        if record is None:
            return None

        def apply() -> None:
            self._by_id.pop(session_id, None)
            self._pending_upserts.pop(session_id, None)
            self._pending_deletes.add(session_id)
            self._newest_first = None

        self._change("deleted", session_id, apply)
        return record

    def checkpoint(self, record: SessionRecord) -> HistoryProblem | None:
        """Save a session in progress so that a crash loses at most the time since this call.

        Cheap: writes only ``session-in-progress-<id>.json``. Call at every step
        change and at least every 30 s. :meth:`add` clears it.
        """
        record = validated(record)
        if self._requested_read_only:
            return None
        try:
            with self._lock():
                self._write_session_file(record, "in-progress")
        except OSError as err:
            log.warning("history: checkpoint failed: %s", err)
            return HistoryProblem(
                ProblemKind.WRITE_FAILED,
                f"The session in progress could not be saved ({err}).",
                severity="error",
            )
        return None

    def finish(self, record: SessionRecord) -> HistoryProblem | None:
        """The session ended (completed or stopped early): same as :meth:`add`."""
        return self.add(record)

    def discard_checkpoint(self, session_id: str) -> None:
        """Forget a checkpoint without recording the session (e.g. stopped within seconds)."""
        with contextlib.suppress(OSError):
            self.session_file_path(session_id).unlink()


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_HISTORY_BYTES",
    "MAX_SESSION_FILE_BYTES",
    "MIGRATIONS",
    "NOTE_MAX_CHARS",
    "SESSION_FILE_FORMAT_NAME",
    "AwareDatetime",
    "BadFileError",
    "CheckIn",
    "Count",
    "FileWriteLock",
    "HistoryEvent",
    "HistoryProblem",
    "HistoryStore",
    "Listener",
    "LoadResult",
    "LockTimeoutError",
    "NewerFormatError",
    "ProblemKind",
    "Rating",
    "Seconds",
    "SessionRecord",
    "SleepPause",
    "UnreadableFileError",
    "WriteLock",
    "default_lock_path",
    "encode_history",
    "migrate",
    "new_session_id",
    "parse_history",
    "validated",
]
