"""A private D-Bus session bus and fake desktop services, for tests that talk D-Bus.

Its fixtures are available to every test (conftest.py loads it as a plugin).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import selectors
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

FAKE_DESKTOP = Path(__file__).with_name("fake_desktop_service.py")
_names = itertools.count()

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def read_line(proc: subprocess.Popen, timeout: float = 20) -> str:
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            raise AssertionError("child process said nothing")
        return proc.stdout.readline().strip()


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)
    proc.stdout.close()


@pytest.fixture
def bus_address(tmp_path):
    """A private session bus of our own, with no service activation at all."""
    daemon = shutil.which("dbus-daemon")
    assert daemon, "install Debian's dbus-daemon package (.ci/run does)"
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=tmp_path / "bus"))
    proc = subprocess.Popen(
        [daemon, f"--config-file={config}", "--print-address", "--nofork"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        yield read_line(proc)
    finally:
        stop(proc)


@contextlib.contextmanager
def fake_services(script: Path, bus_address: str, folder: Path) -> Iterator:
    """A function that starts ``script KIND LOG`` on the bus and returns a reader of its
    call log; ``start.procs`` lists the services started. All stop on leaving."""
    procs: list[subprocess.Popen] = []

    def start(kind: str):
        log = folder / f"{kind}.log"
        log.touch()
        proc = subprocess.Popen(
            [sys.executable, str(script), kind, str(log)],
            env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus_address, QT_QPA_PLATFORM="offscreen"),
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        procs.append(proc)
        assert read_line(proc) == "ready"
        return lambda: [json.loads(line) for line in log.read_text().splitlines()]

    start.procs = procs
    try:
        yield start
    finally:
        for proc in procs:
            stop(proc)


@pytest.fixture
def desktop_service(bus_address, tmp_path):
    """Start fake_desktop_service.py of a kind; returns a function reading its call log."""
    with fake_services(FAKE_DESKTOP, bus_address, tmp_path) as start:
        yield start


@pytest.fixture
def connection(qapp, bus_address):
    name = f"hipcoach-private-{next(_names)}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    assert bus.isConnected()
    yield bus
    QDBusConnection.disconnectFromBus(name)
