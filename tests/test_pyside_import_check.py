"""PySide6's check of each imported module gives the same answers from the file's bytes."""

from __future__ import annotations

import sys
import types

import PySide6.QtCore  # noqa: F401  (installs the check)
import pytest

import hipcoach.core.timeline
import hipcoach.ui.picker
from hipcoach.ui import pyside_import_check


@pytest.fixture
def feature(monkeypatch):
    """PySide6's module holding the check, put back as it was afterwards."""
    module = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(module, "_mod_uses_pyside", module._mod_uses_pyside)
    return module


def test_the_answers_are_the_same_as_pysides_own(feature):
    # PySide6's own, even if an earlier test in this process put ours in place.
    original = getattr(feature._mod_uses_pyside, "replaces", feature._mod_uses_pyside)
    feature._mod_uses_pyside = original
    assert pyside_import_check.use_byte_search() is True
    faster = feature._mod_uses_pyside
    assert faster is not original
    for module in (hipcoach.ui.picker, hipcoach.core.timeline, types, sys):
        assert faster(module) == original(module), module.__name__
    assert faster(hipcoach.ui.picker) is True
    assert faster(hipcoach.core.timeline) is False


def test_it_is_put_in_place_once(feature):
    pyside_import_check.use_byte_search()
    in_place = feature._mod_uses_pyside
    assert pyside_import_check.use_byte_search() is False
    assert feature._mod_uses_pyside is in_place


def test_a_pyside_without_the_check_is_left_alone(feature, monkeypatch):
    monkeypatch.delattr(feature, "_mod_uses_pyside")
    assert pyside_import_check.use_byte_search() is False
    assert not hasattr(feature, "_mod_uses_pyside")


def test_a_file_that_cannot_be_read_gets_pysides_own_answer(feature, tmp_path):
    asked = []
    feature._mod_uses_pyside = lambda module: asked.append(module) or True
    pyside_import_check.use_byte_search()
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # no such file
    assert feature._mod_uses_pyside(gone) is True
    assert asked == [gone]
