"""Switching to dark leaves nothing light behind: notices and labels follow the scheme."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from hipcoach.core.history import HistoryStore
from hipcoach.core.settings import Settings
from hipcoach.ui.history_panel import HistoryPanel
from hipcoach.ui.palette import DARK, LIGHT, qt_palette
from hipcoach.ui.settings_dialog import SettingsDialog
from history_crash_child import make_session


def contrast(window: QWidget, label: QWidget) -> int:
    """How far the label's ink is from the background it is drawn on, as painted."""
    image = window.grab(label.geometry().translated(label.parentWidget().mapTo(window, QPoint())))
    image = image.toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = QColor(image.pixel(0, 0)).lightness()
    return max(
        abs(QColor(image.pixel(x, y)).lightness() - background)
        for x in range(image.width())
        for y in range(image.height())
    )


def middle_colour(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return QColor(image.pixel(image.width() - 8, image.height() // 2))


def test_the_export_notice_is_dark_after_a_switch_to_dark(qtbot, data_dir, tmp_path, monkeypatch):
    QApplication.setPalette(qt_palette(LIGHT))
    store = HistoryStore(data_dir / "history.json")
    store.load()
    store.add(make_session(minutes=5))
    panel = HistoryPanel(store)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    QApplication.setPalette(qt_palette(DARK))
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.export_csv_action.trigger()
    QApplication.processEvents()  # the scheme's change reaches the widgets as events
    assert panel.notice.isVisible()
    # The box behind the words: the dark surface, not the white of a copied light palette.
    assert middle_colour(panel.notice).lightness() < 80


def test_the_export_notice_is_gone_when_the_panel_opens_again(
    qtbot, data_dir, tmp_path, monkeypatch
):
    store = HistoryStore(data_dir / "history.json")
    store.load()
    store.add(make_session(minutes=5))
    panel = HistoryPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "out.json"), "")
    )
    panel.export_json_action.trigger()
    assert panel.notice.text().startswith("Exported 1 session to")
    panel.hide()
    panel.show()
    assert not panel.notice.isVisible()


def test_a_problem_notice_stays_when_the_panel_opens_again(qtbot, data_dir):
    from hipcoach.core.history_problems import HistoryProblem, ProblemKind

    store = HistoryStore(data_dir / "history.json")
    store.load()
    panel = HistoryPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    problem = HistoryProblem(
        ProblemKind.MOVED_ASIDE,
        {"name": "history.json", "reason": "not JSON", "moved_to": "history.corrupt-1.json"},
    )
    panel.show_problems([problem])
    panel.hide()
    panel.show()
    assert panel.notice.isVisible()


def test_settings_reasons_stay_readable_after_a_live_switch_to_dark(qtbot):
    QApplication.setPalette(qt_palette(LIGHT))
    dialog = SettingsDialog(
        Settings(), sound_available=False, sound_reason="Sound is unavailable: no device"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.setPalette(qt_palette(DARK))
    QApplication.processEvents()
    # Light words on the dark background, not the light scheme's near-black.
    assert contrast(dialog, dialog.sound_reason) > 120
