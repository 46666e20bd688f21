"""Generate hipcoach's cue sounds into assets/sounds/ (standard library only).

Run ``python tools/make_sounds.py`` after changing a sound and commit the WAVs;
``--check`` exits non-zero when the committed files differ from what this
script makes now. The output is deterministic: no randomness, no timestamps.

Every cue is built the same way: a few sine partials (a fundamental plus a
little of the octave and twelfth, which is what makes a tone sound "warm"
rather than electronic), shaped by raised-cosine attacks and releases so no
file starts, stops or changes note with a click, then scaled so the loudest
sample sits at -6 dBFS. Pitches stay between ~300 Hz and ~1 kHz because
laptop speakers reproduce little below that, and the person is on a mat two
or three metres away.
"""

from __future__ import annotations

import argparse
import io
import math
import struct
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
PEAK_DBFS = -6.0
FULL_SCALE = 32_767
OUT_DIR = Path(__file__).resolve().parents[1] / "assets" / "sounds"

# Every file fades in and out over at least this long, on top of each note's
# own envelope, so the first and last samples are exactly zero.
EDGE_FADE_S = 0.012

# Relative amplitudes of harmonics 1, 2 and 3: mostly sine, a touch of colour.
WARM = (1.0, 0.22, 0.07)
# A struck bar or bell has partials that are not whole multiples; a small
# 2.76x partial is what makes a chime read as "struck" instead of "beeped".
CHIME = ((1.0, 1.0), (2.0, 0.18), (2.76, 0.06), (3.0, 0.04))


def _raised_cosine(x: float) -> float:
    """0 at x<=0, 1 at x>=1, a smooth S-curve between (no corner, no click)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * x)


@dataclass(frozen=True)
class Note:
    start: float  # seconds from the beginning of the cue
    duration: float
    freq: Callable[[float], float]  # Hz at time t (seconds into the note)
    partials: Sequence[tuple[float, float]]  # (frequency ratio, amplitude)
    attack: float
    release: float
    decay: float | None = None  # exponential decay time constant; None = held
    gain: float = 1.0

    def envelope(self, t: float) -> float:
        env = _raised_cosine(t / self.attack) * _raised_cosine((self.duration - t) / self.release)
        if self.decay is not None:
            env *= math.exp(-t / self.decay)
        return env * self.gain


def _glide(f0: float, f1: float, duration: float) -> Callable[[float], float]:
    """An exponential (pitch-linear) glide, eased at both ends like a breath."""

    def freq(t: float) -> float:
        return f0 * (f1 / f0) ** _raised_cosine(t / duration)

    return freq


def _steady(f: float) -> Callable[[float], float]:
    return lambda _t: f


def _harmonics(amplitudes: Sequence[float]) -> tuple[tuple[float, float], ...]:
    return tuple((float(n), a) for n, a in enumerate(amplitudes, start=1))


def _render(notes: Sequence[Note]) -> list[int]:
    length = max(n.start + n.duration for n in notes)
    count = round(length * RATE)
    mix = [0.0] * count
    for note in notes:
        first = round(note.start * RATE)
        n_samples = min(round(note.duration * RATE), count - first)
        # Integrate the frequency into a phase instead of computing
        # sin(2*pi*f(t)*t): the latter jumps in phase while f changes.
        phase = 0.0
        for i in range(n_samples):
            t = i / RATE
            env = note.envelope(t)
            value = sum(amp * math.sin(ratio * phase) for ratio, amp in note.partials)
            mix[first + i] += env * value
            phase += 2.0 * math.pi * note.freq(t) / RATE
    for i in range(count):
        t = i / (count - 1)
        edge = EDGE_FADE_S / length
        mix[i] *= _raised_cosine(t / edge) * _raised_cosine((1.0 - t) / edge)
    loudest = max(abs(v) for v in mix)
    scale = FULL_SCALE * 10.0 ** (PEAK_DBFS / 20.0) / loudest
    return [round(v * scale) for v in mix]


def _bell(start: float, f: float, duration: float, gain: float = 1.0) -> Note:
    return Note(
        start,
        duration,
        _steady(f),
        CHIME,
        attack=0.006,
        release=0.12,
        decay=duration / 3.0,
        gain=gain,
    )


# Pitches (Hz): D4 294, E4 330, G4 392, A4 440, C5 523, E5 659, G5 784, A5 880.
CUES: dict[str, Sequence[Note]] = {
    # A swell that rises a fourth: "breathe in".
    "inhale": [
        Note(0.0, 0.62, _glide(330.0, 440.0, 0.62), _harmonics(WARM), attack=0.22, release=0.2)
    ],
    # The mirror image, falling a fifth and a little longer: "let go".
    "exhale": [
        Note(0.0, 0.66, _glide(440.0, 294.0, 0.66), _harmonics(WARM), attack=0.2, release=0.24)
    ],
    # A soft wood-block: short, dry, mid-pitched so it is heard but not sharp.
    "hold": [
        Note(
            0.0,
            0.08,
            _steady(760.0),
            ((1.0, 1.0), (2.57, 0.12)),
            attack=0.008,
            release=0.03,
            decay=0.03,
        )
    ],
    # Two notes going up (G4 then C5): "now the other side".
    "switch_sides": [_bell(0.0, 392.0, 0.34), _bell(0.2, 523.25, 0.42)],
    # One gentle chime.
    "next_step": [_bell(0.0, 880.0, 0.75, gain=0.8)],
    # A C-major arpeggio left to ring: the session is over.
    "session_end": [
        _bell(0.0, 523.25, 1.6),
        _bell(0.28, 659.26, 1.5, gain=0.85),
        _bell(0.56, 783.99, 1.7, gain=0.8),
    ],
}


def render(name: str) -> list[int]:
    """The 16-bit samples of one cue."""
    return _render(CUES[name])


def wav_bytes(samples: Sequence[int]) -> bytes:
    """A 16-bit mono 44.1 kHz WAV file holding ``samples``."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()


def build_all() -> dict[str, bytes]:
    """Every cue's file name mapped to its WAV bytes."""
    return {f"{name}.wav": wav_bytes(render(name)) for name in CUES}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder to write into")
    parser.add_argument(
        "--check", action="store_true", help="only compare with the files already there"
    )
    args = parser.parse_args(argv)
    stale = []
    for file_name, data in build_all().items():
        path = args.out / file_name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(file_name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
