"""The user's own routines and named breathing patterns, kept in the data folder.

Custom routines live one per file as ``routines/<id>.json``; named breathing
patterns share one ``patterns.json`` (the ``PatternFile`` format). Every write is
atomic and validated exactly as ``hipcoach validate`` validates a file, so what
the editor saves always loads again.

Nothing here is ever destroyed: deleting a routine moves its file into
``routines/.trash/`` (a dot-folder, so the library does not load it), saving
never replaces the file of a *different* routine, and importing a routine whose
id is taken gives the newcomer a new id instead of overwriting.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import msgspec

from hipcoach.core.migration import routine_from
from hipcoach.core.model import Pattern, PatternFile, PoseInfo, PoseStep, Routine, pattern_refs
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.routines import (
    encode_routine,
    load_patterns,
    load_poses,
    parse_routine,
    read_document,
    routine_files,
)
from hipcoach.core.storage import atomic_write_bytes, move_aside
from hipcoach.core.validation import convert
from hipcoach.i18n import N_, _

log = logging.getLogger(__name__)

TRASH_DIR_NAME = ".trash"
MAX_ID_LENGTH = 63
MAX_TITLE_LENGTH = 80
_DELETED_STAMP = re.compile(r"\.deleted-(\d{8}-\d{6})")


class RoutineFileTakenError(FileExistsError):
    """Saving would replace the file of another routine."""

    def __init__(self, path: Path, routine_id: str):
        super().__init__(
            _("{file} already holds a routine; {id!r} was not saved").format(
                file=path.name, id=routine_id
            )
        )
        self.path = path
        self.routine_id = routine_id


class PatternInUseError(ValueError):
    """A named pattern cannot be deleted while custom routines refer to it."""

    def __init__(self, pattern_id: str, routine_ids: list[str]):
        super().__init__(
            _("the breathing pattern {id!r} is used by {routines}").format(
                id=pattern_id, routines=", ".join(routine_ids)
            )
        )
        self.pattern_id = pattern_id
        self.routine_ids = routine_ids


@dataclass(frozen=True)
class TrashedRoutine:
    """A deleted routine that can be brought back."""

    path: Path
    routine: Routine
    deleted_at: float  # seconds since the epoch


@dataclass(frozen=True)
class ImportResult:
    """A routine brought in from a file: what it became, and its id if that had to change."""

    routine: Routine
    renamed_from: str | None
    path: Path
    seconds: float


def slugify(text: str, fallback: str = "my-routine") -> str:
    """An id made from a title: 'Évening Hips!' -> 'evening-hips'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_ID_LENGTH].rstrip("-")
    return slug or fallback


def unique_id(base: str, existing: Collection[str]) -> str:
    """``base`` if it is free, else ``base-2``, ``base-3``… (always a valid id)."""
    base = slugify(base)
    if base not in existing:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in existing:
            return candidate
        n += 1


#: How a copy's, a restored routine's and an imported routine's titles read: whole
#: patterns, so a language can put its words where its grammar wants them.
COPY_TITLE = N_("{title} (copy)")
RESTORED_TITLE = N_("{title} (restored)")
IMPORTED_TITLE = N_("{title} (imported)")


def suffixed_title(title: str, pattern: str) -> str:
    """``title`` put into ``pattern`` (such as ``COPY_TITLE``) in the current language.

    Added once (a copy of "Hips (copy)" is titled "Hips (copy)" again), and kept within
    the title length limit by shortening ``title``.
    """
    worded = _(pattern)
    before, _placeholder, after = worded.partition("{title}")
    if title.startswith(before) and title.endswith(after) and len(title) > len(before + after):
        return title
    room = MAX_TITLE_LENGTH - len(before) - len(after)
    return worded.format(title=title[:room].rstrip())


def _trash_name(path: Path, now: float | None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return f"{path.stem}.deleted-{stamp}{path.suffix}"


def _relabelled(routine: Routine, label: str, title: str, taken: Collection[str]) -> Routine:
    """``routine`` under a free id ``<id>-<label>[-n]``, titled by the pattern ``title``.

    A label already on the id is not stacked: a copy of ``hips-copy`` is ``hips-copy-2``.
    """
    base = re.sub(rf"-{label}(?:-\d+)?$", "", routine.id) + f"-{label}"
    return msgspec.structs.replace(
        routine, id=unique_id(base, taken), title=suffixed_title(routine.title, title)
    )


def _deleted_at(path: Path) -> float:
    """When a trashed file was deleted: the stamp in its name, else its modification time."""
    match = _DELETED_STAMP.search(path.name)
    if match:
        with contextlib.suppress(ValueError, OverflowError):
            return time.mktime(time.strptime(match.group(1), "%Y%m%d-%H%M%S"))
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _move_no_clobber(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, raising ``FileExistsError`` rather than replacing anything."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: rename, having checked the name is free
        if target.exists():
            raise FileExistsError(target) from None
        os.rename(source, target)
        return
    source.unlink()


class CustomRoutineStore:
    """Reads and writes the user's routines in ``folder`` and named patterns in ``patterns_file``.

    ``poses`` (the pose library) and ``assets_dir`` are what routines are
    validated against; when ``poses`` is not given it is read from
    ``assets_dir / "poses.json"`` on first use.
    """

    def __init__(
        self,
        folder: Path,
        patterns_file: Path,
        *,
        poses: Mapping[str, PoseInfo] | None = None,
        assets_dir: Path | None = None,
    ):
        self.folder = Path(folder)
        self.patterns_file = Path(patterns_file)
        self.assets_dir = assets_dir
        self._poses = dict(poses) if poses is not None else None

    @property
    def trash(self) -> Path:
        return self.folder / TRASH_DIR_NAME

    @property
    def poses(self) -> Mapping[str, PoseInfo]:
        if self._poses is None:
            self._poses = (
                load_poses(self.assets_dir / "poses.json") if self.assets_dir is not None else {}
            )
        return self._poses

    # -- validation ---------------------------------------------------------------------

    def validate(
        self,
        document: object,
        source: str = "routine",
        *,
        patterns: Mapping[str, Pattern] | None = None,
    ) -> tuple[Routine, float]:
        """Check a routine (plain JSON values or a ``Routine``) as a file would be checked.

        Returns the routine and its length in seconds; raises ``InvalidDocument``.
        """
        if isinstance(document, Routine):
            document = msgspec.to_builtins(document)
        if patterns is None:
            patterns = self.load_patterns_or_empty()
        return parse_routine(
            document, source, poses=self.poses, patterns=patterns, assets_dir=self.assets_dir
        )

    # -- routines -----------------------------------------------------------------------

    def path_for(self, routine_id: str) -> Path:
        """Where a routine with this id is written (the file need not exist)."""
        return self.folder / f"{routine_id}.json"

    def ids(self) -> set[str]:
        """The ids of the routine files in the folder (unreadable files are skipped)."""
        return {rid for rid, _ in self._files()}

    def find(self, routine_id: str) -> Path | None:
        """The file holding ``routine_id``: ``<id>.json`` first, else any file with that id."""
        direct = self.path_for(routine_id)
        if direct.is_file():
            return direct
        return next((path for rid, path in self._files() if rid == routine_id), None)

    def _files(self) -> Iterable[tuple[str, Path]]:
        for path in routine_files(self.folder):
            rid = _peek_id(path)
            if rid is not None:
                yield rid, path

    def save(self, routine: Routine, *, replacing: Path | None = None) -> Path:
        """Validate and write ``routine`` atomically as ``<id>.json``; return the path.

        ``replacing`` is the file of the routine being edited (if any). A file
        at the target name that is *not* the one being replaced is never
        overwritten (``RoutineFileTakenError``). If the routine moved to a new
        file name, its old file goes to the trash.
        """
        routine, _ = self.validate(routine, f"{routine.id}.json")
        target = self.path_for(routine.id)
        same = replacing is not None and _same_file(replacing, target)
        if target.exists() and not same:
            raise RoutineFileTakenError(target, routine.id)
        atomic_write_bytes(target, encode_routine(routine), keep_backup=False)
        if replacing is not None and not same and replacing.exists():
            self._to_trash(replacing)
        return target

    def delete(self, routine_id: str, *, now: float | None = None) -> Path:
        """Move the routine's file into ``routines/.trash/``; return where it went.

        Raises ``FileNotFoundError`` when there is no custom routine with that id.
        """
        path = self.find(routine_id)
        if path is None:
            raise FileNotFoundError(f"no custom routine {routine_id!r} in {self.folder}")
        return self._to_trash(path, now=now)

    def _to_trash(self, path: Path, *, now: float | None = None) -> Path:
        self.trash.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = _trash_name(path, now)
        stem, suffix = Path(name).stem, Path(name).suffix
        for n in range(1000):
            target = self.trash / (f"{stem}-{n}{suffix}" if n else name)
            try:
                _move_no_clobber(path, target)
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"no free name in {self.trash} for {path.name}")

    def _taken_ids(self, existing_ids: Collection[str]) -> set[str]:
        # A file name in use counts as taken too, whatever id its file holds.
        return set(existing_ids) | self.ids() | {p.stem for p in routine_files(self.folder)}

    def trashed(self) -> list[TrashedRoutine]:
        """The deleted routines that can be restored, most recently deleted first.

        Files in the trash that are not routines any more are left there, unlisted.
        """
        found = []
        for path in routine_files(self.trash):
            try:
                routine = routine_from(read_document(path), path.name)
            except (InvalidDocument, OSError):
                continue
            found.append(TrashedRoutine(path, routine, _deleted_at(path)))
        return sorted(found, key=lambda t: t.deleted_at, reverse=True)

    def restore(self, trashed: Path, existing_ids: Collection[str] = ()) -> Routine:
        """Bring a deleted routine back; returns it as restored.

        If its id has been taken since (by ``existing_ids``, a built-in routine for
        example, or by a file in the folder), it comes back under a new id, titled
        "… (restored)", rather than replacing anything.
        """
        routine = routine_from(read_document(trashed), trashed.name)
        target = self.path_for(routine.id)
        if routine.id not in existing_ids and not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                _move_no_clobber(trashed, target)
                return routine
            except FileExistsError:
                pass  # taken in the meantime: restore as a copy below
        routine = _relabelled(routine, "restored", RESTORED_TITLE, self._taken_ids(existing_ids))
        self.save(routine)
        trashed.unlink()
        return routine

    def duplicate(self, routine: Routine, existing_ids: Collection[str]) -> Routine:
        """A copy with a free id (``<id>-copy``, ``<id>-copy-2``…) and the title "… (copy)".

        The copy is not saved; ``existing_ids`` should hold every id in use
        (built-in and custom), and the folder's own ids are added to it.
        """
        return _relabelled(routine, "copy", COPY_TITLE, set(existing_ids) | self.ids())

    def export(self, routine: Routine, path: Path, *, inline_patterns: bool = True) -> Path:
        """Write ``routine`` to ``path`` (atomically) for sharing.

        With ``inline_patterns``, steps that name one of *this* user's saved
        patterns get the pattern itself, so the file works on another computer.
        """
        if inline_patterns:
            routine = self.inline_custom_patterns(routine)
        path = Path(path)
        atomic_write_bytes(path, encode_routine(routine), keep_backup=False)
        return path

    def inline_custom_patterns(self, routine: Routine) -> Routine:
        """``routine`` with references to saved custom patterns replaced by the patterns."""
        custom = self.load_patterns_or_empty()
        steps = []

        def inlined(ref):
            return custom[ref] if isinstance(ref, str) and ref in custom else ref

        for step in routine.steps:
            if isinstance(step, PoseStep) and step.breathing is not None:
                parts = [
                    msgspec.structs.replace(p, pattern=inlined(p.pattern)) for p in step.breathing
                ]
                step = msgspec.structs.replace(step, breathing=parts)
            elif step.pattern is not None:
                step = msgspec.structs.replace(step, pattern=inlined(step.pattern))
            steps.append(step)
        return msgspec.structs.replace(routine, steps=steps)

    def import_file(self, path: Path, existing_ids: Collection[str]) -> ImportResult:
        """Validate a routine file and save it as a custom routine.

        If its id is in ``existing_ids`` (or used in the folder) it is renamed
        (``<id>-imported``…, title "… (imported)"); nothing is ever overwritten.
        Raises ``InvalidDocument`` for a bad file.
        """
        path = Path(path)
        routine, seconds = self.validate(read_document(path), path.name)
        taken = self._taken_ids(existing_ids)
        renamed_from = None
        if routine.id in taken:
            renamed_from = routine.id
            routine = _relabelled(routine, "imported", IMPORTED_TITLE, taken)
        saved = self.save(routine)
        return ImportResult(routine, renamed_from, saved, seconds)

    # -- named breathing patterns ------------------------------------------------------

    def load_patterns(self) -> dict[str, Pattern]:
        """The saved named patterns; raises ``InvalidDocument`` for a damaged file."""
        return load_patterns(self.patterns_file)

    def load_patterns_or_empty(self) -> dict[str, Pattern]:
        """The saved patterns; none (and a line in the log) if their file is damaged."""
        try:
            return self.load_patterns()
        except InvalidDocument as exc:
            log.warning("ignoring damaged %s: %s", self.patterns_file.name, exc)
            return {}

    def save_pattern(self, pattern_id: str, pattern: Pattern) -> None:
        """Add or replace the named pattern ``pattern_id`` (validated, written atomically)."""
        pattern = convert(msgspec.to_builtins(pattern), Pattern, "pattern")
        convert({"patterns": {pattern_id: msgspec.to_builtins(pattern)}}, PatternFile, "pattern")
        patterns = self._patterns_for_writing()
        patterns[pattern_id] = pattern
        self._write_patterns(patterns)

    def delete_pattern(self, pattern_id: str, *, force: bool = False) -> None:
        """Remove a named pattern; refused (``PatternInUseError``) while routines use it.

        The previous ``patterns.json`` stays beside it as ``patterns.json.bak``.
        """
        users = self.pattern_users(pattern_id)
        if users and not force:
            raise PatternInUseError(pattern_id, users)
        patterns = self._patterns_for_writing()
        if patterns.pop(pattern_id, None) is None:
            raise KeyError(pattern_id)
        self._write_patterns(patterns)

    def pattern_users(self, pattern_id: str) -> list[str]:
        """Ids of the custom routines that refer to the named pattern ``pattern_id``."""
        users = []
        for path in routine_files(self.folder):
            try:
                routine = routine_from(read_document(path), path.name)
            except InvalidDocument:
                continue
            if any(pattern_id in pattern_refs(step) for step in routine.steps):
                users.append(routine.id)
        return users

    def _patterns_for_writing(self) -> dict[str, Pattern]:
        try:
            return self.load_patterns()
        except InvalidDocument as exc:
            # Never write over a file we cannot read: keep it beside, start afresh.
            kept = move_aside(self.patterns_file)
            log.warning("moved damaged %s aside to %s: %s", self.patterns_file, kept.name, exc)
            return {}

    def _write_patterns(self, patterns: dict[str, Pattern]) -> None:
        document = PatternFile(patterns=dict(sorted(patterns.items())))
        data = msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
        atomic_write_bytes(self.patterns_file, data, keep_backup=True)


def _peek_id(path: Path) -> str | None:
    with contextlib.suppress(InvalidDocument):
        value = read_document(path)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return value["id"]
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


__all__ = [
    "COPY_TITLE",
    "IMPORTED_TITLE",
    "RESTORED_TITLE",
    "CustomRoutineStore",
    "ImportResult",
    "PatternInUseError",
    "RoutineFileTakenError",
    "slugify",
    "suffixed_title",
    "unique_id",
]
