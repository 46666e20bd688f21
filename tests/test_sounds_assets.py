"""The shipped cue WAVs: up to date with tools/make_sounds.py, and free of clicks."""

from __future__ import annotations

import importlib.util
import itertools
import math
import struct
import sys
import wave
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The checkout's folder, not paths.assets_dir(): this compares what is committed.
SOUNDS = ROOT / "assets" / "sounds"
CUE_NAMES = ["inhale", "exhale", "hold", "switch_sides", "next_step", "session_end"]
FULL_SCALE = 32_767


def _load_tool():
    spec = importlib.util.spec_from_file_location("make_sounds", ROOT / "tools" / "make_sounds.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the file runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_sounds = _load_tool()


def _read(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(params.nframes)
    return params, list(struct.unpack(f"<{params.nframes}h", frames))


def test_the_tool_makes_exactly_the_six_cues():
    assert sorted(make_sounds.build_all()) == sorted(f"{n}.wav" for n in CUE_NAMES)


@pytest.mark.parametrize("name", CUE_NAMES)
def test_committed_wav_matches_what_the_tool_makes_now(name):
    committed = (SOUNDS / f"{name}.wav").read_bytes()
    assert committed == make_sounds.wav_bytes(make_sounds.render(name)), (
        f"{name}.wav is stale: run tools/make_sounds.py and commit the result"
    )


def test_check_mode_reports_a_stale_file(tmp_path, capsys):
    assert make_sounds.main(["--out", str(tmp_path)]) == 0
    assert make_sounds.main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "hold.wav").write_bytes(b"RIFF")
    assert make_sounds.main(["--out", str(tmp_path), "--check"]) == 1
    assert "hold.wav" in capsys.readouterr().err


@pytest.mark.parametrize("name", CUE_NAMES)
def test_format_is_16_bit_mono_44k1(name):
    params, _ = _read(SOUNDS / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)


@pytest.mark.parametrize("name", CUE_NAMES)
def test_starts_and_ends_in_silence(name):
    params, samples = _read(SOUNDS / f"{name}.wav")
    edge = round(0.002 * params.framerate)
    assert samples[0] == 0 and samples[-1] == 0
    # Under 1 % of full scale (-40 dBFS) for the first and last 2 ms: a tone
    # that starts or stops abruptly is heard as a click through speakers.
    assert max(abs(s) for s in samples[:edge]) < 0.01 * FULL_SCALE
    assert max(abs(s) for s in samples[-edge:]) < 0.01 * FULL_SCALE


@pytest.mark.parametrize("name", CUE_NAMES)
def test_has_no_sample_to_sample_jump(name):
    _, samples = _read(SOUNDS / f"{name}.wav")
    # A 1 kHz sine at -6 dBFS moves ~2,300 per sample; a discontinuity (a note
    # cut off mid-wave) jumps by up to twice the peak, ~33,000.
    assert max(abs(a - b) for a, b in itertools.pairwise(samples)) < 4_000


@pytest.mark.parametrize("name", CUE_NAMES)
def test_peaks_at_minus_6_dbfs(name):
    _, samples = _read(SOUNDS / f"{name}.wav")
    peak_dbfs = 20 * math.log10(max(abs(s) for s in samples) / FULL_SCALE)
    assert peak_dbfs == pytest.approx(-6.0, abs=0.05)


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("inhale", 0.5, 0.7), ("exhale", 0.5, 0.7), ("hold", 0.06, 0.1), ("session_end", 1.0, 3.0)],
)
def test_duration(name, low, high):
    params, _ = _read(SOUNDS / f"{name}.wav")
    assert low <= params.nframes / params.framerate <= high


def test_inhale_rises_and_exhale_falls():
    def pitch_trend(name):
        # Count zero crossings in the first and last thirds: more means higher.
        _, s = _read(SOUNDS / f"{name}.wav")
        third = len(s) // 3

        def crossings(part):
            return sum(1 for a, b in itertools.pairwise(part) if (a < 0) != (b < 0))

        return crossings(s[:third]), crossings(s[-third:])

    start, end = pitch_trend("inhale")
    assert end > start
    start, end = pitch_trend("exhale")
    assert end < start
