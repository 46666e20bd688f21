"""The settings dialog: each control edits one field, at once, and says so once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDialog, QLabel, QWidget

from hipcoach.core.cues import ALL_CUES, HOLD, SWITCH_SIDES
from hipcoach.core.settings import Settings
from hipcoach.ui.settings_dialog import SettingsDialog

NON_DEFAULT = Settings(
    get_ready_seconds=12.0,
    reduced_motion=False,
    color_scheme="dark",
    sound_enabled=True,
    volume=0.35,
    cues={**dict.fromkeys(ALL_CUES, True), HOLD: False, SWITCH_SIDES: False},
    voice_enabled=True,
    checkins_enabled=False,
    last_routine="morning-hips",
    window_geometry="AdnQywADAAAAAAAA",
)


@pytest.fixture
def make_dialog(qtbot):
    def make(settings: Settings | None = None, **kwargs) -> SettingsDialog:
        dialog = SettingsDialog(settings or Settings(), **kwargs)
        qtbot.addWidget(dialog)
        return dialog

    return make


class Emitted:
    """Every Settings the dialog emitted."""

    def __init__(self, dialog: SettingsDialog):
        self.values: list[Settings] = []
        dialog.settingsChanged.connect(self.values.append)


def _edit_sound_off(d):
    d.sound_enabled.click()


def _edit_volume(d):
    d.volume.setValue(42)


def _edit_cue(d):
    d.cue_boxes[HOLD].click()


def _edit_voice(d):
    d.voice_enabled.click()


def _edit_get_ready(d):
    d.get_ready.setValue(20)


def _edit_checkins(d):
    d.checkins.click()


def _edit_motion(d):
    d.reduced_motion.setCurrentIndex(1)


def _edit_scheme(d):
    d.color_scheme.setCurrentIndex(2)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_edit_sound_off, {"sound_enabled": False}),
        (_edit_volume, {"volume": 0.42}),
        (_edit_cue, {"cues": {**dict.fromkeys(ALL_CUES, True), HOLD: False}}),
        (_edit_voice, {"voice_enabled": True}),
        (_edit_get_ready, {"get_ready_seconds": 20.0}),
        (_edit_checkins, {"checkins_enabled": False}),
        (_edit_motion, {"reduced_motion": True}),
        (_edit_scheme, {"color_scheme": "dark"}),
    ],
    ids=lambda v: getattr(v, "__name__", "")[len("_edit_") :] or None,
)
def test_each_control_edits_its_field_and_emits_once(make_dialog, edit, expected):
    dialog = make_dialog()
    emitted = Emitted(dialog)
    edit(dialog)
    want = Settings(**expected)
    assert emitted.values == [want]
    assert dialog.settings() == want


@pytest.mark.parametrize(
    ("index", "value"), [(0, None), (1, True), (2, False)], ids=["follow", "on", "off"]
)
def test_reduced_motion_choices_map_to_none_true_false(make_dialog, index, value):
    dialog = make_dialog(Settings(reduced_motion=[True, None, None][index]))
    dialog.reduced_motion.setCurrentIndex(index)
    assert dialog.reduced_motion.currentText() == ["Follow system", "On", "Off"][index]
    assert dialog.settings().reduced_motion is value


def test_colour_scheme_choices(make_dialog):
    dialog = make_dialog()
    seen = []
    for index in (1, 2, 0):
        dialog.color_scheme.setCurrentIndex(index)
        seen.append((dialog.color_scheme.currentText(), dialog.settings().color_scheme))
    assert seen == [("Light", "light"), ("Dark", "dark"), ("System", "system")]


def test_volume_shows_a_live_percentage(make_dialog):
    dialog = make_dialog(Settings(volume=0.7))
    assert dialog.volume_percent.text() == "70 %"
    dialog.volume.setValue(5)
    assert dialog.volume_percent.text() == "5 %"


def test_dragging_the_volume_is_one_edit(make_dialog):
    dialog = make_dialog()
    emitted = Emitted(dialog)
    dialog.volume.setSliderDown(True)
    for value in (60, 50, 40, 30):
        dialog.volume.setSliderPosition(value)
    assert dialog.volume_percent.text() == "30 %"
    assert emitted.values == []
    dialog.volume.setSliderDown(False)
    assert [s.volume for s in emitted.values] == [0.3]


def test_keyboard_edit_emits_once(make_dialog, qtbot):
    dialog = make_dialog()
    emitted = Emitted(dialog)
    qtbot.keyClick(dialog.get_ready, Qt.Key.Key_Up)
    assert [s.get_ready_seconds for s in emitted.values] == [6.0]


def test_get_ready_spin_box_is_0_to_60_seconds(make_dialog):
    spin = make_dialog().get_ready
    assert (spin.minimum(), spin.maximum(), spin.suffix()) == (0, 60, " s")


def test_sound_off_disables_volume_and_cues_but_keeps_their_values(make_dialog):
    dialog = make_dialog(NON_DEFAULT)
    dialog.sound_enabled.click()
    assert not dialog.volume.isEnabled()
    assert not any(box.isEnabled() for box in dialog.cue_boxes.values())
    assert dialog.settings().volume == NON_DEFAULT.volume
    assert dialog.settings().cues == NON_DEFAULT.cues
    dialog.sound_enabled.click()
    assert dialog.volume.isEnabled()
    assert dialog.settings() == NON_DEFAULT


def test_restore_defaults_resets_preferences_and_emits_once(make_dialog):
    dialog = make_dialog(NON_DEFAULT)
    dialog.confirm_restore = lambda: True
    emitted = Emitted(dialog)
    dialog.restore_button.click()
    want = Settings(last_routine="morning-hips", window_geometry="AdnQywADAAAAAAAA")
    assert emitted.values == [want]
    assert dialog.settings() == want
    assert dialog.volume.value() == 70
    assert dialog.get_ready.value() == 5
    assert all(box.isChecked() for box in dialog.cue_boxes.values())
    assert dialog.color_scheme.currentText() == "System"


def test_restore_defaults_on_defaults_emits_nothing(make_dialog):
    dialog = make_dialog()
    dialog.confirm_restore = lambda: True
    emitted = Emitted(dialog)
    dialog.restore_button.click()
    assert emitted.values == []


def test_round_trips_non_default_settings(make_dialog):
    dialog = make_dialog(NON_DEFAULT)
    assert dialog.settings() == NON_DEFAULT
    assert dialog.volume.value() == 35
    assert dialog.get_ready.value() == 12
    assert not dialog.cue_boxes[HOLD].isChecked()
    assert dialog.voice_enabled.isChecked()
    assert not dialog.checkins.isChecked()
    assert dialog.reduced_motion.currentText() == "Off"
    assert dialog.color_scheme.currentText() == "Dark"


def test_set_settings_shows_without_emitting(make_dialog):
    dialog = make_dialog()
    emitted = Emitted(dialog)
    dialog.set_settings(NON_DEFAULT)
    assert emitted.values == []
    assert dialog.settings() == NON_DEFAULT
    assert dialog.volume.value() == 35


def test_unavailable_sound_disables_the_group_and_says_why(make_dialog):
    reason = "Sound is unavailable: no audio output device found"
    dialog = make_dialog(sound_available=False, sound_reason=reason)
    dialog.show()
    assert dialog.sound_reason.isVisible()
    assert dialog.sound_reason.text() == reason
    controls = [dialog.sound_enabled, dialog.volume, *dialog.cue_boxes.values()]
    assert not any(w.isEnabled() for w in controls)
    assert dialog.voice_enabled.isEnabled()


def test_unavailable_speech_disables_voice_and_says_why(make_dialog):
    reason = "Spoken guidance is unavailable: no text-to-speech engine is installed"
    dialog = make_dialog(speech_available=False, speech_reason=reason)
    dialog.show()
    assert dialog.speech_reason.isVisible()
    assert dialog.speech_reason.text() == reason
    assert not dialog.voice_enabled.isEnabled()
    assert dialog.sound_enabled.isEnabled()


def test_unavailable_without_reason_still_says_something(make_dialog):
    dialog = make_dialog(sound_available=False, speech_available=False)
    dialog.show()
    assert "unavailable" in dialog.sound_reason.text()
    assert "unavailable" in dialog.speech_reason.text()


def test_reasons_are_hidden_when_everything_works(make_dialog):
    dialog = make_dialog()
    dialog.show()
    assert not dialog.sound_reason.isVisible()
    assert not dialog.speech_reason.isVisible()


def test_preview_buttons_play_their_cue(make_dialog):
    played: list[str] = []
    dialog = make_dialog(preview_cue=played.append)
    emitted = Emitted(dialog)
    for cue in ALL_CUES:
        dialog.preview_buttons[cue].click()
    assert played == list(ALL_CUES)
    assert emitted.values == []


def test_preview_buttons_hidden_without_a_player(make_dialog):
    dialog = make_dialog()
    dialog.show()
    assert not any(b.isVisible() for b in dialog.preview_buttons.values())


def test_cue_labels_are_human(make_dialog):
    dialog = make_dialog()
    labels = [dialog.cue_boxes[c].text().replace("&", "") for c in ALL_CUES]
    assert labels == ["Inhale", "Exhale", "Hold", "Switch sides", "Next step", "Session end"]


def test_every_control_has_an_accessible_name(make_dialog):
    dialog = make_dialog(preview_cue=lambda cue: None)
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.window() is dialog  # not a combo box's pop-up list
        and not isinstance(w.parent(), QAbstractSpinBox)  # nor a spin box's inner editor
    ]
    assert len(controls) >= len(dialog.focus_chain())
    assert [w.objectName() for w in controls if not w.accessibleName()] == []


def test_tab_order_follows_the_layout(make_dialog):
    dialog = make_dialog(preview_cue=lambda cue: None)
    chain = dialog.focus_chain()
    walked, widget = [], chain[0]
    for _ in range(len(chain)):
        walked.append(widget)
        widget = widget.nextInFocusChain()
        while widget not in chain and widget is not chain[0]:
            widget = widget.nextInFocusChain()
    assert walked == chain


def test_labels_are_buddies_with_unique_mnemonics(make_dialog):
    dialog = make_dialog(preview_cue=lambda cue: None)
    labels = [w for w in dialog.findChildren(QLabel) if "&" in w.text()]
    assert {w.buddy().objectName() for w in labels} == {
        "volume", "get_ready", "reduced_motion", "color_scheme", "language",
    }  # fmt: skip
    texts = [w.text() for w in labels] + [b.text() for b in dialog.findChildren(QAbstractButton)]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(set(letters)), sorted(letters)
    assert len(letters) == 16  # 5 labels, 9 check boxes, 2 buttons


def test_close_and_escape_close_the_dialog(make_dialog, qtbot):
    dialog = make_dialog()
    dialog.show()
    dialog.close_button.click()
    assert not dialog.isVisible()
    dialog.show()
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_restore_defaults_asks_first_and_a_no_changes_nothing(make_dialog):
    dialog = make_dialog(NON_DEFAULT)
    asked = []
    dialog.confirm_restore = lambda: asked.append(True) or False
    emitted = Emitted(dialog)
    dialog.restore_button.click()
    assert asked == [True]
    assert emitted.values == []
    assert dialog.settings() == NON_DEFAULT


def test_enter_closes_the_dialog_and_restores_nothing(make_dialog, qtbot):
    dialog = make_dialog(NON_DEFAULT)
    dialog.confirm_restore = lambda: pytest.fail("Enter must not restore the defaults")
    emitted = Emitted(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.close_button.isDefault()
    assert not dialog.restore_button.isDefault() and not dialog.restore_button.autoDefault()
    dialog.get_ready.setFocus()
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.keyClick(dialog.get_ready, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert emitted.values == []
