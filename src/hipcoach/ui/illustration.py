"""Pose illustrations: black line SVGs tinted to the text colour, mirrored for the right side.

Rendering an SVG is slow next to a frame budget, so each (file, size, colour,
mirror, pixel ratio) is rendered once and kept; painting only ever blits.
A missing or unreadable file gives no picture and no warning.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QTransform
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

#: Enough for every pose at a few sizes, both sides, two schemes.
MAX_CACHED = 96


class IllustrationCache:
    """Tinted, mirrored, HiDPI pixmaps of the pose SVGs in ``assets_dir``."""

    def __init__(self, assets_dir: Path | None):
        self._assets = Path(assets_dir) if assets_dir is not None else None
        self._renderers: dict[str, QSvgRenderer | None] = {}
        self._pixmaps: OrderedDict[tuple, QPixmap | None] = OrderedDict()
        self.renders = 0  # how many times an SVG was actually rendered (for tests)

    def pixmap(
        self,
        rel_path: str | None,
        size: QSize,
        colour: QColor,
        *,
        mirrored: bool = False,
        device_pixel_ratio: float = 1.0,
    ) -> QPixmap | None:
        """The illustration fitted into ``size`` (logical pixels), or ``None`` if there is none."""
        if not rel_path or size.width() < 8 or size.height() < 8:
            return None
        key = (rel_path, size.width(), size.height(), colour.rgba(), mirrored, device_pixel_ratio)
        if key in self._pixmaps:
            self._pixmaps.move_to_end(key)
            return self._pixmaps[key]
        renderer = self._renderer(rel_path)
        result = (
            None
            if renderer is None
            else self._render(renderer, size, colour, mirrored, device_pixel_ratio)
        )
        self._pixmaps[key] = result
        while len(self._pixmaps) > MAX_CACHED:
            self._pixmaps.popitem(last=False)
        return result

    def _renderer(self, rel_path: str) -> QSvgRenderer | None:
        if rel_path in self._renderers:
            return self._renderers[rel_path]
        renderer = None
        if self._assets is not None:
            path = self._assets / rel_path
            try:
                data = path.read_bytes()
            except OSError:
                data = None
            if data:
                renderer = _quiet_renderer(data)
                if renderer is None:
                    log.info("illustration %s could not be read", rel_path)
        self._renderers[rel_path] = renderer
        return renderer

    def _render(
        self, renderer: QSvgRenderer, size: QSize, colour: QColor, mirrored: bool, dpr: float
    ) -> QPixmap:
        self.renders += 1
        view = renderer.viewBoxF()
        if view.isEmpty():
            view = QRectF(0, 0, 1, 1)
        scale = min(size.width() / view.width(), size.height() / view.height())
        w, h = max(1, round(view.width() * scale)), max(1, round(view.height() * scale))
        image = QImage(round(w * dpr), round(h * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        # Keep the drawing's alpha, replace its colour: black lines become text-coloured.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
        if mirrored:
            image = image.transformed(QTransform().scale(-1, 1))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(dpr)
        return pixmap


def _quiet_renderer(data: bytes) -> QSvgRenderer | None:
    """Parse SVG bytes without letting Qt print parse warnings (a bad file is just no picture)."""
    messages: list[str] = []

    def collect(_mode, _context, message):
        messages.append(message)

    previous = qInstallMessageHandler(collect)
    try:
        renderer = QSvgRenderer(QByteArray(data))
    finally:
        qInstallMessageHandler(previous)
    for message in messages:
        log.debug("svg: %s", message)
    return renderer if renderer.isValid() else None
