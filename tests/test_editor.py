"""The routine and pattern editors, driven the way a person would: keys, clicks, typed values."""

from __future__ import annotations

import subprocess
import sys

import msgspec
import pytest
from PySide6.QtCore import QModelIndex, Qt

from hipcoach import i18n, paths
from hipcoach.core.model import Pattern, Routine
from hipcoach.core.problems import Code, Problem
from hipcoach.core.routine_store import CustomRoutineStore
from hipcoach.core.routines import load_library, validate_files
from hipcoach.ui.editor import PatternEditor, RoutineActions, RoutineEditor
from hipcoach.ui.editor.problem_sentence import problem_sentence
from test_routine_store import make_assets


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """Closing an edited editor asks "discard?" in a modal box; tests answer "discard"."""
    monkeypatch.setattr(RoutineEditor, "_ask_discard", lambda self: True)


@pytest.fixture
def assets(tmp_path):
    return make_assets(tmp_path)


@pytest.fixture
def store(data_dir, assets):
    return CustomRoutineStore(data_dir / "routines", data_dir / "patterns.json", assets_dir=assets)


@pytest.fixture
def library(store):
    return lambda: load_library(store.assets_dir, store.folder, store.patterns_file)


@pytest.fixture
def actions(qtbot, library, store):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    changes: list[str | None] = []
    acts = RoutineActions(window, library, store, changes.append)
    acts.changes = changes
    acts.errors = []
    acts.show_error = lambda title, text: acts.errors.append(text)
    return acts


def open_editor(qtbot, library, store, routine=None) -> RoutineEditor:
    editor = RoutineEditor(library(), store, routine)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_into_spin(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def kinds(editor: RoutineEditor) -> list[str]:
    return [step["kind"] for step in editor.steps()]


def test_create_reorder_edit_pattern_fix_a_problem_and_save(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    # A new, untouched form shows no problems; pressing Save shows what is missing.
    assert editor.message_for("title") == ""
    assert not editor.status_label.isVisible()
    assert editor.save() is None
    assert not editor.save_button.isEnabled()
    assert editor.message_for("title") == "Must not be empty"
    assert editor.message_for("steps") == "Add at least one step"
    assert editor.status_label.text() == (
        "2 problems to fix before saving; the first: title: must not be empty."
    )

    qtbot.keyClicks(editor.title_edit, "Morning hips")
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    assert kinds(editor) == ["breath", "pose"]
    assert editor.save_button.isEnabled()
    assert editor.message_for("title") == ""

    # The pose becomes one of your own, with its own cues, and goes first (keyboard).
    assert editor.steps_list.currentRow() == 1
    editor.step_form.pose_combo.setCurrentIndex(editor.step_form.pose_combo.findData(""))
    qtbot.keyClicks(editor.step_form.name_edit, "Wall squat")
    qtbot.keyClicks(editor.step_form.cues_edit, "Back to the wall")
    editor.steps_list.setFocus()
    qtbot.keyClick(editor.steps_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert kinds(editor) == ["pose", "breath"]
    assert editor.steps_list.currentRow() == 0
    assert editor.steps_list.item(0).text().startswith("1. Wall squat")

    # Edit the breathing step's pattern: the timings become the step's own.
    editor.steps_list.setCurrentRow(1)
    pattern = editor.step_form.pattern_editor
    before = editor.total_seconds()
    type_into_spin(qtbot, pattern.spins["exhale"], "7.5")
    assert editor.steps()[1]["pattern"]["exhale"] == 7.5
    assert editor.total_seconds() > before  # the total follows as you type
    assert editor.total_label.text() == f"Total {int(editor.total_seconds()) // 60}:" + (
        f"{round(editor.total_seconds()) % 60:02d}"
    )

    # An invalid value: its message sits next to the field, and Save waits.
    type_into_spin(qtbot, pattern.spins["inhale"], "4.3")
    message = "Must be a multiple of 0.5 seconds, got 4.3"
    assert editor.message_for("pattern.inhale") == message
    label = pattern.messages._fields["inhale"][1]
    assert label.isVisible() and label.text() == message
    assert pattern.spins["inhale"].property("problem") is True
    assert not editor.save_button.isEnabled()
    assert editor.steps_list.item(1).text().startswith("⚠ 2.")
    assert editor.status_label.text().endswith(
        "step 2, inhale: must be a multiple of 0.5 seconds, got 4.3."
    )

    spin_top = pattern.spins["exhale"].mapTo(editor, pattern.spins["exhale"].rect().topLeft())
    type_into_spin(qtbot, pattern.spins["inhale"], "4.5")
    assert editor.message_for("pattern.inhale") == ""
    assert not label.isVisible()
    # The message's room stays: the fields below do not jump up under the pointer.
    assert pattern.spins["exhale"].mapTo(editor, pattern.spins["exhale"].rect().topLeft()) == (
        spin_top
    )
    assert editor.save_button.isEnabled()

    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    routine = saved.args[0]
    assert routine.id == "morning-hips"
    path = store.folder / "morning-hips.json"
    assert validate_files([path], poses=store.poses, assets_dir=store.assets_dir) == []
    loaded = library().get("morning-hips")
    assert loaded is not None and not loaded.builtin
    assert loaded.routine == routine
    pose, breath = loaded.routine.steps
    assert (pose.name, pose.cues, pose.pose) == ("Wall squat", ["Back to the wall"], None)
    assert breath.pattern == Pattern(inhale=4.5, exhale=7.5)


def test_saved_file_passes_the_validate_command(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Just breathing")
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_rest_button, Qt.MouseButton.LeftButton)
    assert editor.save() is not None
    result = subprocess.run(
        [sys.executable, "-m", "hipcoach", "validate", str(store.folder / "just-breathing.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file(s) valid" in result.stdout
    assert paths.data_dir() == store.folder.parent


def test_saved_routine_appears_in_the_picker(qtbot, library, store):
    from hipcoach.ui.picker import RoutinePicker

    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Picker test")
    qtbot.mouseClick(editor.add_rest_button, Qt.MouseButton.LeftButton)
    assert editor.save() is not None
    picker = RoutinePicker(library())
    qtbot.addWidget(picker)
    assert picker.select("picker-test")
    assert picker.current().routine.title == "Picker test"


def test_drag_and_drop_reorders_the_steps(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    for button in (editor.add_breath_button, editor.add_pose_button, editor.add_rest_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert kinds(editor) == ["breath", "pose", "rest"]
    # What the list does when a row is dropped further down: a model row move.
    model = editor.steps_list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert kinds(editor) == ["pose", "rest", "breath"]
    assert editor.steps_list.item(0).text().startswith("1. Butterfly")
    assert editor.document()["steps"][2]["kind"] == "breath"


def test_keyboard_moves_and_removes_steps(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    for button in (editor.add_breath_button, editor.add_pose_button, editor.add_rest_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    editor.steps_list.setCurrentRow(0)
    editor.steps_list.setFocus()
    qtbot.keyClick(editor.steps_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert kinds(editor) == ["pose", "breath", "rest"]
    assert editor.up_button.isEnabled() and editor.down_button.isEnabled()
    qtbot.keyClick(editor.steps_list, Qt.Key.Key_Delete)
    assert kinds(editor) == ["pose", "rest"]


def test_the_form_follows_the_kind_of_step(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Kinds")
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    form = editor.step_form.form_layout
    assert form.isRowVisible(editor.step_form.rows["pose"]) and not form.isRowVisible(
        editor.step_form.rows["title"]
    )
    editor.step_form.kind_combo.setCurrentIndex(editor.step_form.kind_combo.findData("rest"))
    assert editor.steps()[0] == {"kind": "rest", "seconds": 60.0}
    assert not form.isRowVisible(editor.step_form.rows["pose"]) and form.isRowVisible(
        editor.step_form.rows["title"]
    )
    assert editor.step_form.pattern_editor.value() == "natural"
    assert editor.save_button.isEnabled()


def test_per_side_and_length_in_breaths(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Sides")
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    editor.step_form.pose_combo.setCurrentIndex(editor.step_form.pose_combo.findData("lizard"))
    editor.step_form.sides_combo.setCurrentIndex(editor.step_form.sides_combo.findData("once"))
    editor.step_form.unit_combo.setCurrentIndex(editor.step_form.unit_combo.findData("count"))
    type_into_spin(qtbot, editor.step_form.count_spin, "8")
    step = editor.steps()[0]
    assert (step["pose"], step["per_side"], step["breaths"]) == ("lizard", False, 8)
    assert "seconds" not in step
    assert editor.total_seconds() == 8 * 10.0  # longer exhale 4 / 6, once


def test_rounds_and_the_switch_between_sides(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Rounds")
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    form = editor.step_form
    form.pose_combo.setCurrentIndex(form.pose_combo.findData("lizard"))  # per side
    form.length_spin.setValue(30)
    assert form.form_layout.isRowVisible(form.rows["switch_seconds"])
    step = editor.steps()[0]
    assert "rounds" not in step and "switch_seconds" not in step  # the defaults stay implicit
    type_into_spin(qtbot, form.rounds_spin, "2")
    type_into_spin(qtbot, form.switch_spin, "5")
    step = editor.steps()[0]
    assert (step["rounds"], step["switch_seconds"]) == (2, 5.0)
    # Left, switch, right, switch, left, switch, right.
    assert editor.total_seconds() == 4 * 30 + 3 * 5
    assert form.length_hint.text() == "= 2:15 in all"
    # Once, both sides together: nothing to switch, so no such field.
    form.sides_combo.setCurrentIndex(form.sides_combo.findData("once"))
    assert not form.form_layout.isRowVisible(form.rows["switch_seconds"])
    assert editor.save() is not None
    saved = library().get("rounds").routine.steps[0]
    assert (saved.rounds, saved.switch_seconds, saved.per_side) == (2, 5.0, False)


def test_a_hold_can_change_its_breathing_part_way(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Settle then slow")
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    form = editor.step_form
    form.pose_combo.setCurrentIndex(form.pose_combo.findData("butterfly"))
    form.pattern_editor.set_value("natural")
    form.fields_edited()
    type_into_spin(qtbot, form.length_spin, "30")
    assert not form.part_combo.isEnabled()
    assert "breathing" not in editor.steps()[0]  # one part: the short form
    qtbot.mouseClick(form.add_part_button, Qt.MouseButton.LeftButton)
    assert form.part_combo.currentText() == "Part 2 of 2: Longer exhale 4 / 6"
    form.unit_combo.setCurrentIndex(form.unit_combo.findData("count"))
    type_into_spin(qtbot, form.count_spin, "3")
    step = editor.steps()[0]
    assert step["breathing"] == [
        {"pattern": "natural", "seconds": 30.0},
        {"pattern": "extended-exhale", "breaths": 3},
    ]
    assert "seconds" not in step and "pattern" not in step
    assert editor.total_seconds() == 30 + 3 * 10
    form.part_combo.setCurrentIndex(0)  # the first part's own length comes back
    assert (form.length_spin.value(), form.pattern_editor.value()) == (30.0, "natural")
    assert editor.save() is not None
    saved = library().get("settle-then-slow").routine.steps[0]
    assert [p.pattern for p in saved.breathing] == ["natural", "extended-exhale"]
    form.part_combo.setCurrentIndex(1)
    qtbot.mouseClick(form.remove_part_button, Qt.MouseButton.LeftButton)
    step = editor.steps()[0]
    assert (step.get("breathing"), step["pattern"], step["seconds"]) == (None, "natural", 30.0)


def test_equipment_is_written_one_thing_a_line(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Blocks")
    qtbot.mouseClick(editor.add_rest_button, Qt.MouseButton.LeftButton)
    editor.equipment_edit.setPlainText("A block\n\n  A blanket ")
    assert editor.document()["equipment"] == ["A block", "A blanket"]
    assert editor.document()["format"] == 2
    assert editor.save() is not None
    assert library().get("blocks").routine.equipment == ["A block", "A blanket"]


def test_a_steps_own_cautions_and_alternatives_replace_the_librarys(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Careful")
    qtbot.mouseClick(editor.add_pose_button, Qt.MouseButton.LeftButton)
    form = editor.step_form
    form.pose_combo.setCurrentIndex(form.pose_combo.findData("lizard"))
    lizard = library().poses["lizard"]
    assert lizard.cautions[0] in form.cautions_edit.placeholderText()
    assert "cautions" not in editor.steps()[0]  # empty: the library's apply
    qtbot.keyClicks(form.cautions_edit, "Knee on a folded blanket")
    qtbot.keyClicks(form.alternatives_edit, "Low lunge with a chair")
    step = editor.steps()[0]
    assert step["cautions"] == ["Knee on a folded blanket"]
    assert step["alternatives"] == ["Low lunge with a chair"]
    assert editor.save() is not None
    saved = library().get("careful").routine.steps[0]
    assert saved.cautions == ["Knee on a folded blanket"]


def test_an_invalid_length_is_shown_next_to_the_length(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Zero")
    qtbot.mouseClick(editor.add_rest_button, Qt.MouseButton.LeftButton)
    type_into_spin(qtbot, editor.step_form.length_spin, "0")
    assert editor.message_for("seconds") == "Must be greater than 0, got 0.0"
    assert editor.step_form.length_spin.property("problem") is True
    assert not editor.save_button.isEnabled()


def test_named_patterns_are_saved_once_and_offered_everywhere(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Named")
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    pattern = editor.step_form.pattern_editor
    type_into_spin(qtbot, pattern.spins["exhale"], "8")
    pattern.ask_name = lambda suggestion: "Slow evening"
    qtbot.mouseClick(pattern.save_named_button, Qt.MouseButton.LeftButton)
    assert store.load_patterns() == {
        "slow-evening": Pattern(name="Slow evening", inhale=5.5, exhale=8.0)
    }
    assert editor.steps()[0]["pattern"] == "slow-evening"
    assert editor.save() is not None
    assert library().get("named").routine.steps[0].pattern == "slow-evening"

    other = open_editor(qtbot, library, store)
    assert other.step_form.pattern_editor.choice.findData("slow-evening") >= 0


def test_an_unknown_pattern_name_cannot_be_saved_under_a_new_name(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    pattern = editor.step_form.pattern_editor
    pattern.set_value("deleted-long-ago")  # e.g. a routine copied from another computer
    assert not pattern.save_named_button.isEnabled()
    assert pattern.save_named("Mine") is None
    assert "deleted-long-ago" in pattern.note.text()
    assert store.load_patterns() == {}


def test_deleting_a_named_pattern_in_use_is_refused(qtbot, library, store):
    store.save_pattern("slow", Pattern(name="Slow", inhale=5.0, exhale=7.0))
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Uses slow")
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    editor.step_form.pattern_editor.set_value("slow")
    editor._form_edited()
    assert editor.save() is not None
    again = open_editor(qtbot, library, store, library().get("uses-slow"))
    qtbot.mouseClick(again.step_form.pattern_editor.delete_named_button, Qt.MouseButton.LeftButton)
    assert "uses-slow" in again.step_form.pattern_editor.note.text()
    assert "slow" in store.load_patterns()


def test_preview_runs_only_while_shown_and_follows_the_clock(qtbot):
    clock = Clock()
    editor = PatternEditor(clock=clock)
    qtbot.addWidget(editor)
    editor.set_value({"inhale": 4.0, "exhale": 6.0})
    assert not editor.timer.isActive()
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.timer.isActive()
    clock.now += 2.0
    editor.preview_tick()
    assert editor.phase_word.text() == "Inhale"
    clock.now += 3.0
    editor.preview_tick()
    assert editor.phase_word.text() == "Exhale"
    clock.now += 30.0  # three breaths make a 30 s loop: 35 s in is 5 s in
    editor.preview_tick()
    assert editor.phase_word.text() == "Exhale"
    editor.hide()
    assert not editor.timer.isActive()


def test_preview_uses_the_timeline_of_a_one_step_routine(qtbot):
    editor = PatternEditor(clock=Clock())
    qtbot.addWidget(editor)
    editor.set_value("box")
    timeline = editor.preview_timeline()
    assert [s.kind.value for s in timeline.segments] == ["breath"]
    assert timeline.segments[0].pattern.hold_in == 4.0
    editor.set_value({"inhale": 4.0, "exhale": 4.0, "ramp": {"phase": "exhale", "until": 6.0}})
    assert editor.preview_timeline().total > 3 * 8.0  # long enough to show the ramp
    editor.set_value({"inhale": 4.3, "exhale": 4.0})
    assert editor.preview_timeline() is None
    assert "Fix the values" in editor.summary.text()


def test_ramp_values_reach_the_step(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Ramp")
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    pattern = editor.step_form.pattern_editor
    pattern.ramp_box.setChecked(True)
    type_into_spin(qtbot, pattern.ramp_until, "9")
    ramp = editor.steps()[0]["pattern"]["ramp"]
    assert ramp == {"phase": "exhale", "by": 0.5, "every": 1, "until": 9.0}
    type_into_spin(qtbot, pattern.ramp_until, "3")  # not longer than the exhale (5.5 s)
    assert editor.message_for("pattern.ramp.until") == "Must be longer than the exhale (5.5 s)"
    assert pattern.ramp_until.property("problem") is True
    assert not editor.save_button.isEnabled()


def test_duplicate_to_edit_a_builtin_leaves_it_untouched(qtbot, actions, store, assets):
    builtin_file = assets / "routines" / "evening-hip-unwind.json"
    before = builtin_file.read_bytes()
    actions.set_current("evening-hip-unwind")
    assert actions.edit_action.text() == "Duplicate to &edit…"
    assert not actions.delete_action.isEnabled()
    actions.edit_action.trigger()
    editor = actions.editor
    qtbot.addWidget(editor)
    assert editor.notice.isVisible()
    assert editor.title_edit.text() == "Evening hip unwind (copy)"
    editor.title_edit.setText("My evening")
    editor.steps_list.setCurrentRow(2)
    editor.remove_step()
    saved = editor.save()
    assert saved.id == "evening-hip-unwind-copy"
    assert actions.changes == ["evening-hip-unwind-copy"]
    assert builtin_file.read_bytes() == before
    lib = actions._library()
    assert lib.get("evening-hip-unwind").builtin
    copy = lib.get("evening-hip-unwind-copy")
    assert not copy.builtin and copy.routine.title == "My evening"
    assert len(copy.routine.steps) == 2
    actions.set_current(copy.id)
    assert actions.edit_action.text() == "&Edit routine…"
    assert actions.delete_action.isEnabled()


def test_edit_saves_over_the_routines_own_file(qtbot, actions, store):
    actions.set_current("evening-hip-unwind")
    actions.duplicate_action.trigger()
    assert actions.editor.save() is not None
    actions.set_current("evening-hip-unwind-copy")
    actions.edit_action.trigger()
    editor = actions.editor
    qtbot.addWidget(editor)
    assert editor.notice.isHidden()
    editor.title_edit.setText("Renamed")
    assert editor.save() is not None
    assert sorted(p.name for p in store.folder.glob("*.json")) == ["evening-hip-unwind-copy.json"]
    assert actions._library().get("evening-hip-unwind-copy").routine.title == "Renamed"


def test_delete_removes_from_the_library_and_keeps_the_file(qtbot, actions, store):
    actions.set_current("evening-hip-unwind")
    actions.duplicate_action.trigger()
    actions.editor.save()
    actions.set_current("evening-hip-unwind-copy")
    asked = []
    actions.confirm = lambda title, text: asked.append(text) or False
    actions.delete_action.trigger()
    assert actions._library().get("evening-hip-unwind-copy") is not None  # said no
    actions.confirm = lambda title, text: True
    with qtbot.waitSignal(actions.message) as message:
        actions.delete_action.trigger()
    assert "Deleted" in message.args[0]
    assert actions._library().get("evening-hip-unwind-copy") is None
    assert actions.changes[-1] is None
    (trashed,) = store.trash.iterdir()
    store.restore(trashed)
    assert actions._library().get("evening-hip-unwind-copy") is not None


def test_a_deleted_routine_is_restored_from_the_menu(qtbot, actions, store):
    actions.set_current("evening-hip-unwind")
    actions.duplicate_action.trigger()
    actions.editor.save()
    actions.set_current("evening-hip-unwind-copy")
    assert not actions.restore_action.isEnabled()  # nothing deleted yet
    actions.confirm = lambda title, text: True
    actions.delete_action.trigger()
    assert actions._library().get("evening-hip-unwind-copy") is None
    assert actions.restore_action.isEnabled()

    offered = []
    actions.choose_deleted = lambda lines: offered.extend(lines) or None  # cancel
    actions.restore_action.trigger()
    assert len(offered) == 1 and offered[0].startswith("Evening hip unwind (copy) — deleted ")
    assert actions._library().get("evening-hip-unwind-copy") is None

    actions.choose_deleted = lambda lines: 0
    with qtbot.waitSignal(actions.message) as message:
        actions.restore_action.trigger()
    assert message.args[0] == "Restored “Evening hip unwind (copy)”"
    assert actions._library().get("evening-hip-unwind-copy") is not None
    assert actions.changes[-1] == "evening-hip-unwind-copy"
    assert store.trashed() == []
    assert not actions.restore_action.isEnabled()


def test_export_then_import_through_the_actions(qtbot, actions, store, tmp_path):
    actions.set_current("evening-hip-unwind")
    actions.ask_save_path = lambda suggestion: str(tmp_path / suggestion)
    actions.export_action.trigger()
    exported = tmp_path / "evening-hip-unwind.json"
    assert exported.exists()
    actions.ask_open_path = lambda: str(exported)
    actions.import_action.trigger()
    lib = actions._library()
    imported = lib.get("evening-hip-unwind-imported")
    assert imported is not None and lib.get("evening-hip-unwind").builtin
    assert imported.routine.title == "Evening hip unwind (imported)"
    original = lib.get("evening-hip-unwind").routine
    assert msgspec.structs.replace(imported.routine, id=original.id, title=original.title) == (
        original
    )
    assert actions.changes == ["evening-hip-unwind-imported"]


def test_importing_a_bad_file_shows_its_problems_and_saves_nothing(actions, store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "bad", "title": "Bad", "steps": [{"kind": "nap", "seconds": 5}]}')
    assert actions.import_routine(bad) is None
    assert "$.steps[0].kind" in actions.errors[0]
    assert not store.folder.exists()
    assert actions.changes == []


def test_opening_an_unknown_routine_for_a_new_id_keeps_its_id(qtbot, library, store):
    routine = msgspec.convert(
        {"id": "fresh", "title": "Fresh", "steps": [{"kind": "rest", "seconds": 5}]}, Routine
    )
    editor = open_editor(qtbot, library, store, routine)
    assert editor.routine_id() == "fresh"
    assert editor.save() == routine


def test_closing_the_editor_stops_the_preview_timer(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.mouseClick(editor.add_breath_button, Qt.MouseButton.LeftButton)
    assert editor.step_form.pattern_editor.timer.isActive()
    editor.reject()
    assert not editor.step_form.pattern_editor.timer.isActive()


def test_cancel_with_unsaved_changes_asks_before_discarding(qtbot, library, store):
    editor = RoutineEditor(library(), store)
    qtbot.addWidget(editor)
    asked = []
    editor.confirm_discard = lambda: asked.append(True) or False
    editor.reject()  # nothing typed yet: closes without a question
    assert asked == []
    editor = RoutineEditor(library(), store)
    qtbot.addWidget(editor)
    editor.confirm_discard = lambda: asked.append(True) or False
    editor.show()
    editor.title_edit.setText("My evening")
    editor.reject()
    assert asked == [True] and editor.isVisible()  # kept open: the answer was "no"
    editor.confirm_discard = lambda: True
    editor.reject()
    assert not editor.isVisible()


def test_an_empty_routine_says_add_a_step_not_program_words(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    qtbot.keyClicks(editor.title_edit, "Evening")
    assert editor.status_label.text() == "1 problem to fix before saving: add at least one step."
    assert "item(s)" not in editor.status_label.text()


def test_changing_the_pose_shows_the_new_poses_hints(qtbot, library, store):
    editor = open_editor(qtbot, library, store)
    editor.add_step("pose")
    form = editor.step_form
    poses = [form.pose_combo.itemData(i) for i in range(form.pose_combo.count())]
    chosen = next(p for p in poses if p and p != form.pose_combo.currentData())
    form.pose_combo.setCurrentIndex(form.pose_combo.findData(chosen))
    info = library().poses[chosen]
    assert info.cues[0] in form.cues_edit.placeholderText()


def test_breathing_patterns_open_from_the_routines_menu(actions):
    assert actions.patterns_action in actions.actions()
    dialog = actions.edit_patterns()
    assert dialog.isVisible()
    assert dialog.editor.isVisible()
    dialog.close()


def test_the_pattern_preview_follows_a_dark_scheme(qtbot, store):
    from PySide6.QtWidgets import QApplication

    from hipcoach.ui.editor.pattern_editor import PatternEditor
    from hipcoach.ui.palette import DARK, qt_palette

    QApplication.setPalette(qt_palette(DARK))
    editor = PatternEditor({}, store)
    qtbot.addWidget(editor)
    editor.show()
    image = editor.pacer.grab().toImage()
    # The preview's background is the dark one, not the light scheme's near-white.
    assert image.pixelColor(2, 2).lightness() < 80


def test_a_new_routine_without_a_title_is_named_in_the_language_shown(qtbot, library, store):
    i18n.set_language("es")
    try:
        editor = open_editor(qtbot, library, store)
        assert editor.routine_id() == "mi-rutina"
    finally:
        i18n.set_language("en")
    assert editor.routine_id() == "my-routine"


def test_tags_read_as_the_list_shows_them_and_are_saved_as_tags(qtbot, library, store):
    routine = msgspec.convert(
        {
            "id": "tagged",
            "title": "Tagged",
            "tags": ["breath-only", "no-holds", "my-own"],
            "steps": [{"kind": "rest", "seconds": 5}],
        },
        Routine,
    )
    i18n.set_language("es")
    try:
        editor = open_editor(qtbot, library, store, routine)
        assert editor.tags_edit.text() == "solo respiración, sin retenciones, my own"
        assert editor.document()["tags"] == ["breath-only", "no-holds", "my-own"]
        assert not editor.is_modified()
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("path", "code", "params", "sentence"),
    [
        (
            "$.steps[1].seconds",
            Code.GREATER_THAN,
            {"min": 0, "got": -5},
            "step 2, length: must be greater than 0, got -5.",
        ),
        (
            "$.steps[0].pattern.ramp.until",
            Code.AT_MOST,
            {"max": 20, "got": 30},
            "step 1, lengthen up to: must be at most 20, got 30.",
        ),
        ("$.title", Code.TEXT_EMPTY, {}, "title: must not be empty."),
        ("$.steps", Code.TOO_FEW_ITEMS, {"min": 1}, "add at least one step."),
        ("", Code.NOT_JSON, {"detail": "invalid number"}, "Is not valid JSON: invalid number."),
    ],
)
def test_the_first_problem_is_one_sentence_naming_the_step_and_the_field(
    path, code, params, sentence
):
    # The step counted from 1 and the field's own name, read from the problem's path.
    assert problem_sentence(Problem("mine.json", path, code, params)) == sentence
