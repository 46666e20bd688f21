"""The bundle that needs no Python: built by tools/build_bundle.py, then used like a person would.

Slow (a couple of minutes of PyInstaller), so it is left out of the plain ``pytest`` run
and run by .ci/run with ``pytest -m bundle`` after installing the ``bundle`` extra.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach import APP_ID

pytestmark = [pytest.mark.slow, pytest.mark.bundle]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_bundle.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
            "--no-archive",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return out / "dist" / "hipcoach"


def run_bundle(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Nothing of this Python may help: no virtual environment, no PYTHONPATH, a bare PATH.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PATH")
    }
    env.update(
        PATH="/usr/bin:/bin",
        HIPCOACH_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    return subprocess.run(
        [str(bundle / "hipcoach"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )


def test_the_bundle_lists_the_builtin_routines(bundle, tmp_path):
    result = run_bundle(bundle, tmp_path, "routines")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sum("built-in" in line for line in result.stdout.splitlines()) >= 7


def test_the_bundle_opens_its_window_and_quits_with_status_0(bundle, tmp_path):
    result = run_bundle(bundle, tmp_path, "--quit-after", "3")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "windows open: 1 (hipcoach)" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_bundle_carries_its_assets_and_leaves_out_unused_qt(bundle):
    inside = bundle / "_internal"
    assert (inside / "hipcoach" / "assets" / "desktop" / f"{APP_ID}.desktop").is_file()
    assert (inside / "hipcoach" / "assets" / "sounds" / "inhale.wav").is_file()
    names = [p.name for p in inside.rglob("*")]
    for unused in ("QtWebEngine", "Qt6Pdf", "qtvirtualkeyboard", "QtQuick.abi3", "QtQml.abi3"):
        assert not [name for name in names if unused in name], unused
