"""From launch, one key press starts: no dialog, and the pacer moves within the countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hipcoach.app import Application, Services
from hipcoach.core.clock import FakeClock
from hipcoach.core.session import State
from hipcoach.core.timeline import PhaseKind
from hipcoach.platform.sound import RecordingSoundSink
from hipcoach.platform.speech import Speech
from hipcoach.ui import session_text


def launch(qtbot):
    clock = FakeClock()
    app = Application(Services(clock=clock, sound=RecordingSoundSink(), speech=Speech(None, "")))
    app.settings.update(safety_acknowledged=True)  # test_safety_gate.py covers the first time
    # After the test: quit as hipcoach does, then close the window.
    qtbot.addWidget(app.window, before_close_func=lambda _window: app.shutdown())
    app.window.show()
    qtbot.waitExposed(app.window)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app, clock


def test_one_key_press_from_launch_brings_a_moving_pacer_within_the_countdown(qtbot):
    app, clock = launch(qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert app.driver.snapshot.state is State.GET_READY  # no question in the way
    pacer = app.window.player.pacer
    QApplication.processEvents()
    before = pacer.grab().toImage()
    clock.advance(0.4)
    app.driver.update()
    QApplication.processEvents()
    assert pacer.grab().toImage() != before
    assert app.driver.snapshot.state is State.GET_READY


def test_the_routine_list_says_that_space_starts(qtbot):
    app, _clock = launch(qtbot)
    hint = app.window.picker.space_hint
    assert hint.isVisible() and "Space starts" in hint.text()


def test_a_part_without_paced_breathing_says_breathe_at_your_own_pace(qtbot):
    app, clock = launch(qtbot)
    app.window.picker.select("desk-sitter-psoas")
    app.window.space()
    for _ in range(200):
        clock.advance(0.1)
        snap = app.driver.update()
        if snap.state is State.RUNNING and snap.moment.phase.kind is PhaseKind.NATURAL:
            break
    else:
        raise AssertionError("no part without paced breathing in the first 20 s")
    player = app.window.player
    assert player.status_label.text() == "Breathe at your own pace."
    seconds, ring = player.seconds_label.text(), player.pacer.ring_progress()
    clock.advance(2.0)
    app.driver.update()
    assert player.seconds_label.text() != seconds  # the seconds count down
    assert player.pacer.ring_progress() > ring  # and the ring fills
    assert session_text.status_text(app.driver.session, app.driver.snapshot).startswith("Breathe")
