"""The main window: pick a routine, press one key, follow the pacer from the mat.

The window holds no rules and no session. The session driver (``core/driver.py``)
runs the session; the window turns keys, clicks and window events into calls on
it, and shows its updates in the session view. Sound, history and the screen
subscribe to the same driver in ``app.py``.

Nothing that runs before the first frame touches a ``Qt.*`` enum: the first one
makes PySide6 build its whole Qt namespace (15-25 ms of start-up), so keys are
written as text and ``Qt`` is reached through ``QtCore`` only in code that runs
later. ``tests/test_startup.py`` keeps it that way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QEvent, QRect, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach import paths
from hipcoach.core.driver import SessionDriver, SessionUpdate
from hipcoach.core.routines import LoadedRoutine, RoutineLibrary
from hipcoach.core.session import Session, State
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import MUTED, SettingsChange, SettingsModel
from hipcoach.core.timeline import CompileError, compile_timeline
from hipcoach.i18n import _
from hipcoach.platform.reduced_motion import platform_reduced_motion
from hipcoach.ui import action_table, session_text, window_fit
from hipcoach.ui.first_paint import AfterFirstPaint
from hipcoach.ui.notice_bar import NoticeBar
from hipcoach.ui.notices import OTHER, ROUTINES, Notice
from hipcoach.ui.palette import palette_for, qt_palette, system_palette_is_dark
from hipcoach.ui.picker import RoutinePicker, safety_note
from hipcoach.ui.window_pages import WindowPages

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from hipcoach.core.history_format import CheckIn
    from hipcoach.core.history_stats import HistoryStats
    from hipcoach.ui.care_overlay import CareOverlay
    from hipcoach.ui.end_text import SessionSummary
    from hipcoach.ui.end_view import EndView
    from hipcoach.ui.help_overlay import HelpOverlay
    from hipcoach.ui.player import PlayerView


MINIMUM_SIZE = (640, 480)
#: Dismissed notices remembered across launches; the oldest are forgotten first.
MAX_DISMISSED = 64


class MainWindow(QMainWindow):
    """The practice window. See the module docstring; ``app.py`` builds and wires it."""

    afterCheckIn = Signal(object)  # CheckIn, answered on the end screen
    firstFrameShown = Signal()  # once, right after the window's first paint

    def __init__(
        self,
        library: RoutineLibrary,
        driver: SessionDriver,
        settings: SettingsModel,
        *,
        assets_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("hipcoach")
        self.library = library
        self.driver = driver
        #: The person's settings; the window shows them and subscribes to their changes.
        self.settings_model = settings
        settings.save_failed = self._settings_not_saved
        #: Called with the routine just before its session starts (the app asks for a check-in).
        self.before_start: Callable[[LoadedRoutine], None] | None = None
        #: True while the window is closing: no questions may be asked then.
        self.closing = False
        self._was_maximized = False
        self._mat_mode = False
        if assets_dir is None:
            with contextlib.suppress(FileNotFoundError):
                assets_dir = paths.assets_dir()
        self._assets_dir = assets_dir
        self._player: PlayerView | None = None
        self._end_view: EndView | None = None
        self._reduced_motion = False
        # The first frame's colours come from the system palette; the scheme itself is
        # asked after that frame (see palette.system_palette_is_dark).
        self.colours = palette_for(self.settings.color_scheme, system_dark=system_palette_is_dark())

        self.picker = RoutinePicker(library, self)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        self.stack.addWidget(self.picker)
        self.notices = NoticeBar(self)
        central = QWidget(self)
        central.setObjectName("central")
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.notices)
        box.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # A fixed minimum instead of one derived from the contents: the big words resize
        # with the window, and a minimum that follows them would fight the window manager.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(MINIMUM_SIZE[0], MINIMUM_SIZE[1])
        self._help_overlay: HelpOverlay | None = None
        self._care_overlay: CareOverlay | None = None
        #: The safety note asking to be acknowledged before the first session, once shown.
        self.safety_gate: QMessageBox | None = None
        self._paused_for_help = False
        #: Views of their own (the history), shown in place of the current one.
        self.pages = WindowPages(
            self, self.stack, self.picker, self.picker.list, self._sync_actions
        )

        self._build_actions()
        self._build_menus()

        self.picker.startRequested.connect(self.start_routine)
        self.picker.selectionChanged.connect(lambda _r: self._sync_actions())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

        self._apply_colours()
        # Until the desktop has been asked (after the first frame) nothing moves anyway.
        self.set_reduced_motion(bool(self.settings.reduced_motion), save=False)
        self._restore_geometry()
        if self.settings.last_routine:
            self.picker.select(self.settings.last_routine)
        self.notices.set_dismissed(set(self.settings.dismissed_notices))
        self.picker.set_checkin_shown(self.settings.checkins_enabled)
        self.picker.checkin_off_button.clicked.connect(self._turn_checkins_off)
        self.notices.dismissed.connect(self._remember_dismissed)
        self.notices.detailsRequested.connect(self.show_diagnostics)
        self.show_library_problems(library)
        self._sync_actions()
        self.picker.list.setFocus()
        # First of the driver's subscribers: the view shows a change before anything
        # (such as the after-session question) can keep the others waiting.
        driver.subscribe(self._session_changed)
        settings.subscribe(
            self._settings_changed, "color_scheme", "reduced_motion", "checkins_enabled", MUTED
        )
        AfterFirstPaint(self, self._after_first_frame)

    def show_library_problems(self, library: RoutineLibrary) -> None:
        """Say which routine files were skipped and why (at start, and when the files change)."""
        if not library.problems:
            return
        count = len({p.source for p in library.problems})
        lines = "\n".join(str(p) for p in library.problems[:5])
        more = "\n…" if len(library.problems) > 5 else ""
        self.add_notice(Notice(ROUTINES, f"{lines}{more}", count=count))

    @property
    def player(self) -> PlayerView:
        """The session view, built on first use: the list shows sooner at start-up."""
        if self._player is None:
            from hipcoach.ui.illustration import IllustrationCache
            from hipcoach.ui.player import PlayerView

            player = PlayerView(self.driver, IllustrationCache(self._assets_dir), self)
            self.stack.addWidget(player)
            player.backRequested.connect(self.show_picker)
            player.fullScreenRequested.connect(self.toggle_full_screen)
            player.helpRequested.connect(self.toggle_help)
            player.muteRequested.connect(self.mute_action.trigger)
            player.set_colours(self.colours)
            player.set_reduced_motion(self._reduced_motion)
            player.set_mat_mode(self.isFullScreen())
            player.set_muted(self.settings_model.muted, confirm=False)
            self._player = player
        return self._player

    @property
    def help_overlay(self) -> HelpOverlay:
        """The keys sheet, built the first time it is asked for."""
        if self._help_overlay is None:
            from hipcoach.ui.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self.centralWidget())
            self._help_overlay.closed.connect(self._help_closed)
        return self._help_overlay

    @property
    def care_overlay(self) -> CareOverlay:
        """The current pose's cautions and alternatives, built the first time it is asked for."""
        if self._care_overlay is None:
            from hipcoach.ui.care_overlay import CareOverlay

            self._care_overlay = CareOverlay(self.centralWidget())
        return self._care_overlay

    def _help_showing(self) -> bool:
        return any(
            o is not None and o.isVisible() for o in (self._help_overlay, self._care_overlay)
        )

    def _hide_help(self) -> None:
        for overlay in (self._help_overlay, self._care_overlay):
            if overlay is not None:
                overlay.hide()

    @property
    def settings(self) -> Settings:
        """The settings as they are now (change them through ``settings_model``)."""
        return self.settings_model.settings

    @property
    def session(self) -> Session | None:
        """The session shown (running or just ended), if any."""
        return self.driver.session

    def _active(self) -> bool:
        return self.driver.active

    def _in_player(self) -> bool:
        return self._player is not None and self.stack.currentWidget() is self._player

    # -- actions and menus -------------------------------------------------------------

    def _action(self, action_id: str, slot: Callable) -> QAction:
        spec = action_table.BY_ID[action_id]
        # Not QAction(text, parent): matching that call against the overload with an
        # icon first builds PySide6's QIcon type (~2 ms before the first frame).
        action = QAction(self)
        action.setText(_(spec.text))
        action.setObjectName(spec.id)
        self._table_actions[spec.id] = action
        if spec.standard_key:
            standard = getattr(QKeySequence.StandardKey, spec.standard_key)
            action.setShortcuts([QKeySequence(standard)])
        elif spec.keys:
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setCheckable(spec.checkable)
        # On the window itself (Qt's default window-wide context): shortcuts work in full
        # screen, where the menu bar is hidden, and from any widget.
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        """The window's commands, from the one table of actions and keys (action_table)."""
        self._table_actions: dict[str, QAction] = {}
        self.quit_action = self._action("quit", self.close)
        self.toggle_action = self._action("toggle", self.space)
        self.next_action = self._action("next", lambda: self.player.next_part())
        self.previous_action = self._action("previous", lambda: self.player.previous_part())
        self.extend_action = self._action("extend", lambda: self.player.extend())
        self.stop_action = self._action("stop", self.driver.stop)
        self.escape_action = self._action("escape", self.escape)
        self.care_action = self._action("care", self.toggle_care)
        self.mute_action = self._action("mute", self._on_mute)
        self.full_screen_action = self._action("full_screen", self.toggle_full_screen)
        self.reduced_motion_action = self._action("reduced_motion", self._on_reduced_motion_toggled)
        self.help_action = self._action("help", self.toggle_help)
        self.safety_action = self._action("safety", self.show_safety_note)
        self.diagnostics_action = self._action("diagnostics", self.show_diagnostics)
        self.about_action = self._action("about", self.show_about)
        self.scheme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for scheme, text in _scheme_names().items():
            action = QAction(self)
            action.setText(text)
            action.setObjectName(f"scheme_{scheme}")
            action.setCheckable(True)
            action.setChecked(scheme == self.settings.color_scheme)
            action.triggered.connect(lambda _c=False, s=scheme: self.set_colour_scheme(s))
            group.addAction(action)
            self.scheme_actions[scheme] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.quit_action)
        self.session_menu = bar.addMenu("")
        for action in (
            self.toggle_action,
            self.previous_action,
            self.next_action,
            self.extend_action,
            self.stop_action,
        ):
            self.session_menu.addAction(action)
        self.session_menu.addAction(self.care_action)
        self.session_menu.addSeparator()
        self.session_menu.addAction(self.mute_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.full_screen_action)
        self.view_menu.addAction(self.reduced_motion_action)
        self.scheme_menu = self.view_menu.addMenu("")
        for action in self.scheme_actions.values():
            self.scheme_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.safety_action)
        self.help_menu.addAction(self.diagnostics_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self._name_menus()

    def _name_menus(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.session_menu.setTitle(_("&Session"))
        self.view_menu.setTitle(_("&View"))
        self.scheme_menu.setTitle(_("&Colour scheme"))
        self.help_menu.setTitle(_("&Help"))

    # -- a change of language ----------------------------------------------------------

    def retranslate(self) -> None:
        """Show every word in the language now in use, without losing anything.

        Call after ``ui.language.apply_language`` and with ``library`` already the
        routines as shown in that language. What is cheap to re-word (menus, the list,
        the notices, the end screen) is re-worded in place, so the search, the selection,
        a half-given check-in and the focus stay; the session view and the sheets, which
        only show the driver's state, are built again and shown the session where it is.
        Both keep this window, so nothing moves, flashes or starts again.
        """
        for action_id, action in self._table_actions.items():
            action.setText(_(action_table.BY_ID[action_id].text))
        for scheme, text in _scheme_names().items():
            self.scheme_actions[scheme].setText(text)
        self._name_menus()
        self.pages.retranslate()
        self.notices.retranslate()
        self.picker.retranslate(self.library)
        if self._player is not None:
            self._rebuild_player()
        if self._end_view is not None:
            session = self.driver.session
            self._end_view.retranslate(session.timeline.routine.title if session else None)
        self._rebuild_sheets()
        self._sync_actions()

    def _rebuild_player(self) -> None:
        old = self._player
        assert old is not None
        showing = self.stack.currentWidget() is old
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is old or old.isAncestorOf(focus))
        old.frame_timer.stop()
        self._player = None
        player = self.player
        if self.driver.session is not None and self.driver.snapshot is not None:
            # A reading with no events: the new view shows the moment; nothing is replayed.
            player.session_changed(SessionUpdate(self.driver.session, self.driver.snapshot, ()))
        if showing:
            self.stack.setCurrentWidget(player)
            if had_focus:
                shown = player.toggle_button if player.toggle_button.isVisibleTo(player) else None
                (shown or player.back_button).setFocus()
        self.pages.replaced(old, player)
        self.stack.removeWidget(old)
        old.deleteLater()

    def _rebuild_sheets(self) -> None:
        """The keys sheet and the cautions sheet are built again, in place if open."""
        help_open = self._help_overlay is not None and self._help_overlay.isVisible()
        care_open = self._care_overlay is not None and self._care_overlay.isVisible()
        for overlay in (self._help_overlay, self._care_overlay):
            if overlay is not None:
                overlay.blockSignals(True)  # closing it here is no reason to resume
                overlay.hide()
                overlay.deleteLater()
        self._help_overlay = self._care_overlay = None
        if help_open:
            self.help_overlay.popup()
        if care_open:
            self.toggle_care()

    def _sync_actions(self) -> None:
        in_player = self._in_player()
        active = in_player and self._active()
        for action in (
            self.next_action,
            self.previous_action,
            self.extend_action,
            self.stop_action,
        ):
            # Disabled shortcuts let arrow keys reach the routine list in the picker.
            action.setEnabled(active)
        self.toggle_action.setEnabled(
            active or (not in_player and self.picker.current() is not None)
        )
        toggle = action_table.BY_ID["toggle"]
        self.toggle_action.setText(_(toggle.session_text if in_player else toggle.text))

    # -- public API ----------------------------------------------------------------

    def bring_to_front(self) -> None:
        """Another launch of hipcoach asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_notice(self, text: str, kind: str = "info") -> None:
        """A message for the person, on the notice line ("info" or "warning")."""
        self.add_notice(Notice(OTHER, text, "warning" if kind == "warning" else "info"))

    def add_notice(self, notice: Notice) -> None:
        """A message as data; the line shows its headline and Diagnostics its details."""
        self.notices.add(notice)

    def show_diagnostics(self) -> None:
        """Help → Diagnostics: every message of this run in full, with a Copy button."""
        from hipcoach.ui.diagnostics_dialog import DiagnosticsDialog

        dialog = DiagnosticsDialog(self.notices.all_notices(), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.diagnostics_dialog = dialog

    def start_routine(self, loaded: LoadedRoutine) -> Session | None:
        """Start ``loaded`` now: the get-ready countdown begins at once.

        Before the very first session the safety note is shown instead; once
        it is acknowledged the routine starts (``None`` is returned meanwhile).
        """
        if self._active():
            return None
        if not self.settings.safety_acknowledged:
            self._ask_to_acknowledge_safety(loaded)
            return None
        try:
            timeline = compile_timeline(loaded.routine, self.library.poses, self.library.patterns)
        except CompileError as exc:
            self.show_notice(
                _("“{title}” cannot be played: {reason}").format(
                    title=loaded.routine.title, reason=exc
                ),
                "warning",
            )
            return None
        if self.before_start is not None:
            self.before_start(loaded)
        if self.settings.last_routine != loaded.id:
            self.settings_model.update(last_routine=loaded.id)
        self.stack.setCurrentWidget(self.player)
        session = self.driver.start(timeline, get_ready_seconds=self.settings.get_ready_seconds)
        self.player.toggle_button.setFocus()
        return session

    def _ask_to_acknowledge_safety(self, loaded: LoadedRoutine) -> None:
        from PySide6.QtWidgets import QMessageBox

        from hipcoach.ui.plain_text import message_box

        if self.safety_gate is not None and self.safety_gate.isVisible():
            return
        note = safety_note() or _("The safety note is not available in this version.")
        box = message_box(self, QMessageBox.Icon.Information, _("Before your first session"), note)
        box.setObjectName("safety_gate")
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        agree = box.addButton(_("I have read this: &start"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(agree)

        def answered(button) -> None:
            if button is agree:
                self.settings_model.update(safety_acknowledged=True)
                self.start_routine(loaded)

        box.buttonClicked.connect(answered)
        self.safety_gate = box
        box.open()  # window-modal, not blocking: the clock and the window keep running

    def show_picker(self) -> None:
        """Back to the routine list (stopping any session first)."""
        self.driver.stop()
        self._hide_help()
        self.stack.setCurrentWidget(self.picker)
        self._sync_actions()
        self.picker.list.setFocus()

    def space(self) -> None:
        """Space: start the chosen routine (from the list or the end screen); pause or resume
        in the player; nothing in a page such as the history."""
        current = self.stack.currentWidget()
        if self._in_player():
            self.driver.toggle()
        elif current is self.picker or current is self._end_view:
            self.picker.request_start()
        self._sync_actions()

    def add_page(self, widget: QWidget, title: str, show_text: str, shortcut: str) -> QAction:
        """A view of its own (the history) in place of the current one.

        ``title`` and ``show_text`` are English (marked with ``N_``): they are shown in
        the current language and follow a change of it. Returns the checkable action that
        shows the view; unchecking it, its Back button or Esc return to the view it replaced.
        """
        return self.pages.add(widget, title, show_text, shortcut)

    def escape(self) -> None:
        """Esc: close the keys, else leave full screen, else stop, else back to the list."""
        if self._help_showing():
            self._hide_help()
        elif self.isFullScreen():
            self.toggle_full_screen()
        elif self._in_player():
            if self.driver.active:
                self.driver.stop()
            else:
                self.show_picker()
        elif self._end_view is not None and self.stack.currentWidget() is self._end_view:
            self.show_picker()
        elif (page := self.pages.showing()) is not None:
            page.setChecked(False)

    def show_end(self, summary: SessionSummary, stats: HistoryStats | None) -> None:
        """The end screen for a session just ended, in place of the session view."""
        from hipcoach.ui.end_view import EndView

        if self._end_view is None:
            self._end_view = EndView(self)
            self._end_view.set_colours(self.colours)
            self.stack.addWidget(self._end_view)
            self._end_view.againRequested.connect(self.picker.request_start)
            self._end_view.backRequested.connect(self.show_picker)
            self._end_view.checkinAnswered.connect(self.afterCheckIn)
            self._end_view.noteRequested.connect(self._write_note)
        self._end_view.show_summary(summary, stats)
        self.stack.setCurrentWidget(self._end_view)
        self._end_view.again_button.setFocus()
        self._sync_actions()

    def _write_note(self, checkin: CheckIn | None) -> None:
        from hipcoach.ui.checkin_dialog import CheckInDialog

        dialog = CheckInDialog("after", self, initial=checkin)
        if dialog.exec():
            answered = dialog.result_value().checkin
            if answered is not None and self._end_view is not None:
                self._end_view.show_checkin(answered)
                self.afterCheckIn.emit(answered)
        dialog.deleteLater()

    @property
    def end_view(self) -> EndView | None:
        """The end screen, once a session has ended."""
        return self._end_view

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            if self._was_maximized:
                self.showMaximized()
            else:
                self.showNormal()
        else:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        self._apply_mat_mode()

    def toggle_help(self) -> None:
        """The keys sheet; a running session pauses while it is open."""
        if self._help_showing():
            self._hide_help()
            return
        snap = self.driver.snapshot
        running = self._in_player() and snap is not None and snap.state is not State.PAUSED
        # Paused by the sheet: resumed when it closes. Paused already: left paused.
        self._paused_for_help = running and self.driver.active
        if self._paused_for_help:
            self.driver.toggle()
        self.help_overlay.popup()

    def _help_closed(self) -> None:
        snap = self.driver.snapshot
        if self._paused_for_help and snap is not None and snap.state is State.PAUSED:
            self.driver.toggle()
        self._paused_for_help = False

    def toggle_care(self) -> None:
        """C: the cautions and alternatives of the pose being done, or hide them."""
        overlay = self.care_overlay
        if overlay.isVisible():
            overlay.hide()
            return
        snap = self.driver.snapshot
        if snap is None or not self._in_player() or session_text.has_ended(snap):
            from hipcoach.ui.care_overlay import NO_SESSION

            overlay.show_message(_(NO_SESSION))
            return
        overlay.show_care(*session_text.care_text(snap))

    def set_colour_scheme(self, scheme: str) -> None:
        """ "system", "light" or "dark"; saved in the settings."""
        if scheme not in ("system", "light", "dark"):
            raise ValueError(scheme)
        self.scheme_actions[scheme].setChecked(True)
        self.settings_model.update(color_scheme=scheme)
        self.apply_colour_scheme()

    def apply_colour_scheme(self) -> None:
        colours = palette_for(self.settings.color_scheme)
        if colours is self.colours:
            return  # a new application palette would repolish every widget for nothing
        self.colours = colours
        self._apply_colours()

    def _apply_colours(self) -> None:
        palette = qt_palette(self.colours)
        self.setPalette(palette)
        # And for the whole application: dialogs and message boxes are windows of their
        # own, which do not inherit this window's palette, and must not glare in the dark.
        QApplication.setPalette(palette)
        if self._player is not None:
            self._player.set_colours(self.colours)
        self.notices.set_colours(self.colours)
        self.picker.set_colours(self.colours)
        if self._end_view is not None:
            self._end_view.set_colours(self.colours)

    def set_reduced_motion(self, reduced: bool, *, save: bool = True) -> None:
        self.reduced_motion_action.setChecked(reduced)
        self._reduced_motion = reduced
        if self._player is not None:
            self._player.set_reduced_motion(reduced)
        if save:
            self.settings_model.update(reduced_motion=reduced)

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def show_safety_note(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from hipcoach.ui.plain_text import tell

        note = safety_note() or _("The safety note is not available in this version.")
        tell(self, QMessageBox.Icon.Information, _("Safety note"), note)

    def show_about(self) -> None:
        from PySide6.QtCore import Qt

        from hipcoach.ui.about_dialog import AboutDialog

        dialog = AboutDialog(paths.data_dir(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.about_dialog = dialog

    # -- reactions -------------------------------------------------------------------

    def _session_changed(self, update: SessionUpdate) -> None:
        if self._player is not None:
            self._player.session_changed(update)
        if update.events:
            self._sync_actions()

    def _on_mute(self, checked: bool) -> None:
        self.settings_model.set_muted(checked)

    def _settings_changed(self, change: SettingsChange) -> None:
        if MUTED in change:
            self.mute_action.setChecked(change.muted)
            if self._player is not None:
                self._player.set_muted(change.muted)
        if "color_scheme" in change:
            self.scheme_actions[change.settings.color_scheme].setChecked(True)
            self.apply_colour_scheme()
        if "reduced_motion" in change:
            self.set_reduced_motion(self._effective_reduced_motion(), save=False)
        if "checkins_enabled" in change:
            self.picker.set_checkin_shown(change.settings.checkins_enabled)

    def _settings_not_saved(self, error: OSError) -> None:
        self.show_notice(
            _("Your settings could not be saved: {error}").format(error=error), "warning"
        )

    def _turn_checkins_off(self) -> None:
        self.settings_model.update(checkins_enabled=False)

    def _remember_dismissed(self, keys: list[str]) -> None:
        kept = [k for k in self.settings.dismissed_notices if k not in keys]
        self.settings_model.update(dismissed_notices=tuple([*kept, *keys][-MAX_DISMISSED:]))

    def _on_reduced_motion_toggled(self, checked: bool) -> None:
        self.set_reduced_motion(checked)

    def _on_system_scheme(self, _scheme) -> None:
        if self.settings.color_scheme == "system":
            self.apply_colour_scheme()

    def _after_first_frame(self) -> None:
        # Asking the desktop about motion may start a process (gsettings, defaults), and
        # asking Qt for the colour scheme builds PySide6's Qt namespace: both wait until
        # the window is on screen.
        if self.settings.reduced_motion is None:
            self.set_reduced_motion(platform_reduced_motion(), save=False)
        if self.settings.color_scheme == "system":
            self.apply_colour_scheme()
        self.firstFrameShown.emit()

    def _effective_reduced_motion(self) -> bool:
        if self.settings.reduced_motion is not None:
            return self.settings.reduced_motion
        return platform_reduced_motion()

    def _apply_mat_mode(self) -> None:
        full = self.isFullScreen()
        self.full_screen_action.setChecked(full)
        if self._player is not None:
            self._player.set_mat_mode(full)
        if full == self._mat_mode:
            return
        self._mat_mode = full
        self.menuBar().setVisible(not full)
        self.notices.set_suppressed(full)

    def _restore_geometry(self) -> None:
        """The saved size and place if they fit the screen; otherwise fitted, or a first size."""
        encoded = self.settings.window_geometry
        if encoded:
            data = QByteArray.fromBase64(QByteArray(encoded.encode("ascii", "replace")))
            if self.restoreGeometry(data):
                # Saved on a bigger screen (or one since unplugged): fit the one we open on.
                available = self._available_area()
                if not self.isMaximized() and not window_fit.fits(self.geometry(), available):
                    self.setGeometry(window_fit.fitted_geometry(self.geometry(), available))
                return
        self.setGeometry(window_fit.first_geometry(self._available_area()))

    def _available_area(self) -> QRect:
        """The screen the window opens on, less the desktop's panels."""
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        return screen.availableGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._apply_mat_mode()
            if self._player is not None:
                self._player.visibility_changed()

    def closeEvent(self, event) -> None:
        # Closing mid-session ends it as stopped: what was practised is kept, nothing asked.
        self.closing = True
        self.driver.stop()
        if self.isFullScreen():
            self.showNormal()
        geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        if geometry != self.settings.window_geometry:
            self.settings_model.update(window_geometry=geometry)
        self._hide_help()
        super().closeEvent(event)


def _scheme_names() -> dict[str, str]:
    return {
        "system": _("Follow the &system"),
        # TRANSLATORS: a colour scheme.
        "light": _("&Light"),
        # TRANSLATORS: a colour scheme.
        "dark": _("&Dark"),
    }
