"""Render every pose illustration into one contact-sheet PNG, and re-export the app icon.

Usage:
    python tools/render_pose_sheet.py /tmp/poses.png            # the contact sheet
    python tools/render_pose_sheet.py /tmp/poses.png --scale 0.5  # poses at 120x80
    python tools/render_pose_sheet.py /tmp/some.png --only pigeon,frog --scale 2
    python tools/render_pose_sheet.py --icons                   # assets/icons/hipcoach-*.png

The sheet has two sections. The first draws each pose as it ships (black on a light
background); a pose held on each side also gets its mirrored version beside it (how the app
shows the right side; the drawing itself is the left side). The second
tints the same drawings light-on-dark the way the app does for a dark theme: render the
SVG onto a transparent image, then fill it with the text colour using SourceIn.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
POSES_DIR = ROOT / "assets" / "poses"
ICONS_DIR = ROOT / "assets" / "icons"
ICON_SVG = ICONS_DIR / "hipcoach.svg"
ICON_SIZES = (16, 32, 48, 64, 128, 256)

POSE_W, POSE_H = 240, 160
LIGHT_BG, LIGHT_INK = QColor("#f4f1ea"), QColor("#1d1f23")
DARK_BG, DARK_INK = QColor("#1f2329"), QColor("#e8e6e1")


def render_tinted(
    renderer: QSvgRenderer, width: int, height: int, colour: QColor, mirrored: bool = False
) -> QImage:
    """Render an SVG onto a transparent image and recolour every inked pixel to `colour`."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirrored:
        painter.setTransform(QTransform(-1, 0, 0, 1, width, 0))
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.resetTransform()
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), colour)
    painter.end()
    return image


def mirrored_stems() -> set[str]:
    """Drawings the app mirrors: those of poses held on the left side, then the right."""
    library = json.loads((ROOT / "assets" / "poses.json").read_text(encoding="utf-8"))
    return {Path(info["illustration"]).stem for info in library.values() if _is_mirrored(info)}


def _is_mirrored(info: dict) -> bool:
    if "halves" in info:
        return any(half.get("drawing") == "mirrored" for half in info["halves"])
    return bool(info.get("per_side")) and info.get("sides", "left-right") == "left-right"


def pose_files(only: list[str] | None = None) -> list[Path]:
    files = sorted(POSES_DIR.glob("*.svg"))
    if only:
        wanted = set(only)
        files = [f for f in files if f.stem in wanted]
    return files


def render_sheet(
    out: Path, scale: float = 1.0, columns: int = 4, only: list[str] | None = None
) -> int:
    files = pose_files(only)
    mirrors = mirrored_stems()
    if not files:
        print(f"no pose SVGs found in {POSES_DIR}", file=sys.stderr)
        return 1
    w, h = round(POSE_W * scale), round(POSE_H * scale)
    gap, label_h, section_gap = 12, 22, 24
    cell_w, cell_h = 2 * w + gap, h + label_h
    rows = -(-len(files) // columns)
    columns = min(columns, len(files))
    section_h = rows * (cell_h + gap) + gap
    sheet_w = columns * (cell_w + 2 * gap) + gap
    sheet = QImage(sheet_w, 2 * section_h + section_gap, QImage.Format.Format_ARGB32_Premultiplied)
    sheet.fill(QColor("#808080"))
    painter = QPainter(sheet)
    font = QFont()
    font.setPixelSize(14)
    painter.setFont(font)
    sections = ((0, LIGHT_BG, LIGHT_INK), (section_h + section_gap, DARK_BG, DARK_INK))
    for top, bg, ink in sections:
        painter.fillRect(0, top, sheet_w, section_h, bg)
        for index, path in enumerate(files):
            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                print(f"{path.name}: QSvgRenderer could not parse it", file=sys.stderr)
                continue
            col, row = index % columns, index // columns
            x = gap + col * (cell_w + 2 * gap)
            y = top + gap + row * (cell_h + gap)
            sides = (False, True) if path.stem in mirrors else (False,)
            for k, mirrored in enumerate(sides):
                px = x + k * (w + gap)
                painter.setPen(QPen(QColor(ink.red(), ink.green(), ink.blue(), 40), 1))
                painter.drawRect(px, y, w - 1, h - 1)
                painter.drawImage(QPointF(px, y), render_tinted(renderer, w, h, ink, mirrored))
            painter.setPen(ink)
            label = f"{path.stem}: left, right" if len(sides) == 2 else path.stem
            painter.drawText(QRectF(x, y + h, cell_w, label_h), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(out)):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(files)} poses, {sheet.width()}x{sheet.height()})")
    return 0


def export_icons() -> int:
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        print(f"{ICON_SVG}: QSvgRenderer could not parse it", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        target = ICONS_DIR / f"hipcoach-{size}.png"
        if not image.save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, help="contact sheet PNG to write")
    parser.add_argument("--icons", action="store_true", help="re-export the icon PNGs")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="pose size relative to 240x160 (0.5 gives 120x80)"
    )
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--only", help="comma-separated pose ids to include")
    args = parser.parse_args(argv)
    if args.output is None and not args.icons:
        parser.error("give an output PNG path, --icons, or both")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    status = 0
    if args.icons:
        status |= export_icons()
    if args.output is not None:
        only = [s.strip() for s in args.only.split(",")] if args.only else None
        status |= render_sheet(args.output, args.scale, args.columns, only)
    return status


if __name__ == "__main__":
    sys.exit(main())
