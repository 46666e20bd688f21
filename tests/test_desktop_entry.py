"""The launcher entry: the shipped desktop files agree with each other, and
``hipcoach install-desktop-entry`` / ``uninstall-desktop-entry`` manage a user's copy."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hipcoach import APP_ID, __version__, desktop_entry, paths

ROOT = Path(__file__).resolve().parents[1]
ASSETS = paths.assets_dir()
DESKTOP = ASSETS / "desktop" / f"{APP_ID}.desktop"
METAINFO = ASSETS / "desktop" / f"{APP_ID}.metainfo.xml"


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def run_cli(*args: str, data_home: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


# ----------------------------------------------------------------------------- shipped files


def test_the_desktop_entry_names_the_application_id_icon_and_window_class():
    entry = read_entry(DESKTOP)
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "hipcoach"
    # Qt on X11 sets WM_CLASS's class to the application name.
    assert entry["StartupWMClass"] == "hipcoach"
    for key in ("GenericName", "Comment", "Keywords"):
        assert entry[key] and entry[f"{key}[es]"], key
    assert entry["Keywords"].endswith(";") and entry["Keywords[es]"].endswith(";")


def test_the_metainfo_describes_the_same_application():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "hipcoach"
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("developer/name").text
    assert root.findtext("summary") and root.find("description/p") is not None


def test_the_newest_release_in_the_metainfo_is_this_version():
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__


def test_every_metainfo_screenshot_is_in_docs_screenshots_at_its_stated_size():
    images = ET.parse(METAINFO).getroot().findall("screenshots/screenshot/image")
    assert images
    for image in images:
        name = image.text.rsplit("/docs/screenshots/", 1)[1]
        path = ROOT / "docs" / "screenshots" / name
        assert path.is_file(), name
        assert png_size(path) == (int(image.get("width")), int(image.get("height")))


@pytest.mark.parametrize("size", desktop_entry.ICON_SIZES)
def test_each_hicolor_icon_is_the_size_its_folder_says(size):
    assert png_size(ASSETS / "icons" / f"hipcoach-{size}.png") == (size, size)


# ----------------------------------------------------------------------------- quoting


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/home/ana/.local/bin/hipcoach", "/home/ana/.local/bin/hipcoach"),
        ("/opt/my apps/hipcoach", '"/opt/my apps/hipcoach"'),
        ("/opt/100%/hipcoach", "/opt/100%%/hipcoach"),
        ('/opt/"x"/hipcoach', '"/opt/\\\\"x\\\\"/hipcoach"'),
        ("/opt/$HOME/hipcoach", '"/opt/\\\\$HOME/hipcoach"'),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_specification_asks(argument, quoted):
    assert desktop_entry.exec_quote(argument) == quoted


def test_a_relative_xdg_data_home_is_ignored_as_the_specification_says(tmp_path):
    assert desktop_entry.xdg_data_home({"XDG_DATA_HOME": "relative/share"}) == (
        Path.home() / ".local" / "share"
    )
    assert desktop_entry.xdg_data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path


# ----------------------------------------------------------------------------- install, uninstall


def installed_files(data_home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_home)): p.read_bytes() for p in data_home.rglob("*") if p.is_file()
    }


def test_install_writes_the_entry_metainfo_and_every_icon_under_xdg_data_home(tmp_path):
    data_home = tmp_path / "share"
    result = run_cli("install-desktop-entry", data_home=data_home, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert sorted(installed_files(data_home)) == sorted(
        [
            f"applications/{APP_ID}.desktop",
            f"metainfo/{APP_ID}.metainfo.xml",
            f"icons/hicolor/scalable/apps/{APP_ID}.svg",
            *(f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in desktop_entry.ICON_SIZES),
        ]
    )
    assert not (tmp_path / "home").exists()  # nothing outside XDG_DATA_HOME
    assert (data_home / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()


def test_the_installed_entry_starts_the_program_that_installed_it(tmp_path):
    data_home = tmp_path / "share"
    run_cli("install-desktop-entry", data_home=data_home, home=tmp_path)
    entry = read_entry(data_home / "applications" / f"{APP_ID}.desktop")
    program = Path(entry["Exec"])
    assert program.is_absolute() and program.is_file() and os.access(program, os.X_OK)
    assert entry["Icon"] == APP_ID
    shipped = dict(read_entry(DESKTOP))
    assert {k: v for k, v in entry.items() if k != "Exec"} == {
        k: v for k, v in shipped.items() if k != "Exec"
    }


def test_installing_twice_changes_nothing(tmp_path):
    data_home = tmp_path / "share"
    run_cli("install-desktop-entry", data_home=data_home, home=tmp_path)
    first = installed_files(data_home)
    result = run_cli("install-desktop-entry", data_home=data_home, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert installed_files(data_home) == first


def test_install_replaces_an_entry_that_points_at_a_moved_program(tmp_path):
    data_home = tmp_path / "share"
    stale = data_home / "applications" / f"{APP_ID}.desktop"
    stale.parent.mkdir(parents=True)
    stale.write_text("[Desktop Entry]\nType=Application\nName=hipcoach\nExec=/gone/hipcoach\n")
    run_cli("install-desktop-entry", data_home=data_home, home=tmp_path)
    assert read_entry(stale)["Exec"] != "/gone/hipcoach"


def test_uninstall_removes_only_what_install_wrote(tmp_path):
    data_home = tmp_path / "share"
    other = data_home / "applications" / "org.example.Other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    run_cli("install-desktop-entry", data_home=data_home, home=tmp_path)
    result = run_cli("uninstall-desktop-entry", data_home=data_home, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(installed_files(data_home)) == ["applications/org.example.Other.desktop"]
    assert "no longer in the desktop's launcher" in result.stdout


def test_uninstall_without_an_entry_says_so_and_succeeds(tmp_path):
    result = run_cli("uninstall-desktop-entry", data_home=tmp_path / "share", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"There was no hipcoach launcher entry in {tmp_path / 'share'}.\n"


def test_an_unwritable_data_folder_is_a_clear_message_not_a_traceback(tmp_path):
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder should be")
    result = run_cli("install-desktop-entry", data_home=blocked, home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"hipcoach: cannot install the launcher entry in {blocked}:")
    assert "Traceback" not in result.stderr
