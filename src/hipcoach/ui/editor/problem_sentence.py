"""A problem of a routine being edited, as the short sentence under the editor.

"step 2, length: must be greater than 0": the step's number and the field's name are
read from the problem's JSON path, the reason is the problem's own words
(``core.problems.describe``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

from hipcoach.core.problems import Code, Problem, describe
from hipcoach.i18n import _, pgettext


def field_name(field: str) -> str:
    """How the summary names a field found at the end of a problem's path."""
    # TRANSLATORS: names of fields in "step 2, length: must be greater than 0".
    names = {
        "id": pgettext("problem field", "title"),
        "title": pgettext("problem field", "title"),
        "description": pgettext("problem field", "description"),
        "tags": pgettext("problem field", "tags"),
        "equipment": pgettext("problem field", "equipment"),
        "steps": pgettext("problem field", "steps"),
        "kind": pgettext("problem field", "kind"),
        "pose": pgettext("problem field", "pose"),
        "name": pgettext("problem field", "name"),
        "seconds": pgettext("problem field", "length"),
        "cycles": pgettext("problem field", "length"),
        "breaths": pgettext("problem field", "length"),
        "per_side": pgettext("problem field", "sides"),
        "halves": pgettext("problem field", "sides"),
        "rounds": pgettext("problem field", "rounds"),
        "switch_seconds": pgettext("problem field", "switch sides"),
        "position": pgettext("problem field", "position"),
        "cues": pgettext("problem field", "cues"),
        "cautions": pgettext("problem field", "cautions"),
        "alternatives": pgettext("problem field", "alternatives"),
        "cue": pgettext("problem field", "cue"),
        "pattern": pgettext("problem field", "pattern"),
        "breathing": pgettext("problem field", "breathing"),
        "inhale": pgettext("problem field", "inhale"),
        "exhale": pgettext("problem field", "exhale"),
        "hold_in": pgettext("problem field", "hold (full)"),
        "hold_out": pgettext("problem field", "hold (empty)"),
        "top_up": pgettext("problem field", "top-up"),
        "ramp": pgettext("problem field", "lengthening"),
        "phase": pgettext("problem field", "phase"),
        "until": pgettext("problem field", "lengthen up to"),
        "by": pgettext("problem field", "lengthen by"),
        "every": pgettext("problem field", "lengthen every"),
    }
    return names.get(field, field.replace("_", " "))


def problem_sentence(p: Problem) -> str:
    """``p`` as a short sentence: 'step 2, length: must be greater than 0.'"""
    parts = [part for part in re.split(r"[.\[\]]+", p.path.removeprefix("$")) if part]
    number = None
    if parts[:1] == ["steps"] and len(parts) > 1 and parts[1].isdigit():
        number = QLocale().toString(int(parts[1]) + 1)
        parts = parts[2:]
    names = [field_name(part) for part in parts if not part.isdigit()]
    field = names[-1] if names else None
    reason = describe(p.code, p.params, with_value=p.code != Code.TEXT_EMPTY)
    if number is None and parts[-1:] == ["steps"] and p.code == Code.TOO_FEW_ITEMS:
        return _("add at least one step.")  # not "steps: must have at least 1 item(s)"
    if number is not None and field is not None:
        return _("step {number}, {field}: {reason}.").format(
            number=number, field=field, reason=reason
        )
    if number is not None:
        return _("step {number}: {reason}.").format(number=number, reason=reason)
    if field is not None:
        return _("{field}: {reason}.").format(field=field, reason=reason)
    return _("{reason}.").format(reason=reason[:1].upper() + reason[1:])
