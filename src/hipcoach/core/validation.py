"""Turn untrusted JSON into typed structs, reporting every problem with its JSON path.

msgspec does the checking; this module walks a document field by field so a
file with five mistakes gets five problems instead of only the first, and reads
msgspec's messages into problem codes and parameters (see
:mod:`hipcoach.core.problems`, which puts them into words such as
``$.steps[3].seconds: must be greater than 0, got -5``).
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union

import msgspec

from hipcoach.core.problems import Code, InvalidDocument, Problem, RuleError


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
        out.append(Problem(source, path, Code.NOT_OBJECT, {"got": _kind(value)}))
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
            out.append(Problem(source, f"{path}.{key}", Code.UNKNOWN_FIELD))
    for f in info:
        if f.encode_name in value:
            _collect(value[f.encode_name], f.type, f"{path}.{f.encode_name}", source, out)
        elif f.required:
            out.append(Problem(source, f"{path}.{f.encode_name}", Code.REQUIRED))
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
    if isinstance(tag, str) and tag in tags:  # a list or an object is no tag (nor hashable)
        return tags[tag]
    allowed = list(tags)
    where = f"{path}.{tag_field}"
    if tag is None:
        out.append(Problem(source, where, Code.REQUIRED_ONE_OF, {"allowed": allowed}))
    else:
        out.append(Problem(source, where, Code.NOT_ONE_OF, {"allowed": allowed, "got": tag}))
    return None


def _collect_leaf(
    value: Any, typ: Any, path: str, source: str, out: list[Problem], what: str = ""
) -> None:
    try:
        msgspec.convert(value, typ)
    except msgspec.ValidationError as exc:
        problem = _problem_from(exc, value, path, source)
        if what:
            problem = Problem(source, path, problem.code, {**problem.params, "of": what})
        out.append(problem)


def _check_size(value: Any, meta: list[msgspec.Meta], path: str, source: str, out: list) -> None:
    for m in meta:
        if m.max_length is not None and len(value) > m.max_length:
            params = {"max": m.max_length, "count": len(value)}
            out.append(Problem(source, path, Code.TOO_MANY_ITEMS, params))
        if m.min_length is not None and len(value) < m.min_length:
            out.append(Problem(source, path, Code.TOO_FEW_ITEMS, {"min": m.min_length}))


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


# -- reading msgspec's messages ------------------------------------------------------------

_AT = r" - at `\$(?P<rest>[^`]*)`$"
_NUMBER = r"(?P<n>[-\d.e+]+)"
# msgspec's messages, and the code each stands for; the named groups become parameters.
# Kept as text: ``re`` compiles (and caches) a pattern when a file first has a problem,
# not at every start-up, where the built-in routines have none.
_CODES: list[tuple[str, Code, str]] = [
    (rf"Expected `\w+` >= {_NUMBER}", Code.AT_LEAST, "min"),
    (rf"Expected `\w+` > {_NUMBER}", Code.GREATER_THAN, "min"),
    (rf"Expected `\w+` <= {_NUMBER}", Code.AT_MOST, "max"),
    (rf"Expected `\w+` < {_NUMBER}", Code.LESS_THAN, "max"),
    (rf"Expected `\w+` that's a multiple of {_NUMBER}", Code.MULTIPLE_OF, "step"),
    (r"Expected `str` of length <= (?P<n>\d+)", Code.TEXT_TOO_LONG, "max"),
    (r"Expected `str` of length >= (?P<n>\d+)", Code.TEXT_TOO_SHORT, "min"),
    (r"Expected `array` of length <= (?P<n>\d+)", Code.TOO_MANY_ITEMS, "max"),
    (r"Expected `array` of length >= (?P<n>\d+)", Code.TOO_FEW_ITEMS, "min"),
    (r"Expected `object` of length <= (?P<n>\d+)", Code.TOO_MANY_ENTRIES, "max"),
    # The settings' times of day (settings.ClockTime).
    (r"Expected `str` matching regex '\^\(\[01\].*", Code.BAD_TIME_OF_DAY, ""),
    (r"Expected `str` matching regex .*", Code.BAD_ID, ""),
    (r"Invalid enum value .*", Code.NOT_ALLOWED_VALUE, ""),
    (r"Number out of range", Code.NOT_FINITE, ""),
    (r"Expected `(?P<n>[\w |]+)`, got `\w+`", Code.WRONG_TYPE, "want"),
    (r"Object missing required field `\w+`", Code.REQUIRED, ""),
    (r"Object contains unknown field `\w+`", Code.UNKNOWN_FIELD, ""),
]
_NO_VALUE = {Code.REQUIRED, Code.UNKNOWN_FIELD}


def _number(text: str) -> int | float:
    number = float(text)
    return int(number) if number.is_integer() and "." not in text and "e" not in text else number


def _problem_from(exc: msgspec.ValidationError, value: Any, path: str, source: str) -> Problem:
    message = str(exc)
    rest = ""
    if m := re.search(_AT, message):
        rest = m["rest"]
        message = message[: m.start()]
    field_match = re.search(r"(?:missing required|contains unknown) field `(\w+)`", message)
    if field_match:
        rest += f".{field_match[1]}"
    rule = exc.__cause__
    if isinstance(rule, RuleError):  # a model's rule across fields: its code is known
        return Problem(source, path + rest, rule.code, dict(rule.params))
    code, params = Code.INVALID, {"detail": message}
    for pattern, known, name in _CODES:
        if m := re.fullmatch(pattern, message):
            code, params = known, {}
            if name == "want":
                params["want"] = [w.strip() for w in m["n"].split("|")]
            elif name:
                params[name] = _number(m["n"]) if known not in _LENGTHS else int(m["n"])
            break
    if code == Code.TEXT_TOO_SHORT and params["min"] == 1:
        code, params = Code.TEXT_EMPTY, {}
    if code not in _NO_VALUE:
        got = _lookup(value, rest)
        if got is not _MISSING and not isinstance(got, dict | list):
            params["got"] = got
    return Problem(source, path + rest, code, params)


_LENGTHS = {
    Code.TEXT_TOO_LONG,
    Code.TEXT_TOO_SHORT,
    Code.TOO_MANY_ITEMS,
    Code.TOO_FEW_ITEMS,
    Code.TOO_MANY_ENTRIES,
}
_MISSING = object()
_PATH_PART = r"\.([^.\[]+)|\[(\d+)\]"


def _lookup(value: Any, rest: str) -> Any:
    for name, index in re.findall(_PATH_PART, rest):
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


def _kind(value: Any) -> str:
    """The JSON kind of a decoded value: boolean, number, string, array, object, null."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null" if value is None else type(value).__name__
