"""The language comes from --lang, then the setting, then the desktop, and reaches Qt too."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication

from hipcoach import cli, i18n
from hipcoach.app import Application
from test_ui_fixtures import quiet_services


def build(qtbot) -> Application:
    app = Application(quiet_services())
    qtbot.addWidget(app.window)
    return app


def qt_cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def write_settings(data_dir, **values) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(json.dumps(values))


def test_the_language_setting_is_used_at_start(qtbot, data_dir):
    write_settings(data_dir, language="es")
    build(qtbot)
    assert i18n.language() == "es"
    assert qt_cancel() == "Cancelar"


def test_the_desktops_language_is_used_when_the_setting_follows_it(qtbot, monkeypatch):
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    build(qtbot)
    assert i18n.language() == "es"


def test_lang_on_the_command_line_wins_over_the_setting(qtbot, data_dir):
    write_settings(data_dir, language="es")
    i18n.request_language("en")
    build(qtbot)
    assert i18n.language() == "en"
    assert qt_cancel() == "Cancel"


def test_a_language_this_version_lacks_means_the_desktops(qtbot, data_dir):
    write_settings(data_dir, language="tlh")
    app = build(qtbot)
    assert i18n.language() == "en"
    # The setting is kept as written: a newer version may know that language.
    assert app.settings.settings.language == "tlh"


@pytest.mark.parametrize(("argv", "expected"), [(["--lang", "es"], "es"), ([], "en")])
def test_commands_follow_lang(capsys, argv, expected):
    assert cli.main([*argv, "routines"]) == 0
    assert i18n.language() == expected
