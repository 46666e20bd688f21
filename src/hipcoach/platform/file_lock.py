"""The history's write lock as the app uses it: a ``QLockFile`` in the data folder.

``QLockFile`` records the owner's process id, host and name in the lock file, so
a lock left behind by a crashed or killed process is recognised as stale and
taken over instead of blocking writes for ever. It implements the core's
``WriteLock`` protocol: calling the lock gives a context manager held for the
duration of one write.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QLockFile

from hipcoach.core.history_lock import LockTimeoutError
from hipcoach.i18n import N_, _

LOCK_FILE_SUFFIX = ".lock"
RETRY_MS = 250
_CREATE_FAILURES = {
    "PermissionError": N_("the folder cannot be written to"),
    "UnknownError": N_("the disk may be full or read-only"),
}
ORPHAN_AGE_S = 1.0


class QtWriteLock:
    """A cross-process write lock on ``lock_path`` (``history.json.lock`` by default).

    Every process that writes one history must use this same lock. Waiting
    longer than ``timeout_ms`` raises :class:`LockTimeoutError`, which the store
    turns into a message rather than a crash.
    """

    def __init__(self, lock_path: Path, *, timeout_ms: int = 10_000) -> None:
        self.lock_path = Path(lock_path)
        self.timeout_ms = timeout_ms

    @classmethod
    def for_history(cls, history_path: Path, *, timeout_ms: int = 10_000) -> QtWriteLock:
        """The lock guarding ``history_path``, beside it in the data folder."""
        history_path = Path(history_path)
        return cls(
            history_path.with_name(history_path.name + LOCK_FILE_SUFFIX), timeout_ms=timeout_ms
        )

    def _acquire(self, lock: QLockFile) -> bool:
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if lock.tryLock(max(0, min(remaining_ms, RETRY_MS))):
                return True
            if lock.error() != QLockFile.LockError.LockFailedError:
                # The lock file cannot be created (a read-only folder, a full disk): waiting
                # would only freeze the window, so give up at once.
                return False
            if remaining_ms <= RETRY_MS:
                return False
            if self._orphaned():
                lock.removeStaleLockFile()

    def _orphaned(self) -> bool:
        """A lock file with no owner written into it, older than any live writer leaves one.

        A process killed between creating the lock file and writing its process id
        into it leaves an empty file; QLockFile cannot tell whose it is and would
        wait the full stale time (30 s) before taking it over.
        """
        pid, _host, _app = QLockFile(str(self.lock_path)).getLockInfo()
        try:
            age = time.time() - self.lock_path.stat().st_mtime
        except OSError:
            return False
        return pid == 0 and age > ORPHAN_AGE_S

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = QLockFile(str(self.lock_path))
        # Writes take milliseconds: a lock older than this whose owner still runs is hung.
        lock.setStaleLockTime(30_000)
        if not self._acquire(lock):
            error = lock.error()
            if error == QLockFile.LockError.LockFailedError:
                raise LockTimeoutError(
                    _("another hipcoach process held {file} for more than {seconds} s").format(
                        file=self.lock_path, seconds=f"{self.timeout_ms / 1000:g}"
                    )
                )
            raise LockTimeoutError(
                _("the lock file {file} could not be created ({reason})").format(
                    file=self.lock_path, reason=_(_CREATE_FAILURES.get(error.name, error.name))
                )
            )
        try:
            yield
        finally:
            lock.unlock()
