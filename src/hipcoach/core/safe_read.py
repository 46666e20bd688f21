"""Reading our files without trusting them: file type, size, nesting, duplicate keys.

Every file hipcoach reads (routines, ``patterns.json``, ``settings.json``, the
history and its checkpoints) may have been replaced by something that is not a
small JSON file: a folder, a named pipe that would block a plain ``open`` for
ever, a device that never ends, a sparse file of a gigabyte, or JSON nested so
deep that a recursive decoder runs out of stack. The functions here refuse all
of those with a reason, before anything large or deep is read or decoded.

Two kinds of failure come out, and callers treat them differently:

- ``InvalidDocument`` (from :func:`read_json_file` and :func:`decode_json`), or
  :class:`NotRegularFileError` / :class:`FileTooLargeError` (from
  :func:`read_regular_file`): the file is bad. It may be moved aside.
- Any other ``OSError`` (permission denied, an I/O error, not found): the file
  could not be read, which says nothing about its contents. It is left alone.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import msgspec

from hipcoach.core.problems import Code, InvalidDocument, Problem, describe
from hipcoach.i18n import N_, _

#: Deeper documents are refused before any decoder sees them (a routine needs about 5 levels).
MAX_DEPTH = 32

UTF8_BOM = b"\xef\xbb\xbf"

_CHUNK = 1024 * 1024


class FileTooLargeError(OSError):
    """A file is larger than we are willing to read into memory."""


class NotRegularFileError(OSError):
    """Something other than a regular file (a folder, a pipe, a device…) is where a file should be.

    ``kind`` says what: "folder", "fifo", "device", "socket", "loop" or "other".
    """

    def __init__(self, path: Path, kind: str):
        super().__init__(errno.EINVAL, describe(Code.NOT_A_FILE, {"kind": kind}), str(path))
        self.kind = kind

    def __str__(self) -> str:
        return self.strerror


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """Read a whole regular file of at most ``max_bytes``; never blocks, never reads more.

    The file is opened without blocking (a named pipe with no writer would
    otherwise wait for ever), then checked on the opened descriptor, so it
    cannot be swapped between the check and the read: anything but a regular
    file raises :class:`NotRegularFileError`, and a file whose size is over
    ``max_bytes`` raises :class:`FileTooLargeError` before a byte is read (a
    sparse file of a gigabyte costs nothing). The read itself stops after
    ``max_bytes + 1`` bytes, in case the file grows meanwhile. A symbolic link
    is followed; one that loops raises :class:`NotRegularFileError`. Other
    ``OSError``\\ s (not found, permission denied) are raised as they are.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:  # Windows refuses to open folders
        raise NotRegularFileError(path, "folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFileError(path, "loop") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, _kind_of(info.st_mode))
        if info.st_size > max_bytes:
            raise FileTooLargeError(errno.EFBIG, f"larger than {max_bytes} bytes", str(path))
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew after the size check
        raise FileTooLargeError(errno.EFBIG, f"larger than {max_bytes} bytes", str(path))
    return data


# -- nesting ---------------------------------------------------------------------------------

_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_BRACKETS_ONLY = bytes(b for b in range(256) if b not in b"[]{}")


def nesting_exceeds(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text ``data`` nests objects and lists more than ``limit`` deep.

    A linear scan that no document can make recurse: brackets inside strings
    (escapes included) are not counted. Meant to run *before* a decoder, so a
    hostile file is refused before a recursive parser sees it. On text that is
    not JSON the answer may be either; the decoder then reports what is wrong,
    safely, because no bracket sequence deeper than twice ``limit`` gets past.
    """
    if b"\\" in data:
        # An escaped backslash, then an escaped quote: what is left of a backslash
        # is an escape that cannot hide a quote or a bracket.
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    marks = data.translate(None, _STRUCTURE)
    # Quotes alternate opening and closing. Strings holding no bracket become '""' and
    # go at once; if a quote is left, some string holds brackets: cut every string out.
    brackets = marks.replace(b'""', b"")
    if b'"' in brackets:
        brackets = b"".join(marks.split(b'"')[::2])
    # Each pass removes the innermost pairs: one level of every branch, so a document
    # no more than `limit` deep is gone after `limit` passes. A removed pair leaves a
    # "0" until the next pass, so that no pass can make and remove a new pair itself.
    for _pass in range(limit):
        brackets = brackets.replace(b"0", b"")
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"0").replace(b"{}", b"0")
    brackets = brackets.replace(b"0", b"")
    if not brackets:
        return False
    return _prefix_depth_exceeds(brackets, limit)


def _prefix_depth_exceeds(brackets: bytes, limit: int) -> bool:
    # What is left is either deeper than `limit` or unbalanced (text that is not JSON).
    # Deep, if the leftover nests past `limit` before its first mismatch; otherwise the
    # decoder stops at that mismatch having gone at most 2 * limit deep.
    stack: list[int] = []
    closing = {ord("]"): ord("["), ord("}"): ord("{")}
    for b in brackets:
        if b in closing:
            if not stack or stack.pop() != closing[b]:
                return False
        else:
            stack.append(b)
            if len(stack) > limit:
                return True
    # Balanced, yet still there after `limit` passes: deeper than `limit`. Unclosed
    # (a cut-off file): not valid JSON, which the decoder says.
    return not stack


# -- decoding --------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return found


def duplicate_key(data: bytes) -> str | None:
    """The first key that appears twice in one object of the JSON text ``data``, or None.

    ``data`` must already be known to be valid JSON no deeper than ``MAX_DEPTH``
    (decode it first). Costs about as much as decoding it with the standard
    library's ``json``: fine for routines and settings; measure before using it
    on a large file.
    """
    try:
        json.loads(data, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as exc:
        return exc.key
    return None


def prepare_json(data: bytes, source: str) -> bytes:
    """Check ``data`` before a decoder sees it; return the JSON text to decode.

    A UTF-8 byte-order mark (some Windows editors add one) is removed. Text that
    is not UTF-8, and nesting deeper than ``MAX_DEPTH``, raise ``InvalidDocument``
    naming ``source``.
    """
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem(source, "", Code.NOT_UTF8, {"byte": exc.start})]) from None
    if nesting_exceeds(data):
        raise InvalidDocument([Problem(source, "", Code.TOO_DEEP, {"max": MAX_DEPTH})])
    return data


# What msgspec says is wrong with a malformed document, translated like our own words.
# The msgids are msgspec's English, so English readers see what it says; anything
# else it says is shown as it is.
_MALFORMED = frozenset(
    {
        N_("Input data was truncated"),
        N_("object keys must be strings"),
        N_("expected ':'"),
        N_("expected ',' or '}'"),
        N_("expected ',' or ']'"),
        N_("trailing comma in object"),
        N_("trailing comma in array"),
        N_("trailing characters"),
        N_("invalid character"),
        N_("invalid number"),
        N_("invalid escape character in string"),
    }
)
# As text: ``re`` compiles it when a file is first refused, not at every start.
_MSGSPEC_DETAIL = r"^(?:JSON is malformed: )?(.*?)(?: \(byte (\d+)\))?$"


def json_error_detail(err: msgspec.DecodeError) -> str:
    """What is wrong with a JSON document msgspec refused, in the language shown."""
    match = re.match(_MSGSPEC_DETAIL, str(err), re.DOTALL)
    text, offset = (match.group(1), match.group(2)) if match else (str(err), None)
    words = _(text) if text in _MALFORMED else text
    if offset is None:
        return words
    # TRANSLATORS: what is wrong with a JSON file, then where in it: "invalid number (byte 12)".
    return _("{problem} (byte {offset})").format(problem=words, offset=offset)


def decode_json(data: bytes, source: str) -> Any:
    """Decode a small UTF-8 JSON document into plain values, or raise ``InvalidDocument``.

    Refuses, naming ``source`` and saying why: text that is not UTF-8 (a leading
    byte-order mark is fine), nesting deeper than ``MAX_DEPTH``, malformed JSON,
    and a key given twice in one object. Whatever else goes wrong while decoding
    is reported the same way; nothing else is raised.
    """
    data = prepare_json(data, source)
    try:
        value = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        reason = json_error_detail(exc)
        raise InvalidDocument([Problem(source, "", Code.NOT_JSON, {"detail": reason})]) from None
    except Exception as exc:  # any failure of a decoder is a bad file
        problem = Problem(source, "", Code.UNDECODABLE, {"detail": str(exc)})
        raise InvalidDocument([problem]) from None
    try:
        key = duplicate_key(data)
    except Exception as exc:  # msgspec accepted it: report, never raise
        problem = Problem(source, "", Code.UNDECODABLE, {"detail": str(exc)})
        raise InvalidDocument([problem]) from None
    if key is not None:
        raise InvalidDocument([Problem(source, "", Code.DUPLICATE_KEY, {"key": key})])
    return value


def read_json_file(path: Path, max_bytes: int, source: str | None = None) -> Any:
    """Read and decode one of our small JSON files (see :func:`decode_json`).

    A bad file (not a regular file, larger than ``max_bytes``, bad JSON) raises
    ``InvalidDocument`` naming ``source`` (the file's name by default). A file
    that could not be read at all (missing, permission denied) raises the
    ``OSError``: it may be fine, so callers leave it alone.
    """
    path = Path(path)
    source = path.name if source is None else source
    try:
        data = read_regular_file(path, max_bytes)
    except FileTooLargeError:
        too_large = Problem(source, "", Code.TOO_LARGE, {"max_bytes": max_bytes})
        raise InvalidDocument([too_large]) from None
    except NotRegularFileError as exc:
        not_a_file = Problem(source, "", Code.NOT_A_FILE, {"kind": exc.kind})
        raise InvalidDocument([not_a_file]) from None
    return decode_json(data, source)
