"""The pose illustrations and the app icon: present, parseable, black-only, sensibly inked."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer

from hipcoach import paths
from hipcoach.core.model import TransitionStep
from hipcoach.core.routines import load_library
from hipcoach.core.timeline import compile_timeline

ASSETS = Path(__file__).resolve().parent.parent / "assets"
POSES = ASSETS / "poses"
ICONS = ASSETS / "icons"

POSE_IDS = (
    "kneeling-hip-flexor",
    "low-lunge-reach",
    "split-stance-hip-flexor",
    "lizard",
    "figure-four-supine",
    "figure-four-seated",
    "pigeon",
    "ninety-ninety",
    "butterfly",
    "happy-baby",
    "frog",
    "supported-bridge",
    "constructive-rest",
    "hip-circles",
    "hip-circles-chair",
    "hip-circles-clockwise",
    "hip-circles-anticlockwise",
    "hip-circles-chair-clockwise",
    "hip-circles-chair-anticlockwise",
    "seated-breathing",
    "standing-breathing",
    "chair-breathing",
    "lying-breathing",
    "rest",
)
#: Drawings for transition steps: each shows where the move ends and an arrow for the move.
TRANSITION_IDS = (
    "transition-stand-up",
    "transition-sit-down",
    "transition-down-to-mat",
    "transition-roll-to-back",
    "transition-come-up-to-sit",
    "transition-hands-and-knees",
    "transition-block-away",
)
#: Drawings for steps that name a position or a move outside the pose library.
OTHER_IDS = (
    "side-lying",
    "standing-arms-rise",
    "standing-weight-shift",
    "standing-forward-back-shift",
    "chair-weight-shift",
    "ball-buttock",
    "ball-outer-hip",
    "roller-front-thigh",
    "roller-inner-thigh",
)
DRAWING_IDS = POSE_IDS + TRANSITION_IDS + OTHER_IDS
ICON_SIZES = (16, 32, 48, 64, 128, 256)

WIDTH, HEIGHT, MARGIN = 240, 160, 8
# Anti-aliasing may leave a faint fringe; only count clearly inked pixels.
INK_ALPHA = 128

COLOUR_ATTR = re.compile(
    r"\b(fill|stroke|color|stop-color|flood-color|lighting-color|solid-color)\s*=\s*\"([^\"]*)\""
)
ALLOWED_COLOURS = {"none", "#000000", "#000", "black"}
FORBIDDEN = (
    "style=",
    "class=",
    "<style",
    "<text",
    "gradient",
    "<filter",
    "filter=",
    "<image",
    "url(",
    "<pattern",
    "<mask",
    "opacity=",
)


SVG_NS = "{http://www.w3.org/2000/svg}"
# The SVG Tiny shapes QtSvg draws reliably.
ALLOWED_ELEMENTS = {"svg", "g", "path", "line", "circle", "ellipse", "rect", "polyline", "polygon"}


def pose_path(pose_id: str) -> Path:
    return POSES / f"{pose_id}.svg"


def render_alpha(renderer: QSvgRenderer) -> bytes:
    """Render onto a transparent 240x160 image and return its alpha channel."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, WIDTH, HEIGHT))
    painter.end()
    assert image.bytesPerLine() == WIDTH * 4
    # Format_ARGB32 pixels are native-endian 32-bit words 0xAARRGGBB.
    alpha_index = 3 if sys.byteorder == "little" else 0
    return bytes(image.constBits())[alpha_index::4]


@pytest.mark.parametrize("pose_id", DRAWING_IDS)
def test_pose_file_parses_with_the_expected_view_box(qapp, pose_id):
    path = pose_path(pose_id)
    assert path.is_file(), f"missing {path}"
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, WIDTH, HEIGHT)


@pytest.mark.parametrize("pose_id", DRAWING_IDS)
def test_pose_uses_only_black_and_plain_attributes(pose_id):
    text = pose_path(pose_id).read_text(encoding="utf-8")
    colours = COLOUR_ATTR.findall(text)
    assert colours, "expected explicit stroke/fill attributes"
    bad = [(attr, value) for attr, value in colours if value.strip().lower() not in ALLOWED_COLOURS]
    assert not bad, f"non-black colours: {bad}"
    lowered = text.lower()
    for token in FORBIDDEN:
        assert token not in lowered, f"{token!r} is not allowed in pose art"
    assert 'stroke-linecap="round"' in text
    assert 'stroke-linejoin="round"' in text


@pytest.mark.parametrize("pose_id", DRAWING_IDS)
def test_pose_uses_only_simple_shapes(pose_id):
    root = ET.parse(pose_path(pose_id)).getroot()
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert tags <= ALLOWED_ELEMENTS, f"unexpected elements: {tags - ALLOWED_ELEMENTS}"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"


@pytest.mark.parametrize("pose_id", DRAWING_IDS)
def test_pose_ink_share_and_margins(qapp, pose_id):
    alpha = render_alpha(QSvgRenderer(str(pose_path(pose_id))))
    inked = [i for i, a in enumerate(alpha) if a >= INK_ALPHA]
    share = len(inked) / (WIDTH * HEIGHT)
    assert 0.02 <= share <= 0.35, f"{share:.1%} of pixels inked"
    xs = [i % WIDTH for i in inked]
    ys = [i // WIDTH for i in inked]
    assert min(xs) >= MARGIN and max(xs) < WIDTH - MARGIN, (min(xs), max(xs))
    assert min(ys) >= MARGIN and max(ys) < HEIGHT - MARGIN, (min(ys), max(ys))


def test_every_pose_file_is_listed():
    on_disk = {p.stem for p in POSES.glob("*.svg")}
    assert on_disk == set(DRAWING_IDS)


@pytest.fixture(scope="module")
def library():
    return load_library(paths.assets_dir(), None)


def test_every_built_in_step_shows_a_drawing_that_exists(library):
    missing = []
    for loaded in library.routines:
        for segment in compile_timeline(loaded.routine, library.poses).segments:
            where = (loaded.id, segment.step_index, segment.illustration)
            if segment.illustration is None or not (ASSETS / segment.illustration).is_file():
                missing.append(where)
    assert missing == []


def test_transitions_have_drawings_of_their_own(library):
    """Moving between positions never shows the rest picture (child's pose) or a stretch."""
    wrong = [
        (loaded.id, index, step.illustration)
        for loaded in library.routines
        for index, step in enumerate(loaded.routine.steps)
        if isinstance(step, TransitionStep)
        and not (step.illustration or "").removeprefix("poses/").startswith("transition-")
    ]
    assert wrong == []
    used = {
        Path(step.illustration).stem
        for loaded in library.routines
        for step in loaded.routine.steps
        if isinstance(step, TransitionStep) and step.illustration
    }
    assert used <= set(TRANSITION_IDS)


def test_icon_svg_is_valid(qapp):
    renderer = QSvgRenderer(str(ICONS / "hipcoach.svg"))
    assert renderer.isValid()
    view = renderer.viewBoxF()
    assert view.width() == view.height() == 256


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_size(qapp, size):
    path = ICONS / f"hipcoach-{size}.png"
    assert path.is_file(), f"missing {path}"
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def _alpha(pose_id: str, mirrored: bool = False) -> bytes:
    renderer = QSvgRenderer(str(pose_path(pose_id)))
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    if mirrored:
        painter.setTransform(QTransform(-1, 0, 0, 1, WIDTH, 0))
    renderer.render(painter, QRectF(0, 0, WIDTH, HEIGHT))
    painter.end()
    alpha_index = 3 if sys.byteorder == "little" else 0
    return bytes(image.constBits())[alpha_index::4]


def test_anticlockwise_hip_circles_are_the_clockwise_ones_turned_the_other_way(qapp):
    """Mirroring a circling arrow reverses it; the standing figure is symmetric."""
    mirrored = _alpha("hip-circles-clockwise", mirrored=True)
    anticlockwise = _alpha("hip-circles-anticlockwise")
    differing = sum(abs(a - b) > 64 for a, b in zip(mirrored, anticlockwise, strict=True))
    assert differing < WIDTH * HEIGHT * 0.002


@pytest.mark.parametrize("stem", ["hip-circles", "hip-circles-chair"])
def test_the_two_directions_are_drawn_differently(qapp, stem):
    clockwise = _alpha(f"{stem}-clockwise")
    anticlockwise = _alpha(f"{stem}-anticlockwise")
    differing = sum(abs(a - b) > 64 for a, b in zip(clockwise, anticlockwise, strict=True))
    assert differing > 200
