"""The lock that keeps two processes from writing the history at the same time."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from hipcoach.i18n import _


class LockTimeoutError(OSError):
    """Another process held the history lock for too long."""


class WriteLock(Protocol):
    """A factory of context managers that hold a lock shared by every process writing the history.

    The store calls it once per write (``with lock(): ...``). It must exclude other
    processes, raise :class:`LockTimeoutError` (or another ``OSError``) if it cannot
    get the lock in reasonable time, and need not be re-entrant.
    """

    def __call__(self) -> AbstractContextManager[object]: ...


class FileWriteLock:
    """An OS advisory lock (``flock`` / ``msvcrt.locking``) on a file beside the history.

    The default lock for headless use (the command line, scripts, tests): the
    kernel releases it when the holder dies, so a killed process never leaves a
    stale lock behind. The app passes its own ``QLockFile``-based lock instead;
    every process writing one data folder must use the same kind of lock.
    """

    def __init__(self, lock_path: Path, *, timeout: float = 10.0) -> None:
        self.lock_path = Path(lock_path)
        self.timeout = timeout

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + self.timeout
            while not _try_os_lock(fd):
                if time.monotonic() > deadline:
                    raise LockTimeoutError(
                        _("another hipcoach process held {file} for more than {seconds} s").format(
                            file=self.lock_path, seconds=f"{self.timeout:g}"
                        )
                    )
                # Writes hold the lock for milliseconds; a short nap is enough.
                time.sleep(0.005)
            try:
                yield
            finally:
                _os_unlock(fd)
        finally:
            os.close(fd)


if os.name == "posix":
    import fcntl

    def _try_os_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

else:  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_os_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def default_lock_path(history_path: Path) -> Path:
    """The file :class:`FileWriteLock` locks by default (``history.json.flock``)."""
    return history_path.with_name(history_path.name + ".flock")
