"""The custom routine store: validated atomic saves, recoverable deletes, sharing, named patterns."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from hipcoach.core.model import Pattern, Ramp, Routine
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.routine_store import (
    COPY_TITLE,
    IMPORTED_TITLE,
    RESTORED_TITLE,
    CustomRoutineStore,
    PatternInUseError,
    RoutineFileTakenError,
    slugify,
    suffixed_title,
    unique_id,
)
from hipcoach.core.routines import load_library, validate_files
from hipcoach.core.validation import convert

POSES_JSON = {
    "lizard": {
        "name": "Lizard",
        "per_side": True,
        "cues": ["Front foot outside the hand"],
        "cautions": ["Knees"],
    },
    "butterfly": {
        "name": "Butterfly",
        "per_side": False,
        "cues": ["Sit tall"],
        "cautions": ["Groin"],
    },
}

BUILTIN = {
    "id": "evening-hip-unwind",
    "title": "Evening hip unwind",
    "tags": ["evening"],
    "steps": [
        {"kind": "breath", "pattern": "resonance", "cycles": 6},
        {"kind": "pose", "pose": "lizard", "seconds": 60},
        {"kind": "rest", "seconds": 20},
    ],
}


def make_assets(root: Path) -> Path:
    """A tiny assets folder: two poses and one built-in routine."""
    assets = root / "assets"
    (assets / "routines").mkdir(parents=True)
    (assets / "poses.json").write_text(json.dumps(POSES_JSON), encoding="utf-8")
    (assets / "routines" / "evening-hip-unwind.json").write_text(
        json.dumps(BUILTIN), encoding="utf-8"
    )
    return assets


def routine(rid: str = "my-hips", title: str = "My hips", **extra) -> Routine:
    doc = {
        "id": rid,
        "title": title,
        "steps": [
            {"kind": "breath", "pattern": "box", "cycles": 4},
            {"kind": "pose", "name": "Wall squat", "seconds": 45, "cues": ["Back to the wall"]},
        ],
        **extra,
    }
    return convert(doc, Routine, "test")


@pytest.fixture
def assets(tmp_path) -> Path:
    return make_assets(tmp_path)


@pytest.fixture
def store(data_dir, assets) -> CustomRoutineStore:
    return CustomRoutineStore(data_dir / "routines", data_dir / "patterns.json", assets_dir=assets)


def library(store: CustomRoutineStore):
    return load_library(store.assets_dir, store.folder, store.patterns_file)


def test_saved_routine_passes_validation_and_loads_as_custom(store):
    path = store.save(routine())
    assert path == store.folder / "my-hips.json"
    assert validate_files([path], poses=store.poses, assets_dir=store.assets_dir) == []
    loaded = library(store).get("my-hips")
    assert loaded is not None and not loaded.builtin
    assert loaded.routine == routine()


def test_save_leaves_no_temporary_files_behind(store):
    path = store.save(routine())
    store.save(routine(title="Renamed"), replacing=path)
    assert sorted(p.name for p in store.folder.iterdir()) == ["my-hips.json"]


def test_validation_reports_what_the_file_check_reports(store):
    doc = msgspec.to_builtins(routine())
    doc["steps"].append({"kind": "pose", "pose": "no-such-pose", "seconds": 30})
    with pytest.raises(InvalidDocument) as info:
        store.validate(doc)
    assert [(p.path, p.reason) for p in info.value.problems] == [
        ("$.steps[2].pose", "unknown pose 'no-such-pose'")
    ]


def test_save_refuses_an_invalid_routine(store):
    with pytest.raises(InvalidDocument):
        store.save(routine(rid="x", steps=[{"kind": "pose", "pose": "no-such", "seconds": 5}]))
    assert not store.folder.exists()


def test_save_never_overwrites_another_routines_file(store):
    store.save(routine(title="First"))
    with pytest.raises(RoutineFileTakenError):
        store.save(routine(title="Second"))
    assert library(store).get("my-hips").routine.title == "First"


def test_editing_replaces_the_routines_own_file(store):
    path = store.save(routine(title="First"))
    store.save(routine(title="Second"), replacing=path)
    assert library(store).get("my-hips").routine.title == "Second"


def test_a_routine_saved_under_a_new_id_sends_its_old_file_to_the_trash(store):
    old = store.save(routine())
    new = store.save(routine(rid="my-hips-2"), replacing=old)
    assert not old.exists() and new.exists()
    assert len(list(store.trash.iterdir())) == 1


def test_delete_moves_the_file_to_the_trash_and_restore_brings_it_back(store):
    store.save(routine())
    trashed = store.delete("my-hips", now=0)
    assert trashed.parent == store.folder / ".trash"
    assert library(store).get("my-hips") is None
    assert convert(json.loads(trashed.read_bytes()), Routine, "x") == routine()
    assert store.restore(trashed) == routine()
    assert library(store).get("my-hips").routine == routine()
    assert store.trashed() == []


def test_the_trash_lists_deleted_routines_newest_first(store):
    store.save(routine(title="Older"))
    store.delete("my-hips", now=1_000_000)
    store.save(routine(title="Newer"))
    store.delete("my-hips", now=2_000_000)
    (store.trash / "notes.json").write_text("not a routine")
    listed = store.trashed()
    assert [t.routine.title for t in listed] == ["Newer", "Older"]
    assert [round(t.deleted_at) for t in listed] == [2_000_000, 1_000_000]


def test_restoring_over_a_taken_id_brings_it_back_as_a_copy(store):
    store.save(routine(title="Deleted one"))
    trashed = store.delete("my-hips", now=0)
    store.save(routine(title="New one with the same id"))
    restored = store.restore(trashed, existing_ids={"my-hips"})
    assert restored.id == "my-hips-restored"
    assert restored.title == "Deleted one (restored)"
    assert not trashed.exists()
    titles = {r.routine.title for r in library(store).routines if not r.builtin}
    assert titles == {"New one with the same id", "Deleted one (restored)"}


def test_an_id_a_built_in_routine_took_is_not_restored_over_it(store):
    store.save(routine())
    trashed = store.delete("my-hips", now=0)
    restored = store.restore(trashed, existing_ids={"my-hips", "breath-box"})
    assert restored.id == "my-hips-restored"
    assert not store.path_for("my-hips").exists()


def test_deleting_twice_keeps_both_trashed_copies(store):
    store.save(routine(title="One"))
    first = store.delete("my-hips", now=0)
    store.save(routine(title="Two"))
    second = store.delete("my-hips", now=0)
    assert first != second and first.exists() and second.exists()


def test_delete_finds_a_routine_whose_file_name_differs_from_its_id(store):
    store.folder.mkdir(parents=True)
    (store.folder / "Hand Written.json").write_bytes(msgspec.json.encode(routine()))
    store.delete("my-hips")
    assert list(store.folder.glob("*.json")) == []


def test_delete_of_an_unknown_routine_raises(store):
    with pytest.raises(FileNotFoundError):
        store.delete("nothing-here")


@pytest.mark.parametrize(
    ("base", "existing", "expected"),
    [
        ("evening", set(), "evening"),
        ("evening", {"evening"}, "evening-2"),
        ("evening", {"evening", "evening-2"}, "evening-3"),
        ("Evening Hips!", set(), "evening-hips"),
        ("a" * 63, {"a" * 63}, "a" * 61 + "-2"),
        ("", set(), "my-routine"),
    ],
)
def test_unique_id(base, existing, expected):
    assert unique_id(base, existing) == expected


def test_slugify_drops_accents_and_punctuation():
    assert slugify("Évening — hips & knees ") == "evening-hips-knees"


def test_suffixed_title_stays_within_the_limit():
    assert suffixed_title("x" * 80, COPY_TITLE) == "x" * 73 + " (copy)"
    assert suffixed_title("Hips (copy)", COPY_TITLE) == "Hips (copy)"


def test_copy_restored_and_imported_titles_are_worded_in_the_language_shown():
    from hipcoach import i18n

    i18n.set_language("es")  # conftest hands English back afterwards
    assert suffixed_title("Caderas", COPY_TITLE) == "Caderas (copia)"
    assert suffixed_title("Caderas (copia)", COPY_TITLE) == "Caderas (copia)"
    assert suffixed_title("Caderas", RESTORED_TITLE) == "Caderas (restaurada)"
    assert suffixed_title("Caderas", IMPORTED_TITLE) == "Caderas (importada)"
    assert len(suffixed_title("x" * 80, RESTORED_TITLE)) == 80


def test_duplicate_gives_a_free_id_and_a_copy_title(store):
    original = convert(BUILTIN, Routine, "x")
    ids = {"evening-hip-unwind"}
    first = store.duplicate(original, ids)
    assert (first.id, first.title) == ("evening-hip-unwind-copy", "Evening hip unwind (copy)")
    assert first.steps == original.steps
    second = store.duplicate(original, ids | {first.id})
    assert second.id == "evening-hip-unwind-copy-2"
    assert store.duplicate(first, ids | {first.id, second.id}).id == "evening-hip-unwind-copy-3"


def test_duplicate_counts_ids_already_in_the_folder(store):
    store.save(routine(rid="my-hips-copy"))
    assert store.duplicate(routine(), set()).id == "my-hips-copy-2"


def test_export_then_import_gives_back_an_equal_routine(store, tmp_path):
    original = routine(description="Slow and easy", tags=["evening"])
    shared = store.export(original, tmp_path / "shared.json")
    result = store.import_file(shared, existing_ids=set())
    assert result.renamed_from is None
    assert result.routine == original
    assert library(store).get("my-hips").routine == original


def test_importing_a_clashing_id_keeps_both(store, tmp_path):
    mine = store.save(routine(title="Mine"))
    theirs = tmp_path / "theirs.json"
    theirs.write_bytes(msgspec.json.encode(routine(title="Theirs")))
    result = store.import_file(theirs, existing_ids=library(store).ids)
    assert result.renamed_from == "my-hips"
    assert (result.routine.id, result.routine.title) == ("my-hips-imported", "Theirs (imported)")
    lib = library(store)
    assert lib.get("my-hips").routine.title == "Mine"
    assert lib.get("my-hips-imported").routine.title == "Theirs (imported)"
    assert mine.read_bytes() == store.path_for("my-hips").read_bytes()


def test_importing_a_builtin_id_renames_the_import(store, assets):
    result = store.import_file(assets / "routines" / "evening-hip-unwind.json", library(store).ids)
    assert result.routine.id == "evening-hip-unwind-imported"
    assert library(store).problems == []


def test_import_validates_before_saving_anything(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "title": "", "steps": [{"kind": "rest", "seconds": -1}]}')
    with pytest.raises(InvalidDocument) as info:
        store.import_file(bad, set())
    assert {p.path for p in info.value.problems} == {"$.title", "$.steps[0].seconds"}
    assert not store.folder.exists() or list(store.folder.iterdir()) == []


def test_export_inlines_saved_patterns_so_the_file_works_elsewhere(store, tmp_path, assets):
    mine = Pattern(name="Slow", inhale=5.0, exhale=7.0)
    store.save_pattern("slow", mine)
    uses_it = msgspec.structs.replace(
        routine(), steps=[msgspec.structs.replace(routine().steps[0], pattern="slow")]
    )
    store.save(uses_it)
    out = store.export(uses_it, tmp_path / "out.json")
    assert json.loads(out.read_bytes())["steps"][0]["pattern"]["inhale"] == 5.0
    assert validate_files([out], poses=store.poses, assets_dir=assets, patterns={}) == []


def test_named_patterns_are_saved_and_reused(store):
    ramped = Pattern(name="My ramp", inhale=4.0, exhale=4.0, ramp=Ramp(phase="exhale", until=8.0))
    store.save_pattern("my-ramp", ramped)
    store.save_pattern("calm", Pattern(inhale=4.0, exhale=6.0))
    assert store.load_patterns() == {
        "calm": Pattern(inhale=4.0, exhale=6.0),
        "my-ramp": ramped,
    }
    uses_it = msgspec.structs.replace(
        routine(), steps=[msgspec.structs.replace(routine().steps[0], pattern="my-ramp")]
    )
    store.save(uses_it)
    assert library(store).get("my-hips").routine.steps[0].pattern == "my-ramp"


def test_a_pattern_with_bad_values_is_not_saved(store):
    with pytest.raises(InvalidDocument):
        store.save_pattern("odd", Pattern(inhale=4.3, exhale=6.0))
    with pytest.raises(InvalidDocument):
        store.save_pattern("Not An Id", Pattern(inhale=4.0, exhale=6.0))
    assert not store.patterns_file.exists()


def test_a_pattern_in_use_is_not_deleted(store):
    store.save_pattern("slow", Pattern(inhale=5.0, exhale=7.0))
    uses_it = msgspec.structs.replace(
        routine(), steps=[msgspec.structs.replace(routine().steps[0], pattern="slow")]
    )
    store.save(uses_it)
    with pytest.raises(PatternInUseError) as info:
        store.delete_pattern("slow")
    assert info.value.routine_ids == ["my-hips"]
    store.delete("my-hips")
    store.delete_pattern("slow")
    assert store.load_patterns() == {}
    assert store.patterns_file.with_name("patterns.json.bak").exists()


def test_a_damaged_patterns_file_is_moved_aside_not_overwritten(store):
    store.patterns_file.parent.mkdir(parents=True, exist_ok=True)
    store.patterns_file.write_text("{not json")
    store.save_pattern("calm", Pattern(inhale=4.0, exhale=6.0))
    assert list(store.patterns_file.parent.glob("patterns.corrupt-*.json"))
    assert store.load_patterns() == {"calm": Pattern(inhale=4.0, exhale=6.0)}
