"""Safe file writing for personal data: atomic replace, a last-good backup, move-aside.

Every file hipcoach writes into the data folder goes through here, so a crash,
a kill or a power cut mid-write can never leave a half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

# FileTooLargeError stays importable from here for the history's reader.
from hipcoach.core.safe_read import FileTooLargeError as FileTooLargeError
from hipcoach.core.safe_read import read_regular_file

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


class LinkNotFollowedError(OSError):
    """A symbolic link where hipcoach would write a file; the message says what to do."""


def backup_path(path: Path) -> Path:
    """Where the last good copy of ``path`` is kept (``history.json.bak``)."""
    return path.with_name(path.name + ".bak")


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never a mix.

    The data goes to a temporary file in the same folder, is flushed to disk and
    renamed over ``path``. With ``keep_backup`` the file being replaced becomes
    ``<name>.bak`` first (by a hard link, so ``path`` itself never disappears).
    The result is readable and writable by its owner only.

    A symbolic link at ``path`` is refused with :class:`LinkNotFollowedError`:
    writing through it would change a file outside the data folder (and replacing
    it would break the link), so the person is told to put the file itself there.
    """
    path = Path(path)
    if path.is_symlink():
        raise LinkNotFollowedError(
            f"{path} is a symbolic link (to {os.readlink(path)}); hipcoach writes only regular "
            "files in its data folder. Replace the link with the file itself, or start "
            "hipcoach with --data-dir pointing at the folder the link leads to"
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, PRIVATE_FILE_MODE)
        if keep_backup and path.is_file():
            _replace_backup(path)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _replace_backup(path: Path) -> None:
    bak = backup_path(path)
    staging = bak.with_name(f".{bak.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        # No hard links on this file system: fall back to a copy.
        staging.write_bytes(path.read_bytes())
    os.chmod(staging, PRIVATE_FILE_MODE)
    os.replace(staging, bak)


def move_aside(path: Path, label: str = "corrupt", *, now: float | None = None) -> Path:
    """Rename a bad file to ``<stem>.<label>-<timestamp><suffix>`` beside it; return the new path.

    The file is never deleted and an existing file is never overwritten: if the
    name is taken, a counter is added. A symbolic link is moved as a link, never
    followed. Raises ``OSError`` if the file cannot be moved.
    """
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    stem, suffix = path.stem, path.suffix or ""
    for n in range(1000):
        extra = f"-{n}" if n else ""
        target = path.with_name(f"{stem}.{label}-{stamp}{extra}{suffix}")
        if target.exists() or target.is_symlink():
            continue
        if path.is_symlink():
            # The link itself is moved; what it points to is left alone.
            os.rename(path, target)
            return target
        try:
            os.link(path, target) if path.is_file() else os.rename(path, target)
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.rename(path, target)
            return target
        if path.is_file():
            path.unlink()
        return target
    raise FileExistsError(f"no free name to move {path} aside")


def read_bytes_limited(path: Path, max_bytes: int) -> bytes:
    """Read a whole regular file of at most ``max_bytes`` (see ``safe_read.read_regular_file``).

    Raises ``FileTooLargeError`` for a larger file and ``NotRegularFileError`` for
    a folder, pipe or device, without blocking or reading it.
    """
    return read_regular_file(path, max_bytes)
