"""Routines and poses in the reader's language, from the content catalogue.

Only prose is translated: titles, descriptions, instructions, cautions, alternatives,
the names of halves and patterns. Ids, file names and the format's fixed words stay as
written. The result is for showing; a routine is always edited and saved as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import msgspec

from hipcoach import i18n
from hipcoach.core.model import PoseInfo, Routine

#: Fields whose text is an identifier, a file name or a fixed word of the format.
NOT_PROSE = frozenset(
    {
        "id",
        "pose",
        "pattern",
        "kind",
        "position",
        "sides",
        "side",
        "drawing",
        "illustration",
        "sound",
        "tags",
        "format",
        "phase",
        "translations",
    }
)

T = TypeVar("T")


def _translate(value: T, own: Mapping[str, str] | None) -> T:
    if isinstance(value, str):
        return i18n.content_text(value, own)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_translate(item, own) for item in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: _translate(item, own) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, msgspec.Struct):
        changes = {
            field: _translate(getattr(value, field), own)
            for field in value.__struct_fields__
            if field not in NOT_PROSE
        }
        # replace() does not validate again: a translation may be longer than the
        # English limits allow, and that is fine for showing.
        return msgspec.structs.replace(value, **changes)
    return value


def translated_routine(routine: Routine) -> Routine:
    """``routine`` as shown in the current language (itself when nothing changes).

    The routine's own ``translations`` for the language win over the built-in
    catalogue; text with no translation stays as written.
    """
    if i18n.language() == i18n.DEFAULT and not routine.translations:
        return routine
    own = routine.translations.get(i18n.language())
    shown = _translate(routine, own)
    return routine if shown == routine else shown


def translated_poses(poses: Mapping[str, PoseInfo]) -> dict[str, PoseInfo]:
    """The pose library in the current language."""
    if i18n.language() == i18n.DEFAULT:
        return dict(poses)
    return {pose_id: _translate(pose, None) for pose_id, pose in poses.items()}
