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


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
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
    result = run("validate", str(tmp_path / "evening.json"), str(tmp_path / "broken.json"))
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
    assert result.stdout.startswith("nope.json: cannot be read")
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
