"""The routine editor and the settings dialog show no English that escaped translation.

In the pseudo-language every translated text comes out accented and wrapped in ⟦ ⟧;
a label, button, check box or group title that still reads as plain English was
never marked for translation.
"""

from __future__ import annotations

import pytest

from hipcoach.core.routine_store import CustomRoutineStore
from hipcoach.core.routines import load_library
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.i18n import LANGUAGES, PSEUDO
from hipcoach.ui.editor import RoutineEditor
from hipcoach.ui.language import apply_language
from hipcoach.ui.settings_dialog import SettingsDialog
from test_routine_store import make_assets
from ui_text_walk import shown_texts, untranslated

#: What is checked in these windows: the words on labels, buttons and frames.
CHECKED = {"label", "button", "group"}


@pytest.fixture
def pseudo(qapp):
    apply_language(PSEUDO)
    # conftest's _english_again hands English back afterwards.


#: Labels that show a file name, which stays as it is in every language.
FILE_NAMES = {"file_hint"}


def _escaped(root) -> list[str]:
    return [
        str(s)
        for s in shown_texts(root)
        if s.kind in CHECKED and s.widget.objectName() not in FILE_NAMES and untranslated(s.text)
    ]


def test_the_file_name_hint_is_translated_around_the_name(qtbot, pseudo, store):
    library = load_library(store.assets_dir, store.folder, store.patterns_file)
    editor = RoutineEditor(library, store)
    qtbot.addWidget(editor)
    assert editor.file_hint.text().startswith("⟦")


def test_settings_dialog_has_no_untranslated_words(qtbot, pseudo):
    dialog = SettingsDialog(
        Settings(),
        sound_available=False,
        speech_available=False,
        preview_cue=lambda cue: None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sound_reason.isVisible()  # the fallback reasons are walked too
    assert _escaped(dialog) == []


@pytest.fixture
def store(data_dir, tmp_path):
    assets = make_assets(tmp_path)
    return CustomRoutineStore(data_dir / "routines", data_dir / "patterns.json", assets_dir=assets)


def test_routine_editor_has_no_untranslated_words(qtbot, pseudo, store):
    library = load_library(store.assets_dir, store.folder, store.patterns_file)
    builtin = library.get("evening-hip-unwind")
    editor = RoutineEditor(library, store, builtin)  # a copy: the read-only notice shows
    editor.confirm_discard = lambda: True
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.notice.isVisible()
    editor.title_edit.clear()  # a problem to report in the summary and beside the field
    for kind in ("breath", "pose", "rest"):
        editor.add_step(kind)
        assert _escaped(editor) == [], kind
    editor.step_form.pattern_editor.ramp_box.setChecked(True)
    assert _escaped(editor) == []


def test_an_empty_routine_editor_has_no_untranslated_words(qtbot, pseudo, store):
    library = load_library(store.assets_dir, store.folder, store.patterns_file)
    editor = RoutineEditor(library, store)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert _escaped(editor) == []


def test_language_choice_offers_the_system_and_each_language_by_its_own_name(qtbot):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["System language", *LANGUAGES.values()]
    assert dialog.language.currentData() == "system"
    dialog.show()
    # It applies at once: nothing asks to wait for the next start.
    assert not [s for s in shown_texts(dialog) if "next time" in s.text]


def test_choosing_a_language_saves_it_through_the_settings_model(qtbot):
    saved: list[Settings] = []
    model = SettingsModel(Settings(), saved.append)
    dialog = SettingsDialog(model.settings)
    qtbot.addWidget(dialog)
    dialog.settingsChanged.connect(model.replace)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert model.settings.language == "es"
    assert saved and saved[-1].language == "es"


def test_a_language_setting_without_a_catalogue_is_shown_as_it_is(qtbot):
    emitted: list[Settings] = []
    dialog = SettingsDialog(Settings(language="pseudo"))
    qtbot.addWidget(dialog)
    dialog.settingsChanged.connect(emitted.append)
    assert dialog.language.currentText() == "pseudo"
    assert emitted == []


def test_restore_defaults_keeps_the_language(qtbot):
    dialog = SettingsDialog(Settings(language="es", volume=0.2))
    qtbot.addWidget(dialog)
    dialog.restore_defaults()
    assert dialog.settings().language == "es"
    assert dialog.settings().volume == Settings().volume
