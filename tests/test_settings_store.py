"""settings.json: defaults when missing, atomic private saves, bad files moved aside."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from hipcoach.core import safe_read
from hipcoach.core.settings import Settings, SettingsLoad, SettingsStore

NON_DEFAULT = Settings(
    get_ready_seconds=12.5,
    reduced_motion=True,
    color_scheme="light",
    sound_enabled=False,
    volume=0.25,
    cues={"inhale": True, "exhale": False, "hold": True},
    voice_enabled=True,
    checkins_enabled=False,
    last_routine="evening-hips",
    window_geometry="AdnQywADAAAAAAAA",
)


@pytest.fixture
def path(data_dir) -> Path:
    return data_dir / "settings.json"


def moved_aside(message: str) -> Path:
    found = re.search(r"kept as (.+)\.$", message)
    assert found, message
    return Path(found.group(1))


def test_missing_file_gives_defaults_without_a_message(path):
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    assert loaded.message is None


def test_save_then_load_is_equal(path):
    store = SettingsStore(path)
    store.save(NON_DEFAULT)
    loaded = store.load()
    assert loaded.settings == NON_DEFAULT
    assert loaded.message is None


def test_saved_file_is_private(path):
    SettingsStore(path).save(Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_again_replaces_the_file_and_stays_private(path):
    store = SettingsStore(path)
    store.save(Settings())
    store.save(NON_DEFAULT)
    assert store.load().settings == NON_DEFAULT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b'{"volume": "loud"}',
        b'{"volume": 3}',
        b'{"cues": ["inhale"]}',
        b'{"colour": "dark"}',
        b'{"format": 2}',
        b"[]",
    ],
    ids=["bad-json", "empty", "wrong-type", "out-of-range", "wrong-container",
         "unknown-field", "future-format", "not-an-object"],
)  # fmt: skip
def test_bad_file_gives_defaults_and_is_moved_aside(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    kept = moved_aside(loaded.message)
    assert kept.parent == path.parent
    assert kept.name.startswith("settings.corrupt-")
    assert kept.read_bytes() == content
    assert not path.exists()


def test_bad_file_message_names_the_kept_file(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"volume": "loud"}')
    message = SettingsStore(path).load().message
    assert message.startswith("Your settings could not be read (")
    assert "Defaults are in use" in message
    assert str(moved_aside(message)) in message


def test_after_a_bad_file_the_next_save_and_load_work(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{not json")
    store = SettingsStore(path)
    store.load()
    store.save(NON_DEFAULT)
    assert store.load() == SettingsLoad(NON_DEFAULT)


def test_two_bad_files_in_the_same_second_are_both_kept(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    store = SettingsStore(path)
    kept = []
    for content in (b"{first", b"{second"):
        path.write_bytes(content)
        kept.append(moved_aside(store.load().message))
    assert kept[0] != kept[1]
    assert [p.read_bytes() for p in kept] == [b"{first", b"{second"]


def test_oversized_file_is_moved_aside(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    content = b'{"last_routine": "' + b"x" * (300 * 1024) + b'"}'
    path.write_bytes(content)
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    assert moved_aside(loaded.message).read_bytes() == content


def test_folder_in_place_of_the_file_gives_defaults_and_is_moved_aside(path):
    path.mkdir(parents=True)
    (path / "inside.txt").write_bytes(b"kept")
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    kept = moved_aside(loaded.message)
    assert kept.is_dir()
    assert (kept / "inside.txt").read_bytes() == b"kept"
    assert not path.exists()


def test_folder_in_place_of_the_file_then_save_works(path):
    path.mkdir(parents=True)
    store = SettingsStore(path)
    store.load()
    store.save(NON_DEFAULT)
    assert store.load().settings == NON_DEFAULT


def test_unreadable_file_does_not_raise(path, monkeypatch):
    # Simulated: the tests may run as root, who can read any file.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{}")

    def refuse(file, max_bytes):
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(safe_read, "read_regular_file", refuse)
    store = SettingsStore(path)
    loaded = store.load()
    assert loaded.settings == Settings()
    assert "could not be read" in loaded.message
    assert "Permission denied" in loaded.message
    # Not judged corrupt: not moved aside, and not overwritten by this run's defaults.
    assert list(path.parent.iterdir()) == [path]
    store.save(NON_DEFAULT)
    monkeypatch.undo()
    assert path.read_bytes() == b"{}"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("break_every_minutes", 0, "must be at least 1"),
        ("practice_time", "7pm", "must be a time of day as HH:MM, 00:00 to 23:59"),
        ("practice_days", [7], "must be at most 6"),
        ("active_from", "24:00", "must be a time of day as HH:MM, 00:00 to 23:59"),
    ],
)
def test_bad_reminder_settings_are_named_with_their_field(tmp_path, field, value, reason):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({field: value}))
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    assert field in loaded.message and reason in loaded.message


def test_reminder_settings_round_trip(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    settings = Settings(
        break_reminders=True, break_every_minutes=1, practice_days=[0, 6], start_at_login=True
    )
    store.save(settings)
    assert store.load().settings == settings
