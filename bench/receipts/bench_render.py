"""How long rendering one resident's receipt takes on the session worker.

The receipt is rendered right after the result screen is shown, while the GUI thread lays out
and paints it; every millisecond of it holds the GIL the GUI thread needs (bench/README-ui.md).
Each receipt has new values (receipt and transaction numbers, time, amounts, notes), as
successive residents' receipts do; the labels repeat. Reported: the first receipt of the process
(the CJK font already found, as the kiosk does at start), then the median and worst of the rest,
in wall time and in this thread's CPU time (what holds the GIL; it does not grow while other
processes keep the CPUs busy).

Run: .venv/bin/python bench/receipts/bench_render.py [--receipts 40] [--width 576]
     [--code DIR: import kiosk/ from DIR instead, e.g. another checkout, for a before/after]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=40)
    parser.add_argument("--width", type=int, default=576)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(ROOT))  # the sample receipts of this checkout's tests

    from kiosk.receipts.fonts import find_cjk_font
    from kiosk.receipts.model import BillLine, CashPayment
    from kiosk.receipts.render import render_receipt
    from tests.kiosk.receipts.samples import cash_only_receipt

    find_cjk_font()  # done at kiosk start (kiosk/app.py), not in a resident's receipt
    base = cash_only_receipt()
    notes = (10000, 5000, 2000, 1000)
    times: list[float] = []
    cpu: list[float] = []
    for n in range(args.receipts):
        counts = {value: (n + i) % 3 for i, value in enumerate(notes)}
        counts[10000] += 1
        paid = sum(v * c for v, c in counts.items())
        receipt = dataclasses.replace(
            base,
            issued_at=datetime(2026, 11, 27, 8, 0, tzinfo=UTC) + timedelta(seconds=97 * n),
            receipt_no=f"R-20261127-{n:06d}",
            transaction_id=f"T-{n * 7919:08x}-0001",
            bills=(BillLine(f"B-2026-10-35010012{n:05d}", "2026-10", 9870 + n),),
            payments=(CashPayment(counts),),
            surplus_to_balance_fen=max(0, paid - 9870 - n),
            new_balance_fen=max(0, paid - 9870 - n),
            e_receipt_url=f"https://pay.example.cn/r/R-20261127-{n:06d}?s={n * 31337:06x}",
            language="en" if n % 5 == 4 else "zh",
        )
        start, start_cpu = time.perf_counter(), time.thread_time()
        render_receipt(receipt, args.width)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    rest, rest_cpu = times[1:], cpu[1:]
    print(f"code: {args.code.resolve()}  paper: {args.width} dots  receipts: {args.receipts}")
    print("| ms | first receipt | median of the rest | worst of the rest |")
    print("|---|---|---|---|")
    print(f"| wall | {times[0]:.1f} | {statistics.median(rest):.1f} | {max(rest):.1f} |")
    print(f"| CPU | {cpu[0]:.1f} | {statistics.median(rest_cpu):.1f} | {max(rest_cpu):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
