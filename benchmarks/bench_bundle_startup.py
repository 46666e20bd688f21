"""Start-up of the bundle against the pip install: launch until the window is up and closed.

benchmarks/bench_startup.py times the first paint by running code inside the process,
which a bundle does not allow; here both sides run the same outside command,
``hipcoach --quit-after 0`` (open the window, close it as soon as the event loop
runs, exit), so the figure is start-up plus a short shutdown, measured the same way
for both. Runs alternate; the first run of each (files not yet in the page cache,
where the bundle's larger libraries cost most) and the medians are reported.

    .venv/bin/python tools/build_bundle.py --no-archive
    .venv/bin/python benchmarks/bench_bundle_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_once(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "hipcoach" / "hipcoach")
    args = parser.parse_args()
    pip_script = Path(sys.executable).parent / "hipcoach"
    sides = {"pip install": [str(pip_script)], "bundle": [str(args.bundle)]}
    times: dict[str, list[float]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "HIPCOACH_DATA_DIR": data}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for _ in range(args.runs):
            for name, command in sides.items():
                times[name].append(run_once([*command, "--quit-after", "0"], env))
    for name, values in times.items():
        print(
            f"{name:12} first {values[0] * 1000:6.0f} ms   "
            f"median {statistics.median(values) * 1000:6.0f} ms   "
            f"min {min(values) * 1000:6.0f} ms   ({len(values)} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
