"""Export the session history as CSV (for spreadsheets) or JSON (the history format itself).

Both list sessions oldest first. The JSON export is a complete ``history.json``
(format and version included), so it can be read back by :func:`parse_history`.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import SessionRecord, encode_history
from hipcoach.core.os_reason import os_reason
from hipcoach.core.storage import atomic_write_bytes
from hipcoach.i18n import _

ExportFormat = Literal["csv", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "json")

CSV_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "routine_id",
    "routine_title",
    "planned_seconds",
    "practised_seconds",
    "completed",
    "interrupted",
    "steps_done",
    "steps_total",
    "left_seconds",
    "right_seconds",
    "sleep_pauses",
    "sleep_paused_seconds",
    "before_tightness",
    "before_calm",
    "before_note",
    "after_tightness",
    "after_calm",
    "after_note",
)

# A cell starting with one of these is run as a formula by spreadsheet programs;
# routine titles can come from shared files, so text cells are defused with a quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _csv_row(s: SessionRecord) -> list[str]:
    before, after = s.checkin_before, s.checkin_after
    return [
        s.id,
        s.started_at.isoformat(),
        s.ended_at.isoformat(),
        _text(s.routine_id),
        _text(s.routine_title),
        _number(s.planned_seconds),
        _number(s.practised_seconds),
        "true" if s.completed else "false",
        "true" if s.interrupted else "false",
        str(s.steps_done),
        str(s.steps_total),
        _number(s.left_seconds),
        _number(s.right_seconds),
        str(len(s.sleep_pauses)),
        _number(s.sleep_paused_seconds),
        str(before.tightness) if before else "",
        str(before.calm) if before else "",
        _text(before.note) if before else "",
        str(after.tightness) if after else "",
        str(after.calm) if after else "",
        _text(after.note) if after else "",
    ]


def _oldest_first(source: HistoryStore | Iterable[SessionRecord]) -> list[SessionRecord]:
    sessions = source.sessions if isinstance(source, HistoryStore) else source
    return sorted(sessions, key=lambda s: (s.started_at.timestamp(), s.id))


def export_history(
    source: HistoryStore | Iterable[SessionRecord], fmt: ExportFormat, out: TextIO
) -> int:
    """Write every session of ``source`` to the text stream ``out``; returns how many.

    ``fmt`` is ``"csv"`` (one row per session, a header row first, times in ISO
    8601 with offset) or ``"json"`` (a complete history file). Raises
    ``ValueError`` for another format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    sessions = _oldest_first(source)
    if fmt == "json":
        breaks = source.breaks if isinstance(source, HistoryStore) else ()
        out.write(encode_history(sessions, breaks).decode("utf-8"))
    else:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(s) for s in sessions)
    return len(sessions)


class ExportTargetError(OSError):
    """The export cannot go to the path given; the message names it and says why."""


@dataclass(frozen=True)
class _Target:
    path: Path
    stream: bool = False  # written through (a terminal, /dev/null, a pipe), never replaced
    fifo: bool = False


def _is_a_folder(path: Path) -> str:
    return _("{path} is a folder; give a file name to export to.").format(path=path)


def _export_target(path: Path) -> _Target:
    if path.is_dir():
        raise ExportTargetError(_is_a_folder(path))
    # A link is followed to what it names; the link itself is never replaced.
    resolved = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = os.stat(resolved)
    except FileNotFoundError:
        if not resolved.parent.is_dir():
            raise ExportTargetError(
                _(
                    "The folder {folder} does not exist; create it first, or export somewhere else."
                ).format(folder=resolved.parent)
            ) from None
        return _Target(resolved)
    except OSError as err:
        raise ExportTargetError(
            _("{path} cannot be used ({reason}).").format(path=path, reason=os_reason(err))
        ) from None
    if stat.S_ISREG(st.st_mode):
        return _Target(resolved)
    if stat.S_ISDIR(st.st_mode):
        raise ExportTargetError(_is_a_folder(path))
    if stat.S_ISCHR(st.st_mode):
        return _Target(resolved, stream=True)
    if stat.S_ISFIFO(st.st_mode):
        return _Target(resolved, stream=True, fifo=True)
    if stat.S_ISBLK(st.st_mode):
        message = _("{path} is a disk device; hipcoach exports only to files.")
    else:
        message = _("{path} is not a regular file; hipcoach exports only to files.")
    raise ExportTargetError(message.format(path=path))


def _write_through(path: Path, data: bytes, *, fifo: bool) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if fifo:
        # Opening a pipe for writing waits for a reader; without one, say so instead.
        flags |= os.O_NONBLOCK
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise ExportTargetError(
                _(
                    "{path} is a named pipe that no program is reading; start the reader first."
                ).format(path=path)
            ) from None
        raise
    try:
        if fifo:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def export_history_to_file(
    source: HistoryStore | Iterable[SessionRecord], fmt: ExportFormat, path: Path
) -> int:
    """Export to ``path``; returns how many sessions were written. It is personal health data.

    A regular file, or a new one in an existing folder, is replaced atomically and made
    private (0600). A symbolic link is followed: its target is written the same way, in its
    own folder, and the link itself is left as it is. A terminal, ``/dev/null`` or a named
    pipe is written through. Anything else (a folder, a disk device, a socket), a missing
    folder, or a named pipe nobody reads raises :class:`ExportTargetError` with a sentence
    naming the path and what to do; a failed write raises ``OSError``.
    """
    target = _export_target(Path(path))
    buffer = io.StringIO(newline="")
    count = export_history(source, fmt, buffer)
    # utf-8-sig for CSV: spreadsheet programs otherwise guess the encoding wrong.
    data = buffer.getvalue().encode("utf-8-sig" if fmt == "csv" else "utf-8")
    if target.stream:
        _write_through(target.path, data, fifo=target.fifo)
    else:
        atomic_write_bytes(target.path, data, keep_backup=False)
    return count
