"""Reminders in the whole application: a real private session bus with a recording
notification service, a fake clock and a fake idle source."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QTimer

from hipcoach.app import Application
from hipcoach.core.clock import FakeClock
from hipcoach.core.reminders import Answer, ReminderKind
from hipcoach.platform.idle import IdleMonitor
from hipcoach.platform.notifications import DesktopNotifications
from hipcoach.platform.screen_awake import NullScreenAwake
from test_ui_fixtures import quiet_services

# The offscreen test platform's remarks: it cannot raise a window, and it has no tray
# (tests that force a tray icon show it there anyway, to drive its menu).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged",
)


class FakeIdle:
    """Someone who keeps typing: the input is never more than a second old."""

    name = "fake keyboard"

    def __init__(self):
        self.seconds = 1.0

    def idle_seconds(self):
        return self.seconds


class FakeAutostart:
    location = "/fake/autostart/io.github.hipcoach.hipcoach.desktop"

    def __init__(self):
        self.on = False
        self.calls = []

    def enabled(self):
        return self.on

    def enable(self):
        self.calls.append("enable")
        self.on = True

    def disable(self):
        self.calls.append("disable")
        self.on = False


def write_settings(folder, **values):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps(values))


def build(
    qtbot,
    clock,
    idle,
    notifications=None,
    tray=False,
    autostart=None,
    safety_read=True,
    quiet=lambda: False,
):
    app = Application(
        quiet_services(
            clock=clock,
            screen_awake=NullScreenAwake("not in tests"),
            idle=IdleMonitor([lambda: idle]),
            notifications=notifications,
            autostart=autostart or FakeAutostart(),
            tray=tray,
            quiet=quiet,
        )
    )
    app.ask_checkin = lambda moment, parent: pytest.fail(f"asked a {moment} check-in")
    app.finish_startup()
    if safety_read:  # the first session's safety note has its own test below
        app.settings.update(safety_acknowledged=True)
    # After the test: quit as hipcoach does (reminders, watcher, session stop), then close.
    qtbot.addWidget(app.window, before_close_func=lambda _window: app.shutdown())
    return app


def keep_typing(app, clock, seconds, every=10.0):
    """The timer's wake-ups, done by hand: the clock moves, the scheduler looks."""
    shown = []
    for _ in range(round(seconds / every)):
        clock.advance(every)
        reminder = app.reminders.controller.tick()
        if reminder is not None:
            shown.append(reminder)
    return shown


@pytest.fixture
def clock():
    return FakeClock(wall=datetime(2026, 12, 2, 10, 0, tzinfo=UTC))


def test_typing_for_a_minute_brings_a_notification_and_start_runs_the_two_minute_reset(
    qtbot, data_dir, clock, desktop_service, connection
):
    calls = desktop_service("notifications-start")
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    notes = DesktopNotifications(
        "hipcoach", connection=connection, desktop_entry="io.github.hipcoach.hipcoach"
    )
    app = build(qtbot, clock, FakeIdle(), notifications=notes)
    app.window.hide()  # the person is in another program; the window is not touched
    app.reminders.controller.tick()
    shown = keep_typing(app, clock, 70)
    assert [r.kind for r in shown] == [ReminderKind.BREAK]
    notify = next(c for c in calls() if c[0] == "Notify")
    assert notify[6] == ["start", "Start now", "later", "In 10 minutes", "skip", "Skip"]
    assert notify[6][1].startswith("Start")
    # The service clicks Start; the window comes up with the routine running.
    qtbot.waitUntil(lambda: app.window.session is not None, timeout=10_000)
    assert app.window.settings.last_routine == "two-minute-reset"
    assert (
        app.window.session.timeline.routine.title
        == app.library.get("two-minute-reset").routine.title
    )
    assert app.window.isVisible()
    assert app.reminders.notifier.last_channel == "desktop"


def test_no_reminder_while_a_session_runs(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    app.window.show()
    app.start_from_reminder("breath-box")
    assert app.window.session is not None
    app.reminders.controller.tick()
    assert keep_typing(app, clock, 90) == []


def test_the_quiet_check_is_not_asked_while_a_session_runs(qtbot, data_dir, clock):
    # Nothing is offered while practising, and on Wayland the desktop could not tell our
    # own screen-awake request from another application's (a video), so it is not asked.
    write_settings(data_dir, break_reminders=True)
    asked = []
    app = build(qtbot, clock, FakeIdle(), quiet=lambda: asked.append("quiet?") or False)
    app.window.show()
    app.start_from_reminder("breath-box")
    asked.clear()  # asked once when the reminders started, before the session
    app.reminders.controller.tick()
    assert asked == []
    app.driver.stop()
    app.reminders.controller.tick()
    assert asked == ["quiet?"]


def test_without_notification_service_or_tray_the_window_shows_the_reminder(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    app.reminders.controller.tick()
    assert len(keep_typing(app, clock, 70)) == 1
    assert app.reminders.notifier.last_channel == "window"
    assert app.window.isVisible()
    assert any("movement break" in text for text in app.window.notices.notices())


def test_in_ten_minutes_and_skip_from_the_notification(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    controller = app.reminders.controller
    controller.tick()
    (reminder,) = keep_typing(app, clock, 60)
    app.reminders.notifier.answered.emit(reminder, Answer.POSTPONE)
    assert keep_typing(app, clock, 9 * 60) == []
    assert len(keep_typing(app, clock, 60)) == 1
    assert app.window.session is None


def test_reminders_off_means_no_timer_and_no_reminder(qtbot, data_dir, clock):
    from PySide6.QtCore import QTimer

    app = build(qtbot, clock, FakeIdle())
    assert not app.reminders.controller.enabled
    assert not app.window.findChild(QTimer, "reminder_wake_timer").isActive()
    assert keep_typing(app, clock, 3600) == []


def test_turning_on_start_at_login_writes_the_entry_and_off_removes_it(qtbot, data_dir, clock):
    autostart = FakeAutostart()
    app = build(qtbot, clock, FakeIdle(), autostart=autostart)
    app.settings.update(start_at_login=True)
    app.settings.update(start_at_login=False)
    assert autostart.calls == ["enable", "disable"]
    assert json.loads((data_dir / "settings.json").read_text())["start_at_login"] is False


def test_a_pause_is_kept_in_the_settings_and_ends_by_itself(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    controller = app.reminders.controller
    controller.tick()
    controller.pause_for_an_hour()
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["reminders_paused_until"].startswith("2026-12-02T11:00")
    assert "paused until" in controller.next_text()
    assert keep_typing(app, clock, 59 * 60) == []
    assert len(keep_typing(app, clock, 120)) >= 1
    assert json.loads((data_dir / "settings.json").read_text())["reminders_paused_until"] is None


# --- the tray ---------------------------------------------------------------------------


def in_the_tray(qtbot, data_dir, clock, **settings):
    """The app with break reminders (and ``settings``) and a tray; its tray messages are
    collected as (title, text)."""
    write_settings(data_dir, break_reminders=True, **settings)
    app = build(qtbot, clock, FakeIdle(), tray=True)
    shown = []
    app.reminders.tray.show_message = lambda title, text: shown.append((title, text))
    return app, shown


def test_with_reminders_on_closing_the_window_keeps_hipcoach_in_the_tray_said_once(
    qtbot, data_dir, clock
):
    from PySide6.QtWidgets import QApplication

    app, messages = in_the_tray(qtbot, data_dir, clock)
    app.window.show()
    assert app.reminders.keeps_running
    assert QApplication.quitOnLastWindowClosed() is False
    app.window.close()
    app.reminders.open_window()
    app.window.close()
    assert [title for title, _text in messages] == ["hipcoach is still running"]
    assert json.loads((data_dir / "settings.json").read_text())["tray_notice_shown"] is True


def test_after_quitting_neither_a_settings_change_nor_closing_wakes_the_reminders(
    qtbot, data_dir, clock
):
    from PySide6.QtCore import QTimer

    app, messages = in_the_tray(qtbot, data_dir, clock)
    app.window.show()
    wake = app.window.findChild(QTimer, "reminder_wake_timer")
    assert wake.isActive()
    app.shutdown()
    assert not wake.isActive()
    app.window.close()  # after quitting: no "still running" message
    app.settings.update(break_every_minutes=5)
    assert not wake.isActive()
    assert messages == []


def test_with_reminders_off_closing_quits_as_before(qtbot, data_dir, clock):
    from PySide6.QtWidgets import QApplication

    app = build(qtbot, clock, FakeIdle(), tray=True)
    assert not app.reminders.keeps_running
    assert QApplication.quitOnLastWindowClosed() is True
    assert not app.reminders.tray.icon.isVisible()


def test_without_a_tray_closing_quits_and_the_reminder_settings_say_reminders_need_the_window(
    qtbot, data_dir, clock
):
    from PySide6.QtWidgets import QApplication

    write_settings(data_dir, break_reminders=True)
    app = build(qtbot, clock, FakeIdle(), tray=False)
    assert app.reminders.tray is None and not app.reminders.keeps_running
    assert QApplication.quitOnLastWindowClosed() is True
    app.open_reminder_settings()
    note = app.reminder_dialog.page.tray_note.text()
    assert "no tray" in note and "window is open" in note
    app.reminder_dialog.close()


def test_the_tray_menu_shows_the_next_reminder_and_pauses(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=50)
    app = build(qtbot, clock, FakeIdle(), tray=True)
    tray = app.reminders.tray
    app.reminders.controller.tick()
    assert tray.next_action.text().startswith("Next reminder at ")
    tray.pause_hour_action.trigger()
    assert tray.next_action.text().startswith("Reminders paused until ")
    assert tray.resume_action.isVisible() and not tray.pause_hour_action.isVisible()
    tray.resume_action.trigger()
    assert app.reminders.controller.paused_until is None
    tray.pause_tomorrow_action.trigger()
    assert app.reminders.controller.paused_until == datetime(2026, 12, 3, 0, 0, tzinfo=UTC)


def test_the_tray_starts_a_routine_and_opens_the_window(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True)
    app = build(qtbot, clock, FakeIdle(), tray=True)
    app.reminders.tray.start_action.trigger()
    assert app.window.isVisible()
    assert app.window.session is not None
    assert app.window.settings.last_routine == "two-minute-reset"


def test_a_tray_message_click_means_start_where_there_are_no_notification_buttons(
    qtbot, data_dir, clock
):
    app, shown = in_the_tray(qtbot, data_dir, clock, break_every_minutes=1)
    app.reminders.controller.tick()
    assert len(keep_typing(app, clock, 60)) == 1
    assert shown[0][0] == "Time for a movement break"
    assert "Click to start now." in shown[0][1]
    app.reminders.tray.messageClicked.emit()
    assert app.window.session is not None


class LateTray:
    """A desktop whose tray is missing at start and comes (or goes) when the test says."""

    def __init__(self, parent):
        from hipcoach.ui.tray import TrayPresence

        class Presence(TrayPresence):
            def available(self_):
                return self.there

            def sni_tray_running(self_):
                return self.sni

            def xembed_follows(self_):
                return self.xembed

        self.there = self.sni = self.xembed = False
        self.presence = Presence(parent, assume=False)


def build_with_tray(qtbot, clock, late):
    app = Application(
        quiet_services(
            clock=clock,
            screen_awake=NullScreenAwake("not in tests"),
            idle=IdleMonitor([lambda: FakeIdle()]),
            autostart=FakeAutostart(),
            tray=late.presence,
            quiet=lambda: False,
        )
    )
    app.finish_startup()
    app.settings.update(safety_acknowledged=True)
    qtbot.addWidget(app.window, before_close_func=lambda _window: app.shutdown())
    return app


def test_a_tray_that_starts_after_hipcoach_gets_the_icon_and_closing_then_keeps_hipcoach(
    qtbot, data_dir, clock
):
    from PySide6.QtWidgets import QApplication

    write_settings(data_dir, break_reminders=True, tray_notice_shown=True)
    late = LateTray(None)
    app = build_with_tray(qtbot, clock, late)
    app.window.show()
    assert app.reminders.tray is None and not app.reminders.keeps_running
    assert QApplication.quitOnLastWindowClosed() is True
    late.there = True  # the panel starts; the reminders' next wake-up sees it
    app.reminders.controller.tick()
    assert app.reminders.tray is not None and app.reminders.tray.shown
    assert app.reminders.keeps_running
    assert QApplication.quitOnLastWindowClosed() is False


def test_closing_after_the_tray_went_away_quits(qtbot, data_dir, clock):
    from PySide6.QtWidgets import QApplication

    write_settings(data_dir, break_reminders=True, tray_notice_shown=True)
    late = LateTray(None)
    late.there = True
    app = build_with_tray(qtbot, clock, late)
    app.window.show()
    assert QApplication.quitOnLastWindowClosed() is False
    late.there = False  # the panel quit since the last wake-up
    app.window.close()
    assert QApplication.quitOnLastWindowClosed() is True


def test_on_x11_the_icon_is_shown_before_a_tray_runs_so_qt_can_embed_it_when_one_starts(
    qtbot, data_dir, clock
):
    write_settings(data_dir, break_reminders=True)
    late = LateTray(None)
    late.xembed = True
    app = build_with_tray(qtbot, clock, late)
    assert app.reminders.tray is not None and app.reminders.tray.shown
    assert not app.reminders.keeps_running  # closing still quits until a tray is there


def test_a_statusnotifier_tray_starting_later_replaces_the_x11_icon_never_two(
    qtbot, data_dir, clock
):
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    write_settings(data_dir, break_reminders=True)
    late = LateTray(None)
    late.xembed = True
    app = build_with_tray(qtbot, clock, late)
    first = app.reminders.tray
    late.there = late.sni = True
    late.presence.sniTrayStarted.emit()  # answered once the D-Bus signal is handled
    qtbot.waitUntil(lambda: app.reminders.tray is not first)
    second = app.reminders.tray
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert second.shown and not shiboken6.isValid(first)  # the old icon is gone
    late.presence.sniTrayStarted.emit()  # the same tray again (a restart): kept as it is
    QCoreApplication.sendPostedEvents()  # the queued call, delivered
    assert app.reminders.tray is second


def test_started_at_login_before_the_panel_hipcoach_waits_in_the_tray(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True)
    late = LateTray(None)
    app = build_with_tray(qtbot, clock, late)
    shell = app.reminders
    assert shell.show_in_tray_only()
    look = app.window.findChild(QTimer, "tray_look_timer")
    assert look.isActive() and not app.window.isVisible()
    late.there = True
    look.timeout.emit()  # the next look finds the panel
    assert not look.isActive() and not app.window.findChild(QTimer, "tray_give_up_timer").isActive()
    assert shell.tray.shown and not app.window.isVisible()


def test_started_at_login_with_no_tray_coming_the_window_opens(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True)
    app = build_with_tray(qtbot, clock, LateTray(None))
    assert app.reminders.show_in_tray_only()
    assert not app.window.isVisible()
    app.window.findChild(QTimer, "tray_give_up_timer").timeout.emit()  # the wait is over
    assert app.window.isVisible()
    assert not app.window.findChild(QTimer, "tray_look_timer").isActive()


def test_quitting_takes_the_icon_out_of_the_tray_at_once(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True)
    app = build(qtbot, clock, FakeIdle(), tray=True)
    tray = app.reminders.tray
    assert tray.shown
    tray.quit_action.trigger()
    assert not tray.shown


def test_the_tray_says_which_day_the_next_reminder_is_and_pauses_until_tomorrow(
    qtbot, data_dir, clock
):
    # Wednesday 10:00; the practice reminder is on Fridays at 19:00, nothing else.
    write_settings(data_dir, practice_reminder=True, practice_time="19:00", practice_days=[4])
    app = build(qtbot, clock, FakeIdle(), tray=True)
    tray = app.reminders.tray

    def first_line():  # Qt writes "7:00 PM" with a narrow no-break space
        return tray.next_action.text().replace("\u202f", " ")

    app.reminders.controller.tick()
    assert first_line() == "Next reminder on Friday at 7:00 PM"
    assert tray.icon.toolTip() == "hipcoach\n" + tray.next_action.text()
    app.settings.update(practice_days=[3])
    app.reminders.controller.tick()
    assert first_line() == "Next reminder tomorrow at 7:00 PM"
    tray.pause_tomorrow_action.trigger()
    assert tray.next_action.text() == "Reminders paused until tomorrow"
    assert tray.start_action.text() == "Start “Two-minute reset (chair)” now"


@pytest.mark.parametrize("size", [16, 22, 24])
def test_the_tray_icon_fills_its_square_and_shows_the_figure_on_its_tile(qapp, size):
    from PySide6.QtGui import QColor

    from hipcoach.ui.tray import tray_icon

    image = tray_icon().pixmap(size, size).toImage()
    assert (image.width(), image.height()) == (size, size)
    colours = [QColor(image.pixel(x, y)) for x in range(size) for y in range(size)]
    opaque = [c for c in colours if c.alpha() > 200]
    # Drawn to the edges (only the rounded corners are clear), so dark and light
    # panels both see a whole tile; on it, the light figure and the dark tile.
    assert len(opaque) >= 0.85 * size * size
    light = [c for c in opaque if c.lightness() > 200]
    dark = [c for c in opaque if c.lightness() < 90]
    assert len(light) >= 0.08 * size * size and len(dark) >= 0.15 * size * size


def test_the_reminder_settings_page_edits_and_saves(qtbot, data_dir, clock):
    app = build(qtbot, clock, FakeIdle())
    app.open_reminder_settings()
    page = app.reminder_dialog.page
    page.breaks.setChecked(True)
    page.break_minutes.setValue(30)
    page.practice_days.boxes[6].setChecked(True)
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["break_reminders"] is True and saved["break_every_minutes"] == 30
    assert saved["practice_days"] == [0, 1, 2, 3, 4, 6]
    assert app.reminders.controller.enabled
    assert page.break_minutes.minimum() == 20 and page.break_minutes.maximum() == 120
    assert "idle time comes from fake keyboard" in page.idle_note.text()
    app.reminder_dialog.close()


def test_a_one_minute_break_from_the_file_is_not_clamped_by_the_dialog(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    app.open_reminder_settings()
    assert app.reminder_dialog.page.break_minutes.value() == 1
    assert json.loads((data_dir / "settings.json").read_text())["break_every_minutes"] == 1
    app.reminder_dialog.close()


def test_restoring_the_main_settings_defaults_keeps_the_reminders(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=30, volume=0.2)
    app = build(qtbot, clock, FakeIdle())
    dialog = app.open_settings()
    dialog.restore_defaults()
    assert app.window.settings.volume == 0.7
    assert app.window.settings.break_reminders and app.window.settings.break_every_minutes == 30
    dialog.close()


def test_the_command_line_has_a_tray_start():
    from hipcoach.cli import build_parser

    assert build_parser().parse_args(["--tray"]).tray is True
    assert build_parser().parse_args([]).tray is False


TRAY_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hipcoach import app as hipcoach_app
from hipcoach.ui import reminder_shell

reminder_shell.LOGIN_TRAY_WAIT_MS = 2000  # the wait for a late panel, shortened
qt_app = QApplication(sys.argv[:1])
said = []

def look():
    window = next(w for w in qt_app.topLevelWidgets() if w.objectName() == "main_window")
    state = "window shown" if window.isVisible() else "window hidden"
    if not said or said[-1] != state:
        said.append(state)
        print(state, flush=True)
    if window.isVisible():
        qt_app.quit()

watch = QTimer()
watch.timeout.connect(look)
watch.start(100)
sys.exit(hipcoach_app.run_gui(sys.argv[:1], tray=True))
"""


def test_started_for_the_tray_on_a_desktop_without_one_the_window_opens_after_a_wait(tmp_path):
    # The offscreen platform has no tray: hipcoach waits a while for a panel that starts
    # after it, then opens the window rather than run unseen.
    import os
    import subprocess
    import sys

    from hipcoach import paths

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(tmp_path)}
    (tmp_path / "settings.json").write_text('{"break_reminders": true}')
    result = subprocess.run(
        [sys.executable, "-c", TRAY_START], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:2] == ["window hidden", "window shown"]
    assert "Traceback" not in result.stderr


# --- breaks in the history -----------------------------------------------------------------


def test_breaks_offered_taken_postponed_and_skipped_go_into_the_history(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    notifier = app.reminders.notifier
    app.reminders.controller.tick()
    (first,) = keep_typing(app, clock, 60)
    notifier.answered.emit(first, Answer.POSTPONE)
    (second,) = keep_typing(app, clock, 10 * 60)
    notifier.answered.emit(second, Answer.SKIP)
    (third,) = keep_typing(app, clock, 60)
    notifier.answered.emit(third, Answer.START)
    events = [(b.event, b.reminder, b.routine_id) for b in app.history.breaks]
    assert [e[0] for e in events] == [
        "offered", "postponed", "offered", "skipped", "offered", "taken",
    ]  # fmt: skip
    assert {e[1:] for e in events} == {("break", "two-minute-reset")}
    saved = json.loads((data_dir / "history.json").read_text())
    assert saved["version"] == 4 and len(saved["breaks"]) == 6


def test_the_history_panel_counts_breaks_taken_this_week(qtbot, data_dir, clock):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build(qtbot, clock, FakeIdle())
    panel = app.history_panel
    panel.refresh()
    assert not panel.breaks_tile.isVisibleTo(panel)
    app.reminders.controller.tick()
    (reminder,) = keep_typing(app, clock, 60)
    app.reminders.notifier.answered.emit(reminder, Answer.START)
    panel._now = lambda: clock.now()
    panel.refresh()
    assert panel.breaks_tile.isVisibleTo(panel)
    assert panel.breaks_tile.value.text() == "1"
    assert panel.breaks_tile.detail.text() == "break taken this week"


def test_start_from_a_reminder_before_the_safety_note_was_ever_read_shows_it_first(
    qtbot, data_dir, clock
):
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    from hipcoach.ui.checkin_dialog import CheckInResult

    app = build(qtbot, clock, FakeIdle(), safety_read=False)
    # Once the person has clicked through the note, the usual check-in may be asked.
    app.ask_checkin = lambda moment, parent: CheckInResult(None, False)
    app.reminders.controller.tick()
    (reminder,) = keep_typing(app, clock, 60)
    app.reminders.notifier.answered.emit(reminder, Answer.START)
    assert app.window.session is None
    gate = app.window.safety_gate
    assert gate is not None and gate.isVisible()
    agree = next(b for b in gate.buttons() if b.text().startswith("I have read this"))
    agree.click()
    assert app.window.session is not None
    assert app.window.settings.last_routine == "two-minute-reset"
