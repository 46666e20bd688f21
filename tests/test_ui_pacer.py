"""The pacer's drawing itself: render it and measure the disc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from hipcoach.core.timeline import PhaseKind, compile_timeline
from hipcoach.ui.pacer import MIN_RADIUS, BreathPacer, breath_extent, ease
from hipcoach.ui.palette import DARK, LIGHT
from test_ui_fixtures import HIP_FLOW, POSES

SIZE = 400
OUTER = SIZE / 2 - 10  # the pacer's largest disc, as painted

# Settle: inhale 0..4, hold 4..6, exhale 6..12 (then again 12..24).
TIMELINE = compile_timeline(HIP_FLOW, POSES)


def render(pacer: BreathPacer) -> QImage:
    return pacer.grab().toImage()


def close_to(c: QColor, target: QColor, tolerance: int = 40) -> bool:
    return (
        abs(c.red() - target.red())
        + abs(c.green() - target.green())
        + abs(c.blue() - target.blue())
        < tolerance
    )


def row_extent(image: QImage, colour: QColor) -> int:
    """Coloured pixels along the middle row, in logical pixels."""
    y = image.height() // 2
    count = sum(1 for x in range(image.width()) if close_to(image.pixelColor(x, y), colour))
    return round(count / image.devicePixelRatio())


def column_extent(image: QImage, colour: QColor) -> int:
    x = image.width() // 2
    count = sum(1 for y in range(image.height()) if close_to(image.pixelColor(x, y), colour))
    return round(count / image.devicePixelRatio())


@pytest.fixture
def pacer(qtbot):
    widget = BreathPacer()
    qtbot.addWidget(widget)
    widget.set_colours(LIGHT)
    widget.resize(SIZE, SIZE)
    return widget


def diameter_at(pacer: BreathPacer, t: float) -> int:
    moment = TIMELINE.at(t)
    pacer.show_moment(moment)
    return row_extent(render(pacer), LIGHT.phase(moment.phase.kind))


#: The ring's width; a full breath stops two ring widths short of it.
RING = max(4.0, OUTER * 0.035)
FULLEST = OUTER - 2 * RING


def expected(extent: float) -> float:
    return 2 * FULLEST * (MIN_RADIUS + (1 - MIN_RADIUS) * extent)


def test_on_a_hold_the_disc_leaves_the_progress_ring_in_sight(pacer):
    moment = TIMELINE.at(4.8)  # well into the hold: the ring is drawn past the middle row
    assert moment.phase.kind is PhaseKind.HOLD_IN
    pacer.show_moment(moment)
    image = render(pacer)
    # Along the middle row, the hold colour is broken by the background between disc
    # and ring: the disc does not cover the ring.
    y = image.height() // 2
    hold = [close_to(image.pixelColor(x, y), LIGHT.hold) for x in range(image.width())]
    runs = sum(1 for a, b in zip([False, *hold], hold, strict=False) if b and not a)
    assert runs >= 2


def test_the_disc_grows_on_the_inhale_rests_on_the_hold_and_shrinks_on_the_exhale(pacer):
    start = diameter_at(pacer, 0.0)
    mid_inhale = diameter_at(pacer, 2.0)
    end_inhale = diameter_at(pacer, 3.99)
    hold = diameter_at(pacer, 4.3)
    mid_exhale = diameter_at(pacer, 9.0)
    assert start == pytest.approx(expected(0.0), abs=3)
    assert mid_inhale == pytest.approx(expected(0.5), abs=3)
    assert end_inhale == pytest.approx(expected(1.0), abs=3)
    assert hold == pytest.approx(end_inhale, abs=2)
    assert mid_exhale == pytest.approx(mid_inhale, abs=3)
    assert start < mid_inhale < end_inhale


def test_the_hold_does_not_move(pacer):
    # (Late in the hold the progress ring crosses the middle row, so compare early on.)
    assert diameter_at(pacer, 4.05) == pytest.approx(diameter_at(pacer, 4.45), abs=1)


def test_each_phase_has_its_own_colour(pacer):
    for t, kind in ((1.0, PhaseKind.INHALE), (5.0, PhaseKind.HOLD_IN), (8.0, PhaseKind.EXHALE)):
        moment = TIMELINE.at(t)
        assert moment.phase.kind is kind
        pacer.show_moment(moment)
        assert row_extent(render(pacer), LIGHT.phase(kind)) > 50
    colours = {LIGHT.inhale.name(), LIGHT.hold.name(), LIGHT.exhale.name(), LIGHT.rest.name()}
    assert len(colours) == 4


def test_breath_eases_in_and_out():
    assert ease(0.0) == 0.0 and ease(1.0) == 1.0
    assert ease(0.1) < 0.1 and ease(0.9) > 0.9
    assert ease(0.5) == pytest.approx(0.5)


def test_unpaced_parts_show_a_still_disc():
    rest = TIMELINE.at(TIMELINE.total - 5)
    assert rest.phase.kind is PhaseKind.REST
    assert breath_extent(rest) == breath_extent(TIMELINE.at(TIMELINE.total - 1))


def test_reduced_motion_keeps_the_shape_and_fills_it(pacer):
    pacer.set_reduced_motion(True)
    widths, heights = [], []
    for t in (0.5, 2.0, 3.9):
        moment = TIMELINE.at(t)
        pacer.show_moment(moment)
        image = render(pacer)
        widths.append(row_extent(image, LIGHT.inhale))
        heights.append(column_extent(image, LIGHT.inhale))
    assert heights[0] < heights[1] < heights[2]
    # The circle's outline never changes; only the level inside it rises.
    assert heights[2] == pytest.approx(2 * OUTER * 0.92, abs=6)


def test_paused_dims_the_disc_and_shows_a_pause_mark(pacer):
    moment = TIMELINE.at(2.0)
    pacer.show_moment(moment, paused=True)
    image = render(pacer)
    assert row_extent(image, LIGHT.inhale) < 10  # dimmed, not the full colour
    centre = image.pixelColor(image.width() // 2 - 20, image.height() // 2)
    assert close_to(centre, LIGHT.text)


def test_show_moment_repaints_only_when_the_picture_changes(pacer, qtbot):
    pacer.show()
    qtbot.waitExposed(pacer)
    moment = TIMELINE.at(5.0)
    pacer.show_moment(moment)
    qtbot.waitUntil(lambda: pacer.paints > 0)
    before = pacer.paints
    for _ in range(5):
        pacer.show_moment(moment)
        # Deliver any update request at once, so each call would show as its own paint.
        QApplication.processEvents()
    assert pacer.paints <= before + 1


def test_dark_scheme_paints_a_dark_background(pacer):
    pacer.set_colours(DARK)
    pacer.show_moment(TIMELINE.at(0.0))
    image = render(pacer)
    assert close_to(image.pixelColor(2, 2), DARK.background)


class PaintRects(QObject):
    """Records the rectangle of every paint event the pacer gets."""

    def __init__(self):
        super().__init__()
        self.rects: list = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False


def test_a_moving_disc_repaints_only_its_square_and_leaves_no_trace(pacer, qtbot):
    pacer.show()
    qtbot.waitExposed(pacer)
    pacer.show_moment(TIMELINE.at(6.5))  # exhale: the disc is large, then shrinks
    QApplication.processEvents()
    rects = PaintRects()
    pacer.installEventFilter(rects)
    pacer.show_moment(TIMELINE.at(9.0))
    QApplication.processEvents()
    assert rects.rects, "the shrinking disc was not repainted"
    area = rects.rects[-1]
    # The old, larger disc's square: less than the widget, but all of the old disc.
    assert area.width() < SIZE and area.height() < SIZE
    assert area.width() >= expected(breath_extent(TIMELINE.at(6.5))) - 1
    # What is on screen is what a full repaint draws: no rim of the old disc left behind.
    on_screen = pacer.screen().grabWindow(pacer.winId()).toImage()
    assert row_extent(on_screen, LIGHT.exhale) == row_extent(render(pacer), LIGHT.exhale)
