"""The history's table, chart and check-in, and the spoken part names, pass through
the translation system; their dates come from Qt's locale data, in the chosen language."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from hipcoach.core.history_format import CheckIn, SleepPause
from hipcoach.core.settings import Settings
from hipcoach.core.settings_model import SettingsModel
from hipcoach.platform.sound import RecordingSoundSink
from hipcoach.ui.checkin_dialog import CheckInDialog
from hipcoach.ui.cue_player import CuePlayer
from hipcoach.ui.history_chart import DailyMinutesChart, day_label
from hipcoach.ui.history_model import CHECKIN, DATE, RESULT, TIME, HistoryTableModel
from hipcoach.ui.language import apply_language
from hipcoach.ui.screen_keeper import ScreenKeeper
from history_crash_child import make_session
from routine_factory import driver, timeline

# The offscreen platform says this whenever a top-level widget with a layout is shown,
# and cannot raise a tooltip's window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints", r"This plugin does not support raise"
)

LONDON = ZoneInfo("Europe/London")
SUNDAY = datetime(2024, 3, 31, 9, 5, tzinfo=LONDON)
LIZARD = {"kind": "pose", "pose": "lizard", "seconds": 4, "pattern": "natural", "switch_seconds": 2}


def pseudo_accented(text: str) -> bool:
    """Whether ``text`` went through the pseudo-language (which brackets every message)."""
    return text.startswith("⟦") and text.endswith("⟧")


def a_row() -> HistoryTableModel:
    model = HistoryTableModel(LONDON)
    model.set_sessions(
        [
            make_session(
                SUNDAY,
                completed=False,
                checkin_before=CheckIn(4, 2, "sore"),
                checkin_after=CheckIn(2, 4),
                sleep_pauses=(SleepPause(SUNDAY + timedelta(minutes=2), 60.0),),
            )
        ]
    )
    return model


def cell(model, col, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(0, col), role)


def chart_with_one_day(qtbot) -> DailyMinutesChart:
    chart = DailyMinutesChart()
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    chart.set_days(
        tuple((SUNDAY.date() - timedelta(days=6 - i), 0.0 if i < 6 else 20.0) for i in range(7))
    )
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def hover_last_bar(chart: DailyMinutesChart) -> str:
    rect = chart._plot_rect()
    where = QPoint(int(rect.right() - 1), int(rect.center().y()))
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, where, chart.mapToGlobal(where)))
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_history_table_headers_and_row_texts_are_translated(qtbot):
    apply_language("pseudo")
    model = a_row()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers and all(pseudo_accented(h) for h in headers)
    assert pseudo_accented(cell(model, DATE))
    assert pseudo_accented(cell(model, RESULT))
    assert pseudo_accented(cell(model, CHECKIN))
    for col in (DATE, TIME, CHECKIN):
        assert pseudo_accented(cell(model, col, Qt.ItemDataRole.ToolTipRole)), col


def test_history_chart_words_are_translated(qtbot):
    apply_language("pseudo")
    chart = chart_with_one_day(qtbot)
    assert pseudo_accented(chart.accessibleName())
    assert pseudo_accented(chart.accessibleDescription())
    assert pseudo_accented(hover_last_bar(chart))


def test_checkin_dialog_words_are_translated(qtbot):
    apply_language("pseudo")
    dialog = CheckInDialog("before")
    qtbot.addWidget(dialog)
    texts = [dialog.windowTitle(), dialog.note.placeholderText(), dialog.note.accessibleName()]
    texts += [dialog.dont_ask.text(), dialog.dont_ask.toolTip()]
    texts += [dialog.skip_button.text(), dialog.save_button.text(), dialog.save_button.toolTip()]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    texts += [b.accessibleName() for b in dialog.tightness.buttons + dialog.calm.buttons]
    assert len(texts) > 20
    assert [t for t in texts if not pseudo_accented(t)] == []


class FakeSpeech:
    available = True

    def __init__(self):
        self.said: list[str] = []

    def say(self, text):
        self.said.append(text)

    def set_volume(self, volume):
        pass

    def set_muted(self, muted):
        pass


def test_spoken_part_names_are_translated():
    apply_language("pseudo")
    speech = FakeSpeech()
    settings = SettingsModel(Settings(voice_enabled=True), lambda _settings: None)
    player = CuePlayer(RecordingSoundSink(), speech, settings)
    drv, clock, _waker = driver()
    drv.subscribe(player.session_changed)
    drv.start(timeline(LIZARD), get_ready_seconds=0)
    for _ in range(40):
        clock.advance(0.25)
        drv.update()
    assert len(speech.said) == 3
    assert [s for s in speech.said if not pseudo_accented(s)] == []
    # The default side names and the switch come from the program, translated too.
    assert "léft sîdé" in speech.said[0]
    assert speech.said[1] == "⟦Swîtçh sîdés·····⟧"


def test_screen_keeper_reason_is_translated():
    apply_language("pseudo")
    reasons = []

    class Awake:
        failure_reason = ""

        def inhibit(self, reason):
            reasons.append(reason)
            return True

        def release(self):
            pass

    keeper = ScreenKeeper(Awake())
    drv, clock, _waker = driver()
    drv.subscribe(keeper.session_changed)
    drv.start(timeline(LIZARD), get_ready_seconds=0)
    clock.advance(0.25)
    drv.update()
    assert len(reasons) == 1 and pseudo_accented(reasons[0])


def test_history_table_dates_are_in_spanish(qtbot):
    apply_language("es")
    model = a_row()
    assert cell(model, DATE) == "dom 31 mar 2024, 09:05"


def test_history_chart_days_and_months_are_in_spanish(qtbot):
    apply_language("es")
    assert day_label(date(2024, 9, 25)) == "25 sept"
    chart = chart_with_one_day(qtbot)
    assert hover_last_bar(chart).startswith("dom 31 mar")


def test_english_dates_stay_as_they_were(qtbot):
    apply_language("en")
    assert cell(a_row(), DATE) == "Sun 31 Mar 2024, 09:05"
    assert day_label(date(2024, 9, 25)) == "25 Sep"
