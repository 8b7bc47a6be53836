"""Benchmark the QR decoders and the QrScanner pipeline on camera-like 640x480 frames.

Not a test: run it by hand (or from CI as a report) to justify the default decoder.

    .venv/bin/python bench/qr/bench_decoders.py   # prints tables, writes bench/README-qr.md
    .venv/bin/python bench/qr/bench_decoders.py --no-write --per-kind 10

Frames come from drivers/scanner/synth.py: every distortion (rotation, perspective, blur, noise,
low contrast, small codes, glare, clean, and no code at all) `--per-kind` times, with a known
payload. A decoder "reads" a frame when the payload is among its results; any other result is a
wrong payload (on a no-code frame, any result at all). Exit status 1 if any decoder is ever wrong.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402

from drivers.scanner.decoders import Decoder, make_decoder, to_gray  # noqa: E402
from drivers.scanner.qr import QrScanner  # noqa: E402
from drivers.scanner.sources import FrameListSource  # noqa: E402
from drivers.scanner.synth import Distortion, SyntheticFrame, frame_set  # noqa: E402
from kiosk.clock import SystemClock  # noqa: E402

DECODERS = ("zxing", "pyzbar")


@dataclass
class Tally:
    frames: int = 0
    read: int = 0
    wrong: int = 0
    times_ms: list[float] = field(default_factory=list)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_decoder(decoder: Decoder, frames: list[SyntheticFrame]) -> dict[Distortion, Tally]:
    grays = [to_gray(f.frame) for f in frames]
    for gray in grays[:5]:  # warm-up
        decoder.decode(gray)
    tallies: dict[Distortion, Tally] = defaultdict(Tally)
    for item, gray in zip(frames, grays, strict=True):
        start = time.thread_time()  # CPU time of this thread: steadier on a shared machine
        texts = decoder.decode(gray)
        elapsed = (time.thread_time() - start) * 1000
        tally = tallies[item.distortion]
        tally.frames += 1
        tally.times_ms.append(elapsed)
        tally.wrong += sum(1 for t in texts if t != item.payload)
        if item.payload is not None and item.payload in texts:
            tally.read += 1
    return tallies


def bench_pipeline(
    decoder: Decoder, frames: list[SyntheticFrame], repeat: int
) -> tuple[float, int]:
    """Frames per second through QrScanner's thread (BGR in, gray conversion, decode, dedup)."""
    source = FrameListSource([f.frame for f in frames], repeat=repeat)
    scanner = QrScanner(source, decoder, clock=SystemClock())
    start = time.perf_counter()
    scanner.open()
    if not scanner.wait_stopped(300.0):
        raise RuntimeError("pipeline did not finish")
    elapsed = time.perf_counter() - start
    scanner.close()
    frames_done = scanner.status()["frames"]
    assert isinstance(frames_done, int)
    return frames_done / elapsed, frames_done


def markdown_tables(
    results: dict[str, dict[Distortion, Tally]], fps: dict[str, tuple[float, int]]
) -> str:
    names = list(results)
    out: list[str] = []
    out.append(
        "| decoder | read (frames with a code) | wrong payloads | median ms | p95 ms "
        "| median ms, no code | pipeline fps (640x480) |"
    )
    out.append("|---|---|---|---|---|---|---|")
    for name in names:
        tallies = results[name]
        with_code = [t for k, t in tallies.items() if k is not Distortion.NO_CODE]
        total = sum(t.frames for t in with_code)
        read = sum(t.read for t in with_code)
        wrong = sum(t.wrong for t in tallies.values())
        times = [ms for t in tallies.values() for ms in t.times_ms]
        empty = tallies[Distortion.NO_CODE].times_ms
        rate, _ = fps[name]
        out.append(
            f"| {name} | {read}/{total} ({100 * read / total:.0f}%) | {wrong} "
            f"| {statistics.median(times):.2f} | {pct(times, 0.95):.2f} "
            f"| {statistics.median(empty):.2f} | {rate:.0f} |"
        )
    out.append("")
    out.append("| distortion | " + " | ".join(f"{n} read / median ms" for n in names) + " |")
    out.append("|---|" + "---|" * len(names))
    for kind in Distortion:
        cells = []
        for name in names:
            t = results[name][kind]
            if kind is Distortion.NO_CODE:
                cells.append(f"{t.wrong} false reads / {statistics.median(t.times_ms):.2f}")
            else:
                cells.append(
                    f"{t.read}/{t.frames} ({100 * t.read / t.frames:.0f}%) / "
                    f"{statistics.median(t.times_ms):.2f}"
                )
        out.append(f"| {kind.value} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def conclusion(
    results: dict[str, dict[Distortion, Tally]], fps: dict[str, tuple[float, int]]
) -> str:
    """One sentence per decoder with the figures the default choice rests on."""
    parts = []
    for name, tallies in results.items():
        with_code = [t for k, t in tallies.items() if k is not Distortion.NO_CODE]
        read = sum(t.read for t in with_code) / sum(t.frames for t in with_code)
        times = [ms for t in tallies.values() for ms in t.times_ms]
        wrong = sum(t.wrong for t in tallies.values())
        parts.append(
            f"{name}: read {100 * read:.0f}% of codes, {wrong} wrong, "
            f"median {statistics.median(times):.2f} ms, pipeline {fps[name][0]:.0f} fps."
        )
    return "Measured: " + " ".join(parts)


def environment() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"Python {platform.python_version()}, OpenCV {cv2.__version__}, "
        f"zxing-cpp {version('zxing-cpp')}, pyzbar {version('pyzbar')}, "
        f"{cpu} x{os.cpu_count()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=40, help="frames per distortion")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--pipeline-repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "README-qr.md")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    frames = frame_set(args.per_kind, seed=args.seed)
    print(f"generated {len(frames)} frames in {time.perf_counter() - started:.1f} s", flush=True)
    results: dict[str, dict[Distortion, Tally]] = {}
    fps: dict[str, tuple[float, int]] = {}
    for name in DECODERS:
        decoder = make_decoder(name)
        results[decoder.name] = bench_decoder(decoder, frames)
        fps[decoder.name] = bench_pipeline(decoder, frames, args.pipeline_repeat)
        print(f"{decoder.name}: done at {time.perf_counter() - started:.1f} s", flush=True)
    tables = markdown_tables(results, fps)
    verdict = conclusion(results, fps)
    print()
    print(tables)
    print()
    print(verdict)
    total_wrong = sum(t.wrong for r in results.values() for t in r.values())
    if not args.no_write:
        write_readme(args.out, tables, verdict, len(frames), args.per_kind, args.seed)
        print(f"\nwrote {args.out}")
    print(f"total {time.perf_counter() - started:.1f} s")
    return 1 if total_wrong else 0


def write_readme(
    path: Path, tables: str, verdict: str, count: int, per_kind: int, seed: int
) -> None:
    text = f"""# QR decoder benchmark

Produced by `.venv/bin/python bench/qr/bench_decoders.py` (seed {seed}, {per_kind} frames per
distortion, {count} frames of 640x480, camera-like: textured background, sensor noise, slight
blur, colour tint). Environment: {environment()}

"read" counts frames whose known payload was among the decoder's results; "wrong payloads"
counts any other result (on no-code frames: any result at all). Decode times are CPU time of
the decoding thread for one gray frame (the build machine is shared, wall time is noisier);
pipeline fps is QrScanner's own thread end to end (BGR to gray, decode, dedup, events) on the
same frames, in wall-clock time.

{tables}

## Default decoder

{verdict}

zxing-cpp is the default (`drivers/scanner/decoders.py`, `DEFAULT_DECODER = "zxing"`): on these
frames it reads more codes than pyzbar overall (notably small, blurred and tilted codes), never
returns a wrong payload, and decodes many times faster, which leaves the scanner thread headroom
at camera frame rates on a low-power kiosk PC. Glare defeats both; it is a lighting problem
(hood, diffuser, camera angle), not a decoder choice. pyzbar stays available
(`decoder = "pyzbar"`, needs the Debian package libzbar0) as a second opinion for diagnosis.
"""
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
