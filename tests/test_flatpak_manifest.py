"""The Flatpak manifest cannot be built here (no Flathub runtimes): check what can be checked."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path

from hipcoach import APP_ID

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "packaging" / "flatpak" / f"{APP_ID}.json"


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_the_manifest_is_the_application_id_on_the_pyside_base_app():
    m = manifest()
    assert m["id"] == APP_ID
    assert m["base"] == "io.qt.PySide.BaseApp"
    assert m["runtime"] == "org.kde.Platform" and m["base-version"] == m["runtime-version"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert m["command"] in scripts


def test_the_permissions_are_only_display_sound_notifications_tray_and_portals():
    args = manifest()["finish-args"]
    assert sorted(args) == sorted(
        [
            "--share=ipc",
            "--socket=wayland",
            "--socket=fallback-x11",
            "--device=dri",
            "--socket=pulseaudio",
            "--talk-name=org.freedesktop.Notifications",
            "--talk-name=org.kde.StatusNotifierWatcher",
        ]
    )
    # No file system access at all: the data folder is the sandbox's own XDG_DATA_HOME,
    # and opening or saving files goes through the portal.
    assert not [a for a in args if a.startswith(("--filesystem", "--socket=session-bus"))]


def test_every_local_file_the_manifest_names_exists():
    named = []
    for module in manifest()["modules"]:
        for source in module.get("sources", []):
            if "path" in source:
                named.append(MANIFEST.parent / source["path"])
        for command in module.get("build-commands", []):
            for word in shlex.split(command):
                if re.match(r"(assets|src|packaging)/", word):
                    named.append(ROOT / word)
    assert len(named) >= 10
    missing = [str(p) for p in named if not p.exists()]
    assert missing == []


def test_every_download_is_pinned_by_its_checksum():
    for module in manifest()["modules"]:
        for source in module.get("sources", []):
            if "url" in source:
                assert source["url"].startswith("https://files.pythonhosted.org/")
                assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source["url"]
