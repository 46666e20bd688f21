"""Pose pictures: tinted, mirrored for the right side, cached, and quietly absent when missing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from hipcoach.ui.illustration import IllustrationCache
from test_ui_fixtures import ASSETS

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">'
    b'<rect x="0" y="0" width="20" height="50" fill="#000"/></svg>'
)


def test_tinted_and_mirrored(tmp_path: Path, qapp):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "bar.svg").write_bytes(SVG)
    cache = IllustrationCache(tmp_path)
    red = QColor("#ff0000")
    left = cache.pixmap("poses/bar.svg", QSize(100, 50), red).toImage()
    right = cache.pixmap("poses/bar.svg", QSize(100, 50), red, mirrored=True).toImage()
    assert left.width() == 100 and left.height() == 50
    assert left.pixelColor(5, 25) == red  # the black bar became red
    assert left.pixelColor(95, 25).alpha() == 0  # the background stays clear
    assert right.pixelColor(95, 25) == red  # mirrored: the bar is on the other side
    assert right.pixelColor(5, 25).alpha() == 0


def test_renders_once_per_size_colour_and_side(tmp_path: Path, qapp):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "bar.svg").write_bytes(SVG)
    cache = IllustrationCache(tmp_path)
    for _ in range(10):
        cache.pixmap("poses/bar.svg", QSize(100, 50), QColor("black"))
    assert cache.renders == 1
    cache.pixmap("poses/bar.svg", QSize(100, 50), QColor("black"), mirrored=True)
    cache.pixmap("poses/bar.svg", QSize(100, 50), QColor("white"))
    assert cache.renders == 3


def test_hidpi_pixmaps_have_more_pixels(tmp_path: Path, qapp):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "bar.svg").write_bytes(SVG)
    pixmap = IllustrationCache(tmp_path).pixmap(
        "poses/bar.svg", QSize(100, 50), QColor("black"), device_pixel_ratio=2.0
    )
    assert (pixmap.width(), pixmap.height()) == (200, 100)
    assert pixmap.deviceIndependentSize().width() == 100


def test_missing_or_broken_files_give_no_picture_and_no_warning(tmp_path: Path, qapp):
    (tmp_path / "poses").mkdir()
    (tmp_path / "poses" / "broken.svg").write_bytes(b"<svg this is not")
    cache = IllustrationCache(tmp_path)
    assert cache.pixmap("poses/missing.svg", QSize(100, 50), QColor("black")) is None
    assert cache.pixmap("poses/broken.svg", QSize(100, 50), QColor("black")) is None
    assert cache.pixmap(None, QSize(100, 50), QColor("black")) is None
    assert IllustrationCache(None).pixmap("poses/x.svg", QSize(100, 50), QColor("k")) is None


def test_shipped_pose_pictures_render(qapp):
    cache = IllustrationCache(ASSETS)
    for svg in sorted((ASSETS / "poses").glob("*.svg")):
        pixmap = cache.pixmap(f"poses/{svg.name}", QSize(240, 160), QColor("black"))
        assert pixmap is not None, svg.name
