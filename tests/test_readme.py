"""The README's Quick start stays true: two commands, and CI runs the test one word for word."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.S)
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_setup_and_launch_then_tests():
    launch, tests = quick_start_commands()
    assert launch.startswith("python3 -m venv .venv") and launch.endswith(".venv/bin/hipcoach")
    assert tests.startswith("python3 -m venv .venv") and tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci


def test_launch_command_names_the_installed_entry_point():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'hipcoach = "hipcoach.launcher:main"' in text
    assert "[project.gui-scripts]" in text


def readme_key_table() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("| Key | Does |", 1)[1]
    rows = []
    for line in section.splitlines()[2:]:
        if not line.strip().startswith("|"):
            break
        keys, does = (cell.strip() for cell in line.strip().strip("|").split("|"))
        rows.append((keys, does))
    return rows


def test_the_readme_key_table_is_the_action_table():
    from hipcoach.ui.action_table import keys_text, listed

    assert readme_key_table() == [(keys_text(spec), spec.help) for spec in listed()]
