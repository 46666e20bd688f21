"""The real hipcoach on real trays: an X11 tray (Debian's trayer) under Xvfb, and a
StatusNotifier tray (Debian's status-notifier-watcher) on a private session bus.

hipcoach runs as a person starts it, in its own process on the X server. The tests
click its icon as a person would (xdotool) or make the calls a panel makes when one
clicks (D-Bus), and look at what hipcoach did: its icon in the tray, its window on
the screen, its settings file, its exit. Every wait is on a condition, with a deadline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach import paths
from private_bus import read_line, stop

SNI_WATCHER = "org.kde.StatusNotifierWatcher"
DEADLINE_MS = 30_000


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    assert found, f"install Debian's {package} package (.ci/run does)"
    return found


def run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=30)
    return done.stdout


@pytest.fixture
def display():
    """A 1366×768 X server of our own, on a free display number away from the low ones
    other X servers on the machine take first; -displayfd says when it is ready. Without
    -noreset it would start afresh whenever its last client leaves (each xdotool call),
    refusing whoever connects in that instant."""
    xvfb = tool("Xvfb", "xvfb")
    first = 300 + os.getpid() % 500
    for number in range(first, first + 50):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(
            [xvfb, f":{number}", "-displayfd", "1", "-screen", "0", "1366x768x24",
             "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        if read_line(proc) == str(number):
            break
        stop(proc)  # taken in the meantime: the next number
    else:
        pytest.fail("no free X display number")
    try:
        yield f":{number}"
    finally:
        stop(proc)


class Desktop:
    """The X server, the session bus and the processes started on them (all stopped after)."""

    def __init__(self, display: str, bus_address: str, data: Path):
        self.data = data
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "DBUS_SESSION_BUS_ADDRESS": bus_address,
            paths.DATA_DIR_ENV: str(data),
        }
        for var in ("XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE", "WAYLAND_DISPLAY"):
            self.env.pop(var, None)
        self.procs: list[subprocess.Popen] = []
        self.outputs: list = []
        self.hipcoach: subprocess.Popen | None = None

    def start(self, *args: str) -> subprocess.Popen:
        said = (self.data.parent / f"{Path(args[0]).name}.out").open("w+")
        proc = subprocess.Popen(args, env=self.env, stdout=said, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        self.outputs.append(said)
        return proc

    def start_hipcoach(self, *args: str, **settings) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        settings = {"break_reminders": True, "safety_acknowledged": True, **settings}
        (self.data / "settings.json").write_text(json.dumps(settings))
        self.stderr = (self.data.parent / "hipcoach.stderr").open("w+")
        self.hipcoach = subprocess.Popen(
            [sys.executable, "-m", "hipcoach", *args],
            env=self.env, stdout=subprocess.DEVNULL, stderr=self.stderr,
        )  # fmt: skip

    def wait_for(self, qtbot, condition) -> None:
        """Waits until ``condition()`` holds; past the deadline, fails with what hipcoach said."""
        try:
            qtbot.waitUntil(condition, timeout=DEADLINE_MS)
        except qtbot.TimeoutError:
            alive = self.hipcoach is not None and self.hipcoach.poll() is None
            said = self.hipcoach_said() if self.hipcoach is not None else ""
            others = []
            for proc, output in zip(self.procs, self.outputs, strict=True):
                output.seek(0)
                others.append(f"{proc.args[0]} (exit {proc.poll()}): {output.read()[-1000:]}")
            pytest.fail(
                f"waited in vain (hipcoach running: {alive}); it said:\n{said[-3000:]}\n"
                + "\n".join(others)
            )

    def settings(self) -> dict:
        try:
            return json.loads((self.data / "settings.json").read_text())
        except (OSError, ValueError):  # being replaced at this very moment
            return {}

    def hipcoach_said(self) -> str:
        """What hipcoach wrote on the terminal and in its log (Qt's own messages go there)."""
        self.stderr.seek(0)
        log = self.data / "hipcoach.log"
        return self.stderr.read() + (log.read_text() if log.exists() else "")

    def quit_now(self) -> None:
        for proc in [self.hipcoach, *self.procs]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)

    # --- what is on the screen ----------------------------------------------------

    def window_open(self) -> bool:
        """Whether hipcoach's window is on the screen (its icon and menus are smaller)."""
        xdotool = tool("xdotool", "xdotool")
        found = run(xdotool, "search", "--onlyvisible", "--name", "^hipcoach$", env=self.env)
        for window in found.split():
            shape = run(xdotool, "getwindowgeometry", "--shell", window, env=self.env)
            width = re.search(r"WIDTH=(\d+)", shape)
            if width and int(width.group(1)) >= 300:
                return True
        return False

    def _small_windows(self) -> list[tuple[int, int]]:
        """The sizes of hipcoach's windows on the screen other than its window and icon."""
        xdotool = tool("xdotool", "xdotool")
        found = run(xdotool, "search", "--onlyvisible", "--class", "hipcoach", env=self.env)
        sizes = []
        for window in found.split():
            shape = run(xdotool, "getwindowgeometry", "--shell", window, env=self.env)
            size = re.search(r"WIDTH=(\d+)\s+HEIGHT=(\d+)", shape)
            if size and 60 <= int(size.group(1)) < 600:
                sizes.append((int(size.group(1)), int(size.group(2))))
        return sizes

    def menu_open(self) -> bool:
        """Whether a menu of hipcoach's is on the screen (a window of its own)."""
        return any(height >= 100 for _width, height in self._small_windows())

    def tooltip_open(self) -> bool:
        """Whether a tooltip of hipcoach's is on the screen (two lines)."""
        return any(20 <= height < 100 for _width, height in self._small_windows())

    def press(self, *keys: str) -> None:
        run(tool("xdotool", "xdotool"), "key", *keys, env=self.env)

    def open_menu(self, qtbot, icon: str) -> None:
        self.click(icon, button=3)
        self.wait_for(qtbot, self.menu_open)

    def move(self, x: int, y: int) -> None:
        run(tool("xdotool", "xdotool"), "mousemove", str(x), str(y), env=self.env)

    def point_at(self, window: str) -> None:
        """The pointer to the middle of an icon (the tray's icons are 22 or more across)."""
        run(tool("xdotool", "xdotool"), "mousemove", "--window", window, "10", "10",
            env=self.env)  # fmt: skip

    def click(self, window: str, button: int) -> None:
        self.point_at(window)
        run(tool("xdotool", "xdotool"), "click", str(button), env=self.env)


@pytest.fixture
def desktop(display, bus_address, tmp_path):
    shown = Desktop(display, bus_address, tmp_path / "data")
    yield shown
    shown.quit_now()
    if shown.hipcoach is not None:
        shown.stderr.close()
    for output in shown.outputs:
        output.close()


# --- an X11 tray (XEmbed): trayer ---------------------------------------------------------


def tray_icons(desktop: Desktop) -> list[tuple[str, int, int]]:
    """hipcoach's icons in trayer's panel, shown: (window, x, y of its top left corner)."""
    xwininfo = tool("xwininfo", "x11-utils")
    tree = run(xwininfo, "-root", "-tree", env=desktop.env).splitlines()
    icons, panel_depth = [], None
    for line in tree:
        depth = len(line) - len(line.lstrip())
        if '("panel" "trayer")' in line:
            panel_depth = depth
            continue
        if panel_depth is not None and depth <= panel_depth:
            panel_depth = None
        if panel_depth is not None and re.search(r'"hipcoach": \("[^"]*" "hipcoach"\)', line):
            # Listed once it is in the panel; shown (mapped) a moment later.
            state = run(xwininfo, "-id", line.split()[0], env=desktop.env)
            if "IsViewable" not in state:
                continue
            place = re.search(r"\d+x\d+[+-]\d+[+-]\d+\s+\+(-?\d+)\+(-?\d+)", line)
            x, y = map(int, place.groups())
            icons.append((line.split()[0], x, y))
    return icons


def one_icon(qtbot, desktop: Desktop) -> str:
    """Waits for hipcoach's icon to be shown in trayer's panel, and to stay where it is (the
    panel grows as the icon comes in); its window."""
    seen = []

    def settled() -> bool:
        seen.append(tray_icons(desktop))
        return len(seen[-1]) == 1 and seen[-2:] == [seen[-1]] * 2

    desktop.wait_for(qtbot, settled)
    return seen[-1][0][0]


def start_trayer(desktop: Desktop) -> None:
    desktop.start(
        tool("trayer", "trayer"), "--edge", "bottom", "--align", "right",
        "--widthtype", "request", "--height", "32", "--SetDockType", "true",
    )  # fmt: skip


def test_an_x11_tray_that_starts_after_hipcoach_shows_its_icon_and_its_menu_works(qtbot, desktop):
    desktop.start_hipcoach()
    desktop.wait_for(qtbot, desktop.window_open)
    start_trayer(desktop)  # the panel comes a moment after hipcoach, as at login
    icon = one_icon(qtbot, desktop)

    # Right-click: the menu; its second entry (the first is the next reminder's time,
    # which cannot be chosen) pauses reminders for an hour.
    desktop.open_menu(qtbot, icon)
    desktop.press("Down", "Down", "Return")
    desktop.wait_for(qtbot, lambda: desktop.settings().get("reminders_paused_until") is not None)
    desktop.wait_for(qtbot, lambda: not desktop.menu_open())
    # The pointer rests on the icon: its tooltip (hipcoach, and the reminders' state).
    desktop.move(300, 300)
    desktop.point_at(icon)
    desktop.wait_for(qtbot, desktop.tooltip_open)
    # Paused, the menu has Resume in place of the two pauses: Quit is fifth.
    desktop.open_menu(qtbot, icon)
    desktop.press("Down", "Down", "Down", "Down", "Down", "Return")
    assert desktop.hipcoach.wait(timeout=30) == 0
    assert tray_icons(desktop) == []  # no icon left behind
    said = desktop.hipcoach_said()
    assert "Traceback" not in said and "QSystemTrayIcon" not in said, said[-2000:]


def test_started_at_login_hipcoach_waits_in_an_x11_tray_and_a_click_opens_the_window(
    qtbot, desktop
):
    start_trayer(desktop)
    desktop.start_hipcoach("--tray")
    icon = one_icon(qtbot, desktop)
    assert not desktop.window_open()
    desktop.click(icon, button=1)
    desktop.wait_for(qtbot, desktop.window_open)
    assert len(tray_icons(desktop)) == 1  # one icon, still there


# --- a StatusNotifier tray: status-notifier-watcher --------------------------------------


class SniTray:
    """The calls a StatusNotifier panel makes, made with gdbus on the private bus."""

    def __init__(self, desktop: Desktop):
        # gdbus prints text beyond ASCII only in a UTF-8 locale (C.UTF-8 is always there).
        self.env = {**desktop.env, "LC_ALL": "C.UTF-8"}
        self.gdbus = tool("gdbus", "libglib2.0-bin")

    def call(self, dest: str, path: str, method: str, *args: str) -> str:
        return run(
            self.gdbus, "call", "--session", "--dest", dest, "--object-path", path,
            "--method", method, "--", *args, env=self.env,
        )  # fmt: skip

    def running(self) -> bool:
        names = self.call(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"
        )
        return f"'{SNI_WATCHER}'" in names

    def items(self) -> list[tuple[str, str]]:
        """The icons registered with the watcher, as (bus name, object path)."""
        reply = self.call(
            SNI_WATCHER, "/StatusNotifierWatcher", "org.freedesktop.DBus.Properties.Get",
            SNI_WATCHER, "RegisteredStatusNotifierItems",
        )  # fmt: skip
        items = []
        for entry in re.findall(r"'([^']+)'", reply):
            name, _, path = entry.partition("/")
            items.append((name, "/" + path if path else "/StatusNotifierItem"))
        return items

    def item_property(self, item: tuple[str, str], name: str) -> str:
        return self.call(
            *item, "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", name
        )

    def menu(self, item: tuple[str, str]) -> dict[str, int]:
        """The item's menu as the panel reads it: label → id (visible entries only)."""
        path = re.search(r"objectpath '([^']+)'", self.item_property(item, "Menu")).group(1)
        layout = self.call(item[0], path, "com.canonical.dbusmenu.GetLayout", "0", "-1", "[]")
        entries = {}
        for entry_id, props in re.findall(r"\((\d+), \{([^{}]*)\}", layout):
            label = re.search(r"'label': <'((?:[^'\\]|\\.)*)'>", props)
            if label and "'visible': <false>" not in props:
                entries[label.group(1).replace("&", "")] = int(entry_id)
        self.menu_path = path
        return entries

    def click_entry(self, item: tuple[str, str], entry_id: int) -> None:
        self.call(
            item[0], self.menu_path, "com.canonical.dbusmenu.Event",
            str(entry_id), "clicked", "<0>", "0",
        )  # fmt: skip


def test_a_statusnotifier_tray_sees_hipcoach_register_and_its_menu_and_click_work(qtbot, desktop):
    sni = SniTray(desktop)
    desktop.start(tool("status-notifier-watcher", "haskell-status-notifier-item-utils"))
    desktop.wait_for(qtbot, sni.running)
    desktop.start_hipcoach("--tray")
    desktop.wait_for(qtbot, lambda: len(sni.items()) == 1)
    (item,) = sni.items()
    assert "'hipcoach'" in sni.item_property(item, "Id")
    assert "Next reminder " in sni.item_property(item, "ToolTip")  # at ..., or tomorrow at ...
    assert not desktop.window_open()

    entries = sni.menu(item)
    assert [label for label in entries if "Next reminder " in label]
    for label in (
        "Start “Two-minute reset (chair)” now",
        "Pause reminders for an hour",
        "Pause reminders until tomorrow",
        "Reminder settings…",
        "Open hipcoach",
        "Quit",
    ):
        assert label in entries, f"{label!r} not in {list(entries)}"
    sni.click_entry(item, entries["Pause reminders until tomorrow"])
    desktop.wait_for(qtbot, lambda: desktop.settings().get("reminders_paused_until") is not None)
    desktop.wait_for(qtbot, lambda: "Resume reminders" in sni.menu(item))
    assert "Reminders paused until tomorrow" in sni.item_property(item, "ToolTip")

    # A click on the icon (the panel calls Activate) opens the window.
    sni.call(*item, "org.kde.StatusNotifierItem.Activate", "0", "0")
    desktop.wait_for(qtbot, desktop.window_open)

    sni.click_entry(item, sni.menu(item)["Quit"])
    assert desktop.hipcoach.wait(timeout=30) == 0
    desktop.wait_for(qtbot, lambda: sni.items() == [])
    said = desktop.hipcoach_said()
    assert "Traceback" not in said and "QDBusTrayIcon" not in said, said[-2000:]


def test_in_spanish_the_statusnotifier_tray_reads_spanish_and_its_entries_work(qtbot, desktop):
    sni = SniTray(desktop)
    desktop.start(tool("status-notifier-watcher", "haskell-status-notifier-item-utils"))
    desktop.wait_for(qtbot, sni.running)
    desktop.start_hipcoach("--tray", language="es")
    desktop.wait_for(qtbot, lambda: len(sni.items()) == 1)
    (item,) = sni.items()
    assert "Próximo recordatorio " in sni.item_property(item, "ToolTip")
    entries = sni.menu(item)
    for label in (
        "Empezar «Pausa de dos minutos (silla)» ahora",
        "Pausar los recordatorios una hora",
        "Pausar los recordatorios hasta mañana",
        "Abrir hipcoach",
        "Salir",
    ):
        assert label in entries, f"{label!r} not in {list(entries)}"
    sni.click_entry(item, entries["Pausar los recordatorios hasta mañana"])
    desktop.wait_for(qtbot, lambda: "Reanudar los recordatorios" in sni.menu(item))
    assert "Recordatorios en pausa hasta mañana" in sni.item_property(item, "ToolTip")
    sni.click_entry(item, sni.menu(item)["Salir"])
    assert desktop.hipcoach.wait(timeout=30) == 0


def test_a_statusnotifier_tray_that_starts_after_hipcoach_replaces_its_x11_icon(qtbot, desktop):
    # A panel that shows both kinds (Xfce's does): the icon hipcoach made for the X11
    # tray leaves it when the StatusNotifier tray starts, so there is one, not two.
    sni = SniTray(desktop)
    start_trayer(desktop)
    desktop.start_hipcoach()
    desktop.wait_for(qtbot, lambda: len(tray_icons(desktop)) == 1)
    desktop.start(tool("status-notifier-watcher", "haskell-status-notifier-item-utils"))
    desktop.wait_for(qtbot, lambda: sni.running() and len(sni.items()) == 1)
    desktop.wait_for(qtbot, lambda: tray_icons(desktop) == [])


def test_without_a_tray_hipcoach_runs_without_an_error(qtbot, desktop):
    desktop.start_hipcoach()
    desktop.wait_for(qtbot, desktop.window_open)
    desktop.wait_for(qtbot, lambda: (desktop.data / "hipcoach.log").exists())
    desktop.quit_now()
    said = desktop.hipcoach_said()
    assert "Traceback" not in said and "Tray" not in said, said[-2000:]
