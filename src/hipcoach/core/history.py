"""The history store: the sessions in memory and the one object that writes ``history.json``.

Every write replaces the whole file atomically and keeps the previous good file
as ``history.json.bak`` (format in ``docs/history-format.md``). A session in
progress is checkpointed to a small ``session-in-progress-<id>.json`` beside it.
Reading the files and recovering what a crash, a bad file or a sync program
left is :mod:`hipcoach.core.history_reading` and :mod:`hipcoach.core.history_sync`;
the records and the format are :mod:`hipcoach.core.history_format`.

A write that fails never loses a session: the change stays in memory, a
finished session is kept beside the history in ``session-unsaved-<id>.json``,
and :meth:`HistoryStore.retry` (or the next change) writes it later.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from hipcoach.core.history_format import (
    BreakRecord,
    SessionRecord,
    chronological_key,
    encode_history,
    encode_session_file,
    validated,
)
from hipcoach.core.history_lock import FileWriteLock, WriteLock, default_lock_path
from hipcoach.core.history_problems import HistoryProblem, ProblemKind
from hipcoach.core.history_reading import (
    MAX_HISTORY_BYTES,
    fold_session_files,
    os_reason,
    read_history,
    session_file_path,
)
from hipcoach.core.history_sync import MERGED_LABEL, merge_conflict_copies
from hipcoach.core.storage import FileTooLargeError, atomic_write_bytes, move_aside
from hipcoach.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    """What :meth:`HistoryStore.load` found: sessions (newest first) and what to tell the user."""

    sessions: tuple[SessionRecord, ...]
    problems: tuple[HistoryProblem, ...]
    read_only: bool


@dataclass(frozen=True)
class HistoryEvent:
    """Sent to listeners after the store's sessions changed (or a problem came up)."""

    kind: Literal["loaded", "added", "deleted", "restored", "saved", "break"]
    session_id: str | None = None
    problems: tuple[HistoryProblem, ...] = ()


class HistoryStore:
    """The history file and everything that writes it.

    ``lock`` excludes other processes from writing at the same time (default: a
    :class:`~hipcoach.core.history_lock.FileWriteLock` beside the file).
    ``read_only=True`` never changes any file (for export and inspection).
    ``clock`` gives the wall time used to name moved-aside files.

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
        # The file itself forbids writing (newer format, cannot be opened, a link).
        self._file_read_only = False
        self._clock = clock
        self._by_id: dict[str, SessionRecord] = {}
        self._newest_first: tuple[SessionRecord, ...] | None = ()
        self._file_stamp: tuple[int, int, int] | None = None
        # Changes not yet on disk because a write failed; written by the next write.
        self._pending_upserts: dict[str, SessionRecord] = {}
        self._pending_deletes: set[str] = set()
        self._listeners: list[Callable[[HistoryEvent], None]] = []
        # The reminders' breaks, kept in the same file (format 4); pending as above.
        self._breaks: dict[str, BreakRecord] = {}
        self._pending_breaks: dict[str, BreakRecord] = {}

    # ----------------------------------------------------------------- what it holds

    @property
    def sessions(self) -> Sequence[SessionRecord]:
        """All sessions, newest first."""
        if self._newest_first is None:
            self._newest_first = tuple(
                sorted(self._by_id.values(), key=chronological_key, reverse=True)
            )
        return self._newest_first

    @property
    def breaks(self) -> Sequence[BreakRecord]:
        """The reminders' breaks (offered, taken, postponed, skipped), oldest first."""
        # Stable: the same instant keeps the order of adding (offered before its answer).
        return tuple(sorted(self._breaks.values(), key=lambda b: b.at.timestamp()))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with ``session_id``, or None for an id the history does not hold."""
        return self._by_id.get(session_id)

    @property
    def read_only(self) -> bool:
        """True when this store will not change ``history.json``.

        Asked to, or the file is in a newer format, cannot be opened, or is a link.
        """
        return self._requested_read_only or self._file_read_only

    @property
    def unsaved_changes(self) -> bool:
        """True while a change is held in memory because writing it failed."""
        return bool(self._pending_upserts or self._pending_deletes or self._pending_breaks)

    def add_listener(self, listener: Callable[[HistoryEvent], None]) -> None:
        """Call ``listener(event)`` after every change; used by the history panel."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[HistoryEvent], None]) -> None:
        """Stop calling ``listener``; one that was never added is ignored."""
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def _notify(self, event: HistoryEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def session_file_path(self, session_id: str, kind: str = "in-progress") -> Path:
        """Where the checkpoint (or the unsaved finished record) of a session lives."""
        return session_file_path(self.path, session_id, kind)

    # ----------------------------------------------------------------- loading

    def load(self) -> LoadResult:
        """Read the history from disk, repairing what can be repaired.

        A bad file is moved aside and the history recovered from
        ``history.json.bak`` where possible; sessions left in progress by a crash,
        kept unsaved by a failed write, or in a sync program's conflict copy are
        taken in, and those files removed or moved aside once the history holding
        them is saved. Never raises for a bad file or a failed write: everything
        the user should know is in ``problems``.
        """
        problems: list[HistoryProblem] = []
        if self._requested_read_only:
            self._take_in(problems, repair=False)
        else:
            try:
                with self._lock():
                    self._take_in(problems, repair=True)
            except OSError as err:
                # Cannot lock or cannot write: still show what is there, change nothing.
                log.warning("history: loading without repairs: %s", err)
                problems = [HistoryProblem(ProblemKind.LOAD_NOT_SAVED, {"reason": os_reason(err)})]
                self._take_in(problems, repair=False)
        result = LoadResult(tuple(self.sessions), tuple(problems), self.read_only)
        self._notify(HistoryEvent("loaded", problems=result.problems))
        return result

    def _take_in(self, problems: list[HistoryProblem], *, repair: bool) -> None:
        now = self._clock()
        stamp = self._stamp()
        disk = read_history(self.path, repair=repair, now=now)
        problems.extend(disk.problems)
        self._file_read_only = disk.read_only
        by_id = {r.id: r for r in disk.sessions}
        repair = repair and not self.read_only
        folded = fold_session_files(by_id, self.path, repair=repair, now=now)
        problems.extend(folded.problems)
        breaks = {b.id: b for b in disk.breaks}
        synced = merge_conflict_copies(by_id, self.path, breaks) if repair else None
        if synced is not None:
            problems.extend(synced.problems)
        self._by_id = by_id
        self._breaks = breaks
        self._breaks.update(self._pending_breaks)
        self._newest_first = None
        self._file_stamp = stamp
        if not repair or not (disk.from_backup or folded.consumed or (synced and synced.merged)):
            return
        try:
            self._write_now()
        except OSError as err:
            # The files taken in stay where they are: they are the only copy on disk.
            log.warning("history: could not write the recovered history: %s", err)
            problems.append(HistoryProblem(ProblemKind.LOAD_NOT_SAVED, {"reason": os_reason(err)}))
            return
        for path in folded.consumed:
            with contextlib.suppress(OSError):
                path.unlink()
        if synced and synced.merged:
            moved = []
            for path in synced.merged:
                try:
                    moved.append(move_aside(path, MERGED_LABEL, now=now))
                except OSError as err:
                    log.warning("history: could not move %s aside: %s", path, err)
            problems.append(
                HistoryProblem(
                    ProblemKind.MERGED_SYNC_COPIES,
                    {
                        "copies": len(synced.merged),
                        "names": [p.name for p in synced.merged],
                        "added": synced.taken,
                        "breaks": synced.breaks_taken,
                    },
                    severity="info",
                    path=moved[0] if moved else None,
                )
            )

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    # ----------------------------------------------------------------- writing

    def _write_now(self) -> None:
        data = encode_history(self._by_id.values(), self._breaks.values())
        if len(data) > MAX_HISTORY_BYTES:
            raise FileTooLargeError(
                _("the history would be larger than {mb} MB").format(
                    mb=MAX_HISTORY_BYTES // (1024 * 1024)
                )
            )
        atomic_write_bytes(self.path, data, keep_backup=True)
        self._file_stamp = self._stamp()

    def _refresh_if_changed(self, problems: list[HistoryProblem]) -> None:
        # Another process may have written since we last read: start from its file.
        stamp = self._stamp()
        if stamp is None or stamp == self._file_stamp:
            return
        before = dict(self._by_id)
        breaks_before = dict(self._breaks)
        disk = read_history(self.path, repair=True, now=self._clock())
        problems.extend(disk.problems)
        self._file_read_only = disk.read_only
        self._by_id = {r.id: r for r in disk.sessions}
        self._breaks = {b.id: b for b in disk.breaks}
        self._file_stamp = stamp
        if disk.problems:
            # The file turned bad under us: what we hold in memory is the best copy.
            for record in before.values():
                self._by_id.setdefault(record.id, record)
            for brk in breaks_before.values():
                self._breaks.setdefault(brk.id, brk)
        self._breaks.update(self._pending_breaks)
        for record in self._pending_upserts.values():
            self._by_id[record.id] = record
        for session_id in self._pending_deletes:
            self._by_id.pop(session_id, None)
        self._newest_first = None

    def _save_pending(self, problems: list[HistoryProblem]) -> None:
        """Write the history with every change held in memory; raises OSError on failure."""
        with self._lock():
            self._refresh_if_changed(problems)
            if self.read_only:
                return
            self._write_now()
        written = list(self._pending_upserts)
        self._pending_upserts.clear()
        self._pending_deletes.clear()
        self._pending_breaks.clear()
        for session_id in written:
            for kind in ("in-progress", "unsaved"):
                with contextlib.suppress(FileNotFoundError):
                    self.session_file_path(session_id, kind).unlink()

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
                self._save_pending(problems)
            except OSError as err:
                log.warning("history: could not save (%s): %s", kind, err)
                problem = self._keep_beside_after_failure(kind, session_id, err)
        if problem is None and self.read_only:
            problem = self._keep_unsaved(kind, session_id)
        if problem is not None:
            problems.append(problem)
        self._notify(HistoryEvent(kind, session_id, tuple(problems)))
        return problem

    def _keep_beside_after_failure(
        self, kind: str, session_id: str, err: OSError
    ) -> HistoryProblem:
        # A finished session goes into its own small file, so that it is not mistaken
        # for one interrupted by a crash at the next start (its checkpoint would be).
        reason = os_reason(err)
        record = self._by_id.get(session_id)
        if kind != "deleted" and record is not None:
            kept = self.session_file_path(session_id, "unsaved")
            try:
                self._write_session_file(record, "unsaved")
            except OSError as second:
                log.warning("history: could not keep the session beside it: %s", second)
            else:
                with contextlib.suppress(OSError):
                    self.session_file_path(session_id).unlink()
                return HistoryProblem(
                    ProblemKind.SAVE_FAILED_KEPT_BESIDE,
                    {"file": self.path, "reason": reason, "kept_in": kept.name},
                    severity="error",
                    path=kept,
                )
        return HistoryProblem(
            ProblemKind.SAVE_FAILED,
            {"file": self.path, "reason": reason},
            severity="error",
            path=self.path,
        )

    def retry(self) -> HistoryProblem | None:
        """Try again to write changes a failed write left in memory.

        Returns None when there was nothing to write or it still fails (the
        failure was reported when it happened), and a ``SAVED_AFTER_ALL`` notice
        once everything is on disk. Never raises for a failed write.
        """
        if not self.unsaved_changes or self.read_only:
            return None
        count = len(self._pending_upserts) + len(self._pending_deletes)
        problems: list[HistoryProblem] = []
        try:
            self._save_pending(problems)
        except OSError as err:
            log.info("history: still cannot save: %s", err)
            return None
        if self.unsaved_changes:
            return None
        saved = HistoryProblem(
            ProblemKind.SAVED_AFTER_ALL, {"count": count, "file": self.path.name}, severity="info"
        )
        self._notify(HistoryEvent("saved", problems=(*problems, saved)))
        return saved

    def _keep_unsaved(self, kind: str, session_id: str) -> HistoryProblem | None:
        if self._requested_read_only:
            return HistoryProblem(ProblemKind.READ_ONLY)
        record = self._by_id.get(session_id)
        if kind == "deleted" or record is None:
            return HistoryProblem(ProblemKind.HIDDEN_UNTIL_CLOSE, {"name": self.path.name})
        try:
            with self._lock():
                self._write_session_file(record, "unsaved")
                with contextlib.suppress(FileNotFoundError):
                    self.session_file_path(session_id).unlink()
        except OSError as err:
            return HistoryProblem(
                ProblemKind.UNSAVED_FILE_FAILED,
                {"name": self.path.name, "reason": os_reason(err)},
                severity="error",
            )
        return None

    def _write_session_file(self, record: SessionRecord, kind: str) -> None:
        atomic_write_bytes(
            self.session_file_path(record.id, kind), encode_session_file(record), keep_backup=False
        )

    # ----------------------------------------------------------------- changes

    def add(self, record: SessionRecord) -> HistoryProblem | None:
        """Record a finished (or abandoned) session durably, and clear its checkpoint.

        When this returns ``None`` the session is on disk. Adding a session whose
        id is already there replaces it. If the history cannot be written the
        session stays in memory, is kept in ``session-unsaved-<id>.json`` where
        possible (else its checkpoint stays), and the returned problem says so.
        A record breaking the format's rules raises ``ValueError`` before
        anything is saved.
        """
        return self._upsert(record, "added")

    def restore(self, record: SessionRecord) -> HistoryProblem | None:
        """Put back a deleted session (undo of :meth:`delete`); bad input as :meth:`add`."""
        return self._upsert(record, "restored")

    def _upsert(
        self, record: SessionRecord, event: Literal["added", "restored"]
    ) -> HistoryProblem | None:
        record = validated(record)

        def apply() -> None:
            self._by_id[record.id] = record
            self._pending_upserts[record.id] = record
            self._pending_deletes.discard(record.id)
            self._newest_first = None

        return self._change(event, record.id, apply)

    def delete(self, session_id: str) -> SessionRecord | None:
        """Remove a session; returns it (for undo via :meth:`restore`), or None for an unknown id.

        A failed write is reported to listeners as the event's problem.
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

    def add_break(self, record: BreakRecord) -> HistoryProblem | None:
        """Record what happened to a reminder; ``None`` when it is on disk.

        A failed write keeps it in memory, written with the next change. In a
        read-only history it is kept in memory only: breaks have no file of their own.
        """
        record = msgspec.convert(msgspec.to_builtins(record), BreakRecord)
        self._breaks[record.id] = record
        self._pending_breaks[record.id] = record
        problems: list[HistoryProblem] = []
        problem: HistoryProblem | None = None
        if not self.read_only:
            try:
                self._save_pending(problems)
            except OSError as err:
                log.warning("history: could not save a break: %s", err)
                problem = HistoryProblem(
                    ProblemKind.SAVE_FAILED,
                    {"file": self.path, "reason": os_reason(err)},
                    severity="error",
                    path=self.path,
                )
                problems.append(problem)
        self._notify(HistoryEvent("break", record.id, tuple(problems)))
        return problem

    def checkpoint(self, record: SessionRecord) -> HistoryProblem | None:
        """Save a session in progress so that a crash loses at most the time since this call.

        Cheap: writes only ``session-in-progress-<id>.json``. Call at every part
        change and at least every 30 s; :meth:`add` clears it. A failed write is
        returned as a problem; a record breaking the format's rules raises
        ``ValueError``.
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
                ProblemKind.CHECKPOINT_FAILED, {"reason": os_reason(err)}, severity="error"
            )
        return None

    def discard_checkpoint(self, session_id: str) -> None:
        """Forget a checkpoint without recording the session (stopped before any practice).

        A checkpoint that is missing or cannot be removed is left as it is.
        """
        with contextlib.suppress(OSError):
            self.session_file_path(session_id).unlink()
