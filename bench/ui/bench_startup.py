"""Cold start to the first frame: the kiosk (core with simulated back end and devices, the whole
window) against a bare PySide6 QMainWindow, each in a fresh interpreter on the offscreen platform.

The clock is CLOCK_MONOTONIC, shared by parent and child: the parent notes the time just before it
starts the child; the child prints the time at which the main window's first paint finished (plus
its own phase times). Run: .venv/bin/python bench/ui/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(kind: str) -> None:
    """Runs in the fresh interpreter: start, show, wait for the first painted frame, report."""
    marks: dict[str, float] = {"python_ready": time.monotonic()}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    marks["qt_imported"] = time.monotonic()
    kiosk = None
    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("PowerPay"))
    else:
        import tempfile

        from kiosk.app import Kiosk
        from kiosk.clock import OffsetClock
        from kiosk.config import DEFAULT_CONFIG, load_config
        from ui.app import build_window, make_application

        marks["kiosk_imported"] = time.monotonic()
        app = make_application()
        data = Path(tempfile.mkdtemp(prefix="bench-startup-"))
        settings = load_config(DEFAULT_CONFIG, env={})
        settings = settings.model_copy(
            update={
                "kiosk": settings.kiosk.model_copy(update={"data_dir": data}),
                "backend": settings.backend.model_copy(
                    update={
                        "simulate": True,
                        "sim_state": data / "sim.db",
                        "url": "http://127.0.0.1:0",
                    }
                ),
            }
        )
        kiosk = Kiosk.build(settings, clock=OffsetClock())
        kiosk.start()
        marks["kiosk_started"] = time.monotonic()
        window = build_window(kiosk, simulation_panel=False)
        window.allow_close = True  # type: ignore[attr-defined]
        marks["window_built"] = time.monotonic()

    class FirstFrame(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first_frame" not in marks:
                # The paint runs after this filter; note the time once the loop is back.
                QTimer.singleShot(0, self.done)
                marks["first_frame"] = -1.0
            return False

        def done(self) -> None:
            marks["first_frame"] = time.monotonic()
            app.quit()

    spy = FirstFrame()
    window.installEventFilter(spy)
    window.resize(1920, 1080)
    window.show()
    QTimer.singleShot(30000, app.quit)  # bounded: never hang the benchmark
    app.exec()
    print(json.dumps(marks), flush=True)
    if kiosk is not None:
        kiosk.close()


def measure(kind: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    marks = json.loads(result.stdout.strip().splitlines()[-1])
    if marks.get("first_frame", -1) < 0:
        raise RuntimeError(f"{kind}: no frame was painted")
    return {name: (value - started) * 1000 for name, value in marks.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "kiosk"))
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "kiosk": []}
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        for kind in runs:
            runs[kind].append(measure(kind))
    print(f"cold start to first frame, offscreen, {args.runs} runs each, median ms")
    print(
        "| program | first frame | python ready | Qt imported | kiosk imported |"
        " kiosk started | window built |"
    )
    print("|---|---|---|---|---|---|---|")
    medians: dict[str, float] = {}
    for kind, samples in runs.items():
        cells = []
        for mark in (
            "first_frame",
            "python_ready",
            "qt_imported",
            "kiosk_imported",
            "kiosk_started",
            "window_built",
        ):
            values = [s[mark] for s in samples if mark in s]
            cells.append(f"{statistics.median(values):.0f}" if values else "-")
        medians[kind] = statistics.median(s["first_frame"] for s in samples)
        print(f"| {kind} | " + " | ".join(cells) + " |")
    ratio = medians["kiosk"] / medians["bare"]
    print(f"\nratio kiosk/bare: {ratio:.2f}x (goal <= 1.5x): {'met' if ratio <= 1.5 else 'MISSED'}")
    print("all first-frame samples (ms):")
    for kind, samples in runs.items():
        print(f"  {kind}: " + ", ".join(f"{s['first_frame']:.0f}" for s in samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
