"""Build the hipcoach bundle that needs no Python: a folder with the program, and its archive.

    .venv/bin/pip install -e '.[bundle]'
    .venv/bin/python tools/build_bundle.py

makes dist/hipcoach/ and dist/hipcoach-<version>-<os>-<arch>.tar.gz.

PyInstaller (the choice, and why, is in docs/packaging.md) reads
packaging/pyinstaller/hipcoach.spec, which names the Qt parts left out. The same
command builds the Windows and macOS bundles on those systems (the release workflow
does). It prints the build time and the unpacked size.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "hipcoach.spec"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive_name(version: str) -> str:
    names = {"linux": "linux", "win32": "windows", "darwin": "macos"}
    system = names.get(sys.platform, sys.platform)
    return f"hipcoach-{version}-{system}-{platform.machine().lower()}"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; returns the bundle's folder (``dist/hipcoach``)."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / "hipcoach"


def make_archive(bundle: Path, name: str) -> Path:
    """A .tar.gz of the folder (a .zip on Windows), beside it."""
    if sys.platform == "win32":
        zipped = shutil.make_archive(str(bundle.parent / name), "zip", bundle.parent, "hipcoach")
        return Path(zipped)
    target = bundle.parent / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname="hipcoach")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "bundle", help="PyInstaller's work folder"
    )
    parser.add_argument("--no-archive", action="store_true", help="leave out the .tar.gz")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "PyInstaller is not installed here: run  pip install -e '.[bundle]'  first.",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from hipcoach import __version__

    started = time.monotonic()
    bundle = build(args.dist.resolve(), args.work.resolve())
    seconds = time.monotonic() - started
    print(f"bundle: {bundle}")
    print(f"build time: {seconds:.0f} s")
    print(f"unpacked size: {folder_size(bundle) / 1e6:.1f} MB")
    if not args.no_archive:
        archive = make_archive(bundle, archive_name(__version__))
        print(f"archive: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
