"""A symbolic link where hipcoach keeps a file: refused with a message, never followed or replaced.

hipcoach never changes a file outside its data folder. settings.json or history.json as a
link (to a file elsewhere) is read, but not written: the link, its target's contents and its
target's mode all stay as they were, and the person is told to put the file itself there.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import encode_history
from hipcoach.core.history_problems import ProblemKind
from hipcoach.core.settings import Settings, SettingsStore
from hipcoach.core.storage import LinkNotFollowedError, atomic_write_bytes, move_aside
from history_crash_child import make_session

T0 = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def linked(data_dir: Path, name: str, target: Path, content: bytes) -> tuple[Path, os.stat_result]:
    data_dir.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    target.chmod(0o644)
    link = data_dir / name
    link.symlink_to(target)
    return link, target.stat()


def unchanged(link: Path, target: Path, content: bytes, before: os.stat_result) -> bool:
    after = target.stat()
    return (
        link.is_symlink()
        and os.readlink(link) == str(target)
        and target.read_bytes() == content
        and stat.S_IMODE(after.st_mode) == 0o644
        and after.st_ino == before.st_ino
        and not link.with_name(link.name + ".bak").exists()
    )


def test_atomic_write_refuses_a_link_and_says_what_to_do(data_dir, outside):
    link, before = linked(data_dir, "settings.json", outside / "settings.json", b"{}")
    with pytest.raises(LinkNotFollowedError, match="symbolic link") as caught:
        atomic_write_bytes(link, b'{"volume": 0.1}')
    assert "--data-dir" in str(caught.value)
    assert unchanged(link, outside / "settings.json", b"{}", before)
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


def test_a_linked_settings_file_is_read_but_never_written_through(data_dir, outside):
    content = b'{"volume": 0.3}'
    link, before = linked(data_dir, "settings.json", outside / "settings.json", content)
    store = SettingsStore(link)
    assert store.load().settings.volume == 0.3
    with pytest.raises(LinkNotFollowedError):
        store.save(Settings(volume=0.9))
    assert unchanged(link, outside / "settings.json", content, before)


def test_a_linked_history_is_shown_read_only_and_new_sessions_kept_beside(data_dir, outside):
    old = make_session(T0)
    content = encode_history([old])
    link, before = linked(data_dir, "history.json", outside / "history.json", content)
    store = HistoryStore(link)
    result = store.load()
    assert result.read_only and result.sessions == (old,)
    (problem,) = result.problems
    assert problem.kind is ProblemKind.READ_ONLY_LINK
    assert "symbolic link" in problem.message and "--data-dir" in problem.message
    new = make_session(T0.replace(day=7))
    assert store.add(new) is None
    assert store.session_file_path(new.id, "unsaved").exists()
    assert unchanged(link, outside / "history.json", content, before)


def test_moving_a_link_aside_moves_the_link_not_its_target(data_dir, outside):
    link, _before = linked(data_dir, "history.json", outside / "history.json", b"{bad")
    moved = move_aside(link, "corrupt", now=1_715_000_000.0)
    assert moved.is_symlink() and not link.exists()
    assert (outside / "history.json").read_bytes() == b"{bad"
    assert (outside / "history.json").stat().st_nlink == 1
