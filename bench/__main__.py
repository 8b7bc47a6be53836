"""`make bench`: every benchmark in turn (each prints its ratios against a baseline measured in
the same run). Benchmarks are not tests: nothing here asserts a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "qr/bench_decoders.py",
    "keyboard/bench_pinyin.py",
    "outbox/bench_outbox.py",
    "ui/bench_startup.py",
    "ui/bench_stall.py",
]


def main() -> int:
    failed = 0
    for script in SCRIPTS:
        path = HERE / script
        if not path.exists():
            continue
        print(f"\n## {script}\n", flush=True)
        failed |= subprocess.call([sys.executable, str(path)], cwd=HERE.parent) != 0
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
