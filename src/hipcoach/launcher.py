"""The ``hipcoach`` command's first lines: start-up with Python's garbage collector paused.

Opening the window makes a few hundred thousand objects that live as long as the program:
modules, classes, PySide6's enums, the routine library, the widgets. While they are made,
the collector runs dozens of times, finds nothing to free and costs several percent of the
time to the first frame (``docs/performance.md``). So it is paused until the first frame
and the start-up that follows it, then what exists by then is moved out of its way for
good (``gc.freeze``), which also spares every later collection, during a session, from
walking it again. Reference counting frees everything else as usual meanwhile.
"""

from __future__ import annotations

import gc

_paused = False


def main() -> int:
    """Entry point of ``hipcoach``, ``python -m hipcoach`` and the bundle."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        from hipcoach import cli

        return cli.main()
    finally:
        resume_collection()


def resume_collection() -> None:
    """Let the collector run again, if ``main`` paused it; harmless otherwise, and once."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
