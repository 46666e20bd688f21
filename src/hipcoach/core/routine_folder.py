"""Noticing that the person's routine files changed while hipcoach runs.

A file watcher (in ``ui/routine_folder_watcher.py``) only says "something in this
folder may have changed": a history checkpoint written beside ``routines/`` wakes
it too. :func:`folder_state` is what decides whether the routines really changed,
so the library is reloaded only then, and the same way as at start.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from hipcoach.core.problems import Problem
from hipcoach.core.routines import routine_files

#: What identifies one version of a file: name, size, modification time, inode.
FileVersion = tuple[str, int, int, int]


def _version(path: Path) -> FileVersion | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (path.name, info.st_size, info.st_mtime_ns, info.st_ino)


def folder_state(custom_dir: Path, patterns_file: Path | None = None) -> frozenset[FileVersion]:
    """The routine files of ``custom_dir`` (and ``patterns_file``), as they are now.

    Two states differ when a file was added, removed, replaced or written. A
    folder that is missing or cannot be read has no files. Never raises.
    """
    try:
        files = [*routine_files(custom_dir)]
    except OSError:  # a folder we may not read: as good as empty
        files = []
    if patterns_file is not None:
        files.append(patterns_file)
    return frozenset(v for v in (_version(p) for p in files) if v is not None)


def problems_key(problems: Iterable[Problem]) -> frozenset[str]:
    """Problems as one comparable value: the same problems shown again are no news."""
    return frozenset(str(p) for p in problems)
