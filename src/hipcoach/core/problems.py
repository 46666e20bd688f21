"""What can be wrong with a file, as data, and the one place that puts it into words.

A :class:`Problem` is a code (:class:`Code`), the JSON path it concerns, the
parameters of the rule (limits, the value found) and the file. Nothing else in
hipcoach writes a sentence about a problem: :func:`describe` does, from the code
and the parameters, so the editors can act on codes and the words can be
translated in one table.

To add a rule: add a member to :class:`Code`, its sentence to ``_TEXTS`` (and,
if the rule can report the value it found, the sentence with ``{got}``), and
raise it from a model's ``__post_init__`` with :class:`RuleError` or report it
with ``Problem``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

import msgspec

from hipcoach.i18n import N_, _


class Code(enum.StrEnum):
    """Every kind of problem a file can have."""

    # The file itself (core/safe_read.py).
    UNREADABLE = "unreadable"
    NOT_A_FILE = "not-a-file"
    TOO_LARGE = "too-large"
    NOT_UTF8 = "not-utf8"
    TOO_DEEP = "too-deep"
    NOT_JSON = "not-json"
    UNDECODABLE = "undecodable"
    DUPLICATE_KEY = "duplicate-key"
    # Its structure (core/validation.py).
    NOT_OBJECT = "not-object"
    UNKNOWN_FIELD = "unknown-field"
    REQUIRED = "required"
    REQUIRED_ONE_OF = "required-one-of"
    NOT_ONE_OF = "not-one-of"
    WRONG_TYPE = "wrong-type"
    AT_LEAST = "at-least"
    GREATER_THAN = "greater-than"
    AT_MOST = "at-most"
    LESS_THAN = "less-than"
    MULTIPLE_OF = "multiple-of"
    NOT_FINITE = "not-finite"
    TEXT_EMPTY = "text-empty"
    TEXT_TOO_SHORT = "text-too-short"
    TEXT_TOO_LONG = "text-too-long"
    BAD_ID = "bad-id"
    BAD_TIME_OF_DAY = "bad-time-of-day"
    NOT_ALLOWED_VALUE = "not-allowed-value"
    TOO_FEW_ITEMS = "too-few-items"
    TOO_MANY_ITEMS = "too-many-items"
    TOO_MANY_ENTRIES = "too-many-entries"
    INVALID = "invalid"  # a rule msgspec reported in words we do not know
    # Rules across fields (core/model.py).
    EXACTLY_ONE_OF = "exactly-one-of"
    PATTERN_IN_PARTS = "pattern-in-parts"
    POSE_OR_NAME = "pose-or-name"
    RAMP_TOO_SHORT = "ramp-too-short"
    ASSET_PATH_OUTSIDE = "asset-path-outside"
    # What a routine refers to (core/routines.py, core/timeline.py).
    UNKNOWN_PATTERN = "unknown-pattern"
    UNKNOWN_POSE = "unknown-pose"
    ASSET_OUTSIDE = "asset-outside"
    ASSET_MISSING = "asset-missing"
    STEP_TOO_LONG = "step-too-long"
    ROUTINE_TOO_LONG = "routine-too-long"
    ID_TAKEN_BY_BUILTIN = "id-taken-by-builtin"
    ID_TAKEN_BY_FILE = "id-taken-by-file"
    ID_REPEATED = "id-repeated"


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a file: which file, where in it (a JSON path), what and with what.

    ``params`` hold the rule's values (``min``, ``max``…) and, under ``got``, the
    value found when it is worth showing. ``str()`` gives the full line, as
    ``hipcoach validate`` prints it.
    """

    source: str
    path: str
    code: Code
    params: dict[str, Any] = msgspec.field(default_factory=dict)

    @property
    def reason(self) -> str:
        """What is wrong, as a sentence fragment: ``must be greater than 0, got -5``."""
        return describe(self.code, self.params)

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        at = f"{self.path}: " if self.path else ""
        return f"{where}{at}{self.reason}"


class InvalidDocument(ValueError):
    """A document failed validation; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class RuleError(ValueError):
    """Raised by a model's ``__post_init__`` for a rule across fields; the validator
    turns it into a :class:`Problem` with the same code and parameters."""

    def __init__(self, code: Code, **params: Any):
        super().__init__(describe(code, params))
        self.code = code
        self.params = params


# -- the words -------------------------------------------------------------------------------

# Each code: the sentence without the value found, and (when the rule can report it)
# the sentence with it. Whole sentences, so that a translation can reorder them.
_TEXTS: dict[Code, tuple[str, str | None]] = {
    Code.UNREADABLE: (N_("cannot be read ({reason})"), None),
    Code.TOO_LARGE: (N_("is larger than {kb} KB"), None),
    Code.NOT_UTF8: (N_("is not valid UTF-8 text (byte {byte})"), None),
    Code.TOO_DEEP: (N_("is nested more than {max} levels deep"), None),
    Code.NOT_JSON: (N_("is not valid JSON: {detail}"), None),
    Code.UNDECODABLE: (N_("could not be decoded ({detail})"), None),
    Code.DUPLICATE_KEY: (N_("has the key {key!r} twice in one object"), None),
    Code.NOT_OBJECT: (N_("must be an object"), N_("must be an object, got {got}")),
    Code.UNKNOWN_FIELD: (N_("is not a known field"), None),
    Code.REQUIRED: (N_("is required"), None),
    Code.REQUIRED_ONE_OF: (N_("is required (one of {allowed})"), None),
    Code.NOT_ONE_OF: (N_("must be one of {allowed}"), N_("must be one of {allowed}, got {got}")),
    Code.WRONG_TYPE: (N_("must be {want}"), N_("must be {want}, got {got}")),
    Code.AT_LEAST: (N_("must be at least {min}"), N_("must be at least {min}, got {got}")),
    Code.GREATER_THAN: (
        N_("must be greater than {min}"),
        N_("must be greater than {min}, got {got}"),
    ),
    Code.AT_MOST: (N_("must be at most {max}"), N_("must be at most {max}, got {got}")),
    Code.LESS_THAN: (N_("must be less than {max}"), N_("must be less than {max}, got {got}")),
    Code.MULTIPLE_OF: (
        N_("must be a multiple of {step} seconds"),
        N_("must be a multiple of {step} seconds, got {got}"),
    ),
    Code.NOT_FINITE: (N_("must be a finite number"), N_("must be a finite number, got {got}")),
    Code.TEXT_EMPTY: (N_("must not be empty"), N_("must not be empty, got {got}")),
    Code.TEXT_TOO_SHORT: (
        N_("must be at least {min} characters"),
        N_("must be at least {min} characters, got {length}"),
    ),
    Code.TEXT_TOO_LONG: (
        N_("must be at most {max} characters"),
        N_("must be at most {max} characters, got {length}"),
    ),
    Code.BAD_ID: (
        N_("must use only a-z, 0-9 and dashes"),
        N_("must use only a-z, 0-9 and dashes, got {got}"),
    ),
    Code.BAD_TIME_OF_DAY: (
        N_("must be a time of day as HH:MM, 00:00 to 23:59"),
        N_("must be a time of day as HH:MM, 00:00 to 23:59, got {got}"),
    ),
    Code.NOT_ALLOWED_VALUE: (
        N_("is not one of the allowed values"),
        N_("is not one of the allowed values, got {got}"),
    ),
    Code.TOO_FEW_ITEMS: (N_("must have at least {min} item(s)"), None),
    Code.TOO_MANY_ITEMS: (
        N_("must have at most {max} items"),
        N_("must have at most {max} items, got {count}"),
    ),
    Code.TOO_MANY_ENTRIES: (N_("must have at most {max} entries"), None),
    Code.INVALID: (N_("{detail}"), N_("{detail}, got {got}")),
    Code.PATTERN_IN_PARTS: (
        N_("a pose step with breathing parts gives each part its own pattern"),
        None,
    ),
    Code.POSE_OR_NAME: (N_("a pose step needs a pose from the library or a name"), None),
    Code.RAMP_TOO_SHORT: (
        N_("ramp.until ({until:g}) must be longer than {phase} ({start:g})"),
        None,
    ),
    Code.ASSET_PATH_OUTSIDE: (
        N_("{field} must be a path inside the assets folder, got {value!r}"),
        None,
    ),
    Code.UNKNOWN_PATTERN: (N_("unknown breathing pattern {name!r}"), None),
    Code.UNKNOWN_POSE: (N_("unknown pose {name!r}"), None),
    Code.ASSET_OUTSIDE: (N_("must point inside the assets folder, got {rel!r}"), None),
    Code.ASSET_MISSING: (N_("no such file in the assets folder: {rel!r}"), None),
    Code.STEP_TOO_LONG: (N_("lasts {seconds}; a step may last at most {max}"), None),
    Code.ROUTINE_TOO_LONG: (N_("add up to {seconds}; a routine may last at most {max}"), None),
    Code.ID_TAKEN_BY_BUILTIN: (
        N_("{id!r} is already used by a built-in routine; file skipped"),
        None,
    ),
    Code.ID_TAKEN_BY_FILE: (N_("{id!r} is already used by {other}; file skipped"), None),
    Code.ID_REPEATED: (N_("{id!r} is also the id of {other}"), None),
}

# A problem with the name of an entry (a key of an object) rather than its value.
_NAME_TEXTS: dict[Code, tuple[str, str | None]] = {
    Code.BAD_ID: (
        N_("name must use only a-z, 0-9 and dashes"),
        N_("name must use only a-z, 0-9 and dashes, got {got}"),
    ),
    Code.TEXT_EMPTY: (N_("name must not be empty"), N_("name must not be empty, got {got}")),
    Code.TEXT_TOO_SHORT: (
        N_("name must be at least {min} characters"),
        N_("name must be at least {min} characters, got {length}"),
    ),
    Code.TEXT_TOO_LONG: (
        N_("name must be at most {max} characters"),
        N_("name must be at most {max} characters, got {length}"),
    ),
    Code.NOT_ALLOWED_VALUE: (
        N_("name is not one of the allowed values"),
        N_("name is not one of the allowed values, got {got}"),
    ),
    Code.INVALID: (N_("name {detail}"), N_("name {detail}, got {got}")),
}

_NOT_A_FILE: dict[str, str] = {
    "folder": N_("is a folder, not a file"),
    "fifo": N_("is a named pipe (FIFO), not a file"),
    "device": N_("is a device, not a file"),
    "socket": N_("is a socket, not a file"),
    "loop": N_("is a symbolic link that points to itself, not a file"),
    "other": N_("is not a regular file"),
}

_EXACTLY_ONE: dict[str, str] = {
    "breath-step": N_("a breath step needs exactly one of {choices}"),
    "breathing-part": N_("a breathing part needs exactly one of {choices}"),
    "pose-step": N_("a pose step needs exactly one of {choices}"),
    "step": N_("a step needs exactly one of {choices}"),
}

_KINDS: dict[str, str] = {
    "boolean": N_("true or false"),
    "number": N_("a number"),
    "string": N_("text"),
    "array": N_("a list"),
    "object": N_("an object"),
    "null": N_("null"),
}

# msgspec's type names, as ``must be …`` says them.
_TYPE_NAMES: dict[str, str] = {
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "bool": N_("true or false"),
    "object": N_("an object"),
    "array": N_("a list"),
    "null": N_("null"),
}


_NUMBER_BOUNDS = {
    Code.AT_LEAST,
    Code.GREATER_THAN,
    Code.AT_MOST,
    Code.LESS_THAN,
    Code.MULTIPLE_OF,
}


def describe(code: Code, params: Mapping[str, Any], *, with_value: bool = True) -> str:
    """The sentence for a problem ``code`` with its ``params``, in the current language.

    With ``with_value=False`` the value found (``got``) is left out, as an editor
    does next to the field that holds it.
    """
    if code == Code.NOT_A_FILE:
        return _(_NOT_A_FILE.get(params.get("kind", "other"), _NOT_A_FILE["other"]))
    if code == Code.EXACTLY_ONE_OF:
        template = _EXACTLY_ONE.get(params.get("what", ""), _EXACTLY_ONE["step"])
        return _(template).format(choices=_or_list(params.get("fields", [])))
    table = _NAME_TEXTS if params.get("of") == "name" and code in _NAME_TEXTS else _TEXTS
    plain, with_got = table.get(code, ("{detail}", None))
    shown = _shown(code, params)
    found = "got" in shown or "length" in shown or "count" in shown
    template = with_got if with_value and with_got and found else plain
    try:
        return _(template).format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return template.format(**shown)


def sentence(problem: Problem, *, with_value: bool = True) -> str:
    """The problem's reason as a sentence starting with a capital, for a label."""
    return _capital(describe(problem.code, problem.params, with_value=with_value))


_PHASE_NAMES: dict[str, str] = {
    "inhale": N_("inhale"),
    "top_up": N_("top-up"),
    "hold_in": N_("hold (full)"),
    "exhale": N_("exhale"),
    "hold_out": N_("hold (empty)"),
}


def field_message(problem: Problem) -> str:
    """What an editor shows under the field a problem is about, as a sentence.

    Said from where the person is: beside the steps list, "Add at least one step";
    beside a ramp's end, what it must be longer than. An empty text is not quoted
    back to someone looking at the empty field.
    """
    params = problem.params
    if problem.code == Code.TOO_FEW_ITEMS and problem.path == "$.steps" and params["min"] == 1:
        return _("Add at least one step")
    if problem.code == Code.RAMP_TOO_SHORT:
        phase = _(_PHASE_NAMES.get(params["phase"], params["phase"]))
        return _("Must be longer than the {phase} ({start:g} s)").format(
            phase=phase, start=params["start"]
        )
    return sentence(problem, with_value=problem.code != Code.TEXT_EMPTY)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shown(code: Code, params: Mapping[str, Any]) -> dict[str, Any]:
    # Parameters as they read in a sentence: values in JSON, lists joined, times in words.
    shown: dict[str, Any] = {"detail": "", **params}
    if "got" in params:
        got = params["got"]
        if code == Code.NOT_OBJECT:
            shown["got"] = _(_KINDS.get(got, got))
        elif code in (Code.TEXT_TOO_SHORT, Code.TEXT_TOO_LONG) and isinstance(got, str):
            del shown["got"]
            shown["length"] = len(got)
        else:
            shown["got"] = show_value(got)
    if code in _NUMBER_BOUNDS:
        for key in ("min", "max", "step"):
            if isinstance(params.get(key), int | float):
                shown[key] = f"{float(params[key]):g}"
    if "allowed" in params:
        shown["allowed"] = ", ".join(str(a) for a in params["allowed"])
    if "want" in params:
        shown["want"] = _(" or ").join(_(_TYPE_NAMES.get(w, w)) for w in params["want"])
    if "max_bytes" in params:
        shown["kb"] = params["max_bytes"] // 1024
    if code in (Code.STEP_TOO_LONG, Code.ROUTINE_TOO_LONG):
        shown["seconds"] = hours_minutes(params["seconds"])
        shown["max"] = hours_minutes(params["max"])
    return shown


def _or_list(names: list[str]) -> str:
    # "a or b", "a, b or c": field names are the format's words, never translated.
    if len(names) < 2:
        return "".join(names)
    return _("{first} or {last}").format(first=", ".join(names[:-1]), last=names[-1])


def show_value(value: Any) -> str:
    """A value found in a file, as JSON, cut short when long."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    try:
        text = msgspec.json.encode(value).decode() if value is not None else "null"
    except (TypeError, ValueError, OverflowError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def hours_minutes(seconds: float) -> str:
    """A length as ``1 h 5 min``, ``2 h`` or ``45 min``."""
    minutes = round(seconds / 60)
    h, m = divmod(minutes, 60)
    if h and m:
        return _("{h} h {m} min").format(h=h, m=m)
    return _("{h} h").format(h=h) if h else _("{m} min").format(m=m)
