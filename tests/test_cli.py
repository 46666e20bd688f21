"""The command line: listing, validating, the data folder override."""

import json
import os
import subprocess
import sys

import pytest

from hipcoach import cli, paths

GOOD = {
    "id": "my-evening",
    "title": "My evening",
    "steps": [{"kind": "breath", "pattern": "extended-exhale", "seconds": 60}],
}


def run(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def test_validate_exits_0_for_valid_files(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(GOOD))
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "1 file(s) valid\n"


def test_validate_exits_1_with_one_line_per_problem(tmp_path):
    bad = dict(GOOD, steps=[{"kind": "breath", "pattern": "box", "seconds": -5}], title="")
    (tmp_path / "evening.json").write_text(json.dumps(bad))
    (tmp_path / "broken.json").write_bytes(b"\xff")
    result = run("validate", "evening.json", "broken.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'evening.json: $.title: must not be empty, got ""',
        "evening.json: $.steps[0].seconds: must be greater than 0, got -5",
        "broken.json: is not valid UTF-8 text (byte 0)",
    ]
    assert "Traceback" not in result.stderr


def test_validate_reports_a_missing_file_without_a_traceback(tmp_path):
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'nope.json'}: cannot be read")
    assert result.stderr == ""


def test_routines_lists_builtins_and_custom_from_the_data_dir(tmp_path):
    folder = tmp_path / "elsewhere"
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "mine.json").write_text(json.dumps(GOOD))
    (folder / "routines" / "bad.json").write_text("{")
    result = run("--data-dir", str(folder), "routines")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TIME", "KIND", "TITLE"]
    mine = next(line for line in lines if line.startswith("my-evening"))
    assert mine.split()[1:3] == ["1:00", "custom"]
    assert sum("built-in" in line for line in lines) >= 7
    assert "skipped: bad.json: is not valid JSON" in result.stderr


def test_data_dir_environment_variable_is_honoured(tmp_path):
    folder = tmp_path / "from-env"
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "mine.json").write_text(json.dumps(GOOD))
    result = run("routines", env={paths.DATA_DIR_ENV: str(folder)})
    assert "my-evening" in result.stdout


def test_data_dir_flag_sets_every_personal_path(tmp_path):
    cli.build_parser()  # the flag exists
    paths.set_data_dir(tmp_path / "x")
    assert paths.history_file() == (tmp_path / "x" / "history.json").resolve()
    assert paths.settings_file().parent == (tmp_path / "x").resolve()
    assert paths.custom_routines_dir() == (tmp_path / "x" / "routines").resolve()


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("hipcoach 0.")
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "validate" in out and "routines" in out and "--data-dir" in out


def test_unknown_command_is_a_usage_error_not_a_traceback():
    result = run("dance")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


def _history_with_two_sessions(folder):
    from datetime import datetime, timedelta, timezone

    from hipcoach.core.history import HistoryStore
    from hipcoach.core.history_format import SessionRecord, new_session_id

    store = HistoryStore(folder / "history.json")
    store.load()
    start = datetime(2026, 11, 20, 19, 30, tzinfo=timezone(timedelta(hours=1)))
    for day, title in ((0, "Evening hip unwind"), (1, "Box breathing")):
        began = start + timedelta(days=day)
        store.add(
            SessionRecord(
                id=new_session_id(),
                started_at=began,
                ended_at=began + timedelta(minutes=5),
                routine_id="r",
                routine_title=title,
                planned_seconds=300,
                practised_seconds=290,
                completed=True,
                steps_done=3,
                steps_total=3,
            )
        )


def test_history_export_csv_to_stdout(tmp_path):
    _history_with_two_sessions(tmp_path)
    result = run("--data-dir", str(tmp_path), "history", "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3  # a header and two sessions, oldest first
    assert "Evening hip unwind" in lines[1] and "Box breathing" in lines[2]
    assert "2026-11-20T19:30:00+01:00" in lines[1]


def test_history_export_json_to_a_private_file(tmp_path):
    _history_with_two_sessions(tmp_path)
    out = tmp_path / "export.json"
    result = run(
        "--data-dir", str(tmp_path), "history", "export", "--format", "json", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "2 session(s) written" in result.stderr
    assert len(json.loads(out.read_text())["sessions"]) == 2
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_history_export_never_touches_a_damaged_history(tmp_path):
    (tmp_path / "history.json").write_text("{broken")
    result = run("--data-dir", str(tmp_path), "history", "export")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and result.stderr.startswith("hipcoach: ")
    assert (tmp_path / "history.json").read_text() == "{broken"
    assert not list(tmp_path.glob("history.corrupt-*"))


def test_history_export_to_an_unwritable_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    target = blocker / "x.csv"
    result = run("--data-dir", str(tmp_path), "history", "export", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr.startswith(f"hipcoach: {target} cannot be used (Not a directory)")
    assert "Traceback" not in result.stderr


# ----------------------------------------------------------------------------- export -o PATH


def export_to(folder, output):
    """Run ``history export -o output`` in this process; returns (status, stdout, stderr)."""
    import io

    paths.set_data_dir(folder)
    out, err = io.StringIO(), io.StringIO()
    status = cli.export_history_command("csv", output, out, err)
    return status, out.getvalue(), err.getvalue()


def test_export_with_dash_writes_to_standard_output(tmp_path):
    _history_with_two_sessions(tmp_path)
    status, out, _err = export_to(tmp_path, "-")
    assert status == 0 and out.startswith("id,started_at")
    assert not (tmp_path / "-").exists()


def test_export_replaces_a_regular_file_atomically(tmp_path):
    _history_with_two_sessions(tmp_path)
    target = tmp_path / "out.csv"
    target.write_text("old")
    old_inode = target.stat().st_ino
    status, _, err = export_to(tmp_path, str(target))
    assert status == 0, err
    assert "Box breathing" in target.read_text(encoding="utf-8-sig")
    assert target.stat().st_ino != old_inode  # a new file renamed over the old one


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    _history_with_two_sessions(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    status, _, err = export_to(tmp_path, str(link))
    assert status == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Box breathing" in real.read_text(encoding="utf-8-sig")


def test_export_to_a_device_is_written_through_never_replaced(tmp_path):
    _history_with_two_sessions(tmp_path)
    status, _, err = export_to(tmp_path, os.devnull)
    assert status == 0, err
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_export_to_a_fifo_is_written_through(tmp_path):
    import threading

    _history_with_two_sessions(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader_open = threading.Event()

    def read():
        with open(fifo, "rb") as f:
            reader_open.set()
            received.append(f.read())

    reader = threading.Thread(target=read)
    reader.start()
    # Opening a FIFO's write end succeeds only once the reader has it open.
    while not reader_open.is_set():
        status, _, err = export_to(tmp_path, str(fifo))
        if status == 0:
            break
        assert "no program is reading" in err
    reader.join(timeout=30)
    assert status == 0
    assert b"Box breathing" in received[0]
    assert fifo.exists() and not fifo.is_file()


def test_export_to_a_fifo_nobody_reads_is_a_clear_error_not_a_hang(tmp_path):
    _history_with_two_sessions(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    status, _, err = export_to(tmp_path, str(fifo))
    assert status == 1
    assert f"{fifo} is a named pipe that no program is reading" in err


def test_export_to_a_folder_or_a_missing_folder_is_refused(tmp_path):
    _history_with_two_sessions(tmp_path)
    status, _, err = export_to(tmp_path, str(tmp_path))
    assert status == 1 and "is a folder" in err
    missing = tmp_path / "no-such-folder" / "out.csv"
    status, _, err = export_to(tmp_path, str(missing))
    assert status == 1 and "does not exist" in err
    assert not missing.parent.exists()  # never created


def test_export_into_a_closed_pipe_ends_quietly(tmp_path):
    from datetime import UTC, datetime, timedelta

    from hipcoach.core.history_format import encode_history
    from history_crash_child import make_session

    # Far more than a pipe holds, so the export is still writing when the reader goes.
    sessions = [
        make_session(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i)) for i in range(3000)
    ]
    (tmp_path / "history.json").write_bytes(encode_history(sessions))
    export = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", "--data-dir", str(tmp_path), "history", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout.readline().startswith(b"id,")  # what `head -1` reads
    export.stdout.close()
    with export.stderr:
        err = export.stderr.read().decode()
    assert export.wait(timeout=60) == 0
    assert err == ""


def test_validate_counts_a_file_given_twice_once(tmp_path):
    (tmp_path / "mine.json").write_text(json.dumps(GOOD))
    result = run("validate", "mine.json", "./mine.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "1 file(s) valid\n"


def test_validate_reports_every_file_even_after_a_hostile_one(tmp_path):
    (tmp_path / "deep.json").write_bytes(b'{"id": ' * 5000 + b"1" + b"}" * 5000)
    (tmp_path / "kind.json").write_text(
        json.dumps(dict(GOOD, steps=[{"kind": ["breath"]}, {"kind": {"a": 1}}]))
    )
    (tmp_path / "bad.json").write_text(json.dumps(dict(GOOD, title="")))
    result = run("validate", "deep.json", "kind.json", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "deep.json: is nested more than 32 levels deep",
        'kind.json: $.steps[0].kind: must be one of breath, pose, rest, transition, got ["breath"]',
        'kind.json: $.steps[1].kind: must be one of breath, pose, rest, transition, got {"a":1}',
        'bad.json: $.title: must not be empty, got ""',
    ]


def test_quit_after_opens_the_window_then_closes_it_with_status_0(tmp_path):
    # The packaging checks (tests/test_bundle.py) rely on this hidden option.
    result = run("--quit-after", "0", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "windows open: 1 (hipcoach)" in result.stdout
