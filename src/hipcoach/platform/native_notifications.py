"""Windows' and macOS' own notifications with buttons, through ``desktop-notifier``.

``desktop-notifier`` shows a Windows toast (through the Windows Runtime) or a
macOS notification (``UNUserNotificationCenter``) with buttons, and calls back
when one is chosen. Its calls are asyncio coroutines, and on Windows a button's
callback is handed to the event loop that sent the notification. Qt owns the
main thread, so that loop runs in a thread of its own: calls go to it with
``run_coroutine_threadsafe``, and everything that comes back (the library
ready or not, a button chosen, a notification that could not be shown) reaches
the Qt thread through a signal with a queued connection, whichever thread the
library called from. :meth:`NativeNotifications.stop` ends the loop and joins
its thread; the application calls it when it quits.

Where the library is missing, cannot start, has no buttons here (a macOS
Python that is not an app bundle gets its do-nothing backend), is refused
permission or fails to send, the reminders fall back to the tray icon's message.
Nothing here raises.

Untried on real Windows and macOS machines: the tests drive it with a fake
``desktop_notifier`` module.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

#: How long quitting waits for the notifications' thread to end.
STOP_TIMEOUT_S = 2.0

#: What a click on the notification itself means: Start, as a click on the tray's message.
CLICK_KEY = "start"


class NativeNotifications(QObject):
    """The system's notifications with buttons, the same interface as ``DesktopNotifications``.

    ``ready(ok)`` once the library has started (or could not); until then
    :meth:`supports_actions` is False. ``actionInvoked(id, key)`` when a button
    (or the notification itself: ``"start"``) is chosen, ``closed(id)`` when it
    is dismissed, ``failed(id)`` when a notification :meth:`notify` accepted
    could not be shown after all.
    """

    ready = Signal(bool)
    actionInvoked = Signal(str, str)
    closed = Signal(str)
    failed = Signal(str)
    #: From any thread to the Qt thread: a callable to run there.
    _posted = Signal(object)

    def __init__(
        self, app_name: str, icon: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app_name = app_name
        self._icon = icon
        self._module: Any = None
        self._notifier: Any = None  # lives in the loop's thread
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._buttons = False
        self._stopped = False
        #: Our id of each notification shown → the library's identifier, once sent.
        self._sent: dict[str, str | None] = {}
        from PySide6.QtCore import Qt

        self._posted.connect(self._run_posted, Qt.ConnectionType.QueuedConnection)

    # --- the interface the reminders use ------------------------------------------

    def start(self) -> bool:
        """Import the library and start its thread; False (and nothing running) if it is missing."""
        if self._loop is not None:
            return True
        try:
            # A plain import, so that the bundle's builder sees it (tests put a fake in its place).
            import desktop_notifier  # type: ignore[import-not-found]
        except Exception as exc:  # a broken install is as good as none: never a crash
            log.info("native notifications not available: %s", exc)
            return False
        self._module = desktop_notifier
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(
            target=self._run_loop, args=(loop,), name="hipcoach-notifications", daemon=True
        )
        self._thread.start()
        self._submit(self._open(), self._opened)
        return True

    def supports_actions(self) -> bool:
        """Whether the library has started and can show buttons here."""
        return self._buttons and not self._stopped

    def notify(
        self, summary: str, body: str, actions: Sequence[tuple[str, str]], icon: str = ""
    ) -> str | None:
        """Show a notification with ``actions`` as (key, label) pairs; its id, or None.

        The notification is sent in the background: if it cannot be shown after
        all, ``failed(id)`` follows. ``icon`` (a freedesktop icon name) is not
        used: the system shows the application's own icon.
        """
        del icon
        if not self.supports_actions():
            return None
        note_id = uuid.uuid4().hex
        self._sent[note_id] = None
        self._submit(self._send(note_id, summary, body, list(actions)), self._was_sent(note_id))
        return note_id

    def close(self, note_id: str) -> None:
        """Take a notification away, if it is still showing."""
        identifier = self._sent.pop(note_id, None)
        if identifier is not None and not self._stopped:
            self._submit(self._notifier.clear(identifier), self._log_failure("clear"))

    def stop(self) -> None:
        """End the library's thread (what it was doing is cancelled); safe to call twice."""
        loop, thread = self._loop, self._thread
        self._stopped = True
        self._buttons = False
        if loop is None or thread is None:
            return
        self._loop = self._thread = None
        if not loop.is_closed():
            asyncio.run_coroutine_threadsafe(_cancel_all_and_stop(), loop)
        thread.join(STOP_TIMEOUT_S)
        if thread.is_alive():
            log.warning("the notifications' thread did not end within %s s", STOP_TIMEOUT_S)

    # --- in the library's thread ------------------------------------------------------

    @staticmethod
    def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    async def _open(self) -> bool:
        module = self._module
        icon = module.Icon(path=self._icon) if self._icon is not None else None
        self._notifier = module.DesktopNotifier(app_name=self._app_name, app_icon=icon)
        capabilities = await self._notifier.get_capabilities()
        return module.Capability.BUTTONS in capabilities

    async def _send(
        self, note_id: str, summary: str, body: str, actions: list[tuple[str, str]]
    ) -> str:
        module = self._module
        buttons = [
            module.Button(title=label, on_pressed=functools.partial(self._pressed, note_id, key))
            for key, label in actions
        ]
        identifier = await self._notifier.send(
            title=summary,
            message=body,
            buttons=buttons,
            on_clicked=functools.partial(self._pressed, note_id, CLICK_KEY),
            on_dismissed=functools.partial(self._dismissed, note_id),
        )
        # The library logs, not raises, when the system refuses: ask whether it may show them.
        if not await self._notifier.has_authorisation():
            raise PermissionError("notifications are not allowed for this application")
        return str(identifier)

    # --- from any thread back to Qt's ---------------------------------------------------

    def _submit(self, coroutine: Any, done: Callable[[concurrent.futures.Future], None]) -> None:
        loop = self._loop
        if loop is None:
            coroutine.close()
            return
        future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        future.add_done_callback(lambda f: self._posted.emit(functools.partial(done, f)))

    def _pressed(self, note_id: str, key: str) -> None:
        self._posted.emit(functools.partial(self._emit_action, note_id, key))

    def _dismissed(self, note_id: str) -> None:
        self._posted.emit(functools.partial(self._emit_closed, note_id))

    # --- in Qt's thread -------------------------------------------------------------------

    @Slot(object)
    def _run_posted(self, call: Callable[[], None]) -> None:
        call()

    def _opened(self, future: concurrent.futures.Future) -> None:
        ok = False
        if not future.cancelled():
            if (exc := future.exception()) is not None:
                log.info("native notifications could not start: %r", exc)
            else:
                ok = bool(future.result())
                if not ok:
                    log.info("native notifications have no buttons here")
        self._buttons = ok and not self._stopped
        self.ready.emit(self._buttons)

    def _was_sent(self, note_id: str) -> Callable[[concurrent.futures.Future], None]:
        def done(future: concurrent.futures.Future) -> None:
            if future.cancelled() or self._stopped:
                return
            if (exc := future.exception()) is not None:
                log.info("a native notification could not be shown: %r", exc)
                self._sent.pop(note_id, None)
                self.failed.emit(note_id)
            elif note_id in self._sent:
                self._sent[note_id] = future.result()

        return done

    def _log_failure(self, what: str) -> Callable[[concurrent.futures.Future], None]:
        def done(future: concurrent.futures.Future) -> None:
            if not future.cancelled() and (exc := future.exception()) is not None:
                log.info("native notifications: %s failed: %r", what, exc)

        return done

    def _emit_action(self, note_id: str, key: str) -> None:
        # Once per notification: a second callback for it (a click after a button) is not news.
        if not self._stopped and note_id in self._sent:
            del self._sent[note_id]
            self.actionInvoked.emit(note_id, key)

    def _emit_closed(self, note_id: str) -> None:
        if not self._stopped and note_id in self._sent:
            del self._sent[note_id]
            self.closed.emit(note_id)


async def _cancel_all_and_stop() -> None:
    current = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    asyncio.get_running_loop().stop()
