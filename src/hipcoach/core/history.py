"""The session history: what was practised, kept so that no session is ever lost.

The history lives in one ``history.json`` in the data folder (format described in
``docs/history-format.md``). Every write replaces the whole file atomically and
keeps the previous good file as ``history.json.bak``. A session in progress is
checkpointed to a small ``session-in-progress-<id>.json`` beside it, which the
next :meth:`HistoryStore.load` folds in as a partial session if the app died
before the session was finished.

Nothing here raises on a bad file: problems come back as :class:`HistoryProblem`
values with a sentence the window can show as it is.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import math
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

import msgspec

from hipcoach.core.storage import (
    FileTooLargeError,
    atomic_write_bytes,
    backup_path,
    move_aside,
    read_bytes_limited,
)

log = logging.getLogger(__name__)

FORMAT_NAME = "hipcoach-history"
SESSION_FILE_FORMAT_NAME = "hipcoach-session"
FORMAT_VERSION = 3
MAX_HISTORY_BYTES = 20 * 1024 * 1024
# A checkpoint holds one session; anything much bigger is not one of ours.
MAX_SESSION_FILE_BYTES = 256 * 1024
NOTE_MAX_CHARS = 280

_ID_PATTERN = "^[0-9a-f]{32}$"
_SESSION_FILE_RE = re.compile(r"^session-(in-progress|unsaved)-([0-9a-f]{32})\.json$")

AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]
Seconds = Annotated[float, msgspec.Meta(ge=0)]
Rating = Annotated[int, msgspec.Meta(ge=1, le=5)]
Count = Annotated[int, msgspec.Meta(ge=0)]


# --------------------------------------------------------------------------- records


class CheckIn(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How the person felt before or after a session.

    ``tightness``: 1 = hips feel loose, 5 = very tight. ``calm``: 1 = restless,
    5 = very calm. ``note`` is optional free text of at most 280 characters.
    """

    tightness: Rating
    calm: Rating
    note: Annotated[str, msgspec.Meta(max_length=NOTE_MAX_CHARS)] = ""


class SleepPause(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A pause caused by the computer sleeping: when it started and how long it lasted."""

    at: AwareDatetime
    seconds: Seconds

    def __post_init__(self) -> None:
        if not math.isfinite(self.seconds):
            raise ValueError("sleep pause seconds must be a finite number")


class SessionRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One practised session, finished or not.

    Times are timezone-aware; they are stored with the UTC offset that was in
    force where the session happened, so the local clock time can be shown as the
    person saw it. ``routine_title`` is a copy, so a renamed or deleted routine
    still reads right. ``practised_seconds`` excludes pauses. ``interrupted``
    marks a session recovered from a checkpoint after the app died.
    """

    id: Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
    started_at: AwareDatetime
    ended_at: AwareDatetime
    routine_id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    routine_title: Annotated[str, msgspec.Meta(max_length=500)]
    planned_seconds: Seconds
    practised_seconds: Seconds
    completed: bool
    steps_done: Count
    steps_total: Count
    left_seconds: Seconds = 0.0
    right_seconds: Seconds = 0.0
    sleep_pauses: tuple[SleepPause, ...] = ()
    checkin_before: CheckIn | None = None
    checkin_after: CheckIn | None = None
    interrupted: bool = False

    def __post_init__(self) -> None:
        # Struct() does not check field types; a naive time would be written without an
        # offset and make the whole file unreadable, so refuse it here.
        for name in ("started_at", "ended_at"):
            moment = getattr(self, name)
            if not isinstance(moment, datetime) or moment.utcoffset() is None:
                raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
        # JSON has no NaN or infinity: letting one in would make the file unreadable.
        for name in ("planned_seconds", "practised_seconds", "left_seconds", "right_seconds"):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} must be a finite number")
        if self.steps_done > self.steps_total:
            raise ValueError(
                f"steps_done ({self.steps_done}) is more than steps_total ({self.steps_total})"
            )

    @property
    def sleep_paused_seconds(self) -> float:
        """Total time the computer slept during the session."""
        return sum(p.seconds for p in self.sleep_pauses)


def validated(record: SessionRecord) -> SessionRecord:
    """``record`` checked against every rule the file format enforces (else ``ValueError``).

    Constructing a Struct does not check ranges or types; a bad value written to
    disk would make the whole history unreadable on the next start, so every
    record is checked before it is saved.
    """
    try:
        return _record_decoder.decode(_encoder.encode(record))
    except (msgspec.ValidationError, TypeError) as err:
        detail = _describe_validation(err) if isinstance(err, msgspec.ValidationError) else err
        raise ValueError(f"session {record.id!r} is not valid: {detail}") from None


def new_session_id() -> str:
    """A fresh unique session id (uuid4, 32 hex digits)."""
    return uuid.uuid4().hex


class _HistoryFile(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["hipcoach-history"]
    version: int
    sessions: list[SessionRecord]


class _SessionFile(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["hipcoach-session"]
    version: int
    session: SessionRecord


_history_decoder = msgspec.json.Decoder(_HistoryFile)
_session_file_decoder = msgspec.json.Decoder(_SessionFile)
_record_decoder = msgspec.json.Decoder(SessionRecord)
_encoder = msgspec.json.Encoder()


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


class BadFileError(ValueError):
    """A history file that cannot be used; the message names the file, the field and the reason."""


class UnreadableFileError(Exception):
    """A history file that exists but cannot be opened (permission denied, an I/O error).

    That says nothing about its contents, so it is left alone rather than judged bad.
    """


class NewerFormatError(ValueError):
    """A file written by a newer hipcoach, which this version must not change."""

    def __init__(self, version: int, sessions: list[SessionRecord] | None) -> None:
        super().__init__(f"format version {version}")
        self.version = version
        self.sessions = sessions


class LockTimeoutError(OSError):
    """Another process held the history lock for too long."""


# --------------------------------------------------------------------------- locks


class WriteLock(Protocol):
    """A factory of context managers that hold a lock shared by every process writing the history.

    The store calls it once per write (``with lock(): ...``). It must exclude other
    processes, raise :class:`LockTimeoutError` (or another ``OSError``) if it cannot
    get the lock in reasonable time, and need not be re-entrant.
    """

    def __call__(self) -> AbstractContextManager[object]: ...


class FileWriteLock:
    """An OS advisory lock (``flock`` / ``msvcrt.locking``) on a file beside the history.

    The default lock for headless use (the command line, scripts, tests): the
    kernel releases it when the holder dies, so a killed process never leaves a
    stale lock behind. The app passes its own ``QLockFile``-based lock instead;
    every process writing one data folder must use the same kind of lock.
    """

    def __init__(self, lock_path: Path, *, timeout: float = 10.0) -> None:
        self.lock_path = Path(lock_path)
        self.timeout = timeout

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + self.timeout
            while not _try_os_lock(fd):
                if time.monotonic() > deadline:
                    raise LockTimeoutError(
                        f"another hipcoach process held {self.lock_path} "
                        f"for more than {self.timeout:g} s"
                    )
                # Writes hold the lock for milliseconds; a short nap is enough.
                time.sleep(0.005)
            try:
                yield
            finally:
                _os_unlock(fd)
        finally:
            os.close(fd)


if os.name == "posix":
    import fcntl

    def _try_os_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

else:  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_os_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def default_lock_path(history_path: Path) -> Path:
    """The file :class:`FileWriteLock` locks by default (``history.json.flock``)."""
    return history_path.with_name(history_path.name + ".flock")


# --------------------------------------------------------------------------- migrations


def _v1_to_v2(raw: Any) -> Any:
    # Version 1 (pre-release draft) was a bare list of sessions; version 2 wrapped
    # it in an object naming the format, so a stray JSON list is not mistaken for it.
    if not isinstance(raw, list):
        raise BadFileError("a format 1 history must be a list of sessions")
    return {"format": FORMAT_NAME, "version": 2, "sessions": raw}


def _v2_to_v3(raw: Any) -> Any:
    # Version 3 split the nested "checkin": {"before", "after"} into two fields
    # and added the side split and sleep pauses (unknown for old sessions: 0 / none).
    sessions = []
    for i, s in enumerate(raw.get("sessions", [])):
        if not isinstance(s, dict):
            raise BadFileError(f"sessions[{i}]: expected an object, got {type(s).__name__}")
        s = dict(s)
        checkin = s.pop("checkin", None) or {}
        if not isinstance(checkin, dict):
            raise BadFileError(f"sessions[{i}].checkin: expected an object")
        s.setdefault("checkin_before", checkin.get("before"))
        s.setdefault("checkin_after", checkin.get("after"))
        s.setdefault("left_seconds", 0.0)
        s.setdefault("right_seconds", 0.0)
        s.setdefault("sleep_pauses", [])
        sessions.append(s)
    return {**raw, "version": 3, "sessions": sessions}


# Ordered: MIGRATIONS[n] turns a version n+1 document into version n+2.
MIGRATIONS: tuple[Callable[[Any], Any], ...] = (_v1_to_v2, _v2_to_v3)
assert len(MIGRATIONS) == FORMAT_VERSION - 1


def _version_of(raw: Any) -> int:
    if isinstance(raw, list):
        return 1
    if not isinstance(raw, dict):
        raise BadFileError(f"expected a JSON object at the top, found {_json_type(raw)}")
    if raw.get("format") != FORMAT_NAME:
        raise BadFileError(f"field 'format': expected {FORMAT_NAME!r}, found {raw.get('format')!r}")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadFileError(f"field 'version': expected a whole number ≥ 1, found {version!r}")
    return version


def migrate(raw: Any) -> Any:
    """Bring a decoded history document of any older version up to :data:`FORMAT_VERSION`."""
    version = _version_of(raw)
    for step in MIGRATIONS[version - 1 :]:
        raw = step(raw)
    return raw


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


def _describe_validation(err: msgspec.ValidationError) -> str:
    text = str(err)
    reason, sep, where = text.partition(" - at `")
    if not sep:
        return text
    return f"field {where.rstrip('`').removeprefix('$.')}: {reason}"


def parse_history(data: bytes) -> list[SessionRecord]:
    """Decode a ``history.json`` body, migrating older versions.

    Raises :class:`BadFileError` (message: which field and why) for anything that
    is not a valid history, and :class:`NewerFormatError` for a newer format.
    """
    if not data.strip():
        raise BadFileError("the file is empty")
    try:
        return _history_decoder.decode(data).sessions
    except (msgspec.ValidationError, msgspec.DecodeError):
        pass  # Older, newer or bad: look closer below to say which.
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError as err:
        reason = str(err)
        if "truncated" in reason:
            reason = "the file ends too early (it was probably cut off while being written)"
        raise BadFileError(f"not valid JSON: {reason}") from None
    version = _version_of(raw)
    if version > FORMAT_VERSION:
        raise NewerFormatError(version, _lenient_sessions(raw))
    if version < FORMAT_VERSION:
        raw = migrate(raw)
    try:
        return msgspec.convert(raw, _HistoryFile).sessions
    except msgspec.ValidationError as err:
        raise BadFileError(_describe_validation(err)) from None


def _lenient_sessions(raw: dict[str, Any]) -> list[SessionRecord] | None:
    # A newer format may add fields; show what this version understands, read-only.
    known = set(SessionRecord.__struct_fields__)
    try:
        return [
            msgspec.convert({k: v for k, v in s.items() if k in known}, SessionRecord)
            for s in raw.get("sessions", [])
        ]
    except (msgspec.ValidationError, AttributeError, TypeError):
        return None


def encode_history(sessions: Iterable[SessionRecord]) -> bytes:
    """The ``history.json`` body for ``sessions`` (stored oldest first)."""
    ordered = sorted(sessions, key=_sort_key)
    return _encoder.encode(_HistoryFile(FORMAT_NAME, FORMAT_VERSION, ordered)) + b"\n"


def _sort_key(record: SessionRecord) -> tuple[float, str]:
    return (record.started_at.timestamp(), record.id)


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
            self._newest_first = tuple(sorted(self._by_id.values(), key=_sort_key, reverse=True))
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
                rec = _session_file_decoder.decode(data).session
            except (OSError, msgspec.ValidationError, msgspec.DecodeError) as err:
                reason = (
                    _describe_validation(err)
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
        body = _SessionFile(SESSION_FILE_FORMAT_NAME, FORMAT_VERSION, record)
        atomic_write_bytes(
            self.session_file_path(record.id, kind), _encoder.encode(body), keep_backup=False
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
