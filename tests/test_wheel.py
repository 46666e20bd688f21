"""The built wheel carries its assets: install it into a fresh environment and use it there."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import msgspec
import platformdirs
import pytest

from hipcoach import APP_ID

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    (path,) = out.glob("hipcoach-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh environment with the wheel installed: (its python, site-packages, env folder)."""
    tmp_path = tmp_path_factory.mktemp("installed")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Only the two small pure dependencies the command line needs, taken from this
    # environment, so the test needs no network and cannot see the source tree.
    deps = tmp_path / "deps"
    deps.mkdir()
    for module in (msgspec, platformdirs):
        folder = Path(module.__file__).parent
        (deps / folder.name).symlink_to(folder)
    (site / "deps.pth").write_text(str(deps) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return python, site, env_dir


def clean_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["HIPCOACH_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_installed_wheel_lists_its_builtin_routines(installed, tmp_path):
    python, site, env_dir = installed
    env = clean_env(tmp_path)
    result = subprocess.run(
        [python, "-m", "hipcoach", "routines"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sum("built-in" in line for line in result.stdout.splitlines()) >= 7
    where = subprocess.run(
        [python, "-c", "import hipcoach.paths as p; print(p.assets_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(site)
    script = env_dir / "bin" / "hipcoach"
    assert script.exists()


def test_installed_wheel_adds_a_launcher_entry_that_starts_its_own_script(installed, tmp_path):
    python, _site, env_dir = installed
    env = clean_env(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "share")
    result = subprocess.run(
        [python, "-m", "hipcoach", "install-desktop-entry"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    entry = (tmp_path / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={env_dir / 'bin' / 'hipcoach'}\n" in entry
    assert (
        tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    ).exists()
