"""A cheaper form of the check PySide6 makes on every module imported after it.

For its optional ``from __feature__ import ...`` syntax (which hipcoach does not use),
PySide6 asks of every module named in an ``import`` statement whether its source
mentions "PySide6". It answers with ``inspect.getsource``: the file is opened as text,
its encoding detected, split into lines and joined again, and kept in ``linecache``,
for each of the few dozen modules the window imports (``typing`` and ``logging``
among them). That is about 10 ms before the first frame (docs/performance.md).

``use_byte_search`` gives the same answer from the file's bytes. The check is PySide6's
own and private, so this holds only where it is found as described; anywhere else,
nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType


def use_byte_search() -> bool:
    """Answer PySide6's per-module check from the file's bytes; True if it was found."""
    import PySide6.QtCore  # noqa: F401  (installs the check)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or hasattr(original, "replaces"):
        return False

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    mentions_pyside.replaces = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mentions_pyside  # type: ignore[union-attr]
    return True
