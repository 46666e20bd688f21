"""In the pseudo-language every view, sheet, dialog, menu and message of the whole
application shows only translated words (each comes out accented and wrapped in ⟦ ⟧).

The application is built as it runs, with the built-in routines (their words go through
the content catalogue, so they change too), a history, a tray icon and every kind of
notice; what a person can see or hear from a screen reader is walked view by view.
"""

from __future__ import annotations

import contextlib
import platform
import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from hipcoach import i18n, paths
from hipcoach.app import Application
from hipcoach.core.clock import FakeClock
from hipcoach.core.history_format import BreakRecord, CheckIn, new_session_id
from hipcoach.core.reminders import Reminder, ReminderKind
from hipcoach.platform.idle import IdleMonitor
from hipcoach.platform.screen_awake import NullScreenAwake
from hipcoach.platform.speech import Speech
from hipcoach.ui.checkin_dialog import CheckInDialog
from hipcoach.ui.end_text import SessionSummary
from hipcoach.ui.history_chart import scale_label
from hipcoach.ui.notices import HISTORY, ROUTINES, SCREEN, SETTINGS, SOUND, Notice
from history_crash_child import make_session
from test_reminders_app import FakeAutostart, FakeIdle
from test_ui_fixtures import quiet_services
from ui_text_walk import Shown, calendar_words, menu_texts, shown_texts, untranslated

# The offscreen platform cannot raise windows, size top-level windows or host a tray.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support",
    r"QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged",
)

#: What a fake outside world says about itself (in real use the system's own words).
FAKE_REASONS = ("no speech in tests", "not in tests", "a detail from the system")
#: Names that read the same in every language.
NAMES = re.compile(r"\b(?:hipcoach|Python|PySide6|Qt)\b")
#: Keys printed the same on every keyboard (the words on keys, such as Space, are translated).
KEY_CAPS = re.compile(r"\bEsc\b|\bF\d+\b")
#: Widgets that show a file's or folder's path, which stays as it is.
PATHS = {"start_at_login"}


#: A file's or folder's path (the data folder, the log file), which stays as it is.
PATH = re.compile(r"(?<![\w⟦])/[^\s⟧]*")
#: A file's name and a place in it ("bad.json", "$.steps[0].seconds"), as written.
FILE_PLACES = re.compile(r"\b[\w-]+\.(?:json|csv)\b|\$[\w.\[\]]*")
#: A routine's id ("breath-2-8"), which stays as written.
ROUTINE_ID = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def _cleaned(text: str) -> str:
    text = calendar_words().sub("", text)
    # The system as the Diagnostics show it for a bug report: "Linux-6.1… (wayland)".
    for words in (*FAKE_REASONS, platform.platform(), QGuiApplication.platformName()):
        text = text.replace(words, "")
    text = ROUTINE_ID.sub("", FILE_PLACES.sub("", PATH.sub("", text)))
    return KEY_CAPS.sub("", NAMES.sub("", text))


def _qt_standard_button(shown: Shown) -> bool:
    # OK, Close, Cancel: Qt's own words, from Qt's catalogue (checked in Spanish below).
    box = shown.widget.parentWidget()
    return isinstance(box, QDialogButtonBox) and box.standardButton(shown.widget) != (
        QDialogButtonBox.StandardButton.NoButton
    )


def escaped(root) -> list[str]:
    """What ``root`` shows that did not pass through the translation system."""
    settle()
    return [
        str(shown)
        for shown in shown_texts(root)
        if shown.widget.objectName() not in PATHS
        and shown.text not in i18n.LANGUAGES.values()  # each language by its own name
        and not _qt_standard_button(shown)
        and untranslated(_cleaned(shown.text))
    ]


def escaped_texts(texts) -> list[str]:
    return [f"{kind}: {text!r}" for kind, text in texts if untranslated(_cleaned(text))]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def walk_modal(open_it) -> list[str]:
    """What the dialog ``open_it`` runs (and waits on) shows, walked while it is open."""
    found: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        found.extend(escaped(dialog) if dialog is not None else ["no dialog opened"])
        if dialog is not None:
            dialog.close()

    QTimer.singleShot(0, look)
    open_it()
    return found


NOW = datetime(2026, 3, 11, 18, 0, tzinfo=UTC)


@pytest.fixture
def app(qtbot):
    i18n.request_language(i18n.PSEUDO)  # as `--lang pseudo`; conftest hands English back
    clock = FakeClock(wall=NOW)
    idle = FakeIdle()
    application = Application(
        quiet_services(
            clock=clock,
            speech=Speech(None, FAKE_REASONS[0]),
            screen_awake=NullScreenAwake(FAKE_REASONS[1]),
            idle=IdleMonitor([lambda: idle]),
            autostart=FakeAutostart(),
            tray=True,
            quiet=lambda: False,
        )
    )
    application.finish_startup()
    application.clock = clock
    window = application.window
    qtbot.addWidget(window)
    window.resize(1350, 728)
    window.show()
    qtbot.waitExposed(window)
    yield application
    application.shutdown()


def seed_history(app) -> None:
    """Sessions over the last weeks, with check-ins, and a break taken."""
    now = app.clock.now()
    loaded = app.library.routines[0]
    for days in (0, 1, 2, 9):
        app.history.add(
            make_session(
                now - timedelta(days=days, hours=1),
                routine_id=loaded.id,
                routine_title=loaded.routine.title,  # as shown, in the pseudo-language
                checkin_before=CheckIn(4, 2, "⟦sörê⟧"),
                checkin_after=CheckIn(2, 4),
            )
        )
    app.history.add_break(
        BreakRecord(
            id=new_session_id(),
            at=now - timedelta(hours=3),
            reminder="break",
            event="taken",
            routine_id=loaded.id,
        )
    )


def test_the_list_its_menus_and_every_notice_are_translated(app):
    window = app.window
    for code in (SOUND, SETTINGS, ROUTINES, HISTORY, SCREEN):
        window.add_notice(Notice(code, FAKE_REASONS[2], count=2))
    assert escaped(window) == []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert escaped_texts(menu_texts(menus)) == []
    window.notices.dismiss()
    window.add_notice(Notice(SOUND, FAKE_REASONS[2]))  # one notice: its headline
    assert escaped(window.notices) == []


def test_a_session_in_the_window_and_in_mat_mode_is_translated(app):
    window, clock = app.window, app.clock
    window.picker.checkin.choose(0, 4)
    window.picker.checkin.choose(1, 2)
    window.space()
    assert escaped(window) == [], "getting ready"
    for _ in range(100):
        clock.advance(0.1)
        app.driver.update()
    assert escaped(window) == [], "under way"
    window.toggle_full_screen()
    assert escaped(window) == [], "mat mode"
    window.space()
    assert escaped(window) == [], "mat mode, paused"
    window.space()


def test_the_keys_and_the_cautions_sheets_are_translated(app):
    window = app.window
    window.toggle_help()
    assert window.help_overlay.isVisible()
    assert escaped(window.help_overlay) == []
    window.toggle_help()
    window.toggle_care()  # no session: a sentence saying how to see them
    assert escaped(window.care_overlay) == []
    window.toggle_care()
    window.space()
    for _ in range(100):
        app.clock.advance(0.1)
        app.driver.update()
    window.toggle_care()
    assert window.care_overlay.isVisible()
    assert escaped(window.care_overlay) == []


@pytest.mark.parametrize("completed", [True, False])
@pytest.mark.parametrize("with_history", [True, False])
def test_every_end_screen_is_translated(app, completed, with_history):
    window = app.window
    if with_history:
        seed_history(app)
    summary = SessionSummary(
        app.library.routines[0].routine.title,
        completed=completed,
        practised_seconds=300,
        left_seconds=60 if completed else 0,
        right_seconds=55 if completed else 0,
        checkin_before=CheckIn(4, 2),
        ask_after=True,
    )
    window.show_end(summary, app._stats() if with_history else None)
    assert escaped(window) == [], "asking how it felt"
    window.end_view.answer_key(2)
    window.end_view.answer_key(4)
    assert window.end_view.change_tile.isVisibleTo(window.end_view)
    assert escaped(window) == [], "answered"


def test_the_end_screen_of_a_short_session_is_translated(app):
    # Too short to ask how it felt, and no one-sided poses: fewer tiles, no check-in.
    summary = SessionSummary(app.library.routines[0].routine.title, False, 12)
    app.window.show_end(summary, None)
    assert not app.window.end_view.checkin_box.isVisibleTo(app.window.end_view)
    assert escaped(app.window) == []


@pytest.mark.parametrize("with_history", [True, False])
def test_the_history_view_its_tiles_and_chart_are_translated(app, with_history):
    if with_history:
        seed_history(app)
    app.history_menu.actions()[0].trigger()
    panel = app.history_panel
    assert panel.isVisible()
    assert escaped(app.window) == []
    chart = panel.chart
    # The chart draws its scale and, with no practice, a sentence; and names itself.
    texts = [("chart", chart.accessibleName()), ("chart", chart.accessibleDescription())]
    texts.append(("chart scale", scale_label(QLocale().toString(30))))
    assert escaped_texts(texts) == []


def test_about_diagnostics_and_the_safety_note_are_translated(app):
    window = app.window
    window.add_notice(Notice(HISTORY, FAKE_REASONS[2]))
    window.show_about()
    assert escaped(window.about_dialog) == []
    window.about_dialog.close()
    window.show_diagnostics()
    assert escaped(window.diagnostics_dialog) == []
    window.diagnostics_dialog.close()
    assert walk_modal(window.show_safety_note) == []


def test_the_safety_note_before_a_first_session_is_translated(app):
    app.settings.update(safety_acknowledged=False)
    app.window.space()
    gate = app.window.safety_gate
    assert gate is not None and gate.isVisible()
    assert escaped(gate) == []
    gate.close()


@pytest.mark.parametrize("moment", ["before", "after"])
def test_the_checkin_dialogs_are_translated(app, qtbot, moment):
    dialog = CheckInDialog(moment, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert escaped(dialog) == []


def test_the_tray_menu_its_tooltip_and_the_reminders_are_translated(app):
    from hipcoach.ui.reminder_notifier import action_labels, reminder_body, reminder_title

    tray = app.reminders.tray
    texts = [("tray entry", a.text()) for a in tray.menu.actions() if not a.isSeparator()]
    texts.append(("tray tooltip", tray.icon.toolTip()))
    title = app.library.routines[0].routine.title
    for kind in ReminderKind:
        reminder = Reminder(kind=kind, routine_id=app.library.routines[0].id)
        texts.append(("notification title", reminder_title(reminder)))
    texts.append(("notification text", reminder_body(title)))
    texts += [("notification button", label) for _key, label in action_labels()]
    assert escaped_texts(texts) == []
    # With reminders on, the menu and tooltip name the next one; paused, how long.
    app.settings.update(break_reminders=True, practice_reminder=True)
    tray.pauseHourRequested.emit()
    texts = [("tray entry", a.text()) for a in tray.menu.actions() if a.isVisible()]
    texts.append(("tray tooltip", tray.icon.toolTip()))
    assert escaped_texts(texts) == []


def test_the_reminder_and_general_settings_are_translated(app):
    app.open_reminder_settings()
    assert escaped(app.reminder_dialog) == []
    app.reminder_dialog.close()
    dialog = app.open_settings()
    assert escaped(dialog) == []
    dialog.close()


def test_qt_standard_buttons_are_in_the_language_chosen(qtbot):
    from hipcoach.ui.about_dialog import AboutDialog
    from hipcoach.ui.language import apply_language

    apply_language("es")
    dialog = AboutDialog(paths.data_dir())
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Cerrar"
    message = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(message)
    assert message.button(QMessageBox.StandardButton.Ok).text().replace("&", "") == "Aceptar"


def test_a_reminder_shown_by_the_tray_or_in_the_window_is_translated(app):
    from hipcoach.ui.reminder_notifier import ReminderNotifier

    reminder = Reminder(kind=ReminderKind.BREAK, routine_id=app.library.routines[0].id)
    title = app.library.routines[0].routine.title
    messages: list[tuple[str, str]] = []
    tray = app.reminders.tray
    tray.show_message = lambda heading, text: messages.append((heading, text))
    ReminderNotifier(None, tray, lambda _text: None).show(reminder, title)
    in_window: list[str] = []
    ReminderNotifier(None, None, in_window.append).show(reminder, title)
    app.settings.update(break_reminders=True)
    app.window.close()  # to the tray: the first time, a message says it is still running
    assert len(messages) == 2 and len(in_window) == 1
    texts = [("tray message", text) for pair in messages for text in pair]
    texts.append(("notice", in_window[0]))
    assert escaped_texts(texts) == []


def test_what_the_routine_and_history_actions_say_is_translated(app, tmp_path):
    actions = app.routine_actions
    said: list[tuple[str, str]] = []
    actions.message.connect(lambda text: said.append(("message", text)))
    actions.confirm = lambda title, text: not said.extend([("asked", title), ("asked", text)])
    actions.show_error = lambda title, text: said.extend([("error", title), ("error", text)])
    actions.choose_deleted = lambda lines: said.extend(("choice", ln) for ln in lines) or 0
    app.window.picker.select("breath-box")
    shared = tmp_path / "shared.json"
    actions.export(shared)
    assert actions.import_routine(shared) == "breath-box-imported"  # its id was taken
    actions.delete()
    actions.restore_deleted()
    actions.restore_deleted()  # nothing left to restore
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    actions.import_routine(bad)
    assert [kind for kind, _text in said].count("message") == 4
    assert {"asked", "choice", "error"} <= {kind for kind, _text in said}
    assert escaped_texts(said) == []

    seed_history(app)
    app.history_menu.actions()[0].trigger()
    panel = app.history_panel
    panel.export_csv(tmp_path / "history.csv")
    assert escaped(panel) == [], "exported"
    panel.export_json(tmp_path / "missing" / "history.json")
    assert escaped(panel) == [], "not exported"
    panel.table.selectRow(0)
    panel.delete_selected()
    assert escaped_texts(menu_texts([app.history_menu])) == []  # "Undo delete 1 session"


def test_the_routine_editor_and_the_patterns_dialog_are_translated(app, qtbot):
    from hipcoach.core.routine_store import CustomRoutineStore
    from hipcoach.ui.editor.routine_editor import RoutineEditor

    data = paths.data_dir()
    store = CustomRoutineStore(
        data / "routines", data / "patterns.json", assets_dir=paths.assets_dir()
    )
    editor = RoutineEditor(app.library, store, app.library.get("desk-sitter-psoas"))
    editor.confirm_discard = lambda: True  # a built-in opens as an unsaved copy
    qtbot.addWidget(editor)
    editor.show()
    for row in range(editor.steps_list.count()):  # breathing, poses, transitions, rest
        editor.steps_list.setCurrentRow(row)
        assert escaped(editor) == [], f"step {row + 1}"
    dialog = app.routine_actions.edit_patterns()
    assert escaped(dialog) == []
    dialog.close()


def test_a_search_that_finds_nothing_says_so_in_the_language_shown(app):
    app.window.picker.search.setText("zzzz")
    assert app.window.picker.empty_label.isVisible()
    assert escaped(app.window.picker) == []


# -- the command line ------------------------------------------------------------------

#: What the command line prints as typed: commands, options, their values, file formats.
TYPED = re.compile(
    r"--?[\w-]+|\b[A-Z]{2,}\b|\{csv,json\}|\b(?:routines|validate|history|export|csv|json)\b"
    r"|\binstall-desktop-entry\b|\buninstall-desktop-entry\b|\$[\w.\[\]]*"
)


def command_line_escapes(capsys, *argv: str) -> list[str]:
    from hipcoach import cli

    with contextlib.suppress(SystemExit):  # --help and usage errors exit
        cli.main(["--lang", i18n.PSEUDO, *argv])
    captured = capsys.readouterr()
    text = TYPED.sub("", _cleaned(captured.out + captured.err))
    return [line for line in text.splitlines() if untranslated(line)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["routines", "--help"],
        ["validate", "--help"],
        ["history", "--help"],
        ["history", "export", "--help"],
        ["install-desktop-entry", "--help"],
        ["uninstall-desktop-entry", "--help"],
        ["no-such-command"],
    ],
)
def test_command_line_help_and_errors_are_translated(capsys, argv):
    assert command_line_escapes(capsys, *argv) == []


def test_command_line_output_is_translated(capsys, tmp_path):
    from hipcoach.core.routines import load_library

    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    good = paths.assets_dir() / "routines" / "breath-box.json"
    assert load_library(paths.assets_dir()).get("breath-box") is not None
    assert command_line_escapes(capsys, "routines") == []
    assert command_line_escapes(capsys, "validate", str(good)) == []
    assert command_line_escapes(capsys, "validate", str(bad)) == []
    assert command_line_escapes(capsys, "history", "export", "-o", str(tmp_path / "h.csv")) == []
    missing = tmp_path / "missing" / "h.csv"
    assert command_line_escapes(capsys, "history", "export", "-o", str(missing)) == []
