"""Regression guard: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every Qt
call that returns nothing, and an animated window then aborts with
``Fatal Python error: none_dealloc`` within a minute. pyproject.toml pins around it; this
test fails if a PySide6 with that bug is ever installed again.

The calls run in a child process: with the bug, None's count can reach zero and the
interpreter aborts, which must fail this one test rather than kill the whole run."""

import os
import subprocess
import sys

CALLS = 10_000

CHILD = f"""
import gc, sys
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QLabel, QWidget

app = QApplication([])
widget, label = QWidget(), QLabel()
image = QImage(32, 32, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
pen = QPen(QColor(10, 20, 30))
gc.collect()
before = sys.getrefcount(None)
for i in range({CALLS}):
    widget.update()
    label.setText("Inhale" if i % 2 else "Exhale")
    painter.setPen(pen)
    painter.drawEllipse(QRectF(1, 1, 20, 20))
    painter.translate(QPointF(0, 0))
after = sys.getrefcount(None)
painter.end()
print(before - after)
"""


def test_void_qt_calls_keep_their_references_to_none():
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, f"Qt calls crashed the interpreter:\n{result.stderr[-2000:]}"
    lost = int(result.stdout.strip())
    # 50,000 void calls: the bug shows as a fall of about 50,000 references.
    assert lost < 500, f"None lost {lost} references over {5 * CALLS} void Qt calls"
