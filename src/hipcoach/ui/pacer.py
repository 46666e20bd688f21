"""The breathing pacer: a disc that grows on the inhale, rests on holds, shrinks on the exhale.

It paints only from the state last given to ``show_moment`` and owns no timer:
the player reads the session at the current clock reading and hands the moment
over, so a late frame shows the right size, never a stale step of an animation.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.core.timeline import Moment, PhaseKind
from hipcoach.i18n import _
from hipcoach.ui.palette import LIGHT, Palette

#: The smallest disc, as a share of the largest: empty lungs are not nothing.
MIN_RADIUS = 0.3
#: How full the inhale gets before a top-up inhale takes it to the brim.
TOP_UP_FROM = 0.8
#: Unpaced phases (natural breathing, rest, switching sides) show a calm, steady disc.
RESTING_EXTENT = 0.45


def ease(p: float) -> float:
    """Sine ease-in-out: slow to start, quickest mid-breath, slow to finish."""
    p = min(1.0, max(0.0, p))
    return 0.5 - 0.5 * math.cos(math.pi * p)


def breath_extent(moment: Moment | None) -> float:
    """How full the breath is at ``moment``: 0 empty, 1 full."""
    if moment is None:
        return 0.0
    kind, p = moment.phase.kind, moment.progress
    pattern = moment.segment.pattern
    if kind is PhaseKind.INHALE:
        top = TOP_UP_FROM if pattern is not None and pattern.top_up > 0 else 1.0
        return top * ease(p)
    if kind is PhaseKind.TOP_UP:
        return TOP_UP_FROM + (1.0 - TOP_UP_FROM) * ease(p)
    if kind is PhaseKind.HOLD_IN:
        return 1.0
    if kind is PhaseKind.EXHALE:
        return 1.0 - ease(p)
    if kind is PhaseKind.HOLD_OUT:
        return 0.0
    return RESTING_EXTENT


class BreathPacer(QWidget):
    """One moment of the breath. Call ``show_moment`` each frame; it repaints only on change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.setAccessibleName(_("Breathing pacer"))
        self._palette = LIGHT
        self._reduced = False
        self._kind: PhaseKind | None = None
        self._extent = 0.0
        self._arc = 0.0  # progress shown on the ring: holds, rests, get-ready
        self._paused = False
        self._key: tuple | None = None
        self._backdrop: QPixmap | None = None  # background and track, drawn once per size
        self._backdrop_key: tuple | None = None
        self.paints = 0  # paint events so far (for benchmarks)
        self._set_pens()

    # -- state in ------------------------------------------------------------------

    def show_moment(
        self, moment: Moment | None, *, countdown: float = 0.0, paused: bool = False
    ) -> None:
        """Show ``moment`` (``None`` for nothing yet); ``countdown`` > 0 means getting ready."""
        if moment is None or countdown > 0:
            kind, extent = None, 0.0
            arc = (countdown % 1.0) if countdown > 0 else 0.0
        else:
            kind, extent = moment.phase.kind, breath_extent(moment)
            arc = (
                0.0
                if kind in (PhaseKind.INHALE, PhaseKind.TOP_UP, PhaseKind.EXHALE)
                else (moment.progress)
            )
        self._kind, self._extent, self._arc, self._paused = kind, extent, arc, paused
        # Quantised to what a screen can show, so an unchanged frame costs no repaint.
        key = (kind, round(extent * 2000), round(arc * 720), paused, self._reduced)
        if key == self._key:
            return
        before, self._key = self._key, key
        if before is not None and before[2:] == key[2:] and not self._reduced and arc == 0:
            # Only the disc changed: repaint the square around the larger of its old and new
            # sizes, not the whole pacer (fewer pixels painted and sent to the screen).
            self.update(self._disc_box(max(before[1], key[1]) / 2000))
        else:
            self.update()

    def set_reduced_motion(self, reduced: bool) -> None:
        """Reduced motion: a fixed circle that slowly fills and empties instead of growing."""
        if reduced != self._reduced:
            self._reduced = reduced
            self._key = None
            self.update()

    def reduced_motion(self) -> bool:
        return self._reduced

    def set_colours(self, palette: Palette) -> None:
        self._palette = palette
        self._set_pens()
        self.update()

    def extent(self) -> float:
        """How full the breath shown is, 0..1."""
        return self._extent

    def ring_progress(self) -> float:
        """How far round the ring is drawn, 0..1 (holds, unpaced parts, the countdown)."""
        return self._arc

    def phase_kind(self) -> PhaseKind | None:
        return self._kind

    # -- painting ------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def _set_pens(self) -> None:
        p = self._palette
        self._background = p.background
        self._track_pen = QPen(p.track, 3.0)
        # The track's faint fill, mixed with the background here so painting needs no blending.
        self._track_fill = _mix(p.track, p.background, 0.35)
        self._backdrop_key = None

    def _backdrop_pixmap(self, centre: QPointF, outer: float) -> QPixmap:
        """The background and the track: the same every frame, so painted once and blitted."""
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self._background.rgba(), self._track_fill.rgba())
        if self._backdrop is None or key != self._backdrop_key:
            pixmap = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(self._background)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(self._track_pen)
            painter.setBrush(self._track_fill)
            painter.drawEllipse(centre, outer, outer)
            painter.end()
            self._backdrop, self._backdrop_key = pixmap, key
        return self._backdrop

    def _disc_radius(self, outer: float, extent: float) -> float:
        ring = max(4.0, outer * 0.035)
        # A full breath stops short of the ring, so a hold's progress stays in sight.
        fullest = outer - 2.0 * ring
        return fullest * (MIN_RADIUS + (1.0 - MIN_RADIUS) * extent)

    def _disc_box(self, extent: float) -> QRect:
        """The pixels the disc covers at ``extent``, with a margin for antialiasing."""
        centre, outer = self._geometry()
        r = self._disc_radius(outer, extent) + 2.0
        return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r).toAlignedRect()

    def _geometry(self) -> tuple[QPointF, float]:
        w, h = self.width(), self.height()
        radius = max(4.0, min(w, h) / 2.0 - 10.0)
        return QPointF(w / 2.0, h / 2.0), radius

    def paintEvent(self, _event) -> None:
        self.paints += 1
        painter = QPainter(self)
        centre, outer = self._geometry()
        # The track shows where a full breath reaches.
        painter.drawPixmap(0, 0, self._backdrop_pixmap(centre, outer))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self._palette.phase(self._kind)
        if self._paused:
            colour = _mix(colour, self._track_fill, 0.45)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        ring = max(4.0, outer * 0.035)
        if self._reduced:
            self._paint_fill(painter, centre, min(outer * 0.92, self._disc_radius(outer, 1.0)))
        else:
            radius = self._disc_radius(outer, self._extent)
            painter.drawEllipse(centre, radius, radius)
        if self._arc > 0:
            pen = QPen(self._palette.phase(self._kind), ring)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box = QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer)
            painter.drawArc(box, 90 * 16, -round(self._arc * 360 * 16))
        if self._paused:
            self._paint_pause_mark(painter, centre, outer)
        painter.end()

    def _paint_fill(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        # A level rising in a fixed circle: the breath is told by the fill, not by growth.
        level = MIN_RADIUS * 0.5 + (1.0 - MIN_RADIUS * 0.5) * self._extent
        circle = QPainterPath()
        circle.addEllipse(centre, radius, radius)
        top = centre.y() + radius - 2 * radius * level
        band = QPainterPath()
        band.addRect(QRectF(centre.x() - radius, top, 2 * radius, centre.y() + radius - top))
        painter.drawPath(circle.intersected(band))

    def _paint_pause_mark(self, painter: QPainter, centre: QPointF, outer: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._palette.text)
        bar_w, bar_h, gap = outer * 0.09, outer * 0.36, outer * 0.08
        for dx in (-gap / 2 - bar_w, gap / 2):
            painter.drawRoundedRect(
                QRectF(centre.x() + dx, centre.y() - bar_h / 2, bar_w, bar_h), 3, 3
            )


def _mix(colour: QColor, under: QColor, alpha: float) -> QColor:
    """``colour`` at ``alpha`` over ``under``, as one opaque colour."""
    return QColor.fromRgbF(
        colour.redF() * alpha + under.redF() * (1 - alpha),
        colour.greenF() * alpha + under.greenF() * (1 - alpha),
        colour.blueF() * alpha + under.blueF() * (1 - alpha),
    )
