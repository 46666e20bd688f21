"""The whole application, built by its composition root with fakes, driven like a person would."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from hipcoach import paths
from hipcoach.app import Application
from hipcoach.core.clock import FakeClock
from hipcoach.core.cues import cues_for
from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn
from hipcoach.core.session import State
from hipcoach.platform.sound import Cue, RecordingSoundSink
from hipcoach.ui.checkin_dialog import CheckInResult
from test_ui_fixtures import advance as played
from test_ui_fixtures import quiet_services


class FakeAwake:
    def __init__(self):
        self.active, self.calls, self.failure_reason = False, [], ""

    def inhibit(self, reason):
        self.calls.append("inhibit")
        self.active = True
        return True

    def release(self):
        if self.active:
            self.calls.append("release")
        self.active = False


class Questions:
    """Stands in for the modal check-in dialog: records the questions, gives set answers."""

    def __init__(self):
        self.asked, self.answers = [], {}

    def __call__(self, moment, parent):
        self.asked.append(moment)
        return self.answers.get(moment, CheckInResult(None, False))


@pytest.fixture
def built(qtbot):
    clock, sink, awake = FakeClock(), RecordingSoundSink(), FakeAwake()
    app = Application(quiet_services(clock=clock, sound=sink, screen_awake=awake))
    app.checkins = Questions()
    app.ask_checkin = app.checkins
    app.finish_startup()
    app.settings.update(safety_acknowledged=True)  # test_safety_gate.py covers the first time
    qtbot.addWidget(app.window)
    app.window.show()
    yield app, clock, sink, awake
    app.shutdown()


def advance(app, clock, seconds):
    played(app, clock, seconds, step=0.05)  # frame by frame, as the window would


def test_a_session_plays_cues_keeps_the_screen_awake_and_lands_in_history(built, qtbot):
    app, clock, sink, awake = built
    assert app.window.picker.select("breath-box")
    qtbot.keyClick(app.window.picker.list, Qt.Key.Key_Space)
    session = app.window.session
    assert session is not None and session.state is State.GET_READY
    advance(app, clock, 5 + 9)
    played = [cue for cue, _ in sink.played]
    assert played[:3] == [Cue.HOLD, Cue.HOLD, Cue.HOLD]  # the last three countdown seconds
    assert played[3:] == [Cue.NEXT_STEP, Cue.HOLD, Cue.EXHALE]
    assert awake.active
    app.window.player.toggle()  # pause
    assert not awake.active
    app.window.player.toggle()
    advance(app, clock, 1)
    app.window.escape()  # stop: nothing asked, nothing lost
    assert session.state is State.STOPPED and not awake.active
    (record,) = app.history.sessions
    assert record.routine_id == "breath-box" and not record.completed
    assert record.practised_seconds == pytest.approx(10, abs=0.1)
    again = HistoryStore(paths.history_file())
    again.load()
    assert [s.id for s in again.sessions] == [record.id]


def test_the_mute_key_silences_due_cues_and_pressing_it_again_brings_them_back(built, qtbot):
    app, clock, sink, _awake = built
    due = []
    app.driver.subscribe(lambda update: due.extend(cues_for(update.events)))
    app.window.picker.select("breath-box")
    app.window.space()
    qtbot.keyClick(app.window.player, Qt.Key.Key_M)
    assert app.settings.muted and sink.muted
    advance(app, clock, 5 + 5)
    assert due == ["hold", "hold", "hold", "next_step", "hold"]  # cues were due...
    assert sink.played == []  # ...and none was heard
    qtbot.keyClick(app.window.player, Qt.Key.Key_M)
    assert not app.settings.muted and not sink.muted
    advance(app, clock, 4)  # box breathing: the exhale begins 8 s in
    assert [cue for cue, _ in sink.played] == [Cue.EXHALE]


def test_settings_dialog_changes_apply_at_once_and_are_saved(built, qtbot):
    app, _clock, sink, _awake = built
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    dialog.volume.setValue(20)
    dialog.volume.sliderReleased.emit()
    dialog.color_scheme.setCurrentIndex(dialog.color_scheme.findData("dark"))
    saved = json.loads(paths.settings_file().read_text())
    assert saved["color_scheme"] == "dark"
    assert app.window.settings.color_scheme == "dark"
    assert sink.volume == pytest.approx(saved["volume"])


def test_the_language_chosen_in_settings_is_saved_for_the_next_start(built, qtbot):
    app, *_ = built
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert app.settings.settings.language == "es"
    assert json.loads(paths.settings_file().read_text())["language"] == "es"


def test_routines_menu_reloads_the_picker_after_an_import(built, tmp_path):
    app, *_ = built
    doc = {"id": "mine", "title": "Mine", "steps": [{"kind": "rest", "seconds": 30}]}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc))
    app.routine_actions.ask_open_path = lambda *a, **k: path
    app.routine_actions.import_action.trigger()
    assert "mine" in app.window.picker.visible_ids()
    assert app.window.picker.current().id == "mine"


def test_a_session_started_before_start_up_finished_is_still_recorded(qtbot):
    # Space pressed in the instant between the first frame and finish_startup().
    clock, awake = FakeClock(), FakeAwake()
    app = Application(quiet_services(clock=clock, screen_awake=awake))
    qtbot.addWidget(app.window, before_close_func=lambda _window: app.shutdown())
    app.ask_checkin = Questions()
    app.settings.update(safety_acknowledged=True)
    assert app.cues is None  # not started yet
    app.window.space()
    assert app.cues is not None and awake.active
    advance(app, clock, 40)
    app.window.escape()
    (record,) = app.history.sessions
    assert record.practised_seconds > 30
    app.finish_startup()  # the timer that would have called it: nothing happens twice
    assert len(app.history.sessions) == 1


def test_problems_at_start_are_shown_not_raised(qtbot, data_dir):
    (data_dir / "routines").mkdir(parents=True)
    (data_dir / "routines" / "bad.json").write_text("{")
    (data_dir / "settings.json").write_text("[]")
    (data_dir / "history.json").write_text("not json")
    app = Application(quiet_services(screen_awake=FakeAwake()))
    app.ask_checkin = Questions()
    app.finish_startup()
    # The routine folder's watcher sees the moved file: quitting after the test stops it.
    qtbot.addWidget(app.window, before_close_func=lambda _window: app.shutdown())
    notices = " ".join(app.window.notices.notices())
    assert "bad.json" in notices
    assert "settings" in notices.lower()
    assert "history.corrupt-" in notices
    assert list(data_dir.glob("history.corrupt-*.json"))


DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hipcoach import app as hipcoach_app

qt_app = QApplication(sys.argv[:1])

def start():
    window = next(w for w in qt_app.topLevelWidgets() if w.objectName() == "main_window")
    window.space()

QTimer.singleShot(200, start)
QTimer.singleShot(1500, qt_app.closeAllWindows)
sys.exit(hipcoach_app.run_gui(sys.argv[:1]))
"""


def test_closing_the_window_mid_session_exits_0_and_keeps_the_session(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(tmp_path)}
    # This person has turned the check-in questions off (a modal question would wait).
    (tmp_path / "settings.json").write_text(
        '{"checkins_enabled": false, "get_ready_seconds": 0, "safety_acknowledged": true}'
    )
    result = subprocess.run(
        [sys.executable, "-c", DRIVER], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    history = json.loads((tmp_path / "history.json").read_text())
    assert len(history["sessions"]) == 1
    assert history["sessions"][0]["completed"] is False
    assert oct((tmp_path / "history.json").stat().st_mode & 0o777) == "0o600"


def test_check_ins_before_and_after_are_recorded_with_the_session(built, qtbot):
    app, clock, _sink, _awake = built
    window = app.window
    window.picker.select("breath-extended-exhale")
    window.picker.checkin.choose(0, 4)  # beside Start: hips 4, calm 2
    window.picker.checkin.choose(1, 2)
    window.space()  # one press: no dialog in the way
    assert app.driver.active
    advance(app, clock, 5 + 40)
    window.escape()
    end = window.end_view
    assert window.stack.currentWidget() is end
    assert end.checkin_box.isVisible()
    # From the mat: the number keys answer the hips, then the calm.
    qtbot.keyClick(end.again_button, Qt.Key.Key_2)
    qtbot.keyClick(end.again_button, Qt.Key.Key_4)
    (record,) = app.history.sessions
    assert record.checkin_before == CheckIn(tightness=4, calm=2)
    assert record.checkin_after == CheckIn(tightness=2, calm=4)
    assert end.change_tile.isVisible()
    assert end.change_tile.detail.text() == "Hips: looser. Calm: calmer."


def test_check_ins_left_unanswered_record_nothing_and_can_be_turned_off(built):
    app, clock, _sink, _awake = built
    window = app.window
    window.picker.checkin.choose(0, 3)  # only one of the two: no check-in
    window.space()
    advance(app, clock, 5 + 40)
    window.escape()
    window.escape()  # Esc on the end screen: back to the list, nothing asked
    assert window.stack.currentWidget() is window.picker
    (record,) = app.history.sessions
    assert record.checkin_before is None and record.checkin_after is None
    window.picker.checkin_off_button.click()
    assert window.settings.checkins_enabled is False
    assert json.loads(paths.settings_file().read_text())["checkins_enabled"] is False
    assert not window.picker.checkin_box.isVisible()


def test_no_after_question_for_a_session_stopped_at_once(built):
    app, clock, _sink, _awake = built
    app.window.space()
    advance(app, clock, 6)
    app.window.escape()
    assert app.window.stack.currentWidget() is app.window.end_view
    assert not app.window.end_view.checkin_box.isVisible()
    assert len(app.history.sessions) == 1


def test_the_end_screen_shows_the_session_the_week_and_again_starts_it_again(built):
    app, clock, _sink, _awake = built
    window = app.window
    window.picker.select("breath-extended-exhale")
    window.space()
    advance(app, clock, 5 + 65)
    window.escape()
    end = window.end_view
    assert end.title.text() == "Session stopped. What you practised is kept."
    assert end.practised_tile.value.text() == "1 min 5 s"
    assert end.streak_tile.value.text() == "1 day"
    assert end.week_tile.value.text() == "1 min 5 s"
    end.again_button.click()
    assert window.stack.currentWidget() is window.player
    assert app.driver.active
    assert app.driver.session.timeline.routine.id == "breath-extended-exhale"


def test_history_panel_opens_from_the_menu_and_lists_sessions(built):
    app, clock, _sink, _awake = built
    assert not app.history_panel.isVisible()
    show = app.history_menu.actions()[0]
    assert show.shortcut().toString() == "Ctrl+H"
    show.trigger()
    assert app.history_panel.isVisible()
    assert app.window.stack.currentWidget().isAncestorOf(app.history_panel)
    app.window.space()  # Space does nothing in the history: it is not the list
    assert not app.driver.active
    app.window.escape()  # Esc goes back to where the history was opened from
    assert app.window.stack.currentWidget() is app.window.picker
    assert not show.isChecked()
    app.window.space()
    advance(app, clock, 8)
    app.window.escape()
    show.trigger()
    assert app.history_panel.model.rowCount() == 1
    texts = [a.text() for a in app.history_menu.actions()]
    assert any("CSV" in t for t in texts) and any("JSON" in t for t in texts)


CLOSE_DIALOGS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
qt_app = QApplication(sys.argv[:1])
# Stands in for the person reading the message and pressing OK.
QTimer.singleShot(300, lambda: [w.close() for w in qt_app.topLevelWidgets()])
from hipcoach.cli import main
sys.exit(main([]))
"""


def test_an_unusable_data_folder_is_a_clear_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(blocker / "data")}
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_DIALOGS], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"cannot use its data folder {blocker / 'data'}" in result.stderr
    assert "--data-dir" in result.stderr


def test_a_closed_history_panel_catches_up_when_opened(built):
    app, clock, _sink, _awake = built
    assert not app.history_panel.isVisible()
    app.window.space()
    advance(app, clock, 8)
    app.window.escape()
    assert len(app.history.sessions) == 1
    app.history_menu.actions()[0].trigger()
    assert app.history_panel.model.rowCount() == 1


def test_a_hidden_window_still_checkpoints_every_30_s_and_at_each_part_change(built):
    app, clock, _sink, _awake = built
    saved = []
    checkpoint = app.history.checkpoint

    def remember(record):
        saved.append(record.practised_seconds)
        return checkpoint(record)

    app.history.checkpoint = remember
    app.window.picker.select("evening-hip-unwind")
    app.window.space()
    app.window.hide()
    player, wake = app.window.player, app.driver.waker.timer
    parts = [s.start for s in app.driver.session.timeline.segments]
    # Nothing is drawn: the driver's single-shot wake-up is all that runs.
    for _ in range(200):
        assert not player.frame_timer.isActive()
        if not wake.isActive():
            break
        clock.advance(wake.interval() / 1000)
        wake.timeout.emit()
    assert app.driver.session.completed
    assert max(b - a for a, b in itertools.pairwise(saved)) <= 30.1
    assert all(any(abs(p - start) < 0.1 for p in saved) for start in parts)
    assert not wake.isActive()


def test_the_settings_dialog_shows_a_change_made_elsewhere_while_it_is_open(built, qtbot):
    app, *_ = built
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    app.settings.update(checkins_enabled=False)  # as "don't ask again" does
    assert not dialog.checkins.isChecked()
    dialog.close()
    app.settings.update(checkins_enabled=True)  # a closed dialog is no longer told
    assert not dialog.checkins.isChecked()


def finish_a_session_on_a_full_disk(built, monkeypatch) -> Callable[[], None]:
    """Plays a session to its end while the history file cannot be written; returns a
    function that frees the disk again."""
    from hipcoach.core import history as history_mod

    app, clock, _sink, _awake = built
    real = history_mod.atomic_write_bytes
    history_path = paths.history_file()

    def history_disk_full(target, data, **kw):
        if target == history_path:
            raise OSError(28, "No space left on device")
        return real(target, data, **kw)

    monkeypatch.setattr(history_mod, "atomic_write_bytes", history_disk_full)
    assert app.window.picker.select("breath-box")
    app.window.start_routine(app.window.picker.current())
    advance(app, clock, 5 + 40)
    app.window.escape()
    return lambda: monkeypatch.setattr(history_mod, "atomic_write_bytes", real)


def test_a_failed_history_write_is_shown_truthfully_and_retried(built, monkeypatch):
    app = built[0]
    free_the_disk = finish_a_session_on_a_full_disk(built, monkeypatch)
    shown = app.window.notices.notices()
    assert any("could not be added" in t and "No space left" in t for t in shown)
    assert not any("unexpectedly" in t for t in shown)
    assert app.history_retry.timer.isActive()

    free_the_disk()
    app.history_retry.retry()  # what the timer does a minute later
    assert any("saved again" in t for t in app.window.notices.notices())
    assert not app.history_retry.timer.isActive()
    assert len(HistoryStore(paths.history_file(), read_only=True).load().sessions) == 1


def test_quitting_makes_one_last_try_to_write_the_history(built, monkeypatch):
    app = built[0]
    free_the_disk = finish_a_session_on_a_full_disk(built, monkeypatch)
    assert app.history.unsaved_changes
    free_the_disk()  # meanwhile
    history_path = paths.history_file()
    app.shutdown()  # quit before the minute's retry came round
    assert not app.history_retry.timer.isActive()
    # In the history file itself, not only in the copy kept beside it.
    assert not list(history_path.parent.glob("session-unsaved-*.json"))
    assert len(json.loads(history_path.read_text(encoding="utf-8"))["sessions"]) == 1


def test_a_note_can_be_added_on_the_end_screen(built, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from hipcoach.ui.checkin_dialog import CheckInDialog

    def answer(dialog):  # the person rates, writes and saves
        dialog.tightness.set_value(2)
        dialog.calm.set_value(5)
        dialog.note.setText("easier on the left")
        dialog.setResult(QDialog.DialogCode.Accepted)
        return 1

    monkeypatch.setattr(CheckInDialog, "exec", answer)
    app, clock, _sink, _awake = built
    app.window.space()
    advance(app, clock, 5 + 40)
    app.window.escape()
    end = app.window.end_view
    end.note_button.click()
    (record,) = app.history.sessions
    assert record.checkin_after == CheckIn(tightness=2, calm=5, note="easier on the left")
    assert end.checkin.values() == (2, 5)


def test_quitting_stops_every_timer_the_application_started(built, qtbot, monkeypatch):
    """The session's wake-up and frames, reminders, the folder watcher, the history's retry."""
    from hipcoach.core import history as history_mod
    from leftovers import running_timers

    app, clock, _sink, _awake = built
    real = history_mod.atomic_write_bytes
    history_path = paths.history_file()

    def history_disk_full(target, data, **kw):
        if target == history_path:
            raise OSError(28, "No space left on device")
        return real(target, data, **kw)

    def running() -> set[str]:
        return {timer.objectName() for timer in running_timers()}

    monkeypatch.setattr(history_mod, "atomic_write_bytes", history_disk_full)
    app.settings.update(break_reminders=True)  # written to settings.json: the watcher wakes
    breath_box = app.library.get("breath-box")
    app.window.start_routine(breath_box)
    advance(app, clock, 5 + 40)
    app.window.escape()  # the session could not be added to the history: a retry waits
    app.window.start_routine(breath_box)
    qtbot.waitUntil(lambda: "routine_folder_settle_timer" in running())
    assert running() >= {
        "session_wake_timer",
        "frame_timer",
        "reminder_wake_timer",
        "history_retry_timer",
        "routine_folder_settle_timer",
    }
    # Quitting: the last window closes, then the application is told (aboutToQuit).
    app.window.close()
    app.shutdown()
    assert running() == set()
