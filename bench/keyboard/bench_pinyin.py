"""Pinyin candidate look-up time per keystroke (a benchmark, not a test).

Prints the index build time, the mean and worst look-up over every prefix of a long input, with
the garbage collector running and paused, against a baseline of a plain dict look-up in the same
run. Run: .venv/bin/python bench/keyboard/bench_pinyin.py
"""

from __future__ import annotations

import gc
import statistics
import time

from kiosk.pinyin_index import default_index

TYPED = "zhangsanminghangzhoukejiyouxiangongsi"


def measure(lookup, prefixes: list[str]) -> list[float]:
    times = []
    for _ in range(5):
        for prefix in prefixes:
            start = time.perf_counter()
            lookup(prefix)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    start = time.perf_counter()
    index = default_index()
    index.candidates("a")
    build = time.perf_counter() - start
    prefixes = [TYPED[:end] for end in range(1, len(TYPED) + 1)]
    baseline_table = {p: [p] for p in prefixes}
    base = measure(baseline_table.get, prefixes)
    with_gc = measure(index.candidates, prefixes)
    gc.collect()
    gc.disable()
    try:
        no_gc = measure(index.candidates, prefixes)
    finally:
        gc.enable()
    print(f"index build: {build * 1000:.0f} ms")
    print("| look-up | mean ms | worst ms | mean / dict baseline |")
    print("|---|---|---|---|")
    for name, times in (("gc on", with_gc), ("gc paused", no_gc), ("dict baseline", base)):
        mean = statistics.fmean(times)
        ratio = mean / statistics.fmean(base)
        print(f"| {name} | {mean * 1000:.3f} | {max(times) * 1000:.3f} | {ratio:.0f}x |")


if __name__ == "__main__":
    main()
