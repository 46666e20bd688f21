"""The cue sound sinks, and the factory's fallbacks when sound cannot work."""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from hipcoach.paths import assets_dir
from hipcoach.platform import sound
from hipcoach.platform.sound import (
    Cue,
    NullSoundSink,
    RecordingSoundSink,
    SoundSink,
    create_sound_sink,
)
from hipcoach.platform.speech import Speech, create_speech, usable_engines

SRC = Path(sound.__file__).resolve().parents[2]


def test_every_cue_has_a_shipped_wav():
    for cue in Cue:
        assert (assets_dir() / "sounds" / cue.file_name).is_file(), cue


def test_cue_file_names():
    assert [c.file_name for c in Cue] == [
        "inhale.wav", "exhale.wav", "hold.wav",
        "switch_sides.wav", "next_step.wav", "session_end.wav",
    ]  # fmt: skip


def test_recording_sink_records_cues_with_clock_time():
    now = [10.0]
    sink = RecordingSoundSink(clock=lambda: now[0])
    sink.play(Cue.INHALE)
    now[0] = 14.5
    sink.play(Cue.EXHALE)
    assert sink.played == [(Cue.INHALE, 10.0), (Cue.EXHALE, 14.5)]
    assert sink.cues == [Cue.INHALE, Cue.EXHALE]


def test_recording_sink_hears_nothing_while_muted_or_silent():
    sink = RecordingSoundSink(clock=lambda: 0.0)
    sink.set_muted(True)
    sink.play(Cue.HOLD)
    sink.set_muted(False)
    sink.set_volume(-3)
    sink.play(Cue.HOLD)
    assert sink.volume == 0.0
    assert sink.played == []
    assert len(sink.requested) == 2


@pytest.mark.parametrize("make", [lambda: NullSoundSink("why"), RecordingSoundSink])
def test_sinks_satisfy_the_protocol(make):
    assert isinstance(make(), SoundSink)


def test_null_sink_plays_nothing_and_keeps_its_reason():
    sink = NullSoundSink("Sound is unavailable: testing")
    sink.play(Cue.SESSION_END)
    sink.set_volume(2.0)
    assert sink.volume == 1.0
    assert not sink.available
    assert sink.unavailable_reason == "Sound is unavailable: testing"


def test_missing_libpulse_gives_a_readable_reason():
    exc = ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
    assert sound._import_failure_reason(exc) == (
        "Sound is unavailable: the Qt multimedia library could not load (libpulse.so.0 missing)"
    )


def test_factory_falls_back_when_qt_multimedia_cannot_import(monkeypatch, qapp):
    # None in sys.modules makes the import raise ImportError, as a missing
    # shared library does.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    sink = create_sound_sink(assets_dir())
    assert isinstance(sink, NullSoundSink)
    assert sink.unavailable_reason.startswith(
        "Sound is unavailable: the Qt multimedia library could not load ("
    )
    sink.play(Cue.INHALE)  # and it is safe to use


def test_factory_falls_back_when_cue_files_are_missing(tmp_path):
    (tmp_path / "sounds").mkdir()
    sink = create_sound_sink(tmp_path)
    assert isinstance(sink, NullSoundSink)
    assert "inhale.wav" in sink.unavailable_reason


# The rest runs the factory in a child process: Qt Multimedia connects to the
# sound server once per process, so each case needs a fresh one pointed at the
# server (or no server) it is about.
CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication
    from hipcoach.paths import assets_dir
    from hipcoach.platform.sound import Cue, QtSoundSink, create_sound_sink

    app = QGuiApplication([])
    sink = create_sound_sink(assets_dir())
    result = {"type": type(sink).__name__, "reason": sink.unavailable_reason}
    if isinstance(sink, QtSoundSink):
        from PySide6.QtMultimedia import QSoundEffect
        effects = sink.effects
        pending = QSoundEffect.Status.Loading, QSoundEffect.Status.Null
        loop = QEventLoop()
        def check():
            if all(e.status() not in pending for e in effects.values()):
                loop.quit()
        for e in effects.values():
            e.statusChanged.connect(check)
        QTimer.singleShot(10_000, loop.quit)  # a safety net, not a wait
        check()
        loop.exec()
        result["status"] = {c.value: e.status().name for c, e in effects.items()}
        sink.set_volume(0.5)
        sink.play(Cue.INHALE)
        result["playing"] = effects[Cue.INHALE].isPlaying()
        sink.set_muted(True)
        result["muted_playing"] = effects[Cue.INHALE].isPlaying()
    print(json.dumps(result))
    """
)


def _run_child(env_extra: dict[str, str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(SRC), **env_extra)
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def pulse_server(tmp_path):
    """A private PulseAudio daemon whose only output is a null sink."""
    daemon = shutil.which("pulseaudio")
    assert daemon, "install Debian's pulseaudio package (.ci/run does)"
    socket = tmp_path / "pulse" / "native"
    socket.parent.mkdir()
    proc = subprocess.Popen(
        [
            daemon, "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
            "-n", "--disable-shm", "--log-target=stderr", "--log-level=info",
            "--load=module-null-sink sink_name=hipcoach_test",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
        ],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    drain = None
    try:
        # Modules load in order; once the socket module is in, clients can connect.
        _wait_for_line(proc, 'Loaded "module-native-protocol-unix"', timeout=20)
        # Keep draining its log, so a full pipe can never stall the daemon mid-test.
        fd = proc.stderr.fileno()
        drain = threading.Thread(target=lambda: all(iter(lambda: os.read(fd, 65536), b"")))
        drain.start()
        yield f"unix:{socket}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if drain is not None:
            drain.join(timeout=10)  # ends at end of file, before the pipe is closed
        proc.stderr.close()


def _wait_for_line(proc: subprocess.Popen, needle: str, timeout: float) -> None:
    # Raw reads of the pipe, not readline(): a buffered reader can hold the awaited line
    # while select() reports nothing more to read, and the wait would time out.
    seen = b""
    fd = proc.stderr.fileno()
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while (left := deadline - time.monotonic()) > 0 and sel.select(left):
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk
            if needle.encode() in seen:
                return
    raise AssertionError(f"pulseaudio did not start:\n{seen.decode(errors='replace')}")


@pytest.mark.slow
def test_real_wavs_load_and_play_through_qsoundeffect(pulse_server):
    result = _run_child({"PULSE_SERVER": pulse_server})
    assert result["type"] == "QtSoundSink", result
    assert result["status"] == {c.value: "Ready" for c in Cue}
    assert result["playing"] is True
    assert result["muted_playing"] is False


@pytest.mark.slow
def test_factory_says_so_when_there_is_no_audio_output(tmp_path):
    # A server address where nothing listens: libpulse fails at once and,
    # being given an explicit server, does not try to autospawn one.
    result = _run_child({"PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}"})
    assert result == {
        "type": "NullSoundSink",
        "reason": "Sound is unavailable: no audio output device found",
    }


# --- spoken guidance -------------------------------------------------------------


def test_usable_engines_skip_qts_mock_and_engines_missing_their_library():
    needs = {"speechd": lambda: False}
    assert usable_engines(["mock", "speechd", "flite"], needs) == ["flite"]
    assert usable_engines(["speechd"], {"speechd": lambda: True}) == ["speechd"]


class FakeTextToSpeech:
    def __init__(self):
        self.log: list[tuple[str, ...]] = []

    def say(self, text):
        self.log.append(("say", text))

    def stop(self):
        self.log.append(("stop",))

    def setVolume(self, volume):
        self.log.append(("volume", volume))

    def engine(self):
        return "fake"


def test_speech_replaces_a_phrase_still_being_spoken_and_respects_mute():
    fake = FakeTextToSpeech()
    speech = Speech(fake)
    speech.say("switch sides")
    speech.set_muted(True)
    speech.say("hold")
    speech.set_volume(7)
    assert speech.available and speech.engine_name == "fake"
    assert fake.log == [("stop",), ("say", "switch sides"), ("stop",), ("volume", 1.0)]


def test_speech_without_engine_is_a_silent_no_op():
    speech = Speech(reason="Spoken guidance is unavailable: testing")
    speech.say("hello")
    speech.set_volume(0.5)
    assert not speech.available
    assert speech.unavailable_reason == "Spoken guidance is unavailable: testing"


def test_create_speech_when_text_to_speech_cannot_import(monkeypatch, qapp):
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    speech = create_speech()
    assert not speech.available
    assert speech.unavailable_reason.startswith(
        "Spoken guidance is unavailable: Qt TextToSpeech could not load"
    )


# Importing Qt TextToSpeech loads Qt Multimedia, which warns that PipeWire is
# absent (it then uses PulseAudio); that notice is Qt's, not ours.
@pytest.mark.qt_log_ignore(r"Couldn't (load|resolve) pipewire")
def test_create_speech_on_this_machine_never_errors_or_warns(qapp):
    # Fails on any Qt warning or error, e.g. "Error loading text-to-speech
    # plug-in" from trying an engine whose library is missing.
    speech = create_speech()
    speech.say("breathe in")
    speech.stop()
    if not speech.available:
        assert speech.unavailable_reason.startswith("Spoken guidance is unavailable: ")
    else:
        assert speech.engine_name not in ("", "mock")
