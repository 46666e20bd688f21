"""The settings model: one value, changed in one place, saved by it, changes announced by field."""

import pytest

from hipcoach.core.settings import Settings, SettingsStore
from hipcoach.core.settings_model import MUTED, SettingsModel


class Saves(list):
    def __call__(self, settings):
        self.append(settings)


def test_a_change_is_saved_and_announced_with_the_fields_that_changed():
    saves, told = Saves(), []
    model = SettingsModel(Settings(), saves)
    model.subscribe(told.append)
    model.update(volume=0.3, color_scheme="dark")
    assert model.settings.volume == 0.3
    assert saves == [model.settings]
    (change,) = told
    assert change.fields == {"volume", "color_scheme"}
    assert "volume" in change and MUTED not in change
    assert change.settings is model.settings


def test_no_change_no_save_and_no_notice():
    saves, told = Saves(), []
    model = SettingsModel(Settings(volume=0.5), saves)
    model.subscribe(told.append)
    model.update(volume=0.5)
    model.replace(Settings(volume=0.5))
    assert saves == [] and told == []


def test_subscribers_can_ask_for_some_fields_only_and_stop_listening():
    model = SettingsModel(Settings(), Saves())
    volume, everything = [], []
    stop = model.subscribe(volume.append, "volume")
    model.subscribe(everything.append)
    model.update(color_scheme="light")
    assert volume == [] and len(everything) == 1
    model.update(volume=0.1)
    assert len(volume) == 1
    stop()
    model.update(volume=0.2)
    assert len(volume) == 1 and len(everything) == 3


def test_mute_is_announced_but_never_saved():
    saves, told = Saves(), []
    model = SettingsModel(Settings(), saves)
    model.subscribe(told.append, MUTED)
    assert model.toggle_mute() is True
    assert model.muted and told[-1].muted and told[-1].fields == {MUTED}
    model.set_muted(True)
    assert len(told) == 1
    assert model.toggle_mute() is False
    assert saves == []


def test_an_unknown_field_is_refused():
    model = SettingsModel(Settings(), Saves())
    with pytest.raises(TypeError):
        model.update(no_such_setting=1)


def test_a_failed_save_is_reported_and_the_change_still_applies(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = SettingsStore(blocker / "settings.json")  # its folder is a file: cannot be written
    problems = []
    model = SettingsModel(Settings(), store.save, save_failed=problems.append)
    model.update(volume=0.2)
    assert model.settings.volume == 0.2
    (problem,) = problems
    assert isinstance(problem, OSError)


def test_saved_in_the_settings_files_format(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    model = SettingsModel(store.load().settings, store.save)
    model.update(get_ready_seconds=10.0, last_routine="breath-box")
    loaded = SettingsStore(tmp_path / "settings.json").load()
    assert loaded.message is None
    assert loaded.settings == model.settings
