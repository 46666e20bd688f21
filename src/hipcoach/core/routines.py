"""Loading routines: built-ins from the assets, custom ones from the data folder.

A bad custom file never stops the others: it is reported (file, JSON path,
reason) and skipped. Everything a routine refers to (poses, patterns,
illustrations, sounds) is checked here, so the player never meets a surprise.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import msgspec

from hipcoach.core.migration import routine_from
from hipcoach.core.model import (
    MAX_ROUTINE_SECONDS,
    MAX_STEP_SECONDS,
    Pattern,
    PatternFile,
    PoseInfo,
    Routine,
    Step,
)
from hipcoach.core.os_reason import os_reason
from hipcoach.core.problems import Code, InvalidDocument, Problem
from hipcoach.core.safe_read import decode_json, read_json_file
from hipcoach.core.timeline import CompileError, step_seconds
from hipcoach.core.translated import translated_poses, translated_routine
from hipcoach.core.validation import convert

MAX_FILE_BYTES = 1024 * 1024


class LoadedRoutine(msgspec.Struct, frozen=True):
    #: As shown: in the reader's language where a translation exists.
    routine: Routine
    path: Path | None
    builtin: bool
    seconds: float
    #: As the file says, when that differs from what is shown.
    written: Routine | None = None

    @property
    def source(self) -> Routine:
        """The routine as its file says: what an editor edits and saves."""
        return self.written or self.routine

    @property
    def id(self) -> str:
        return self.routine.id


class RoutineLibrary(msgspec.Struct):
    """All routines that loaded, and the problems of those that did not."""

    routines: list[LoadedRoutine] = msgspec.field(default_factory=list)
    problems: list[Problem] = msgspec.field(default_factory=list)
    poses: dict[str, PoseInfo] = msgspec.field(default_factory=dict)
    patterns: dict[str, Pattern] = msgspec.field(default_factory=dict)

    def get(self, routine_id: str) -> LoadedRoutine | None:
        """The routine with this id, or None if there is none."""
        return next((r for r in self.routines if r.id == routine_id), None)

    @property
    def ids(self) -> set[str]:
        return {r.id for r in self.routines}


def read_document(path: Path, source: str | None = None) -> object:
    """Read a small JSON file into plain values, or raise ``InvalidDocument`` naming the file.

    ``source`` is the name used in messages (the file's name by default). Anything
    that is not a regular file, is larger than ``MAX_FILE_BYTES``, is not JSON or
    cannot be read is reported, never raised otherwise.
    """
    path = Path(path)
    source = path.name if source is None else source
    try:
        return read_json_file(path, MAX_FILE_BYTES, source)
    except OSError as exc:
        problem = Problem(source, "", Code.UNREADABLE, {"reason": os_reason(exc)})
        raise InvalidDocument([problem]) from None


def load_poses(path: Path) -> dict[str, PoseInfo]:
    """The pose library; raises ``InvalidDocument`` (a packaging bug, not a user error)."""
    return convert(read_document(path), dict[str, PoseInfo], path.name)


def load_patterns(path: Path) -> dict[str, Pattern]:
    """The user's saved breathing patterns; an absent file means none."""
    if not os.path.lexists(path):  # a link that loops does not "exist", yet is there
        return {}
    return dict(convert(read_document(path), PatternFile, path.name).patterns)


def parse_routine(
    data: bytes | object,
    source: str,
    *,
    poses: Mapping[str, PoseInfo],
    patterns: Mapping[str, Pattern] | None = None,
    assets_dir: Path | AssetFolder | None = None,
) -> tuple[Routine, float]:
    """Validate one routine document fully; return it with its planned length in seconds.

    ``data`` is the file's bytes or already-decoded JSON; the pictures and sounds it
    names are looked for in ``assets_dir``. Raises ``InvalidDocument`` listing every
    problem found.
    """
    value = decode_json(data, source) if isinstance(data, bytes | bytearray) else data
    routine = routine_from(value, source)
    assets = AssetFolder(assets_dir) if isinstance(assets_dir, Path) else assets_dir
    problems: list[Problem] = []
    total = 0.0
    for index, step in enumerate(routine.steps):
        where = f"$.steps[{index}]"
        try:
            seconds = step_seconds(step, index, poses, patterns)
        except CompileError as exc:
            problems.append(Problem(source, exc.path, exc.code, exc.params))
            continue
        if seconds > MAX_STEP_SECONDS:
            params = {"seconds": seconds, "max": MAX_STEP_SECONDS}
            problems.append(Problem(source, where, Code.STEP_TOO_LONG, params))
        total += seconds
        if assets is not None:
            for path, rel in _named_assets(step, where):
                code = assets.problem(rel)
                if code is not None:
                    problems.append(Problem(source, path, code, {"rel": rel}))
    if total > MAX_ROUTINE_SECONDS and not problems:
        params = {"seconds": total, "max": MAX_ROUTINE_SECONDS}
        problems.append(Problem(source, "$.steps", Code.ROUTINE_TOO_LONG, params))
    if problems:
        raise InvalidDocument(problems)
    return routine, total


def _named_assets(step: Step, where: str) -> Iterator[tuple[str, str]]:
    """The JSON path and the file of each picture and sound ``step`` names."""
    for name in ("illustration", "sound"):
        rel = getattr(step, name, None)
        if rel is not None:
            yield f"{where}.{name}", rel
    for k, half in enumerate(getattr(step, "halves", None) or ()):
        if half.illustration is not None:
            yield f"{where}.halves[{k}].illustration", half.illustration


class AssetFolder:
    """The shipped pictures and sounds, as one load of routines finds them.

    The folder is resolved when first needed and each file looked up once, however
    many routines name it: a path is resolved one system call per part.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self._root: Path | None = None
        self._problems: dict[str, Code | None] = {}

    def problem(self, rel: str) -> Code | None:
        """Why ``rel`` cannot be used (it leads out of the folder, or is not a file), or None."""
        if rel not in self._problems:
            if self._root is None:
                self._root = self.folder.resolve()
            target = (self._root / rel).resolve()
            if not target.is_relative_to(self._root):
                self._problems[rel] = Code.ASSET_OUTSIDE
            elif not target.is_file():
                self._problems[rel] = Code.ASSET_MISSING
            else:
                self._problems[rel] = None
        return self._problems[rel]


def routine_files(folder: Path) -> list[Path]:
    """The ``*.json`` files of a folder, in a stable order; none if it does not exist.

    A folder that cannot be read (another user's) also gives none: the data folder
    check at start says why once (``paths.data_dir_problem``).
    """
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith(".")
        )
    except OSError:
        return []


def load_library(
    assets_dir: Path,
    custom_dir: Path | None = None,
    patterns_file: Path | None = None,
) -> RoutineLibrary:
    """Load the built-in routines and the user's own, skipping (and reporting) bad files."""
    library = RoutineLibrary(poses=translated_poses(load_poses(assets_dir / "poses.json")))
    if patterns_file is not None:
        try:
            library.patterns = load_patterns(patterns_file)
        except InvalidDocument as exc:
            library.problems.extend(exc.problems)
    assets = AssetFolder(assets_dir)
    _load_into(library, routine_files(assets_dir / "routines"), builtin=True, assets=assets)
    if custom_dir is not None:
        _load_into(library, routine_files(custom_dir), builtin=False, assets=assets)
    return library


def _load_into(
    library: RoutineLibrary, files: Iterable[Path], *, builtin: bool, assets: AssetFolder
) -> None:
    seen = {r.id: r for r in library.routines}
    for path in files:
        try:
            routine, seconds = parse_routine(
                read_document(path),
                path.name,
                poses=library.poses,
                patterns=library.patterns,
                assets_dir=assets,
            )
        except InvalidDocument as exc:
            library.problems.extend(exc.problems)
            continue
        if routine.id in seen:
            other = seen[routine.id]
            if other.builtin:
                taken = Problem(path.name, "$.id", Code.ID_TAKEN_BY_BUILTIN, {"id": routine.id})
            else:
                params = {"id": routine.id, "other": other.path.name if other.path else "?"}
                taken = Problem(path.name, "$.id", Code.ID_TAKEN_BY_FILE, params)
            library.problems.append(taken)
            continue
        shown = translated_routine(routine)
        loaded = LoadedRoutine(
            shown, path, builtin, seconds, written=None if shown is routine else routine
        )
        library.routines.append(loaded)
        seen[routine.id] = loaded


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    poses: Mapping[str, PoseInfo],
    assets_dir: Path,
    patterns: Mapping[str, Pattern] | None = None,
) -> list[Problem]:
    """Check routine files as ``hipcoach validate`` does: every problem of every file.

    Files are named as they were given; a file given twice (even by another
    spelling of its path) is checked and reported once.
    """
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    seen: set[Path] = set()
    assets = AssetFolder(assets_dir)
    for raw in paths:
        path, name = Path(raw), os.fspath(raw)
        same = file_identity(path)
        if same in seen:
            continue
        seen.add(same)
        try:
            routine, _ = parse_routine(
                read_document(path, name),
                name,
                poses=poses,
                patterns=patterns,
                assets_dir=assets,
            )
        except InvalidDocument as exc:
            problems.extend(exc.problems)
            continue
        if routine.id in ids:
            params = {"id": routine.id, "other": ids[routine.id]}
            problems.append(Problem(name, "$.id", Code.ID_REPEATED, params))
        ids.setdefault(routine.id, name)
    return problems


def file_identity(path: Path) -> Path:
    """One key for one file however its path is spelled ("a.json", "./a.json", a link to it)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link that loops: its own spelling will do
        return path.absolute()


def encode_routine(routine: Routine) -> bytes:
    """A routine as pretty, stable JSON (for saving and exporting), with its format version.

    The version is written even though it is the default: a file without one is
    read as format 1.
    """
    document = msgspec.to_builtins(routine)
    document["format"] = routine.format
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
