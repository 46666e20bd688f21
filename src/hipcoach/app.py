"""The composition root: builds the application from its parts and runs it.

Everything the window depends on (clock, sound, speech, screen-awake, history,
settings) is created here and passed in, so tests can build the same
application with fakes and drive it without a screen or a sound card.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from hipcoach import APP_ID, i18n, launcher, logs, paths
from hipcoach.core.clock import Clock, SystemClock
from hipcoach.core.os_reason import os_reason
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary, load_library
from hipcoach.core.settings import Settings, SettingsLoad, SettingsStore
from hipcoach.core.settings_model import SettingsChange, SettingsModel
from hipcoach.i18n import N_, _, choose_language, request_language
from hipcoach.ui.language import apply_language
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.notices import HISTORY, SCREEN, SETTINGS, SOUND, Notice
from hipcoach.ui.wake_timer import session_driver

if TYPE_CHECKING:
    from hipcoach.core.driver import SessionUpdate
    from hipcoach.core.history import HistoryStore
    from hipcoach.core.history_format import CheckIn, SessionRecord
    from hipcoach.core.history_problems import HistoryProblem
    from hipcoach.core.history_stats import HistoryStats
    from hipcoach.core.reminders import Reminder
    from hipcoach.platform.autostart import Autostart
    from hipcoach.platform.idle import IdleMonitor
    from hipcoach.platform.native_notifications import NativeNotifications
    from hipcoach.platform.notifications import DesktopNotifications
    from hipcoach.platform.screen_awake import ScreenAwake
    from hipcoach.platform.sound import SoundSink
    from hipcoach.platform.speech import Speech
    from hipcoach.ui.cue_player import CuePlayer
    from hipcoach.ui.reminder_shell import ReminderShell
    from hipcoach.ui.settings_dialog import SettingsDialog
    from hipcoach.ui.tray import TrayPresence

# Everything not needed for the first frame (history, sound, speech, D-Bus, the
# editor and the settings dialog) is imported in finish_startup() or on first use:
# it keeps the cold start to the first painted window short (docs/performance.md).

log = logging.getLogger("hipcoach")

#: No "how do you feel now?" after a session abandoned within its first seconds.
MIN_CHECKIN_SECONDS = 30.0
#: The titles of the menus the application adds after the first frame (named where they
#: are built and again when the language changes).
ROUTINES_MENU = N_("&Routines")
HISTORY_MENU = N_("&History")


class Services(msgspec.Struct, kw_only=True):
    """The outside world, as the application sees it. Tests pass fakes."""

    clock: Clock = msgspec.field(default_factory=SystemClock)
    sound: SoundSink | None = None
    speech: Speech | None = None  # None: the real one, created here
    screen_awake: ScreenAwake | None = None
    # Reminders: None means the real thing, created here.
    idle: IdleMonitor | None = None
    notifications: DesktopNotifications | NativeNotifications | None = None
    autostart: Autostart | None = None
    # Whether there is a tray: None asks the desktop (and keeps asking: a panel may
    # start after hipcoach); True and False decide it; tests may pass their own.
    tray: bool | TrayPresence | None = None
    quiet: Callable[[], bool] | None = None  # full screen or do-not-disturb


class Application:
    """One running hipcoach: the window and everything that accompanies a session.

    Construction builds only what the first frame shows (settings, the routine
    list, the window); ``finish_startup()`` then brings in the history, sound,
    speech, screen-awake and menus. ``run_gui`` calls it right after the first
    paint, so the window appears sooner; tests call it directly.
    """

    def __init__(self, services: Services):
        self._services = services
        #: Why the data folder cannot be used (it exists but cannot be entered), or None:
        #: then the window runs read-only on defaults and says so once.
        self.data_dir_problem = paths.data_dir_problem()
        self.settings_store = SettingsStore(paths.settings_file())
        if self.data_dir_problem is not None:
            self.settings_store.writable = False
            loaded_settings = SettingsLoad(
                Settings(), "data-dir", {"message": self.data_dir_problem}
            )
        else:
            loaded_settings = self.settings_store.load()
        # Worded when shown, once the language is chosen.
        self._settings_load = loaded_settings
        #: The person's settings; the window, the settings dialog and the sound subscribe.
        self.settings = SettingsModel(loaded_settings.settings, self.settings_store.save)
        apply_language(choose_language(setting=self.settings.settings.language))
        self.library = _load_library(with_own=self.data_dir_problem is None)
        #: Where the session runs; the window, sound, history and screen subscribe to it.
        self.driver = session_driver(services.clock)
        self.window = MainWindow(self.library, self.driver, self.settings)
        self.cues: CuePlayer | None = None
        self._started = False
        self.reminders: ReminderShell | None = None
        self._from_reminder = False
        self._ended_record: SessionRecord | None = None
        self.settings_dialog: SettingsDialog | None = None
        # A key pressed in the instant between the first frame and finish_startup()
        # must not start a session that nothing records.
        self.window.before_start = self._before_start
        self.settings.subscribe(self._language_chosen, "language")

    def finish_startup(self) -> None:
        """Everything the first frame does not need; safe to call more than once."""
        if self._started:
            return
        self._started = True
        from hipcoach.core.recording import SessionRecorder
        from hipcoach.platform.screen_awake import create_screen_awake
        from hipcoach.platform.sound import create_sound_sink
        from hipcoach.platform.speech import create_speech
        from hipcoach.ui.cue_player import CuePlayer
        from hipcoach.ui.screen_keeper import ScreenKeeper

        services, window = self._services, self.window
        self.history = _history_store(read_only=self.data_dir_problem is not None)
        # An unusable data folder was said once already; its files are not even looked at.
        history_problems = () if self.data_dir_problem else self.history.load().problems
        self.sound = services.sound or create_sound_sink(paths.assets_dir())
        self.speech = services.speech or create_speech()
        # Spoken guidance in the language of the words on screen, where a voice exists.
        self.speech.use_language(QLocale())
        awake = services.screen_awake or create_screen_awake()
        self.cues = CuePlayer(self.sound, self.speech, self.settings)
        self.screen = ScreenKeeper(awake, lambda text: window.add_notice(Notice(SCREEN, text)))
        self.recorder = SessionRecorder(self.history, self._history_problem)
        from hipcoach.ui.history_retry import HistoryRetry

        self.history_retry = HistoryRetry(self.history, self._history_problem, window)
        self._connect()
        self._add_settings_menu()
        self._add_routines_menu()
        self._watch_routine_files()
        self._add_history_panel(history_problems)
        self._add_reminders()
        for notice in _startup_notices(self._settings_load.message, self.sound):
            window.add_notice(notice)

    def _add_history_panel(self, problems: Sequence[HistoryProblem]) -> None:
        from hipcoach.ui.history_panel import HistoryPanel

        self.history_panel = HistoryPanel(self.history)
        self.history_panel.show_problems(problems)
        # A view of its own, in place of the list or the session: beside the player it
        # squeezed both on a 1366-pixel screen. Closed at start.
        show = self.window.add_page(
            self.history_panel, N_("History"), N_("&Show history"), "Ctrl+H"
        )
        menu = QMenu(_(HISTORY_MENU), self.window)
        menu.setObjectName("history_menu")
        menu.addAction(show)
        menu.addSeparator()
        menu.addActions(self.history_panel.actions_for_menu())
        self.window.menuBar().insertMenu(self.window.view_menu.menuAction(), menu)
        self.history_menu = menu
        # Problems also go to the main notice bar, where they are seen from the list too.
        for problem in problems:
            self._history_problem(problem)

    # --- the language ------------------------------------------------------------

    def _language_chosen(self, change: SettingsChange) -> None:
        # Chosen in Settings now: it wins over --lang for the rest of this run too.
        request_language(None)
        code = choose_language(setting=change.settings.language)
        if code != i18n.language():  # "system" chosen, and the system speaks it already
            self.show_language(code)

    def show_language(self, code: str) -> str:
        """Every word in ``code`` from now on, at once; returns the language in use.

        The window is re-worded in place (docs/architecture.md says why): the routine
        chosen, the view, the search and a running session all stay where they are.
        """
        code = apply_language(code)
        # Built-in routines are translated as they load: load them again in the new words.
        self.library = _load_library(with_own=self.data_dir_problem is None)
        self.window.library = self.library
        self._retell_session()
        self.window.retranslate()
        if not self._started:
            return code
        self.speech.use_language(QLocale())
        self.settings_action.setText(_("&Settings…"))
        self.routines_menu.setTitle(_(ROUTINES_MENU))
        self.routine_actions.retranslate()
        self.history_menu.setTitle(_(HISTORY_MENU))
        self.history_panel.retranslate()
        if self.reminders is not None:
            self.reminders.retranslate()
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            from PySide6.QtCore import QTimer

            # After the choice's own signal has returned: it comes from that dialog.
            QTimer.singleShot(0, self._reopen_settings)
        return code

    def _retell_session(self) -> None:
        """The session under way goes on, told in the new words (same parts, same clock)."""
        from hipcoach.core.timeline import CompileError, compile_timeline

        session = self.driver.session
        loaded = self.library.get(session.timeline.routine.id) if session else None
        if session is None or loaded is None:
            return
        try:
            timeline = compile_timeline(
                loaded.routine,
                self.library.poses,
                self.library.patterns,
                session.timeline.extensions,
            )
        except CompileError:
            return  # changed on disk since it started: it goes on in the words it had
        self.driver.retell(timeline)

    def _before_start(self, _loaded: LoadedRoutine) -> None:
        self.finish_startup()
        # Chosen beside Start (or not at all): nothing is asked in the way of starting.
        # Started from a reminder's Start, the routine simply begins.
        checkin = self.window.picker.take_checkin()
        self.recorder.next_checkin_before = None if self._from_reminder else checkin

    def _connect(self) -> None:
        # In this order: the session is saved before the after-session question is asked.
        for listener in (
            self.screen.session_changed,
            self.cues.session_changed,
            self.recorder.session_changed,
            self._session_changed,
        ):
            self.driver.subscribe(listener)
        self.window.afterCheckIn.connect(self._after_checkin)

    def _add_settings_menu(self) -> None:
        action = QAction(_("&Settings…"), self.window)
        action.setObjectName("settings")
        action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Preferences), "Ctrl+,"])
        action.triggered.connect(self.open_settings)
        menu = self.window.file_menu
        menu.insertAction(menu.actions()[0] if menu.actions() else None, action)
        self.settings_action = action

    def open_settings(self) -> SettingsDialog:
        from hipcoach.platform.sound import Cue
        from hipcoach.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings.settings,
            sound_available=self.sound.available,
            sound_reason=self.sound.unavailable_reason,
            speech_available=bool(self.speech and self.speech.available),
            speech_reason=self.speech.unavailable_reason if self.speech else "",
            preview_cue=lambda name: self.sound.play(Cue(name)),
            parent=self.window,
        )
        # The dialog shows the model and edits it; changes made elsewhere show in it at once.
        dialog.settingsChanged.connect(self.settings.replace)
        unsubscribe = self.settings.subscribe(lambda change: dialog.set_settings(change.settings))
        dialog.finished.connect(unsubscribe)
        dialog.show()
        self.settings_dialog = dialog
        return dialog

    def _reopen_settings(self) -> None:
        """The settings dialog, open where it was, in the language just chosen in it.

        Built again rather than re-worded: it has many words and no state of its own
        beyond the settings, which the new one shows.
        """
        old = self.settings_dialog
        if old is None or not old.isVisible():
            return
        geometry = old.geometry()
        old.close()  # closed, not deleted: whoever opened it may still hold it
        dialog = self.open_settings()
        dialog.setGeometry(geometry)
        dialog.language.setFocus()

    def _add_routines_menu(self) -> None:
        from hipcoach.core.routine_store import CustomRoutineStore
        from hipcoach.ui.editor.routine_list_actions import RoutineActions

        w = self.window
        store = CustomRoutineStore(
            paths.custom_routines_dir(),
            paths.data_dir() / "patterns.json",
            poses=self.library.poses,
            assets_dir=paths.assets_dir(),
        )
        self.routine_actions = RoutineActions(w, lambda: self.library, store, self.reload_library)
        menu = QMenu(_(ROUTINES_MENU), w)
        menu.setObjectName("routines_menu")
        menu.addActions(self.routine_actions.actions())
        menu.aboutToShow.connect(self.routine_actions.update_restore)
        w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
        self.routines_menu = menu
        current = w.picker.current()
        self.routine_actions.set_current(current.id if current else None)
        w.picker.selectionChanged.connect(
            lambda loaded: self.routine_actions.set_current(loaded.id if loaded else None)
        )
        self.routine_actions.message.connect(lambda text: w.statusBar().showMessage(text, 8000))

    def reload_library(self, select_id: str | None = None) -> None:
        """After a routine was created, edited, imported or deleted."""
        self.library = _load_library(with_own=self.data_dir_problem is None)
        self.window.library = self.library
        self.window.picker.set_library(self.library)
        if select_id:
            self.window.picker.select(select_id)

    def routine_files_changed(self) -> None:
        """Files in routines/ (or patterns.json) changed outside hipcoach: show them as they are.

        New problems are told as at start; the same problems again are not repeated.
        """
        from hipcoach.core.routine_folder import problems_key

        before = problems_key(self.library.problems)
        self.reload_library()
        if problems_key(self.library.problems) != before:
            self.window.show_library_problems(self.library)

    def _watch_routine_files(self) -> None:
        from hipcoach.ui.routine_folder_watcher import RoutineFolderWatcher

        self.routine_watcher = RoutineFolderWatcher(
            paths.custom_routines_dir(), paths.data_dir() / "patterns.json", self.window
        )
        self.routine_watcher.changed.connect(self.routine_files_changed)

    def _session_changed(self, update: SessionUpdate) -> None:
        if not update.ended or self.window.closing:
            return
        # The recorder has saved it already (it listens first): nothing waits on the screen.
        record = self.recorder.last_record
        self._ended_record = record
        session = update.session
        from hipcoach.ui.end_text import SessionSummary

        summary = SessionSummary(
            routine_title=session.timeline.routine.title,
            completed=session.completed,
            practised_seconds=session.practised_seconds,
            left_seconds=record.left_seconds if record else 0.0,
            right_seconds=record.right_seconds if record else 0.0,
            checkin_before=record.checkin_before if record else None,
            ask_after=record is not None
            and self.window.settings.checkins_enabled
            and record.practised_seconds >= MIN_CHECKIN_SECONDS,
        )
        self.window.show_end(summary, self._stats())

    def _after_checkin(self, checkin: CheckIn) -> None:
        if self._ended_record is not None:
            self.recorder.amend_checkin_after(self._ended_record, checkin)

    def _stats(self) -> HistoryStats:
        from hipcoach.core.history_stats import compute_stats
        from hipcoach.ui.history_panel import system_time_zone

        tz = system_time_zone()
        return compute_stats(
            self.history.sessions,
            now=self._services.clock.now().astimezone(tz),
            tz=tz,
            first_weekday=QLocale().firstDayOfWeek().value - 1,
        )

    # --- reminders ---------------------------------------------------------------

    def _add_reminders(self) -> None:
        from hipcoach.platform.autostart import create_autostart
        from hipcoach.platform.idle import create_idle_monitor
        from hipcoach.ui.reminder_shell import ReminderShell
        from hipcoach.ui.tray import TrayIcon, TrayPresence, tray_icon

        services, w = self._services, self.window
        if isinstance(services.tray, TrayPresence):
            presence: TrayPresence | None = services.tray
        elif services.tray is None:
            presence = TrayPresence(w)
        else:
            presence = TrayPresence(w, assume=True) if services.tray else None
        self.reminders = ReminderShell(
            w,
            self.settings,
            services.clock,
            idle=services.idle or create_idle_monitor(),
            desktop=services.notifications or _desktop_notifications(),
            tray=presence,
            make_tray=lambda: TrayIcon(tray_icon(), w),
            autostart=services.autostart or create_autostart(APP_ID),
            session_running=self._session_running,
            quiet=services.quiet or _quiet_check(),
            start_routine=self.start_from_reminder,
            routine_title=self._routine_title,
            open_settings=self.open_reminder_settings,
            parent=w,
        )
        controller = self.reminders.controller
        controller.offered.connect(lambda reminder: self._record_break(reminder, "offered"))
        controller.answered.connect(
            lambda reminder, answer: self._record_break(reminder, _BREAK_EVENTS[answer.value])
        )
        # File → Reminders…, right after Settings….
        actions = w.file_menu.actions()
        after = actions.index(self.settings_action) + 1
        w.file_menu.insertAction(
            actions[after] if after < len(actions) else None, self.reminders.settings_action
        )

    def bring_to_front(self) -> None:
        """Another launch asked for the window (it may be in the tray)."""
        self.window.closing = False
        self.window.bring_to_front()

    def _record_break(self, reminder: Reminder, event: str) -> None:
        """Breaks offered, taken, postponed and skipped go into the history."""
        from hipcoach.core.history_format import BreakRecord, new_session_id

        record = BreakRecord(
            id=new_session_id(),
            at=self._services.clock.now(),
            reminder=reminder.kind.value,
            event=event,
            routine_id=reminder.routine_id,
        )
        problem = self.history.add_break(record)
        if problem is not None:
            self.window.show_notice(problem.message, "warning")

    def _session_running(self) -> bool:
        return self.driver.active

    def _routine_title(self, routine_id: str) -> str:
        loaded = self.library.get(routine_id)
        return loaded.routine.title if loaded else routine_id

    def start_from_reminder(self, routine_id: str) -> None:
        """Start now, from a reminder or the tray (the window is already up)."""
        loaded = self.library.get(routine_id) or self.library.get(DEFAULT_BREAK_ROUTINE)
        if loaded is None or self._session_running():
            return
        self._from_reminder = True
        try:
            self.window.start_routine(loaded)
        finally:
            self._from_reminder = False

    def open_reminder_settings(self) -> None:
        from hipcoach.ui.reminder_settings import ReminderSettingsDialog, ReminderSettingsPage

        shell = self.reminders
        self.reminders.open_window()
        page = ReminderSettingsPage(
            self.settings.settings,
            [(r.id, r.routine.title) for r in self.library.routines],
            idle_description=shell.idle.describe(),
            tray_available=shell.tray_available(),
            autostart_location=shell.autostart.location if shell.autostart else "",
        )
        # The page edits the model and shows changes made elsewhere (the tray's pause).
        page.settingsChanged.connect(self.settings.replace)
        unsubscribe = self.settings.subscribe(lambda change: page.set_settings(change.settings))
        dialog = ReminderSettingsDialog(page, self.window)
        dialog.finished.connect(unsubscribe)
        dialog.show()
        self.reminder_dialog = dialog

    def _history_problem(self, problem: HistoryProblem) -> None:
        kind = "info" if problem.severity == "info" else "warning"
        self.window.add_notice(Notice(HISTORY, problem.message, kind))

    def shutdown(self) -> None:
        """Quit (``aboutToQuit``): the one place where everything the application started stops.

        The session ends as stopped, and no timer or thread of ours runs on: not the
        session's wake-up, the reminders (and their notifications' thread), the routine
        folder's watcher nor the history's retry. Nothing may keep the screen awake after
        hipcoach has gone. Safe to call twice.
        """
        self.driver.stop()
        if self.reminders is not None:
            self.reminders.stop()
        if self._started:
            self.routine_watcher.stop()
            self.history_retry.stop()
        if self.cues is not None:
            self.screen.release()


#: How each answer to a reminder is recorded in the history.
_BREAK_EVENTS = {"start": "taken", "postpone": "postponed", "skip": "skipped"}

#: Started when a reminder names a routine that is gone.
DEFAULT_BREAK_ROUTINE = "two-minute-reset"


def _desktop_notifications(
    platform: str = sys.platform,
) -> DesktopNotifications | NativeNotifications | None:
    """Notifications with buttons: the system's own on Windows and macOS, D-Bus elsewhere.

    None where the system's own cannot start (the library is not installed):
    the tray's message is used then.
    """
    if platform in ("win32", "darwin"):
        from hipcoach.platform.native_notifications import NativeNotifications

        native = NativeNotifications("hipcoach", paths.assets_dir() / "icons" / "hipcoach-256.png")
        return native if native.start() else None
    from hipcoach.platform.notifications import DesktopNotifications

    return DesktopNotifications("hipcoach", desktop_entry=APP_ID)


def _quiet_check() -> Callable[[], bool]:
    from hipcoach.platform.quiet import create_quiet_check

    return create_quiet_check()


def _load_library(*, with_own: bool = True) -> RoutineLibrary:
    if not with_own:
        return load_library(paths.assets_dir())
    return load_library(
        paths.assets_dir(), paths.custom_routines_dir(), paths.data_dir() / "patterns.json"
    )


def _history_store(*, read_only: bool = False) -> HistoryStore:
    from hipcoach.core.history import HistoryStore
    from hipcoach.platform.file_lock import QtWriteLock

    path = paths.history_file()
    return HistoryStore(path, lock=QtWriteLock.for_history(path), read_only=read_only)


def _startup_notices(settings_message: str | None, sound: SoundSink) -> list[Notice]:
    notices = [Notice(SETTINGS, settings_message)] if settings_message else []
    if not sound.available:
        notices.append(Notice(SOUND, sound.unavailable_reason))
    return notices


def _install_crash_hook(file_log: logs.FileLog) -> None:
    """An unexpected error is logged and shown in a dialog instead of vanishing into stderr."""

    def hook(kind, value, tb) -> None:
        file_log.attach()
        text = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unexpected error\n%s", text)
        if QApplication.instance() is not None:
            from PySide6.QtWidgets import QMessageBox

            from hipcoach.ui.plain_text import tell

            tell(
                None,
                QMessageBox.Icon.Critical,
                _("hipcoach hit a problem"),
                _(
                    "Something went wrong: {error}\n\n"
                    "Your history is safe. Details were written to {path}."
                ).format(error=value, path=file_log.path),
            )

    sys.excepthook = hook


def _cannot_start(message: str) -> int:
    """A problem that stops the app before its window: said on stderr and in a dialog."""
    from PySide6.QtWidgets import QMessageBox

    from hipcoach.ui.plain_text import tell

    print(message, file=sys.stderr)
    tell(None, QMessageBox.Icon.Critical, _("hipcoach cannot start"), message)
    return 1


def run_gui(
    argv: Sequence[str],
    services: Services | None = None,
    *,
    tray: bool = False,
    verbose: bool = False,
) -> int:
    """Open the window and run until it is closed; the exit status is 0 on a normal close.

    With ``tray`` (started at login) only the tray icon appears, or the window where
    the desktop has no tray. ``verbose`` also shows Qt's own messages (sound back-ends,
    graphics) on the terminal.
    """
    qt_app = QApplication.instance() or QApplication(list(argv))
    try:
        folder = paths.ensure_data_dir()
    except OSError as exc:
        # No settings can be read without the folder: --lang or the desktop's language.
        apply_language(choose_language())
        return _cannot_start(
            _(
                "hipcoach cannot use its data folder {folder}: {reason}.\n"
                "Nothing was changed. Start hipcoach with --data-dir DIR to use another folder."
            ).format(folder=paths.data_dir(), reason=os_reason(exc))
        )
    file_log = logs.configure(folder, verbose=verbose)
    logs.route_qt_messages()
    qt_app.setApplicationName("hipcoach")
    # The desktop entry's name: the window groups with its launcher icon (X11 and Wayland).
    qt_app.setDesktopFileName(APP_ID)
    _install_crash_hook(file_log)

    from hipcoach.platform.single_instance import SingleInstance

    instance = SingleInstance(folder, qt_app)
    if not instance.start(listen=False):
        log.info("hipcoach is already running; asked it to come to the front")
        return 0
    app = Application(services or Services())
    instance.raise_requested.connect(app.bring_to_front)
    qt_app.aboutToQuit.connect(app.shutdown)
    qt_app.aboutToQuit.connect(instance.close)

    def after_first_frame() -> None:
        from PySide6.QtGui import QIcon

        file_log.attach()
        instance.listen()
        qt_app.setWindowIcon(QIcon(str(paths.assets_dir() / "icons" / "hipcoach.svg")))
        app.finish_startup()
        # Start-up is over: the objects it made are kept out of later collections.
        launcher.resume_collection()

    if tray:
        from PySide6.QtCore import QTimer

        def start_in_tray() -> None:
            after_first_frame()
            if app.reminders is None or not app.reminders.show_in_tray_only():
                app.window.show()

        QTimer.singleShot(0, start_in_tray)
        return qt_app.exec()
    app.window.show()
    # The window is on screen before history, sound, D-Bus and the log file are brought in.
    app.window.firstFrameShown.connect(after_first_frame)
    return qt_app.exec()
