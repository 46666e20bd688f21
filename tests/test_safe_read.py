"""The safe reader: only regular files, size checked before reading, nesting before decoding."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach.core import safe_read
from hipcoach.core.problems import InvalidDocument
from hipcoach.core.safe_read import (
    MAX_DEPTH,
    FileTooLargeError,
    NotRegularFileError,
    decode_json,
    duplicate_key,
    nesting_exceeds,
    read_json_file,
    read_regular_file,
)

SRC = Path(__file__).resolve().parents[1] / "src"


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


# -- nesting -----------------------------------------------------------------------------------

_text = st.text(alphabet=st.sampled_from('ab[]{}"\\:, \n\u00e9'), max_size=6)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=60,
)


@settings(max_examples=300, deadline=None)
@given(_json_values, st.integers(min_value=0, max_value=6))
def test_nesting_scan_agrees_with_the_real_depth(value, limit):
    data = json.dumps(value, ensure_ascii=False).encode()
    assert nesting_exceeds(data, limit) == (_depth(value) > limit)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 200_000])
def test_deep_nesting_is_refused_before_decoding(depth):
    for opener, closer in ((b"[", b"]"), (b'{"a":', b"}")):
        data = opener * depth + b"1" + closer * depth
        with pytest.raises(InvalidDocument) as exc:
            decode_json(data, "deep.json")
        assert str(exc.value) == f"deep.json: is nested more than {MAX_DEPTH} levels deep"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"[" * 200_000, "is nested more than 32 levels deep"),  # cut off, never closed
        (b"[" * 200_000 + b"}" * 200_000, "is nested more than 32 levels deep"),
        (b"[" * 20 + b"}" * 200_000, "is not valid JSON"),
        (b"]" * 200_000, "is not valid JSON"),
        (b"[" * 30 + b"{}" * 200_000, "is not valid JSON"),
        (b"[" * 3, "is not valid JSON"),
    ],
)
def test_hostile_bracket_runs_never_reach_a_recursion_error(data, reason):
    with pytest.raises(InvalidDocument) as exc:
        decode_json(data, "odd.json")
    assert str(exc.value).startswith(f"odd.json: {reason}")


def test_brackets_inside_a_string_are_text():
    assert decode_json(b'["' + b"[" * 200_000 + b'"]', "x.json") == ["[" * 200_000]


def test_brackets_in_strings_and_escapes_are_not_nesting():
    inner = json.dumps('[[[{{{\\"]]' * 20)
    assert decode_json(f'{{"a": [{inner}]}}'.encode(), "x.json") == {"a": [json.loads(inner)]}
    assert not nesting_exceeds(b'["\\\\", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]', 2)


def test_exactly_the_limit_is_accepted():
    data = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert _depth(decode_json(data, "x.json")) == MAX_DEPTH


# -- decoding ----------------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted():
    assert decode_json(b'\xef\xbb\xbf{"id": "a"}', "bom.json") == {"id": "a"}


def test_a_key_given_twice_is_named():
    with pytest.raises(InvalidDocument) as exc:
        decode_json(b'{"id": "a", "steps": [{"kind": "rest", "kind": "pose"}]}', "twice.json")
    assert str(exc.value) == "twice.json: has the key 'kind' twice in one object"


def test_keys_equal_after_unescaping_are_the_same_key():
    assert duplicate_key(b'{"a": 1, "\\u0061": 2}') == "a"
    assert duplicate_key(b'{"a": 1, "b": {"a": 2}}') is None


@pytest.mark.parametrize(
    "data",
    [b"1" + b"0" * 5000, b'{"a": 1e400}', b'{"a": -' + b"9" * 5000 + b"}", b"\xef\xbb\xbf"],
)
def test_any_decoding_failure_is_a_bad_file(data):
    with pytest.raises(InvalidDocument) as exc:
        decode_json(data, "odd.json")
    assert str(exc.value).startswith("odd.json: ")


# -- file types --------------------------------------------------------------------------------


def _fifo(path: Path) -> tuple[str, str]:
    os.mkfifo(path)
    return "fifo", "a named pipe (FIFO)"


def _device(path: Path) -> tuple[str, str]:
    path.symlink_to("/dev/zero")
    return "device", "a device"


def _folder(path: Path) -> tuple[str, str]:
    path.mkdir()
    return "folder", "a folder"


def _loop(path: Path) -> tuple[str, str]:
    path.symlink_to(path.name)
    return "loop", "a symbolic link that points to itself"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("make", [_fifo, _device, _folder, _loop], ids=lambda f: f.__name__[1:])
def test_only_regular_files_are_read(tmp_path, make):
    path = tmp_path / "routine.json"
    kind, what = make(path)
    with pytest.raises(NotRegularFileError) as exc:
        read_regular_file(path, 1024)
    assert exc.value.kind == kind
    with pytest.raises(InvalidDocument) as bad:
        read_json_file(path, 1024)
    assert str(bad.value) == f"routine.json: is {what}, not a file"
    assert os.path.lexists(path)


def test_a_sparse_gigabyte_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    with open(path, "wb") as f:
        f.truncate(1024**3)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(FileTooLargeError):
        read_regular_file(path, 256 * 1024)
    with pytest.raises(InvalidDocument) as exc:
        read_json_file(path, 256 * 1024)
    assert str(exc.value) == "settings.json: is larger than 256 KB"
    assert reads == []
    assert path.stat().st_size == 1024**3


def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "growing.json"
    path.write_bytes(b"[]")
    real_read = os.read
    # The size was checked on a small file; then more arrives than the limit allows.
    monkeypatch.setattr(os, "read", lambda fd, n: b"x" * n if n > 1 else real_read(fd, n))
    with pytest.raises(FileTooLargeError):
        read_regular_file(path, 100)


def test_reads_are_bounded(tmp_path, monkeypatch):
    path = tmp_path / "small.json"
    path.write_bytes(b"[1, 2, 3]")
    got = []
    real_read = os.read

    def counting_read(fd, n):
        chunk = real_read(fd, n)
        got.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting_read)
    assert read_regular_file(path, 10) == b"[1, 2, 3]"
    path.write_bytes(b"[" + b" " * 10_000 + b"]")
    got.clear()
    with pytest.raises(FileTooLargeError):
        read_regular_file(path, 100)
    assert sum(got) == 0


def test_a_file_this_user_may_not_read_is_an_os_error_not_a_bad_file():
    if os.geteuid() != 0:
        pytest.skip("this check switches to another user, which needs root")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to run the check as another user")
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    probe = subprocess.run(
        [*as_nobody, sys.executable, "-c", "import hipcoach.core.safe_read"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:  # a checkout inside a folder private to root
        reason = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"the unprivileged user cannot run this checkout's Python: {reason}")
    # Not under pytest's tmp_path, whose parents are private to root: only the file is.
    top = Path(tempfile.mkdtemp(prefix="hipcoach-unreadable-"))
    try:
        top.chmod(0o755)
        path = top / "settings.json"
        path.write_bytes(b"{}")
        path.chmod(0o600)
        script = (
            "import sys; from hipcoach.core.safe_read import read_json_file\n"
            "try:\n    read_json_file(sys.argv[1], 1024)\n"
            "except PermissionError as e:\n    print('unreadable', e.strerror)\n"
            "except Exception as e:\n    print('other', type(e).__name__, e)\n"
        )
        done = subprocess.run(
            [*as_nobody, sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.stdout.strip() == "unreadable Permission denied", done.stderr
        assert path.read_bytes() == b"{}"
    finally:
        shutil.rmtree(top)


def test_read_json_file_passes_a_missing_file_on(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_json_file(tmp_path / "missing.json", 1024)


def test_the_reader_is_what_storage_offers(tmp_path):
    # The history reads through storage.read_bytes_limited: it must be the safe one.
    from hipcoach.core import storage

    path = tmp_path / "pipe"
    os.mkfifo(path)
    with pytest.raises(NotRegularFileError):
        storage.read_bytes_limited(path, 10)
    assert storage.FileTooLargeError is safe_read.FileTooLargeError


@pytest.mark.parametrize(
    ("data", "english"),
    [
        (b'{"a": 1,}', "trailing comma in object (byte 8)"),
        (b"{not", "object keys must be strings (byte 1)"),
        (b"[1 2]", "expected ',' or ']' (byte 3)"),
    ],
)
def test_msgspecs_reasons_read_as_before_in_english_and_are_translated(data, english):
    from hipcoach import i18n

    def detail() -> str:
        with pytest.raises(InvalidDocument) as caught:
            safe_read.decode_json(data, "x.json")
        return caught.value.problems[0].params["detail"]

    assert detail() == english
    i18n.set_language("es")
    try:
        assert detail() != english
        assert detail().endswith(english[english.index(" (byte") :])
    finally:
        i18n.set_language("en")
