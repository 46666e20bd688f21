"""The composition root: builds the application from its parts and runs it."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_gui(argv: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(list(argv))
    app.setApplicationName("hipcoach")
    window = QLabel("hipcoach")
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(run_gui(sys.argv))
