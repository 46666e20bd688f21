"""The session view: the pacer in the middle, the words around it, and the frame timer.

The view never counts time and owns no session: it shows each update of the
session driver (``session_changed``) and forwards the buttons to it. Its frame
timer only asks the driver for a fresh reading every frame while a session
runs and the window can be seen; hidden or minimised, the driver's own
wake-ups carry on (cues, checkpoints) and nothing is drawn.

What the words say is worked out in ``session_text``; how big they are, in ``player_fonts``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hipcoach import i18n
from hipcoach.core.driver import SessionDriver, SessionUpdate
from hipcoach.core.session import PauseReason, Session, Snapshot, State
from hipcoach.core.session_events import Finished, PartStarted, PhaseStarted, Started, Stopped
from hipcoach.core.timeline import Moment, SegmentKind
from hipcoach.i18n import _, pgettext
from hipcoach.ui import action_table, formatting, player_fonts, session_text
from hipcoach.ui.illustration import IllustrationCache
from hipcoach.ui.pacer import BreathPacer
from hipcoach.ui.palette import LIGHT, Palette
from hipcoach.ui.plain_text import PlainLabel
from hipcoach.ui.player_fonts import WORD_GAP, set_pixel_font

#: About 60 frames a second; the session, not this number, decides what is shown.
FRAME_MS = 16
#: How long a confirmation (+15 s, a skip, mute) stays on screen.
TOAST_MS = 1600

_ENDED = (State.FINISHED, State.STOPPED)
_ACTIVE = (State.GET_READY, State.RUNNING)


class PlayerView(QWidget):
    """Shows the driver's session; ``session_changed`` is called with each of its updates."""

    backRequested = Signal()
    fullScreenRequested = Signal()
    helpRequested = Signal()
    muteRequested = Signal()

    def __init__(
        self,
        driver: SessionDriver,
        illustrations: IllustrationCache,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("player")
        self._driver = driver
        self._illustrations = illustrations
        self._palette = LIGHT
        self.session: Session | None = None
        self.snapshot: Snapshot | None = None
        self._texts: dict[int, str] = {}
        self._shown_words_key: tuple | None = None
        self._side_font_long = False  # the half's words are long and shown smaller
        self._mat_mode = False
        self._illustration_key: tuple | None = None
        self._word_font_for: str | None = None
        self._title_font_for: str | None = None
        self.announcements: list[str] = []

        self.frame_timer = QTimer(self)
        self.frame_timer.setObjectName("frame_timer")
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.timeout.connect(driver.update)

        self._build()

    # -- building ------------------------------------------------------------------

    def _label(self, name: str, accessible: str, *, wrap: bool = False) -> QLabel:
        label = PlainLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(wrap)
        # Big words must never push the window wider than the screen.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    def _build(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("sleep_banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = PlainLabel(_("Paused — the computer was asleep"), self.banner)
        self.banner_text.setObjectName("sleep_banner_text")
        font = self.banner_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.banner_text.setFont(font)
        self.banner_resume = QPushButton(_("Resume"), self.banner)
        self.banner_resume.setAccessibleName(_("Resume the session"))
        self.banner_end = QPushButton(_("End"), self.banner)
        self.banner_end.setAccessibleName(_("End the session"))
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_resume)
        banner_row.addWidget(self.banner_end)
        self.banner_resume.clicked.connect(self.resume)
        self.banner_end.clicked.connect(self.stop)
        self.banner.hide()

        self.pose_label = self._label("pose_label", _("Pose"))
        # A half's words can be long ("left knee down: stretching the front of the left hip").
        self.side_label = self._label("side_label", _("Side"), wrap=True)
        self.side_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.step_label = self._label("step_label", _("Step"))
        self.pattern_label = self._label("pattern_label", _("Breathing pattern"))

        self.illustration = PlainLabel(self)
        self.illustration.setObjectName("illustration")
        self.illustration.setAccessibleName(_("Pose illustration"))
        self.illustration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.illustration.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.instructions_label = self._label("instructions_label", _("Instructions"), wrap=True)
        self.instructions_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.instructions_label.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding
        )

        self.pacer = BreathPacer(self)
        self.pacer.setObjectName("pacer")

        # TRANSLATORS: the name, for screen readers, of the line saying what comes next.
        self.next_label = self._label("next_label", pgettext("label", "Next"), wrap=True)
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining_label = self._label(
            "remaining_label", _("Time left in the routine"), wrap=True
        )
        self.part_left_label = self._label(
            "part_left_label", _("Time left on this side or step"), wrap=True
        )
        self.sound_label = self._label("sound_label", _("Sound"))
        self.sound_label.setText(_("Sound off"))
        self.sound_label.hide()
        # A brief, large confirmation of +15 s, a skip, a step back or the mute key,
        # over the pacer; it goes by itself.
        self.toast = PlainLabel("", self)
        self.toast.setObjectName("toast")
        self.toast.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.toast.hide()
        self.toast_timer = QTimer(self)
        self.toast_timer.setObjectName("toast_timer")
        self.toast_timer.setSingleShot(True)
        self.toast_timer.setInterval(TOAST_MS)
        self.toast_timer.timeout.connect(self.toast.hide)

        self.phase_word = self._label("phase_word", _("Phase"))
        self.phase_word.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.seconds_label = self._label("seconds_label", _("Seconds left in this phase"))
        self.seconds_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The word and its seconds sit together, centred; the font is fitted to the width.
        for label in (self.phase_word, self.seconds_label):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status_label = self._label("status_label", _("Status"), wrap=True)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.step_bar = QProgressBar(self)
        self.step_bar.setObjectName("step_progress")
        self.step_bar.setAccessibleName(_("Progress through this step"))
        self.routine_bar = QProgressBar(self)
        self.routine_bar.setObjectName("routine_progress")
        self.routine_bar.setAccessibleName(_("Progress through the routine"))
        for bar in (self.step_bar, self.routine_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setFixedHeight(8)
        self.step_bar_label = PlainLabel(_("This step"), self)
        self.routine_bar_label = PlainLabel(_("Routine"), self)

        def button(text: str, name: str, action_id: str, keys_from: str = "", tip: str = ""):
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.setAccessibleName(tip or _(action_table.BY_ID[action_id].tip_text))
            b.setToolTip(action_table.tooltip(action_id, keys_from=keys_from or None, tip=tip))
            b.setMinimumHeight(40)
            return b

        self.previous_button = button(_("◀  Previous"), "previous_button", "previous")
        self.toggle_button = button(_("Pause"), "toggle_button", "toggle")
        self.next_button = button(_("Next  ▶"), "next_button", "next")
        self.extend_button = button(_("+15 s"), "extend_button", "extend")
        self.stop_button = button(
            pgettext("button", "Stop"), "stop_button", "stop", keys_from="escape"
        )
        back = _("Back to routines")
        self.back_button = button(back, "back_button", "escape", tip=back)
        self.mute_button = button(_("Mute"), "mute_button", "mute")
        self.mute_button.setCheckable(True)
        self.fullscreen_button = button(_("Full screen"), "fullscreen_button", "full_screen")
        self.help_button = button(_("Keys"), "help_button", "help")
        self.toggle_button.setDefault(True)
        self.previous_button.clicked.connect(self.previous_part)
        self.toggle_button.clicked.connect(self.toggle)
        self.next_button.clicked.connect(self.next_part)
        self.extend_button.clicked.connect(self.extend)
        self.stop_button.clicked.connect(self.stop)
        self.back_button.clicked.connect(self.backRequested)
        self.mute_button.clicked.connect(self.muteRequested)
        self.fullscreen_button.clicked.connect(self.fullScreenRequested)
        self.help_button.clicked.connect(self.helpRequested)
        self.back_button.hide()

        header = QHBoxLayout()
        header.addWidget(self.pose_label, 3)
        header.addWidget(self.side_label, 1)
        left = QVBoxLayout()
        left.addWidget(self.illustration, 3)
        left.addWidget(self.instructions_label, 2)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(self.step_label)
        right.addWidget(self.pattern_label)
        right.addWidget(self.part_left_label)
        right.addWidget(self.remaining_label)
        right.addWidget(self.sound_label)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addWidget(self.pacer, 2)
        middle.addLayout(right, 1)
        word_row = QHBoxLayout()
        word_row.setSpacing(WORD_GAP)
        word_row.addStretch(1)
        word_row.addWidget(self.phase_word)
        word_row.addWidget(self.seconds_label)
        word_row.addStretch(1)
        self.progress = QWidget(self)
        bars = QGridLayout(self.progress)
        bars.setContentsMargins(0, 0, 0, 0)
        bars.addWidget(self.step_bar_label, 0, 0)
        bars.addWidget(self.step_bar, 0, 1)
        bars.addWidget(self.routine_bar_label, 1, 0)
        bars.addWidget(self.routine_bar, 1, 1)
        self.controls = QWidget(self)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        for b in (
            self.previous_button,
            self.toggle_button,
            self.next_button,
            self.extend_button,
            self.stop_button,
            self.back_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        for b in (self.mute_button, self.fullscreen_button, self.help_button):
            row.addWidget(b)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(self.banner)
        outer.addLayout(header)
        outer.addLayout(middle, 1)
        outer.addLayout(word_row)
        outer.addWidget(self.next_label)
        outer.addWidget(self.status_label)
        outer.addWidget(self.progress)
        outer.addWidget(self.controls)

        self._extras = [
            self.instructions_label,
            self.step_label,
            self.pattern_label,
            self.progress,
            self.controls,
        ]
        # Appearing and going, these must not move everything else up or down.
        for widget in (self.status_label, self.sound_label, self.part_left_label):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.setTabOrder(self.previous_button, self.toggle_button)
        self.setTabOrder(self.toggle_button, self.next_button)
        self.setTabOrder(self.next_button, self.extend_button)
        self.setTabOrder(self.extend_button, self.stop_button)
        self.setTabOrder(self.stop_button, self.back_button)
        self.setTabOrder(self.back_button, self.mute_button)
        self.setTabOrder(self.mute_button, self.fullscreen_button)
        self.setTabOrder(self.fullscreen_button, self.help_button)
        self._apply_fonts()

    # -- the session ---------------------------------------------------------------

    def session_changed(self, update: SessionUpdate) -> None:
        """Show the driver's latest reading, and tell screen readers what began."""
        if any(isinstance(e, Started) for e in update.events):
            self._begin(update.session)
        self.session, self.snapshot = update.session, update.snapshot
        self._show(update.snapshot)
        self._announce_changes(update)
        self._update_timers()

    def _begin(self, session: Session) -> None:
        self.session = session
        self._illustration_key = None
        self.back_button.hide()
        self.toggle_button.show()
        for b in (self.previous_button, self.next_button, self.extend_button, self.stop_button):
            b.setEnabled(True)

    def _announce_changes(self, update: SessionUpdate) -> None:
        snap = update.snapshot
        for event in update.events:
            if isinstance(event, Started) and snap.state is State.GET_READY:
                self._announce(session_text.phase_word(snap))
            elif isinstance(event, PartStarted):
                self._announce(event.segment.label)
            elif isinstance(event, Finished | Stopped) or (
                isinstance(event, PhaseStarted) and snap.state is State.RUNNING
            ):
                self._announce(session_text.phase_word(snap))

    @property
    def state(self) -> State | None:
        return self.snapshot.state if self.snapshot is not None else None

    def is_active(self) -> bool:
        """A session is under way (counting down, running or paused)."""
        return self._driver.active

    def toggle(self) -> None:
        self._driver.toggle()

    def resume(self) -> None:
        self._driver.resume()

    def next_part(self) -> None:
        if self._driver.active:
            self._driver.next_part()
            self._confirm_part("→  ")

    def previous_part(self) -> None:
        if self._driver.active:
            self._driver.previous_part()
            self._confirm_part("←  ")

    def extend(self) -> None:
        if self._driver.extend():
            self._announce(_("15 seconds longer"))
            self.show_toast(_("+15 s"))
        elif self._driver.active:
            self.show_toast(_("This part cannot be held longer."))

    def _confirm_part(self, arrow: str) -> None:
        snap = self._driver.snapshot
        if snap is not None and snap.active and not session_text.getting_ready(snap):
            self.show_toast(arrow + session_text.shown_segment(snap.moment).label)

    def set_muted(self, muted: bool, *, confirm: bool = True) -> None:
        """Show whether sound is off: the button says what it will do, a label what is."""
        changed = self.mute_button.isChecked() != muted
        self.mute_button.setChecked(muted)
        self.mute_button.setText(_("Unmute") if muted else _("Mute"))
        self.sound_label.setVisible(muted)
        if changed and confirm:
            self.show_toast(_("Sound off") if muted else _("Sound on"))

    def show_toast(self, text: str) -> None:
        """A large, brief confirmation over the pacer."""
        self.toast.setText(text)
        self._place_toast()
        self.toast.show()
        self.toast.raise_()
        self.toast_timer.start()

    def _place_toast(self) -> None:
        font = self.toast.font()
        font.setPixelSize(max(20, round(self.height() * (0.07 if self._mat_mode else 0.05))))
        font.setBold(True)
        self.toast.setFont(font)
        self.toast.adjustSize()
        width = min(self.width() - 40, self.toast.width() + 48)
        height = self.toast.height() + 24
        area = self.pacer.geometry()
        self.toast.setGeometry(
            area.center().x() - width // 2, area.top() + area.height() // 5, width, height
        )

    def stop(self) -> None:
        """End the session now; what was practised is kept. Safe to call at any point."""
        self._driver.stop()

    # -- the frame timer -----------------------------------------------------------

    def _can_be_seen(self) -> bool:
        return self.isVisible() and not self.window().isMinimized()

    def _update_timers(self) -> None:
        running = self.snapshot is not None and self.snapshot.active
        if running and self._can_be_seen():
            if not self.frame_timer.isActive():
                self.frame_timer.start()
        else:
            self.frame_timer.stop()

    def visibility_changed(self) -> None:
        """The window was minimised, restored, shown or hidden: draw again, or stop drawing."""
        if self._can_be_seen() and self._driver.active:
            self._driver.update()  # the moment as it is now, not as it was when hidden
        self._update_timers()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.visibility_changed()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.toast_timer.stop()
        self.toast.hide()
        self._update_timers()

    # -- showing -------------------------------------------------------------------

    def _set(self, label: QLabel, text: str) -> None:
        # setText relayouts and repaints; skip it when nothing changed (most frames).
        key = id(label)
        if self._texts.get(key) != text:
            self._texts[key] = text
            label.setText(text)

    def _show(self, snap: Snapshot) -> None:
        moment = snap.moment
        ended = snap.state in _ENDED
        # Every word on screen changes at most once a second; the disc and the bars move
        # every frame. Working the words out only when they can have changed halves the
        # Python run on each frame (benchmarks/bench_pacer.py).
        words_key = self._words_key(snap)
        if words_key != self._shown_words_key:
            self._shown_words_key = words_key
            self._show_words(snap)
        self.step_bar.setValue(round(moment.step_progress * 1000))
        self.routine_bar.setValue(round(moment.routine_progress * 1000))
        self.pacer.show_moment(
            None if ended else moment,
            countdown=snap.countdown if session_text.getting_ready(snap) else 0.0,
            paused=snap.state is State.PAUSED,
        )
        self._show_illustration(moment, ended)

    def _words_key(self, snap: Snapshot) -> tuple:
        """What the words shown depend on: equal keys, equal words (see session_text)."""
        moment = snap.moment
        left = formatting.whole_seconds_left
        return (
            id(self.session),
            i18n.language(),
            snap.state,
            snap.pause_reason,
            snap.paused_from,
            moment.segment.index,
            moment.phase.start,
            moment.cycle,
            left(snap.countdown),
            left(moment.phase_left),
            left(moment.segment_left),
            left(moment.step_left),
            left(moment.routine_left),
        )

    def _show_words(self, snap: Snapshot) -> None:
        session = self.session  # never None here: only play() leads to a snapshot
        state = snap.state
        ended = state in _ENDED
        self._set(self.phase_word, session_text.phase_word(snap))
        seconds = session_text.seconds_left(snap)
        self._set(self.seconds_label, seconds)
        self.seconds_label.setVisible(bool(seconds))
        if self._word_font_for != self._texts.get(id(self.phase_word)):
            self._fit_word_font()
        self._set(self.pose_label, session_text.pose_title(session, snap))
        if self._title_font_for != self._texts.get(id(self.pose_label)):
            self._fit_title()
        self._set(self.side_label, session_text.side_text(snap))
        side_long = len(self._texts.get(id(self.side_label)) or "") > session_text.SHORT_HALF_CHARS
        if side_long != self._side_font_long:
            self._apply_fonts()
        self._set(self.step_label, session_text.step_text(session, snap))
        self._set(self.pattern_label, session_text.pattern_text(snap))
        self._set(self.remaining_label, session_text.remaining_text(snap))
        part_left = session_text.part_left_text(snap)
        self._set(self.part_left_label, part_left)
        self.part_left_label.setVisible(bool(part_left))
        self._set(self.next_label, session_text.next_text(session, snap))
        self._set(self.instructions_label, session_text.instructions_text(snap))
        status = session_text.status_text(session, snap)
        self._set(self.status_label, status)
        self.status_label.setVisible(bool(status))
        self.banner.setVisible(state is State.PAUSED and snap.pause_reason is PauseReason.SUSPEND)
        self.toggle_button.setText(_("Resume") if state is State.PAUSED else _("Pause"))
        if ended:
            self.toast_timer.stop()
            self.toast.hide()
            for b in (self.previous_button, self.next_button, self.extend_button, self.stop_button):
                b.setEnabled(False)
            self.toggle_button.hide()
            self.back_button.show()

    def _show_illustration(self, moment: Moment, ended: bool) -> None:
        segment = moment.segment
        mirrored = segment.mirrored
        if segment.kind is SegmentKind.SWITCH and moment.next_segment is not None:
            mirrored = moment.next_segment.mirrored  # show the half we are switching to
        rel = None if ended else segment.illustration
        size = self.illustration.size()
        dpr = self.devicePixelRatioF()
        key = (rel, mirrored, size.width(), size.height(), dpr, self._palette.dark)
        if key == self._illustration_key:
            return
        self._illustration_key = key
        pixmap = self._illustrations.pixmap(
            rel,
            QSize(size.width(), size.height()),
            self._palette.text,
            mirrored=mirrored,
            device_pixel_ratio=dpr,
        )
        if pixmap is None:
            self.illustration.clear()
        else:
            self.illustration.setPixmap(pixmap)

    def _announce(self, text: str) -> None:
        """Tell screen readers; polite, so it never cuts off what they are reading."""
        self.announcements.append(text)
        del self.announcements[:-50]
        event = QAccessibleAnnouncementEvent(self.phase_word, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)

    # -- looks ---------------------------------------------------------------------

    def set_colours(self, palette: Palette) -> None:
        self._palette = palette
        self.pacer.set_colours(palette)
        self._illustration_key = None
        muted = palette.muted.name()
        for label in (
            self.step_label,
            self.pattern_label,
            self.part_left_label,
            self.remaining_label,
            self.step_bar_label,
            self.routine_bar_label,
        ):
            label.setStyleSheet(f"color: {muted};")
        self.banner.setStyleSheet(
            f"#sleep_banner {{ background: {palette.warning.name()}; border-radius: 6px; }}"
        )
        self.toast.setStyleSheet(
            f"#toast {{ background: {palette.surface.name()}; color: {palette.text.name()};"
            f" border: 2px solid {palette.track.name()}; border-radius: 12px; }}"
        )
        if self.snapshot is not None:
            self._show(self.snapshot)

    def set_reduced_motion(self, reduced: bool) -> None:
        self.pacer.set_reduced_motion(reduced)

    def set_mat_mode(self, on: bool) -> None:
        """Mat mode (full screen): only what can be read from the floor stays."""
        if on == self._mat_mode:
            return
        self._mat_mode = on
        for widget in self._extras:
            widget.setVisible(not on)
        self._apply_fonts()

    def mat_mode(self) -> bool:
        return self._mat_mode

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_fonts()
        self._illustration_key = None
        if self.snapshot is not None:
            self._show_illustration(self.snapshot.moment, self.snapshot.state in _ENDED)

    def _apply_fonts(self) -> None:
        self._fit_word_font()
        sizes = player_fonts.text_sizes(self.width(), self.height(), mat_mode=self._mat_mode)
        self._fit_title(sizes)
        # A half's long words ("left knee down: stretching…") at the size of the
        # "next" line, so they wrap onto two lines instead of squeezing the pacer.
        long_side = len(self._texts.get(id(self.side_label)) or "") > session_text.SHORT_HALF_CHARS
        side_size = min(sizes.next, round(sizes.title * 0.6)) if long_side else sizes.title
        set_pixel_font(self.side_label, side_size, bold=True)
        self._side_font_long = long_side
        set_pixel_font(self.next_label, sizes.next)
        set_pixel_font(self.instructions_label, sizes.instructions)
        set_pixel_font(self.status_label, sizes.status)
        # One line kept for it, shown or not: pausing must not move the pacer.
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing() + 1)
        for label in (self.step_label, self.pattern_label):
            set_pixel_font(label, sizes.detail)
        # Time left and the sound: in mat mode, big enough for the floor.
        big = sizes.next if self._mat_mode else sizes.detail
        for label in (self.part_left_label, self.remaining_label):
            set_pixel_font(label, big)
        set_pixel_font(self.sound_label, big, bold=True)
        if self.toast.isVisible():
            self._place_toast()

    def _fit_title(self, sizes: player_fonts.TextSizes | None = None) -> None:
        """The pose's name on one line: smaller when it is long (Spanish runs longer)."""
        sizes = sizes or player_fonts.text_sizes(
            self.width(), self.height(), mat_mode=self._mat_mode
        )
        title = self._texts.get(id(self.pose_label)) or ""
        self._title_font_for = title
        # The header gives the name three quarters of the width inside the margins.
        room = (self.width() - 48) * 3 // 4 - 12
        pixels = player_fonts.fitting_size(
            title, self.pose_label.font(), sizes.title, room, smallest=sizes.detail
        )
        set_pixel_font(self.pose_label, pixels, bold=True)
        # Still too long at the smallest size: wrap rather than lose the end.
        self.pose_label.setWordWrap(pixels == sizes.detail)

    def _fit_word_font(self) -> None:
        word = self._texts.get(id(self.phase_word))
        self._word_font_for = word
        pixels = player_fonts.word_size(
            word or pgettext("breath phase", player_fonts.PLACEHOLDER_WORD),
            self.phase_word.font(),
            self.seconds_label.font(),
            self.width(),
            self.height(),
            mat_mode=self._mat_mode,
        )
        set_pixel_font(self.phase_word, pixels, bold=True)
        set_pixel_font(self.seconds_label, pixels, bold=False, tabular=True)
