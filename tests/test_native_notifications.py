"""Windows' and macOS' own notifications (desktop-notifier), driven by a fake of the library.

No Windows or macOS machine runs these tests: a fake ``desktop_notifier`` module
stands in for the library, with the same call shape (async ``send`` with
``Button(title, on_pressed)``, ``get_capabilities``, ``has_authorisation``,
``clear``). The adapter's own thread and event loop are real.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import sys
import threading
import types
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from hipcoach import app as app_module
from hipcoach import i18n
from hipcoach.core.clock import FakeClock
from hipcoach.core.reminders import Answer, Reminder, ReminderKind
from hipcoach.i18n import _
from hipcoach.platform.native_notifications import NativeNotifications
from hipcoach.ui.reminder_notifier import ReminderNotifier
from test_reminders_app import FakeIdle, build, keep_typing, write_settings

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged",
)

BREAK = Reminder(ReminderKind.BREAK, "two-minute-reset")
WAIT_S = 10


class Capability(enum.Enum):
    TITLE = "title"
    BUTTONS = "buttons"


@dataclasses.dataclass
class Button:
    title: str
    on_pressed: object = None


@dataclasses.dataclass
class Icon:
    path: object = None


class FakeLibrary(types.ModuleType):
    """``desktop_notifier`` as far as hipcoach uses it; what it is asked is recorded."""

    def __init__(self) -> None:
        super().__init__("desktop_notifier")
        self.Capability, self.Button, self.Icon = Capability, Button, Icon
        self.capabilities = frozenset({Capability.TITLE, Capability.BUTTONS})
        self.made: list[dict] = []
        self.sent: list[dict] = []
        self.cleared: list[str] = []
        self.sent_event = threading.Event()
        self.open_error: Exception | None = None
        self.send_error: Exception | None = None
        self.authorised = True
        self.hang = False
        self.loop: asyncio.AbstractEventLoop | None = None
        library = self

        class DesktopNotifier:
            def __init__(self, app_name="Python", app_icon=None):
                if library.open_error is not None:
                    raise library.open_error
                library.made.append({"app_name": app_name, "app_icon": app_icon})

            async def get_capabilities(self):
                return library.capabilities

            async def send(self, **kwargs):
                library.loop = asyncio.get_running_loop()
                library.sent.append(kwargs)
                library.sent_event.set()
                if library.hang:
                    await asyncio.Event().wait()  # a permission prompt nobody answers
                if library.send_error is not None:
                    raise library.send_error
                return f"id-{len(library.sent)}"

            async def has_authorisation(self):
                return library.authorised

            async def clear(self, identifier):
                library.cleared.append(identifier)

        self.DesktopNotifier = DesktopNotifier

    def last_sent(self) -> dict:
        assert self.sent_event.wait(WAIT_S), "nothing was sent"
        return self.sent[-1]

    def from_library_thread(self, callback) -> None:
        """Call back as Windows does: from the library's event loop, not Qt's thread."""
        self.loop.call_soon_threadsafe(callback)


class FakeTray(QObject):
    messageClicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def show_message(self, title: str, text: str) -> None:
        self.messages.append((title, text))


@pytest.fixture
def library(monkeypatch):
    fake = FakeLibrary()
    monkeypatch.setitem(sys.modules, "desktop_notifier", fake)
    return fake


@pytest.fixture
def native(qapp):
    made = []

    def make(*, wait_ready=True, qtbot=None):
        notes = NativeNotifications("hipcoach")
        made.append(notes)
        if wait_ready:
            with qtbot.waitSignal(notes.ready, timeout=WAIT_S * 1000):
                assert notes.start()
        return notes

    yield make
    for notes in made:
        notes.stop()


def notifier_with(notes, tray=None):
    in_window = []
    return ReminderNotifier(notes, tray, in_window.append), in_window


def test_the_reminder_goes_out_with_its_three_buttons_the_first_beginning_with_start(
    qtbot, library, native
):
    notes = native(qtbot=qtbot)
    assert notes.supports_actions()
    notifier, _in_window = notifier_with(notes)
    notifier.show(BREAK, "Two-minute reset")
    sent = library.last_sent()
    assert library.made == [{"app_name": "hipcoach", "app_icon": None}]
    assert sent["title"] == "Time for a movement break"
    assert sent["message"] == "Two-minute reset: a few minutes for your hips and your breath."
    assert [b.title for b in sent["buttons"]] == ["Start now", "In 10 minutes", "Skip"]
    assert sent["buttons"][0].title.startswith("Start")
    assert notifier.last_channel == "desktop"


@pytest.mark.parametrize(
    ("button", "answer"), [(0, Answer.START), (1, Answer.POSTPONE), (2, Answer.SKIP)]
)
def test_each_button_comes_back_as_its_answer_in_qt_s_thread(
    qtbot, qapp, library, native, button, answer
):
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    threads = []
    notifier.answered.connect(lambda *_args: threads.append(QThread.currentThread()))
    notifier.show(BREAK, "Two-minute reset")
    pressed = library.last_sent()["buttons"][button].on_pressed
    with qtbot.waitSignal(notifier.answered, timeout=WAIT_S * 1000) as answered:
        library.from_library_thread(pressed)
    assert answered.args == [BREAK, answer]
    assert threads == [qapp.thread()]


def test_a_click_on_the_notification_itself_means_start_and_counts_once(qtbot, library, native):
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    answers = []
    notifier.answered.connect(lambda reminder, answer: answers.append(answer))
    notifier.show(BREAK, "Two-minute reset")
    sent = library.last_sent()
    with qtbot.waitSignal(notes.actionInvoked, timeout=WAIT_S * 1000):
        library.from_library_thread(sent["on_clicked"])
    # A late second callback for the same notification (a button after the click) is not news.
    sent["buttons"][2].on_pressed()
    QCoreApplication.processEvents()  # runs what the callback posted
    assert answers == [Answer.START]


def test_a_dismissed_notification_gives_no_answer(qtbot, library, native):
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    answers = []
    notifier.answered.connect(lambda *args: answers.append(args))
    notifier.show(BREAK, "Two-minute reset")
    with qtbot.waitSignal(notes.closed, timeout=WAIT_S * 1000):
        library.from_library_thread(library.last_sent()["on_dismissed"])
    assert answers == []


def test_a_new_reminder_takes_the_one_still_showing_away(qtbot, library, native):
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    notifier.show(BREAK, "Two-minute reset")
    library.last_sent()
    # The library's identifier comes back through Qt's thread before it can be cleared.
    qtbot.waitUntil(lambda: list(notes._sent.values()) == ["id-1"])
    library.sent_event.clear()
    notifier.show(Reminder(ReminderKind.PRACTICE, "evening-hip-unwind"), "Evening hip unwind")
    assert library.last_sent()["title"] == "Time for your practice"
    qtbot.waitUntil(lambda: library.cleared == ["id-1"])


def test_the_words_are_those_of_the_language_when_the_reminder_is_shown(qtbot, library, native):
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    i18n.set_language("es")
    notifier.show(BREAK, "Two-minute reset")
    labels = [b.title for b in library.last_sent()["buttons"]]
    assert labels == [_("Start now"), _("In 10 minutes"), _("Skip")]
    assert labels[0] != "Start now"


def test_without_the_library_nothing_starts_and_the_app_uses_the_tray(monkeypatch, qapp):
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)  # import raises ImportError
    before = threading.active_count()
    notes = NativeNotifications("hipcoach")
    assert notes.start() is False
    assert not notes.supports_actions()
    assert notes.notify("title", "body", [("start", "Start now")]) is None
    assert threading.active_count() == before
    assert app_module._desktop_notifications("win32") is None
    assert app_module._desktop_notifications("darwin") is None


def test_on_windows_and_macos_the_app_uses_the_system_notifications(qtbot, library):
    notes = app_module._desktop_notifications("win32")
    try:
        assert isinstance(notes, NativeNotifications)
        with qtbot.waitSignal(notes.ready, timeout=WAIT_S * 1000) as ready:
            pass
        assert ready.args == [True]
        assert library.made[0]["app_icon"].path.name == "hipcoach-256.png"
    finally:
        notes.stop()


@pytest.mark.parametrize(
    "trouble",
    ["the library cannot start", "no buttons here", "sending fails", "permission refused"],
)
def test_when_the_library_fails_the_tray_message_is_shown_instead(qtbot, library, trouble):
    if trouble == "the library cannot start":
        library.open_error = RuntimeError("Could not get ToastNotificationManagerForUser")
    elif trouble == "no buttons here":
        library.capabilities = frozenset()  # macOS's do-nothing backend outside an app bundle
    elif trouble == "sending fails":
        library.send_error = OSError("toast failed")
    else:
        library.authorised = False
    notes = NativeNotifications("hipcoach")
    with qtbot.waitSignal(notes.ready, timeout=WAIT_S * 1000) as ready:
        assert notes.start()
    try:
        tray = FakeTray()
        notifier, in_window = notifier_with(notes, tray)
        answers = []
        notifier.answered.connect(lambda reminder, answer: answers.append(answer))
        if ready.args == [True]:
            with qtbot.waitSignal(notes.failed, timeout=WAIT_S * 1000):
                notifier.show(BREAK, "Two-minute reset")
        else:
            notifier.show(BREAK, "Two-minute reset")
        assert tray.messages == [
            (
                "Time for a movement break",
                "Two-minute reset: a few minutes for your hips and your breath.\n"
                "Click to start now.",
            )
        ]
        assert notifier.last_channel == "tray" and in_window == []
        tray.messageClicked.emit()
        assert answers == [Answer.START]
    finally:
        notes.stop()


def test_stop_ends_the_thread_even_while_a_notification_is_still_being_sent(qtbot, library, native):
    library.hang = True
    notes = native(qtbot=qtbot)
    notifier, _in_window = notifier_with(notes)
    notifier.show(BREAK, "Two-minute reset")
    library.last_sent()
    thread = notes._thread
    with qtbot.assertNotEmitted(notes.failed, wait=0):
        notes.stop()
    assert not thread.is_alive()
    assert library.loop.is_closed()
    assert not notes.supports_actions()
    notes.stop()  # twice is harmless


def test_start_in_the_notification_brings_the_window_up_with_the_routine_running(
    qtbot, data_dir, library
):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    notes = NativeNotifications("hipcoach")
    with qtbot.waitSignal(notes.ready, timeout=WAIT_S * 1000):
        notes.start()
    clock = FakeClock(wall=datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    app = build(qtbot, clock, FakeIdle(), notifications=notes)
    try:
        app.window.hide()  # the person is in another program
        app.reminders.controller.tick()
        assert len(keep_typing(app, clock, 70)) == 1
        start = library.last_sent()["buttons"][0]
        assert start.title == "Start now"
        with qtbot.waitSignal(app.reminders.controller.startRequested, timeout=WAIT_S * 1000):
            library.from_library_thread(start.on_pressed)
        assert app.window.isVisible()
        assert app.window.session is not None
        assert app.window.settings.last_routine == "two-minute-reset"
    finally:
        app.shutdown()
    assert notes._thread is None  # quitting stopped the notifications' thread
