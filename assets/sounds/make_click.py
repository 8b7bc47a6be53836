"""Writes click.wav, the sound of a touch on a button (ui/click.py): a 1.8 kHz tone dying away in
a few milliseconds, 35 ms in all, 16-bit mono at 22.05 kHz. Made here rather than taken from a
sound library so its origin and licence are plain. Run: python assets/sounds/make_click.py"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
LENGTH_S = 0.035
PITCH_HZ = 1800
DECAY_S = 0.006  # the tone falls to 1/e in this time
PEAK = 12000  # of 32767: about -9 dBFS, a click and not a beep


def samples() -> list[int]:
    count = int(RATE * LENGTH_S)
    return [
        round(PEAK * math.exp(-i / (RATE * DECAY_S)) * math.sin(2 * math.pi * PITCH_HZ * i / RATE))
        for i in range(count)
    ]


def main() -> None:
    path = Path(__file__).with_name("click.wav")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples()))


if __name__ == "__main__":
    main()
