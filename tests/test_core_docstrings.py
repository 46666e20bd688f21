"""Every public function and method in ``hipcoach.core`` says what it does."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import hipcoach.core as core


def _public_functions():
    for info in pkgutil.iter_modules(core.__path__):
        module = importlib.import_module(f"hipcoach.core.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                yield f"{info.name}.{name}", value
            elif inspect.isclass(value):
                for method_name, method in vars(value).items():
                    if not method_name.startswith("_") and inspect.isfunction(method):
                        yield f"{info.name}.{name}.{method_name}", method


def test_every_public_function_and_method_in_core_has_a_docstring():
    found = dict(_public_functions())
    assert len(found) > 150  # the walk itself works
    missing = sorted(name for name, function in found.items() if not inspect.getdoc(function))
    assert missing == []
