"""The session records and the ``history.json`` format they are stored in.

The msgspec Structs here are the format's schema: their constraints are the
rules a file must meet, so the records and the reading, migrating and writing
of files live together (format described in ``docs/history-format.md``). The
store that keeps the file on disk is :mod:`hipcoach.core.history`.

Nothing here touches the disk: parsing takes bytes and encoding returns them.
A bad document raises :class:`BadFileError` whose message names the field and
the reason.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from hipcoach.core.problems import Code, describe
from hipcoach.core.safe_read import MAX_DEPTH, UTF8_BOM, json_error_detail, nesting_exceeds
from hipcoach.i18n import _

FORMAT_NAME = "hipcoach-history"
SESSION_FILE_FORMAT_NAME = "hipcoach-session"
FORMAT_VERSION = 4
NOTE_MAX_CHARS = 280

_ID_PATTERN = "^[0-9a-f]{32}$"

# Ranges are checked where data enters (every file read and every record written), so
# statistics, the chart and the CSV export never meet a date or a number they cannot
# compute with. Years from 1970 (a computer whose clock was reset still counts) to 9998:
# with any UTC offset the moment stays inside what Python's dates can hold.
EARLIEST_YEAR = 1970
LATEST_YEAR = 9998
#: A year: longer than any session, or any sleep in the middle of one.
MAX_SECONDS = 366 * 24 * 3600.0
#: Far more steps than any routine has.
MAX_COUNT = 100_000

AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=MAX_SECONDS)]
Rating = Annotated[int, msgspec.Meta(ge=1, le=5)]
Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]


def _check_moment(name: str, moment: object) -> None:
    # Struct() does not check field types; a naive time would be written without an
    # offset and make the whole file unreadable, so refuse it here.
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(
            f"{name} must fall between the years {EARLIEST_YEAR} and {LATEST_YEAR}, "
            f"got the year {moment.year}"
        )


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
        _check_moment("at", self.at)
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
        for name in ("started_at", "ended_at"):
            _check_moment(name, getattr(self, name))
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


class BreakRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One thing that happened to a reminder: offered, taken (Start), postponed or skipped."""

    id: Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
    at: AwareDatetime
    reminder: Literal["break", "practice"]
    event: Literal["offered", "taken", "postponed", "skipped"]
    routine_id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class HistoryDocument(msgspec.Struct, frozen=True):
    """Everything a ``history.json`` holds."""

    sessions: list[SessionRecord]
    breaks: list[BreakRecord]


def validated(record: SessionRecord) -> SessionRecord:
    """``record`` checked against every rule the file format enforces (else ``ValueError``).

    Constructing a Struct does not check ranges or types; a bad value written to
    disk would make the whole history unreadable on the next start, so every
    record is checked before it is saved.
    """
    try:
        return _record_decoder.decode(_encoder.encode(record))
    except (msgspec.ValidationError, TypeError) as err:
        detail = describe_validation_error(err) if isinstance(err, msgspec.ValidationError) else err
        raise ValueError(f"session {record.id!r} is not valid: {detail}") from None


def new_session_id() -> str:
    """A fresh unique session id (uuid4, 32 hex digits)."""
    return uuid.uuid4().hex


class _HistoryFile(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["hipcoach-history"]
    version: int
    sessions: list[SessionRecord]
    breaks: list[BreakRecord] = msgspec.field(default_factory=list)


class _SessionFile(msgspec.Struct, forbid_unknown_fields=True):
    format: Literal["hipcoach-session"]
    version: int
    session: SessionRecord


_history_decoder = msgspec.json.Decoder(_HistoryFile)
_session_file_decoder = msgspec.json.Decoder(_SessionFile)
_record_decoder = msgspec.json.Decoder(SessionRecord)
_encoder = msgspec.json.Encoder()


# --------------------------------------------------------------------------- errors


class BadFileError(ValueError):
    """A history file that cannot be used; the message names the file, the field and the reason."""


class NewerFormatError(ValueError):
    """A file written by a newer hipcoach, which this version must not change."""

    def __init__(self, version: int, sessions: list[SessionRecord] | None) -> None:
        super().__init__(f"format version {_short_repr(version)}")
        self.version = version
        self.sessions = sessions


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
    if not isinstance(raw.get("sessions", []), list):
        raise BadFileError("field 'sessions': expected a list")
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


def _v3_to_v4(raw: Any) -> Any:
    # Version 4 added the reminders' breaks (offered, taken, postponed, skipped) beside
    # the sessions. An older file had none: a "breaks" field in one is not data.
    if "breaks" in raw:
        raise BadFileError(f"field 'breaks': not part of format version {raw.get('version')}")
    return {**raw, "version": 4, "breaks": []}


# Ordered: MIGRATIONS[n] turns a version n+1 document into version n+2.
MIGRATIONS: tuple[Callable[[Any], Any], ...] = (_v1_to_v2, _v2_to_v3, _v3_to_v4)
assert len(MIGRATIONS) == FORMAT_VERSION - 1


def _version_of(raw: Any) -> int:
    if isinstance(raw, list):
        return 1
    if not isinstance(raw, dict):
        raise BadFileError(f"expected a JSON object at the top, found {_json_type(raw)}")
    if raw.get("format") != FORMAT_NAME:
        raise BadFileError(
            f"field 'format': expected {FORMAT_NAME!r}, found {_short_repr(raw.get('format'))}"
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadFileError(
            f"field 'version': expected a whole number ≥ 1, found {_short_repr(version)}"
        )
    return version


def migrate(raw: Any) -> Any:
    """Bring a decoded history document of an older version up to :data:`FORMAT_VERSION`.

    Raises :class:`BadFileError` for a document whose format or version is wrong
    or that a migration step cannot make sense of.
    """
    version = _version_of(raw)
    for step in MIGRATIONS[version - 1 :]:
        raw = step(raw)
    return raw


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


def _short_repr(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**12:
        return _("a number of more than 12 digits")
    text = repr(value) if isinstance(value, str | int | float | bool | None) else _json_type(value)
    return text if len(text) <= 60 else text[:57] + "…"


def describe_validation_error(err: msgspec.ValidationError) -> str:
    """msgspec's message reworded to lead with the field, as the window shows it.

    A message without a field path is returned as it is.
    """
    text = str(err)
    reason, sep, where = text.partition(" - at `")
    if not sep:
        return text
    return f"field {where.rstrip('`').removeprefix('$.')}: {reason}"


def parse_history(data: bytes) -> list[SessionRecord]:
    """The sessions of a ``history.json`` body (see :func:`parse_history_document`)."""
    return parse_history_document(data).sessions


def parse_history_document(data: bytes) -> HistoryDocument:
    """Decode a ``history.json`` body, migrating older versions.

    The format name and version are checked before any session is looked at: a
    version above :data:`FORMAT_VERSION` raises :class:`NewerFormatError` (whose
    ``sessions`` are those this version can read, or None), and a version that
    is not a whole number ≥ 1 makes the file bad. Anything else that is not a
    valid history, including any failure of the JSON decoder itself (nesting too
    deep, numbers out of range), raises :class:`BadFileError` naming the field
    and the reason.
    """
    if not data.strip():
        raise BadFileError(_("the file is empty"))
    try:
        document = _history_decoder.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError):
        pass  # Older, newer or bad: look closer below to say which.
    except RecursionError:
        raise BadFileError(_("it is nested far too deeply to be a history file")) from None
    else:
        if document.version == FORMAT_VERSION:
            return HistoryDocument(document.sessions, document.breaks)
    # The untyped decoder recurses as deep as the file goes: check the nesting first
    # (a byte-order mark is dropped here too).
    data = _checked_json(data)
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError as err:
        if "truncated" in str(err):
            reason = _("the file ends too early (it was probably cut off while being written)")
        else:
            reason = json_error_detail(err)
        raise BadFileError(_("not valid JSON: {reason}").format(reason=reason)) from None
    except msgspec.ValidationError as err:
        raise BadFileError(_("not usable JSON: {reason}").format(reason=err)) from None
    except RecursionError:
        raise BadFileError(_("it is nested far too deeply to be a history file")) from None
    except Exception as err:  # any failure of a decoder is a bad file
        raise BadFileError(_("could not be decoded ({detail})").format(detail=err)) from None
    version = _version_of(raw)
    if version > FORMAT_VERSION:
        raise NewerFormatError(version, _lenient_sessions(raw))
    if version < FORMAT_VERSION:
        raw = migrate(raw)
    try:
        document = msgspec.convert(raw, _HistoryFile)
    except msgspec.ValidationError as err:
        raise BadFileError(describe_validation_error(err)) from None
    return HistoryDocument(document.sessions, document.breaks)


def _lenient_sessions(raw: dict[str, Any]) -> list[SessionRecord] | None:
    # A newer format may add fields; show what this version understands, read-only.
    known = set(SessionRecord.__struct_fields__)
    try:
        return [
            msgspec.convert({k: v for k, v in s.items() if k in known}, SessionRecord)
            for s in raw.get("sessions", [])
        ]
    except (msgspec.ValidationError, AttributeError, TypeError, ValueError, RecursionError):
        return None


def encode_history(sessions: Iterable[SessionRecord], breaks: Iterable[BreakRecord] = ()) -> bytes:
    """The ``history.json`` body for ``sessions`` and ``breaks`` (each stored oldest first).

    Records are written as they are; check one with :func:`validated` first.
    """
    ordered = sorted(sessions, key=chronological_key)
    # Stable: things that happened at the same instant keep the order they were added in.
    ordered_breaks = sorted(breaks, key=lambda b: b.at.timestamp())
    file = _HistoryFile(FORMAT_NAME, FORMAT_VERSION, ordered, ordered_breaks)
    return _encoder.encode(file) + b"\n"


def chronological_key(record: SessionRecord) -> tuple[float, str]:
    """Sort key, oldest first: the instant a session started, whatever its offset, then its id.

    The id breaks ties so that sessions starting at the same moment always keep one order.
    """
    return (record.started_at.timestamp(), record.id)


# --------------------------------------------------------------------------- session files


def encode_session_file(record: SessionRecord) -> bytes:
    """The body of a ``session-in-progress-<id>.json`` or ``session-unsaved-<id>.json``."""
    return _encoder.encode(_SessionFile(SESSION_FILE_FORMAT_NAME, FORMAT_VERSION, record))


def decode_session_file(data: bytes) -> SessionRecord:
    """The session held in a session file.

    Raises :class:`BadFileError` (naming the field and the reason) for anything
    that is not one, including any failure of the JSON decoder itself, and
    :class:`NewerFormatError` for a session file from a newer hipcoach.
    """
    data = _checked_json(data)
    try:
        document = _session_file_decoder.decode(data)
    except msgspec.ValidationError as err:
        newer = _newer_session_file_version(data)
        if newer is not None:
            raise NewerFormatError(newer, None) from None
        raise BadFileError(describe_validation_error(err)) from None
    except msgspec.DecodeError as err:
        reason = json_error_detail(err)
        raise BadFileError(_("not valid JSON: {reason}").format(reason=reason)) from None
    except RecursionError:
        raise BadFileError(_("it is nested far too deeply to be a session file")) from None
    if not 1 <= document.version <= FORMAT_VERSION:
        if document.version > FORMAT_VERSION:
            raise NewerFormatError(document.version, None)
        raise BadFileError(
            f"field 'version': expected a whole number ≥ 1, found {document.version}"
        )
    return document.session


class _VersionOnly(msgspec.Struct):
    version: int


def _newer_session_file_version(data: bytes) -> int | None:
    try:
        version = msgspec.json.decode(data, type=_VersionOnly).version
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return None
    return version if version > FORMAT_VERSION else None


def _checked_json(data: bytes) -> bytes:
    """``data`` without a byte-order mark; BadFileError if nested too deep to decode safely."""
    data = data.removeprefix(UTF8_BOM)
    if nesting_exceeds(data, MAX_DEPTH):
        raise BadFileError(describe(Code.TOO_DEEP, {"max": MAX_DEPTH}))
    return data
