"""One hipcoach window per data folder: a second launch raises the first instead.

The first launch takes a ``QLockFile`` in the data folder for its whole life
(so a crashed instance's lock is recognised as stale) and listens on a
``QLocalServer``. A later launch fails to take the lock, connects to the server,
sends ``raise`` and exits. The server name is the application id followed by a
hash of the user and the data folder, so two data folders (e.g. ``--data-dir``)
run side by side.

Taking the lock needs only QtCore; QtNetwork and the server name are loaded when
the primary starts listening, which the app does after its first frame.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from hipcoach import APP_ID

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE_REQUEST = b"raise\n"
INSTANCE_LOCK_NAME = "instance.lock"


def server_name_for(data_dir: Path) -> str:
    """The local-socket name for one user's one data folder (short: it becomes a path)."""
    import getpass
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers): the folder is enough
        user = ""
    key = f"{user}\0{Path(data_dir).expanduser().resolve()}".encode()
    return f"{APP_ID}-{hashlib.sha256(key).hexdigest()[:16]}"


class SingleInstance(QObject):
    """Decides whether this process is the one hipcoach for ``data_dir``.

    Call :meth:`start` once, before showing a window. If it returns True this is
    the primary instance: keep the object alive and raise the window when
    :attr:`raise_requested` fires. If it returns False another instance was asked
    to come to the front and this process should exit. ``start(listen=False)``
    leaves :meth:`listen` to the caller; a later launch waits for it.
    """

    raise_requested = Signal()

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, *, connect_timeout_ms: int = 2000
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._server_name: str | None = None
        self._connect_timeout_ms = connect_timeout_ms
        self._lock: QLockFile | None = None
        self._primary = False
        self._server: QLocalServer | None = None

    @property
    def server_name(self) -> str:
        if self._server_name is None:
            self._server_name = server_name_for(self.data_dir)
        return self._server_name

    @property
    def is_primary(self) -> bool:
        return self._primary

    def start(self, *, listen: bool = True) -> bool:
        """Become the primary instance (True), or hand over to the running one (False).

        False only once the running instance was reached and asked to come forward. A
        lock whose holder does not answer (its process id now belongs to another
        program after a crash, or it hangs) is taken over, so a launch always ends
        with a window on screen: its own, or the one it raised.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = QLockFile(str(self.data_dir / INSTANCE_LOCK_NAME))
        # The primary holds this for hours: only a dead owner makes it stale, never age.
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._lock = lock
        elif lock.error() != QLockFile.LockError.LockFailedError:
            # No lock possible at all (read-only folder?): better two windows than none.
            log.warning("single instance: cannot create %s; running anyway", lock.fileName())
        elif self._ask_primary_to_raise():
            return False
        else:
            self._take_over(lock)
        self._primary = True
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Accept "raise" requests from later launches (the primary only; once)."""
        from PySide6.QtNetwork import QLocalServer

        if not self._primary or self._server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the instance lock, so any socket of that name was left by a crash.
        QLocalServer.removeServer(self.server_name)
        if not server.listen(self.server_name):
            log.warning(
                "single instance: cannot listen on %s: %s", self.server_name, server.errorString()
            )
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The caller writes its one line right after connecting, so a short
            # blocking read is simpler and safer than keeping sockets alive across
            # signals (PySide 6.11 crashes when a socket with a pending deleteLater
            # is destroyed with its server).
            if socket.canReadLine() or socket.waitForReadyRead(self._connect_timeout_ms):
                self._read_request(socket)
            socket.abort()
            socket.setParent(None)  # type: ignore[call-overload]
            del socket  # Python owns it now: deleted here, outside any of its signals

    def _read_request(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            if line == RAISE_REQUEST:
                self.raise_requested.emit()
            else:
                log.warning("single instance: ignoring request %r", line[:40])

    def _take_over(self, lock: QLockFile) -> None:
        log.warning("single instance: nobody answers for %s; taking it over", lock.fileName())
        with contextlib.suppress(OSError):
            os.remove(lock.fileName())
        if lock.tryLock(0):
            self._lock = lock
        else:
            log.warning("single instance: cannot take %s over; running anyway", lock.fileName())

    def _ask_primary_to_raise(self) -> bool:
        """Ask the running instance to come forward; False if it could not be reached."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        # Blocking is fine here: this process shows no window and exits next. The
        # primary may have its lock but not be listening yet (it listens after its
        # first frame), so a missing server is retried until the timeout.
        deadline = time.monotonic() + self._connect_timeout_ms / 1000
        while True:
            socket.connectToServer(self.server_name)
            left_ms = max(0, round((deadline - time.monotonic()) * 1000))
            if socket.waitForConnected(left_ms) or time.monotonic() >= deadline:
                break
            socket.abort()
            _pause_before_retrying()
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            log.warning(
                "single instance: another hipcoach holds %s but does not answer (%s)",
                self.data_dir / INSTANCE_LOCK_NAME,
                socket.errorString(),
            )
            return False
        socket.write(RAISE_REQUEST)
        socket.waitForBytesWritten(self._connect_timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(self._connect_timeout_ms)
        return True

    def close(self) -> None:
        """Stop listening and release the instance lock (call on quit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._primary = False
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _pause_before_retrying() -> None:
    """A moment between attempts to reach a primary that is not listening yet."""
    time.sleep(0.05)
