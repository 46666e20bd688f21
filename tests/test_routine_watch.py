"""Routine files added, changed or removed while hipcoach runs show without a restart."""

from __future__ import annotations

import json
import os

import pytest

from hipcoach import paths
from hipcoach.app import Application
from hipcoach.core.routine_folder import folder_state
from hipcoach.ui.routine_folder_watcher import RoutineFolderWatcher
from test_ui_fixtures import quiet_services


def routine(rid: str, title: str) -> dict:
    return {
        "id": rid,
        "title": title,
        "steps": [{"kind": "breath", "pattern": "extended-exhale", "seconds": 60}],
    }


def write(path, doc) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc))


@pytest.fixture
def app(qtbot):
    built = Application(quiet_services())
    built.ask_checkin = lambda moment, parent: None
    built.finish_startup()
    qtbot.addWidget(built.window)
    yield built
    built.shutdown()


def titles(app) -> list[str]:
    return [r.routine.title for r in app.window.picker.library.routines if not r.builtin]


def test_added_changed_and_removed_routines_show_without_a_restart(app):
    folder = paths.custom_routines_dir()
    write(folder / "mine.json", routine("mine", "My evening"))
    assert app.routine_watcher.check()
    assert titles(app) == ["My evening"]
    write(folder / "mine.json", routine("mine", "My morning"))
    os.utime(folder / "mine.json", ns=(1, 1))  # a new time, even within the clock's tick
    assert app.routine_watcher.check()
    assert titles(app) == ["My morning"]
    (folder / "mine.json").unlink()
    assert app.routine_watcher.check()
    assert titles(app) == []


def test_a_bad_file_that_appears_is_told_as_at_start(app):
    folder = paths.custom_routines_dir()
    write(folder / "bad.json", dict(routine("bad", ""), steps=[]))
    assert app.routine_watcher.check()
    notices = " ".join(app.window.notices.notices())
    assert "1 routine file could not be loaded and was skipped." in notices
    assert "bad.json: $.title: must not be empty" in notices


def test_nothing_happens_when_nothing_about_the_routines_changed(app, qtbot):
    (paths.data_dir() / "history.json").write_text("{}")  # another file in the data folder
    with qtbot.assertNotEmitted(app.routine_watcher.changed):
        assert not app.routine_watcher.check()


def test_a_real_file_change_reaches_the_window(app, qtbot):
    # Through Qt's watcher and the settling timer, as when someone saves from a text editor.
    folder = paths.custom_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    app.routine_watcher.check()  # the new folder is watched from now on
    with qtbot.waitSignal(app.routine_watcher.changed, timeout=10_000):
        write(folder / "new.json", routine("new", "New one"))
    assert titles(app) == ["New one"]


def test_folder_state_tells_changes_apart(tmp_path):
    folder = tmp_path / "routines"
    empty = folder_state(folder, tmp_path / "patterns.json")
    assert empty == frozenset()
    write(folder / "a.json", routine("a", "A"))
    one = folder_state(folder, tmp_path / "patterns.json")
    assert one != empty
    write(tmp_path / "patterns.json", {"patterns": {}})
    assert folder_state(folder, tmp_path / "patterns.json") != one
    (folder / "notes.txt").write_text("not a routine")
    assert folder_state(folder) == folder_state(folder)


def test_the_watcher_can_be_stopped(qtbot, tmp_path):
    watcher = RoutineFolderWatcher(tmp_path / "routines", tmp_path / "patterns.json")
    watcher.stop()
    write(tmp_path / "routines" / "a.json", routine("a", "A"))
    with qtbot.waitSignal(watcher.changed, timeout=1000):
        assert watcher.check()  # an explicit look still sees it
