"""hipcoach.core must stay free of Qt, so it can be tested and reused without a screen."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import hipcoach.core

CORE_DIR = Path(hipcoach.core.__file__).parent


#: What core may not import: Qt, the widgets, the platform adapters and the app itself.
FORBIDDEN = ("PySide6", "shiboken6", "hipcoach.ui", "hipcoach.platform", "hipcoach.app")


def test_no_core_module_imports_qt_the_ui_or_the_platform_layer():
    offenders = []
    for path in CORE_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)
            ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = [m.name for m in pkgutil.iter_modules([str(CORE_DIR)])]
    assert "session" in modules and "timeline" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('hipcoach.core.' + name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
