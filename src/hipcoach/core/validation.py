"""Turn untrusted JSON into typed structs, reporting every problem with its JSON path.

msgspec does the checking; this module walks a document field by field so a
file with five mistakes gets five messages instead of only the first, and
rewrites msgspec's messages into plain sentences such as
``$.steps[3].seconds: must be greater than 0, got -5``.
"""

from __future__ import annotations

import math
import re
import types
import typing
from typing import Any, Union

import msgspec


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a file: where, and why."""

    source: str
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        at = f"{self.path}: " if self.path else ""
        return f"{where}{at}{self.reason}"


class InvalidDocument(ValueError):
    """A document failed validation; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def convert(value: Any, typ: Any, source: str, path: str = "$") -> Any:
    """Convert plain values into ``typ``, raising ``InvalidDocument`` with every problem found."""
    try:
        return msgspec.convert(value, typ)
    except msgspec.ValidationError:
        pass
    problems: list[Problem] = []
    _collect(value, typ, path, source, problems)
    if not problems:  # the walker missed what msgspec saw: report msgspec's own words
        try:
            msgspec.convert(value, typ)
        except msgspec.ValidationError as exc:
            problems.append(_problem_from(exc, value, path, source))
    raise InvalidDocument(problems)


def _collect(value: Any, typ: Any, path: str, source: str, out: list[Problem]) -> None:
    """Append the problems of ``value`` as a ``typ``; descend into structs, lists and dicts."""
    base, meta = _unwrap(typ)
    struct_types = _struct_members(base)
    if struct_types:
        _collect_struct(value, struct_types, path, source, out)
        return
    origin = typing.get_origin(base)
    if origin in (list, dict) and isinstance(value, list if origin is list else dict):
        before = len(out)
        _check_size(value, meta, path, source, out)
        args = typing.get_args(base)
        items = enumerate(value) if origin is list else value.items()
        for key, item in items:
            where = f"{path}[{key}]" if origin is list else f"{path}.{key}"
            if origin is dict:
                _collect_leaf(key, args[0], where, source, out, what="name")
            _collect(item, args[-1], where, source, out)
        if len(out) > before:
            return
    _collect_leaf(value, typ, path, source, out)


def _collect_struct(
    value: Any, candidates: list[type], path: str, source: str, out: list[Problem]
) -> None:
    if not isinstance(value, dict):
        out.append(Problem(source, path, f"must be an object, got {_describe(value)}"))
        return
    cls = _pick_tagged(value, candidates, path, source, out)
    if cls is None:
        return
    before = len(out)
    info = msgspec.structs.fields(cls)
    known = {f.encode_name for f in info}
    tag_field = cls.__struct_config__.tag_field
    for key in value:
        if key not in known and key != tag_field:
            out.append(Problem(source, f"{path}.{key}", "is not a known field"))
    for f in info:
        if f.encode_name in value:
            _collect(value[f.encode_name], f.type, f"{path}.{f.encode_name}", source, out)
        elif f.required:
            out.append(Problem(source, f"{path}.{f.encode_name}", "is required"))
    if len(out) == before:  # fields fine one by one: check the rules that span fields
        try:
            msgspec.convert(value, cls)
        except msgspec.ValidationError as exc:
            out.append(_problem_from(exc, value, path, source))


def _pick_tagged(
    value: dict, candidates: list[type], path: str, source: str, out: list[Problem]
) -> type | None:
    if len(candidates) == 1 and candidates[0].__struct_config__.tag is None:
        return candidates[0]
    tag_field = candidates[0].__struct_config__.tag_field
    tags = {c.__struct_config__.tag: c for c in candidates}
    tag = value.get(tag_field)
    if tag in tags:
        return tags[tag]
    allowed = ", ".join(str(t) for t in tags)
    if tag is None:
        out.append(Problem(source, f"{path}.{tag_field}", f"is required (one of {allowed})"))
    else:
        out.append(
            Problem(source, f"{path}.{tag_field}", f"must be one of {allowed}, got {_show(tag)}")
        )
    return None


def _collect_leaf(
    value: Any, typ: Any, path: str, source: str, out: list[Problem], what: str = ""
) -> None:
    try:
        msgspec.convert(value, typ)
    except msgspec.ValidationError as exc:
        problem = _problem_from(exc, value, path, source)
        if what:
            problem = Problem(source, path, f"{what} {problem.reason}")
        out.append(problem)


def _check_size(value: Any, meta: list[msgspec.Meta], path: str, source: str, out: list) -> None:
    for m in meta:
        if m.max_length is not None and len(value) > m.max_length:
            out.append(
                Problem(source, path, f"must have at most {m.max_length} items, got {len(value)}")
            )
        if m.min_length is not None and len(value) < m.min_length:
            out.append(Problem(source, path, f"must have at least {m.min_length} item(s)"))


def _unwrap(typ: Any) -> tuple[Any, list[msgspec.Meta]]:
    meta: list[msgspec.Meta] = []
    while typing.get_origin(typ) is typing.Annotated:
        args = typing.get_args(typ)
        typ = args[0]
        meta.extend(m for m in args[1:] if isinstance(m, msgspec.Meta))
    return typ, meta


def _struct_members(typ: Any) -> list[type]:
    """The Struct classes ``typ`` stands for, when it is a Struct or a union of only Structs."""
    if isinstance(typ, type) and issubclass(typ, msgspec.Struct):
        return [typ]
    if typing.get_origin(typ) in (Union, types.UnionType):
        members = [a for a in typing.get_args(typ) if a is not type(None)]
        if members and all(isinstance(a, type) and issubclass(a, msgspec.Struct) for a in members):
            return members
    return []


# -- wording -------------------------------------------------------------------------------

_AT = re.compile(r" - at `\$(?P<rest>[^`]*)`$")
_TYPE_NAMES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}
_REWRITES: list[tuple[re.Pattern[str], typing.Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"Expected `\w+` >= (?P<n>[-\d.e+]+)"),
        lambda m: f"must be at least {_num(m['n'])}",
    ),
    (
        re.compile(r"Expected `\w+` > (?P<n>[-\d.e+]+)"),
        lambda m: f"must be greater than {_num(m['n'])}",
    ),
    (
        re.compile(r"Expected `\w+` <= (?P<n>[-\d.e+]+)"),
        lambda m: f"must be at most {_num(m['n'])}",
    ),
    (
        re.compile(r"Expected `\w+` < (?P<n>[-\d.e+]+)"),
        lambda m: f"must be less than {_num(m['n'])}",
    ),
    (
        re.compile(r"Expected `\w+` that's a multiple of (?P<n>[-\d.e+]+)"),
        lambda m: f"must be a multiple of {_num(m['n'])} seconds",
    ),
    (
        re.compile(r"Expected `str` of length <= (?P<n>\d+)"),
        lambda m: f"must be at most {m['n']} characters",
    ),
    (
        re.compile(r"Expected `str` of length >= (?P<n>\d+)"),
        lambda m: "must not be empty" if m["n"] == "1" else f"must be at least {m['n']} characters",
    ),
    (
        re.compile(r"Expected `array` of length <= (?P<n>\d+)"),
        lambda m: f"must have at most {m['n']} items",
    ),
    (
        re.compile(r"Expected `array` of length >= (?P<n>\d+)"),
        lambda m: f"must have at least {m['n']} item(s)",
    ),
    (
        re.compile(r"Expected `object` of length <= (?P<n>\d+)"),
        lambda m: f"must have at most {m['n']} entries",
    ),
    (
        # The settings' times of day (settings.ClockTime).
        re.compile(r"Expected `str` matching regex '\^\(\[01\].*"),
        lambda m: "must be a time of day as HH:MM, 00:00 to 23:59",
    ),
    (
        re.compile(r"Expected `str` matching regex .*"),
        lambda m: "must use only a-z, 0-9 and dashes",
    ),
    (re.compile(r"Invalid enum value (?P<v>.*)"), lambda m: "is not one of the allowed values"),
    (re.compile(r"Number out of range"), lambda m: "must be a finite number"),
    (
        re.compile(r"Expected `(?P<want>[\w |]+)`, got `(?P<got>\w+)`"),
        lambda m: f"must be {_want(m['want'])}",
    ),
    (re.compile(r"Object missing required field `(?P<f>\w+)`"), lambda m: "is required"),
    (re.compile(r"Object contains unknown field `(?P<f>\w+)`"), lambda m: "is not a known field"),
]


def _num(text: str) -> str:
    number = float(text)
    return f"{number:g}"


def _want(want: str) -> str:
    return " or ".join(_TYPE_NAMES.get(w.strip(), w.strip()) for w in want.split("|"))


def _problem_from(exc: msgspec.ValidationError, value: Any, path: str, source: str) -> Problem:
    message = str(exc)
    rest = ""
    if m := _AT.search(message):
        rest = m["rest"]
        message = message[: m.start()]
    field_match = re.search(r"(?:missing required|contains unknown) field `(\w+)`", message)
    if field_match:
        rest += f".{field_match[1]}"
    reason = message
    for pattern, build in _REWRITES:
        if m := pattern.fullmatch(message):
            reason = build(m)
            break
    if "required" not in reason and "not a known" not in reason:
        got = _lookup(value, rest)
        if isinstance(got, str) and "characters" in reason:
            reason += f", got {len(got)}"
        elif got is not _MISSING and not isinstance(got, dict | list):
            reason += f", got {_show(got)}"
    return Problem(source, path + rest, reason)


_MISSING = object()
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _lookup(value: Any, rest: str) -> Any:
    for name, index in _PATH_PART.findall(rest):
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = msgspec.json.encode(value).decode() if value is not None else "null"
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else type(value).__name__
