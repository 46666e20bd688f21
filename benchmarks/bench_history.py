"""Measure the history at scale: 10,000 sessions loaded and shown, one more added.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_history.py [--runs N] [--sessions N]

Prints medians (ms) as a Markdown table for docs/performance.md. Budgets from
the issue: load + show 10,000 sessions ≤ 200 ms; add a session ≤ 50 ms.
A bare PySide6 baseline (QStandardItemModel / QTableWidget filled with the same
rows) is measured in the same run, for scale.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import PySide6
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QTableWidget, QTableWidgetItem

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn, SessionRecord, encode_history, new_session_id
from hipcoach.core.history_stats import compute_stats
from hipcoach.ui.history_model import COLUMNS, format_day_time, format_duration
from hipcoach.ui.history_panel import HistoryPanel

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 1, 15, 20, 0, tzinfo=TZ)


def fake_sessions(n: int, seed: int = 1) -> list[SessionRecord]:
    rng = random.Random(seed)
    # Three sessions a day, closer together for huge histories so they start after 1970.
    spacing = min(8.0, 50 * 365 * 24 / max(n, 1))
    start = NOW - timedelta(hours=spacing * n)
    out = []
    for i in range(n):
        minutes = rng.uniform(3, 40)
        t = start + timedelta(hours=spacing * i + rng.uniform(0, min(2.0, spacing / 2)))
        out.append(
            SessionRecord(
                id=new_session_id(),
                started_at=t,
                ended_at=t + timedelta(minutes=minutes),
                routine_id=f"routine-{i % 7}",
                routine_title=f"Routine number {i % 7}",
                planned_seconds=minutes * 60,
                practised_seconds=minutes * 60 * rng.uniform(0.5, 1),
                completed=rng.random() > 0.2,
                steps_done=5,
                steps_total=6,
                left_seconds=minutes * 20,
                right_seconds=minutes * 19,
                checkin_before=CheckIn(4, 2, "a short note about the hips") if i % 2 else None,
                checkin_after=CheckIn(2, 4) if i % 2 else None,
            )
        )
    return out


def median_ms(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None):
    times = []
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def machine() -> str:
    model = cores = "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
            elif key.strip() == "CPU(s)":
                cores = value.strip()
    except OSError:
        pass
    return f"{model}, {cores} cores"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument(
        "--no-baselines", action="store_true", help="skip the bare-PySide6 tables (slow at 200k)"
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    folder = Path(tempfile.mkdtemp(prefix="hipcoach-bench-"))
    path = folder / "history.json"
    sessions = fake_sessions(args.sessions)
    data = encode_history(sessions)
    path.write_bytes(data)
    rows: list[tuple[str, tuple[float, float, float]]] = []

    def load() -> HistoryStore:
        store = HistoryStore(path)
        store.load()
        return store

    rows.append(("load history.json (parse, validate, sort)", median_ms(load, args.runs)))

    store = load()
    rows.append(
        (
            "statistics over all sessions",
            median_ms(lambda: compute_stats(store.sessions, now=NOW, tz=TZ), args.runs),
        )
    )

    def load_and_show() -> None:
        s = load()
        panel = HistoryPanel(s, tz=TZ, now=lambda: NOW)
        panel.resize(1000, 700)
        panel.show()
        panel.grab()  # forces layout and a full first paint
        panel.close()
        panel.deleteLater()
        app.processEvents()

    rows.append(("**load + show panel (first paint)**", median_ms(load_and_show, args.runs)))

    counter = iter(range(10**9))

    def add() -> None:
        i = next(counter)
        store.add(fake_sessions(1, seed=100 + i)[0])

    rows.append(("**add one session (write + fsync + backup)**", median_ms(add, args.runs)))

    panel = HistoryPanel(store, tz=TZ, now=lambda: NOW)
    panel.resize(1000, 700)
    panel.show()
    app.processEvents()

    def add_with_panel() -> None:
        add()
        app.processEvents()

    rows.append(
        ("add one session, panel listening and refreshed", median_ms(add_with_panel, args.runs))
    )
    rows.append(
        (
            "checkpoint a session in progress",
            median_ms(lambda: store.checkpoint(fake_sessions(1, seed=7)[0]), args.runs),
        )
    )
    panel.close()

    # Baselines: the same rows in plain PySide6 widgets.
    def texts(s: SessionRecord) -> list[str]:
        return [
            format_day_time(s.started_at, TZ),
            s.routine_title,
            f"{format_duration(s.practised_seconds)} / {format_duration(s.planned_seconds)}",
            "Completed" if s.completed else "Partial",
            "",
        ]

    table_texts = [texts(s) for s in sessions]

    def standard_model() -> None:
        model = QStandardItemModel(len(table_texts), len(COLUMNS))
        for r, row in enumerate(table_texts):
            for c, text in enumerate(row):
                model.setItem(r, c, QStandardItem(text))
        view = QTableView()
        view.setModel(model)
        view.resize(1000, 700)
        view.show()
        view.grab()
        view.close()
        view.deleteLater()
        app.processEvents()

    def table_widget() -> None:
        widget = QTableWidget(len(table_texts), len(COLUMNS))
        for r, row in enumerate(table_texts):
            for c, text in enumerate(row):
                widget.setItem(r, c, QTableWidgetItem(text))
        widget.resize(1000, 700)
        widget.show()
        widget.grab()
        widget.close()
        widget.deleteLater()
        app.processEvents()

    base_runs = 0 if args.no_baselines else max(3, args.runs // 3)
    if base_runs:
        rows.append(
            (
                "baseline: QStandardItemModel + QTableView, fill + show",
                median_ms(standard_model, base_runs),
            )
        )
        rows.append(("baseline: QTableWidget, fill + show", median_ms(table_widget, base_runs)))

    print(f"- Date: {datetime.now(UTC):%Y-%m-%d}")
    print(f"- Machine: {machine()}")
    print(
        f"- Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"Qt platform {os.environ['QT_QPA_PLATFORM']}"
    )
    print(
        f"- {args.sessions:,} sessions, history.json {len(data) / 1e6:.1f} MB "
        f"({len(data) / args.sessions:.0f} bytes per session); "
        f"{args.runs} runs (baselines {base_runs}); data folder on {folder}"
    )
    print()
    print("| What | median ms | min | max |")
    print("|---|---:|---:|---:|")
    for name, (med, lo, hi) in rows:
        print(f"| {name} | {med:.1f} | {lo:.1f} | {hi:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
