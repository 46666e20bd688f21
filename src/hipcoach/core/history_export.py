"""Export the session history as CSV (for spreadsheets) or JSON (the history format itself).

Both list sessions oldest first. The JSON export is a complete ``history.json``
(format and version included), so it can be read back by :func:`parse_history`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TextIO

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import SessionRecord, encode_history
from hipcoach.core.storage import atomic_write_bytes

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
        out.write(encode_history(sessions).decode("utf-8"))
    else:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(s) for s in sessions)
    return len(sessions)


def export_history_to_file(
    source: HistoryStore | Iterable[SessionRecord], fmt: ExportFormat, path: Path
) -> int:
    """Export to ``path`` atomically, private to the user (0600): it is personal health data."""
    buffer = io.StringIO(newline="")
    count = export_history(source, fmt, buffer)
    # utf-8-sig for CSV: spreadsheet programs otherwise guess the encoding wrong.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    atomic_write_bytes(Path(path), buffer.getvalue().encode(encoding), keep_backup=False)
    return count
