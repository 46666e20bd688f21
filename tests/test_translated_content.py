"""The built-in content in Spanish, and a person's own routine carrying its translations."""

from __future__ import annotations

import json

import msgspec
import pytest

from hipcoach import i18n
from hipcoach.core.model import Routine
from hipcoach.core.routines import load_library
from hipcoach.core.translated import translated_routine
from test_ui_fixtures import ASSETS


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_english_leaves_every_routine_as_written():
    library = load_library(ASSETS)
    assert library.routines
    for loaded in library.routines:
        assert loaded.written is None
        assert loaded.source is loaded.routine


def test_every_built_in_routine_and_pose_reads_in_spanish(spanish):
    library = load_library(ASSETS)
    english = {r.id: r.routine for r in load_library_in("en")}
    for loaded in library.routines:
        assert loaded.routine.title != english[loaded.id].title, loaded.id
        assert loaded.routine.description != english[loaded.id].description, loaded.id
        # What the file says is kept for editing.
        assert loaded.source == english[loaded.id]
    assert library.poses["lizard"].name == "Lagartija"
    cue = library.poses["lizard"].cues[0]
    assert cue == "Pie de delante por fuera de la mano, rodilla sobre el tobillo"


def load_library_in(code: str):
    before = i18n.language()
    i18n.set_language(code)
    try:
        return load_library(ASSETS).routines
    finally:
        i18n.set_language(before)


def test_ids_files_and_fixed_words_stay_as_written(spanish):
    for loaded in load_library(ASSETS).routines:
        shown, written = loaded.routine, loaded.source
        assert shown.id == written.id and shown.tags == written.tags
        for a, b in zip(shown.steps, written.steps, strict=True):
            for field in ("pose", "pattern", "position", "illustration", "sound", "sides"):
                assert getattr(a, field, None) == getattr(b, field, None)


OWN = {
    "format": 2,
    "id": "my-evening",
    "title": "My evening",
    "description": "Slow.",
    "steps": [{"kind": "rest", "seconds": 60, "title": "Lie down", "cue": "Breathe out"}],
    "translations": {"es": {"My evening": "Mi tarde", "Breathe out": "Suelta el aire"}},
}


def test_a_routines_own_translations_win_and_the_catalogue_fills_the_rest(spanish):
    routine = msgspec.convert(OWN, Routine)
    shown = translated_routine(routine)
    assert shown.title == "Mi tarde"
    assert shown.steps[0].cue == "Suelta el aire"
    assert shown.steps[0].title == "Acuéstate"  # from the built-in catalogue
    assert shown.description == "Slow."  # no translation anywhere: as written


def test_own_translations_are_saved_and_loaded_with_the_routine(tmp_path, spanish):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "mine.json").write_text(json.dumps(OWN))
    library = load_library(ASSETS, folder)
    mine = library.get("my-evening")
    assert mine is not None and mine.routine.title == "Mi tarde"
    assert mine.source.title == "My evening"
    assert mine.source.translations["es"]["Breathe out"] == "Suelta el aire"


@pytest.mark.parametrize(
    "translations",
    [{"ES": {}}, {"es": {"a": "x" * 601}}, {"spanish": {}}, {"es": ["not", "a", "map"]}],
)
def test_bad_translations_are_refused_like_any_bad_field(translations):
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({**OWN, "translations": translations}, Routine)
