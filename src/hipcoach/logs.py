"""Where log messages go: the log file in the data folder, and the terminal.

Qt's own messages (the sound back-ends trying pipewire, FFmpeg's banner,
PulseAudio failing to connect, graphics drivers) are routed into ``logging``
under the "qt" logger. They belong in the log file, where a bug report can
quote them; on the terminal they only alarm, so they show there only with
``--verbose``. hipcoach's own warnings still reach the terminal.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from hipcoach import paths

log = logging.getLogger("hipcoach")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Qt's messages are logged under this logger and its children (one per Qt category).
QT_LOGGER = "qt"
#: Messages kept while the log file is not attached yet; past this, the oldest go.
EARLY_LIMIT = 200


class HideQtMessages(logging.Filter):
    """Keeps Qt's own messages off the terminal (the log file still gets them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == QT_LOGGER or record.name.startswith(QT_LOGGER + "."))


class EarlyMessages(logging.Handler):
    """Holds the messages from before the log file is attached, then hands them to it."""

    def __init__(self) -> None:
        super().__init__()
        self.records: deque[logging.LogRecord] = deque(maxlen=EARLY_LIMIT)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def qt_logger_name(category: str | None) -> str:
    """The logger for a Qt message category: "qt.multimedia.ffmpeg" stays itself."""
    if not category or category == "default":
        return QT_LOGGER
    return category if category.startswith(QT_LOGGER + ".") else f"{QT_LOGGER}.{category}"


def route_qt_messages() -> None:
    """Qt's messages go into ``logging`` (and from there to the file), not straight to stderr."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, context, text) -> None:
        logger = logging.getLogger(qt_logger_name(getattr(context, "category", None)))
        logger.log(levels.get(kind, logging.WARNING), text)

    qInstallMessageHandler(handler)


class FileLog:
    """The log file in the data folder, attached after the first frame.

    Until then messages wait in memory (and hipcoach's own also go to the
    terminal): the rotating handler's module brings in sockets and pickling that the
    first frame does not need. A crash before that point attaches it at once, so
    its details are still written down.
    """

    def __init__(self, folder: Path, early: EarlyMessages):
        self.path = folder / paths.LOG_NAME
        self._attached = False
        self._early = early

    def attach(self) -> None:
        if self._attached:
            return
        self._attached = True
        import logging.handlers

        root = logging.getLogger()
        root.removeHandler(self._early)
        # Bounded: an evening app left running for months must not fill the disk with logs.
        try:
            handler = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=512 * 1024, backupCount=2, encoding="utf-8"
            )
            self.path.chmod(0o600)
        except OSError as exc:
            log.warning("cannot write the log file %s: %s", self.path, exc.strerror or exc)
            return
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        for record in self._early.records:
            handler.handle(record)
        self._early.records.clear()
        root.addHandler(handler)


def configure(folder: Path, *, verbose: bool = False, stream: TextIO | None = None) -> FileLog:
    """Logging for the window: the terminal gets Qt's messages only when ``verbose``."""
    terminal = logging.StreamHandler(stream or sys.stderr)
    terminal.setFormatter(logging.Formatter(LOG_FORMAT))
    if not verbose:
        terminal.addFilter(HideQtMessages())
    early = EarlyMessages()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(terminal)
    root.addHandler(early)
    return FileLog(folder, early)
