"""The settings dialog: every preference, applied the moment it is changed.

The dialog holds a ``Settings`` value and maps widgets to and from it; it saves
nothing itself. Each edit emits ``settingsChanged`` with the new value, so the
app can apply it (volume, mute, colours) and save it at once. There is no
OK/Cancel: Close (or Esc, or Enter) only closes; Restore defaults asks first.
The language too: the application re-words its windows the moment it changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import msgspec
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.cues import EXHALE, HOLD, INHALE, NEXT_STEP, SESSION_END, SWITCH_SIDES
from hipcoach.core.settings import REMINDER_KEYS, Settings
from hipcoach.i18n import LANGUAGES, N_, _, pgettext
from hipcoach.ui.plain_text import PlainLabel


def cue_label(cue: str) -> str:
    """Check box text of a cue; the letter after "&" is the keyboard mnemonic."""
    # TRANSLATORS: what a sound is played for ("Play a sound for: Inhale"); nouns.
    labels = {
        INHALE: pgettext("sound cue", "&Inhale"),
        EXHALE: pgettext("sound cue", "&Exhale"),
        HOLD: pgettext("sound cue", "&Hold"),
        SWITCH_SIDES: pgettext("sound cue", "S&witch sides"),
        NEXT_STEP: pgettext("sound cue", "&Next step"),
        SESSION_END: pgettext("sound cue", "Session en&d"),
    }
    return labels[cue]


# Breath cues in the first column, step cues in the second.
_CUE_GRID = ((INHALE, EXHALE, HOLD), (SWITCH_SIDES, NEXT_STEP, SESSION_END))
_MOTION_VALUES = (None, True, False)
_SCHEME_VALUES = ("system", "light", "dark")
#: The language setting that follows the desktop's.
SYSTEM_LANGUAGE = "system"
_SOUND_FALLBACK = N_("Sound is unavailable on this computer.")
_SPEECH_FALLBACK = N_("Spoken guidance is unavailable on this computer.")


def _motion_texts() -> list[str]:
    return [
        pgettext("reduced motion", "Follow system"),
        pgettext("reduced motion", "On"),
        pgettext("reduced motion", "Off"),
    ]


def _scheme_texts() -> list[str]:
    return [
        pgettext("colour scheme", "System"),
        pgettext("colour scheme", "Light"),
        pgettext("colour scheme", "Dark"),
    ]


def _plain(text: str) -> str:
    return text.replace("&", "")


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class SettingsDialog(QDialog):
    """Shows ``settings`` for editing; read the current value with ``settings()``."""

    settingsChanged = Signal(object)  # Settings, after every edit

    def __init__(
        self,
        settings: Settings,
        *,
        sound_available: bool = True,
        sound_reason: str = "",
        speech_available: bool = True,
        speech_reason: str = "",
        preview_cue: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_("Settings"))
        self._settings = settings
        self._showing = False
        self._sound_available = sound_available
        self._speech_available = speech_available
        self._preview_cue = preview_cue
        #: Asks before every preference is put back; tests answer it themselves.
        self.confirm_restore: Callable[[], bool] = self._ask_before_restoring

        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self._build_sound(sound_reason or _(_SOUND_FALLBACK)))
        layout.addWidget(self._build_voice(speech_reason or _(_SPEECH_FALLBACK)))
        layout.addWidget(self._build_session())
        layout.addWidget(self._build_display())
        layout.addWidget(self._build_language())
        layout.addWidget(self._build_buttons())
        self._set_tab_order()
        self._show(settings)
        # Wrapped reason labels need their height at the real width, which
        # the default size (from the narrower size hint) does not give them.
        # An explicit minimum also keeps the layout from changing it after show.
        width = max(self.minimumWidth(), self.sizeHint().width())
        hfw = layout.hasHeightForWidth()
        height = layout.totalHeightForWidth(width) if hfw else layout.totalMinimumSize().height()
        self.setMinimumHeight(height)
        self.resize(width, height)

    # -- public ----------------------------------------------------------

    def settings(self) -> Settings:
        return self._settings

    def set_settings(self, settings: Settings) -> None:
        """Show ``settings`` (changed elsewhere, e.g. the mute key) without emitting."""
        self._settings = settings
        self._show(settings)

    def ask_to_restore_defaults(self) -> None:
        """The Restore defaults button: nothing changes unless the person confirms."""
        if self.confirm_restore():
            self.restore_defaults()

    def _ask_before_restoring(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Restore defaults"),
            _(
                "Put every setting in this window back to its default?\n\n"
                "Your history and your routines are not changed."
            ),
            QMessageBox.StandardButton.RestoreDefaults | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.RestoreDefaults

    def restore_defaults(self) -> None:
        # Only the preferences this dialog shows; the last routine, the window
        # geometry and the dismissed notices are the app's memory, not preferences.
        current = self._settings
        # The language too: a reset should not leave someone in words they cannot read.
        kept = {key: getattr(current, key) for key in (*REMINDER_KEYS, "language")}
        self._apply(Settings(last_routine=current.last_routine,
                             window_geometry=current.window_geometry,
                             dismissed_notices=current.dismissed_notices, **kept))  # fmt: skip

    # -- building --------------------------------------------------------

    def _build_sound(self, reason: str) -> QGroupBox:
        box = QGroupBox(_("Sound"))
        box.setObjectName("sound_group")
        outer = QVBoxLayout(box)
        # The reason sits outside the form: a wrapped label in a form row gets
        # one line of height and is cut off.
        self.sound_reason = self._reason_label("sound_reason", reason, not self._sound_available)
        outer.addWidget(self.sound_reason)
        form = QFormLayout()
        outer.addLayout(form)

        self.sound_enabled = _named(QCheckBox(_("&Sound cues")), "sound_enabled", _("Sound cues"))
        self.sound_enabled.toggled.connect(lambda on: self._apply_change(sound_enabled=on))
        form.addRow(self.sound_enabled)

        self.volume = _named(QSlider(Qt.Orientation.Horizontal), "volume", _("Volume"))
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        # One edit per drag (saved once), not one per pixel; the label still follows.
        self.volume.setTracking(False)
        self.volume.sliderMoved.connect(self._show_volume)
        self.volume.valueChanged.connect(self._show_volume)
        self.volume.valueChanged.connect(lambda v: self._apply_change(volume=v / 100))
        self.volume_percent = PlainLabel()
        self.volume_percent.setObjectName("volume_percent")
        self.volume_percent.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(f"{QLocale().toString(100)} %") + 4
        )
        self.volume_percent.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        row = QHBoxLayout()
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_percent)
        self.volume_label = volume_label = PlainLabel(_("&Volume"))
        volume_label.setBuddy(self.volume)
        form.addRow(volume_label, row)

        self.cues_caption = PlainLabel(_("Play a sound for:"))
        form.addRow(self.cues_caption)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(5, 1)
        self.cue_boxes: dict[str, QCheckBox] = {}
        self.preview_buttons: dict[str, QToolButton] = {}
        for col, cues in enumerate(_CUE_GRID):
            for row_index, cue in enumerate(cues):
                check, preview = self._cue_row(cue)
                grid.addWidget(check, row_index, col * 3)
                grid.addWidget(preview, row_index, col * 3 + 1)
        form.addRow(grid)
        return box

    def _cue_row(self, cue: str) -> tuple[QCheckBox, QToolButton]:
        text = cue_label(cue)
        label = _plain(text)
        check = _named(QCheckBox(text), f"cue_{cue}", _("{cue} cue").format(cue=label))
        check.toggled.connect(
            lambda on, c=cue: self._apply_change(cues={**self._settings.cues, c: on})
        )
        preview = _named(
            QToolButton(), f"preview_{cue}", _("Preview {cue} cue").format(cue=label.lower())
        )
        preview.setText("▶")
        preview.setToolTip(_("Play the {cue} sound").format(cue=label.lower()))
        preview.clicked.connect(lambda _=False, c=cue: self._preview(c))
        # Without a player to preview on, a button that does nothing would mislead.
        preview.setVisible(self._preview_cue is not None)
        self.cue_boxes[cue], self.preview_buttons[cue] = check, preview
        return check, preview

    def _build_voice(self, reason: str) -> QGroupBox:
        box = QGroupBox(_("Voice"))
        box.setObjectName("voice_group")
        column = QVBoxLayout(box)
        self.speech_reason = self._reason_label("speech_reason", reason, not self._speech_available)
        column.addWidget(self.speech_reason)
        self.voice_enabled = _named(
            QCheckBox(_("Speak &pose names and “switch sides”")),
            "voice_enabled",
            _("Spoken guidance"),
        )
        self.voice_enabled.toggled.connect(lambda on: self._apply_change(voice_enabled=on))
        self.voice_enabled.setEnabled(self._speech_available)
        column.addWidget(self.voice_enabled)
        return box

    def _build_session(self) -> QGroupBox:
        box = QGroupBox(_("Session"))
        box.setObjectName("session_group")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.get_ready = _named(QSpinBox(), "get_ready", _("Get-ready countdown in seconds"))
        self.get_ready.setRange(0, 60)
        # TRANSLATORS: after a number of seconds in a number field ("5 s").
        self.get_ready.setSuffix(pgettext("unit suffix", " s"))
        self.get_ready.valueChanged.connect(
            lambda v: self._apply_change(get_ready_seconds=float(v))
        )
        get_ready_label = PlainLabel(_("&Get-ready countdown"))
        get_ready_label.setBuddy(self.get_ready)
        form.addRow(get_ready_label, self.get_ready)
        self.checkins = _named(
            QCheckBox(_("Check-ins &before and after sessions")), "checkins", _("Check-ins")
        )
        self.checkins.toggled.connect(lambda on: self._apply_change(checkins_enabled=on))
        form.addRow(self.checkins)
        return box

    def _build_display(self) -> QGroupBox:
        box = QGroupBox(_("Display"))
        box.setObjectName("display_group")
        form = QFormLayout(box)
        self.reduced_motion = _named(QComboBox(), "reduced_motion", _("Reduced motion"))
        self.reduced_motion.addItems(_motion_texts())
        self.reduced_motion.currentIndexChanged.connect(
            lambda i: self._apply_change(reduced_motion=_MOTION_VALUES[i])
        )
        self.color_scheme = _named(QComboBox(), "color_scheme", _("Colour scheme"))
        self.color_scheme.addItems(_scheme_texts())
        self.color_scheme.currentIndexChanged.connect(
            lambda i: self._apply_change(color_scheme=_SCHEME_VALUES[i])
        )
        for text, field in ((_("&Reduced motion"), self.reduced_motion),
                            (_("Co&lour scheme"), self.color_scheme)):  # fmt: skip
            label = PlainLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        return box

    def _build_language(self) -> QGroupBox:
        box = QGroupBox(_("Language"))
        box.setObjectName("language_group")
        column = QVBoxLayout(box)
        form = QFormLayout()
        column.addLayout(form)
        self.language = _named(QComboBox(), "language", _("Language"))
        self.language.addItem(_("System language"), SYSTEM_LANGUAGE)
        # Each language by its own name, so it can be found by someone who cannot
        # read the language shown now.
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._language_chosen)
        label = PlainLabel(_("L&anguage"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        return box

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if code is not None:
            self._apply_change(language=code)

    def _show_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index < 0:  # a code this version has no words for (or the pseudo-language)
            self.language.addItem(code, code)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Close
        )
        self.restore_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        _named(self.restore_button, "restore_defaults", _("Restore defaults"))
        _named(self.close_button, "close", _("Close"))
        self.restore_button.setText(_("Restore de&faults"))
        self.close_button.setText(_("&Close"))
        # Enter closes: a person pressing it to be done must not lose every preference.
        self.restore_button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.restore_button.clicked.connect(self.ask_to_restore_defaults)
        buttons.rejected.connect(self.reject)
        return buttons

    def _reason_label(self, name: str, text: str, visible: bool) -> QLabel:
        label = _named(PlainLabel(text), name, text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A bold font, not a style sheet: a style sheet fixes the text colour at the moment
        # it is polished, and after a switch to dark the words stayed dark on dark.
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setVisible(visible)
        return label

    def _set_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_chain(self) -> list[QWidget]:
        """The controls in tab order (hidden or disabled ones are skipped by Qt)."""
        cues: list[QWidget] = []
        for column in _CUE_GRID:
            for cue in column:
                cues += [self.cue_boxes[cue], self.preview_buttons[cue]]
        return [
            self.sound_enabled, self.volume, *cues, self.voice_enabled, self.get_ready,
            self.checkins, self.reduced_motion, self.color_scheme, self.language,
            self.restore_button, self.close_button,
        ]  # fmt: skip

    # -- widgets <-> settings --------------------------------------------

    def _show(self, s: Settings) -> None:
        self._showing = True
        try:
            self.sound_enabled.setChecked(s.sound_enabled)
            self.volume.setValue(round(s.volume * 100))
            self._show_volume(self.volume.value())
            for cue, check in self.cue_boxes.items():
                check.setChecked(s.cues.get(cue, True))
            self.voice_enabled.setChecked(s.voice_enabled)
            self.get_ready.setValue(round(s.get_ready_seconds))
            self.checkins.setChecked(s.checkins_enabled)
            self.reduced_motion.setCurrentIndex(_MOTION_VALUES.index(s.reduced_motion))
            self.color_scheme.setCurrentIndex(_SCHEME_VALUES.index(s.color_scheme))
            self._show_language(s.language)
        finally:
            self._showing = False
        self._update_enabled()

    def _update_enabled(self) -> None:
        sound = self._sound_available
        self.sound_enabled.setEnabled(sound)
        on = sound and self._settings.sound_enabled
        widgets: list[QWidget] = [
            self.volume,
            self.volume_label,
            self.volume_percent,
            self.cues_caption,
        ]
        for widget in [*widgets, *self.cue_boxes.values(), *self.preview_buttons.values()]:
            widget.setEnabled(on)

    def _show_volume(self, value: int) -> None:
        self.volume_percent.setText(f"{QLocale().toString(value)} %")

    def _apply_change(self, **changes: Any) -> None:
        if not self._showing:
            self._apply(msgspec.structs.replace(self._settings, **changes))

    def _apply(self, settings: Settings) -> None:
        if settings == self._settings:
            return
        self._settings = settings
        self._show(settings)
        self.settingsChanged.emit(settings)

    def _preview(self, cue: str) -> None:
        if self._preview_cue is not None:
            self._preview_cue(cue)
