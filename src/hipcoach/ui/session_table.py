"""The table of sessions: sortable by any column, newest first, rows selected whole."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from hipcoach.core.history_format import CheckIn
from hipcoach.ui.history_model import (
    DATE,
    ROUTINE,
    HistoryTableModel,
    format_checkin,
    format_day_time,
    steps_result,
)


def column_samples() -> tuple[str, ...]:
    """The widest text each column usually holds, in the current language, which sets
    the column's starting width (the routine's is only a typical title's length: that
    column takes whatever width is left)."""
    interrupted = steps_result(True, 10, 12)
    return (
        format_day_time(datetime(2024, 9, 25, 23, 59, tzinfo=UTC), UTC),
        "Morning hips and breath",
        "00:00 / 00:00",
        interrupted,
        format_checkin(CheckIn(4, 2, "…"), CheckIn(2, 4, "…")),
    )


def session_table(model: HistoryTableModel, fm: QFontMetrics) -> QTableView:
    """A view of ``model`` sized with ``fm``, the metrics of the panel it will sit in."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    # Fixed row heights and no content-based column sizing: with 10,000 rows,
    # measuring every cell would take longer than everything else together.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(fm.height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    size_columns(table, fm)
    # The routine's title takes the width left: titles run long, in Spanish longer still.
    header.setSectionResizeMode(ROUTINE, QHeaderView.ResizeMode.Stretch)
    return table


def size_columns(table: QTableView, fm: QFontMetrics) -> None:
    """Each column as wide as its usual text or its heading, in the current language."""
    header, model = table.horizontalHeader(), table.model()
    for col, sample in enumerate(column_samples()):
        title = model.headerData(col, Qt.Orientation.Horizontal)
        width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title) + 16)
        header.resizeSection(col, width + 24)
