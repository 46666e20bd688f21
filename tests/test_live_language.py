"""The language chosen in Settings shows at once: every word changes, nothing else does."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from hipcoach import i18n, paths
from hipcoach.app import Application
from hipcoach.core.clock import FakeClock
from hipcoach.core.session import State
from test_ui_fixtures import advance as played
from test_ui_fixtures import quiet_services
from ui_text_walk import calendar_words, menu_texts, shown_texts, untranslated

# The offscreen platform has no tray (the tests show one there anyway) and cannot raise
# a window.
pytestmark = pytest.mark.qt_log_ignore(
    "QObject::connect: No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    "This plugin does not support raise",
)

#: Times with unit symbols every language reads alike ("12 min", "40 s").
_TIME = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:min|h|s)\b")
#: Keys printed the same on every keyboard.
_KEY_CAPS = re.compile(r"\((?:Esc|F\d+)\)")


class FakeAutostart:
    location = "autostart/hipcoach.desktop"

    def enabled(self):
        return False

    def enable(self):
        pass

    def disable(self):
        pass


@pytest.fixture
def built(qtbot):
    clock = FakeClock()
    app = Application(
        quiet_services(clock=clock, autostart=FakeAutostart(), tray=True, quiet=lambda: False)
    )
    app.finish_startup()
    app.settings.update(safety_acknowledged=True)
    qtbot.addWidget(app.window)
    app.window.resize(1366, 768)
    app.window.show()
    yield app, clock
    app.reminders.controller.stop()
    app.reminders.tray.hide()
    app.shutdown()


def advance(app, clock, seconds):
    played(app, clock, seconds, step=0.5)


def choose_in_settings(app, qtbot, code):
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData(code))
    dialog.close()


def menus(window):
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


def everything_shown(app) -> list[tuple[str, str]]:
    """The window's words: its views, its menus and the routine list's entries."""
    window = app.window
    shown = [(str(s), s.text) for s in shown_texts(window)]
    shown += list(menu_texts(menus(window)))
    shown += [
        ("routine", window.picker.list.item(i).text()) for i in range(window.picker.list.count())
    ]
    return shown


def english_left(app) -> list[str]:
    """In the pseudo-language: every word shown that did not change.

    Day and month names come from Qt's locale data, which the pseudo-language leaves as
    the system's, so they are set aside.
    """
    # The history keeps each session's title as it was shown then; ids stay as written.
    recorded = {s.routine_title for s in app.history.sessions}
    recorded |= {s.routine_id for s in app.history.sessions}
    left = []
    for where, text in everything_shown(app):
        text = _KEY_CAPS.sub("", _TIME.sub("", calendar_words().sub("", text)))
        for words in sorted(recorded, key=len, reverse=True):
            text = re.sub(rf"\b{re.escape(words)}\b", "", text)
        if untranslated(text):
            left.append(f"{where}: {text!r}")
    return left


def test_choosing_spanish_in_settings_rewords_the_window_at_once(built, qtbot):
    app, _clock = built
    window = app.window
    choose_in_settings(app, qtbot, "es")
    assert i18n.language() == "es"
    assert window.file_menu.title() == "&Archivo"
    assert window.help_menu.title() == "Ay&uda"
    assert window.picker.start_button.text() == "Empezar"
    titles = [window.picker.list.item(i).text() for i in range(window.picker.list.count())]
    assert any(t.startswith("Respiración cuadrada") for t in titles)
    # Qt's own words and the numbers follow too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    assert QLocale().language() == QLocale.Language.Spanish
    # Saved for the next start as well.
    assert json.loads(paths.settings_file().read_text())["language"] == "es"


def test_in_the_pseudo_language_no_word_of_any_view_stays_as_it_was(built):
    app, clock = built
    window = app.window
    window.picker.select("breath-box")

    def switched() -> list[str]:
        app.settings.update(language=i18n.PSEUDO)
        left = english_left(app)
        app.settings.update(language="en")
        return left

    assert switched() == []  # the routine list
    window.start_routine(window.picker.current())
    advance(app, clock, 5 + 20)
    assert switched() == []  # a session under way
    window.driver.toggle()
    assert switched() == []  # paused
    window.escape()
    assert window.stack.currentWidget() is window.end_view
    assert switched() == []  # the end screen
    window.findChild(type(app.history_menu.actions()[0]), "show_page_historyPanel").trigger()
    assert window.stack.currentWidget().objectName() == "page_historyPanel"
    assert switched() == []  # the history


def test_a_session_running_when_the_language_changes_goes_on_on_the_same_clock(built, qtbot):
    app, clock = built
    window = app.window
    window.picker.select("breath-box")
    session = window.start_routine(window.picker.current())
    advance(app, clock, 5 + 20)
    position, practised = session.position, session.practised_seconds
    english_title = session.timeline.routine.title
    english_pose = window.player.pose_label.text()

    choose_in_settings(app, qtbot, "es")

    assert app.driver.session is session and session.state is State.RUNNING
    assert session.position == position and session.practised_seconds == practised
    assert window.stack.currentWidget() is window.player
    assert window.player.pose_label.text() != english_pose
    assert window.player.phase_word.text() in ("Inhala", "Retén", "Exhala")
    advance(app, clock, session.timeline.total - position + 1)
    assert session.state is State.FINISHED
    (record,) = app.history.sessions
    # The history keeps the title as it was shown when the session began.
    assert record.routine_title == english_title != session.timeline.routine.title
    assert record.practised_seconds == pytest.approx(session.timeline.total, abs=0.5)


def test_the_tray_menu_and_its_tooltip_follow_the_language(built, qtbot):
    app, _clock = built
    tray = app.reminders.tray
    choose_in_settings(app, qtbot, "es")
    entries = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert "Empezar «Pausa de dos minutos (silla)» ahora" in entries
    assert not [entry for entry in entries if entry.startswith("Start")]
    assert tray.icon.toolTip().splitlines()[1] == app.reminders.controller.next_text()
    assert app.reminders.controller.next_text() != "No reminder planned"


def test_back_to_english_every_word_is_as_it_was(built, qtbot, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")  # the desktop speaks English here
    app, clock = built
    window = app.window
    window.picker.select("breath-box")
    before_list = everything_shown(app)
    window.start_routine(window.picker.current())
    advance(app, clock, 5 + 3)
    before_session = everything_shown(app)

    choose_in_settings(app, qtbot, "es")
    assert everything_shown(app) != before_session
    choose_in_settings(app, qtbot, "system")

    assert i18n.language() == "en"
    assert everything_shown(app) == before_session
    window.driver.stop()
    window.show_picker()
    assert everything_shown(app) == before_list


def test_the_choice_the_search_the_view_and_the_place_all_stay(built, qtbot):
    app, _clock = built
    window = app.window
    picker = window.picker
    picker.search.setText("box")
    picker.select("breath-box-gentle")
    found = picker.visible_ids()
    geometry = window.geometry()
    choose_in_settings(app, qtbot, "es")
    assert picker.search.text() == "box"
    assert picker.current().id == "breath-box-gentle"
    assert picker.visible_ids() == found and "breath-box" in found
    assert window.stack.currentWidget() is picker
    assert window.geometry() == geometry
    assert [
        w
        for w in QCoreApplication.instance().topLevelWidgets()
        if w.isVisible() and w.isWindow() and w.objectName() == "main_window"
    ] == [window]


def test_a_choice_made_in_settings_wins_over_lang_for_the_rest_of_the_run(qtbot, data_dir):
    i18n.request_language("es")
    app = Application(quiet_services(tray=False, autostart=FakeAutostart(), quiet=lambda: False))
    qtbot.addWidget(app.window)
    app.finish_startup()
    assert app.window.file_menu.title() == "&Archivo"
    choose_in_settings(app, qtbot, "en")
    assert app.window.file_menu.title() == "&File"
    assert app.settings.settings.language == "en"
    app.reminders.controller.stop()
    app.shutdown()


def test_the_settings_dialog_itself_comes_back_in_the_new_language_where_it_was(built, qtbot):
    app, _clock = built
    dialog = app.open_settings()
    qtbot.addWidget(dialog)
    geometry = dialog.geometry()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    qtbot.waitUntil(lambda: app.settings_dialog is not dialog)
    again = app.settings_dialog
    qtbot.addWidget(again)
    assert again.isVisible() and not dialog.isVisible()
    assert again.windowTitle() == "Ajustes"
    assert again.language.currentData() == "es"
    assert again.geometry() == geometry


def test_the_keys_sheet_stays_open_in_the_new_words_and_still_resumes_when_closed(built):
    app, clock = built
    window = app.window
    window.picker.select("breath-box")
    window.start_routine(window.picker.current())
    advance(app, clock, 5 + 4)
    window.toggle_help()  # pauses the session while the sheet is open
    assert app.driver.snapshot.state is State.PAUSED
    english = window.help_overlay.text.text()
    app.settings.update(language="es")
    assert window.help_overlay.isVisible()
    assert window.help_overlay.text.text() != english
    assert app.driver.snapshot.state is State.PAUSED
    window.toggle_help()
    assert app.driver.snapshot.state is State.RUNNING


def test_a_reminder_offered_after_the_switch_is_worded_in_the_new_language(qtbot, data_dir):
    from datetime import UTC, datetime

    from test_reminders_app import FakeIdle, keep_typing, write_settings
    from test_reminders_app import build as build_with_reminders

    clock = FakeClock(wall=datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    write_settings(data_dir, break_reminders=True, break_every_minutes=1)
    app = build_with_reminders(qtbot, clock, FakeIdle())  # no notification service, no tray
    english = app.library.get("two-minute-reset").routine.title
    app.settings.update(language="es")
    app.reminders.controller.tick()
    assert len(keep_typing(app, clock, 70)) == 1
    (said,) = [text for text in app.window.notices.notices() if "pausa activa" in text]
    spanish = app.library.get("two-minute-reset").routine.title
    assert spanish != english and spanish in said
    app.reminders.controller.stop()
