"""Cold start: the kiosk (core with simulated back end and devices, the whole window) against a
bare PySide6 QMainWindow, each in a fresh interpreter on the offscreen platform.

The kiosk starts the way `kiosk run` does (ui.app.show_start, CoreStarter, attach_kiosk): the
window with a working start screen first (its session made before the core is imported,
kiosk.session.early), then the core built and started around that session on a worker thread and
attached. Three moments are measured:

- first frame: the end of the window's first paint;
- interactive: the end of the first paint with working tiles (a touch starts a session, an
  account number can be typed; its look-up waits for the core) — now the same as the first frame;
- core ready: the core attached on the GUI thread (devices open, recovery done); nothing need be
  painted for it, the start screen looks the same.

The ratio against the bare window's first frame is reported for each.

The clock is CLOCK_MONOTONIC, shared by parent and child: the parent notes the time just before it
starts the child; the child prints its phase times. Run: .venv/bin/python bench/ui/bench_startup.py
[--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(kind: str) -> None:
    """Runs in the fresh interpreter: start, show, wait for the painted frames, report."""
    marks: dict[str, float] = {"python_ready": time.monotonic()}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    marks["qt_imported"] = time.monotonic()
    starter = None
    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("PowerPay"))
        window.resize(1920, 1080)
        window.show()
    else:
        from ui.app import CoreStarter, attach_kiosk, make_application, settle, show_start
        from ui.main_window import AfterPaint

        marks["ui_imported"] = time.monotonic()
        app = make_application()
        window, early = show_start(windowed=True)
        window.allow_close = True  # type: ignore[attr-defined]
        marks["shell_shown"] = time.monotonic()

        def build(early: object) -> object:  # the worker thread, as `kiosk run`'s build_core
            import tempfile

            from kiosk.app import Kiosk
            from kiosk.config import DEFAULT_CONFIG, load_config

            marks["kiosk_imported"] = time.monotonic()
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
            kiosk = Kiosk.build(settings, early=early)  # type: ignore[arg-type]
            kiosk.start()
            marks["kiosk_started"] = time.monotonic()
            return kiosk

        starter = CoreStarter(window, build, early)  # type: ignore[arg-type]

        def on_ready(kiosk: object) -> None:
            attach_kiosk(window, kiosk, simulation_panel=False, voice_later=True)  # type: ignore
            marks["attached"] = marks["core_ready"] = time.monotonic()

            def settled() -> None:
                marks["settled"] = time.monotonic()  # as ui.app.run: voice, screens, heap

            AfterPaint(window, lambda: settle(window, settled))
            window.removeEventFilter(spy)  # the newest filter runs first: note the frame
            window.installEventFilter(spy)  # before `settle` runs

        starter.ready.connect(on_ready)
        starter.start()

    class Frames(QObject):
        """Notes the end of the first paint, and of the first painted with working tiles."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                working = kind == "bare" or window.start_screen.type_tile.isEnabled()
                for mark, due in (("first_frame", True), ("interactive", working)):
                    if mark not in marks and due:
                        marks[mark] = -1.0
                        QTimer.singleShot(0, lambda mark=mark: self.done(mark))  # after paint
            return False

        def done(self, mark: str) -> None:
            marks[mark] = time.monotonic()
            marks[f"cpu_{mark}"] = time.process_time()  # this process's CPU time so far
            if kind == "bare" and mark == "interactive":
                app.quit()

        def settled(self) -> None:
            if "settled" in marks and marks.get("interactive", -1.0) > 0:
                app.quit()
            else:
                QTimer.singleShot(20, self.settled)

    spy = Frames()
    window.installEventFilter(spy)
    if kind != "bare":
        QTimer.singleShot(20, spy.settled)
    if kind == "bare":
        marks["shell_shown"] = time.monotonic()
    QTimer.singleShot(30000, app.quit)  # bounded: never hang the benchmark
    app.exec()
    if kind == "bare":
        marks["core_ready"] = marks["first_frame"]
    print(json.dumps(marks), flush=True)
    if starter is not None:
        starter.join()
        if starter.kiosk is not None:
            starter.kiosk.close()


def measure(kind: str, voice: str, pycache: str) -> dict[str, float]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "KIOSK_SPEECH_ENGINE": voice,
        # Compiled once, like an installed kiosk (pip and PyInstaller ship bytecode): without
        # this a shell with PYTHONDONTWRITEBYTECODE set compiles every module on every start.
        "PYTHONPYCACHEPREFIX": pycache,
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    return {
        name: value * 1000 if name.startswith("cpu_") else (value - started) * 1000
        for name, value in marks.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("bare", "kiosk"))
    parser.add_argument(
        "--voice",
        default="mock",
        help="text-to-speech engine (default mock: speech-dispatcher's takes 2-3 s to build, "
        "and hangs while the daemon is stuck; measure it with --voice speechd)",
    )
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "kiosk": []}
    pycache = tempfile.mkdtemp(prefix="bench-startup-pycache-")
    for kind in runs:  # not measured: writes the bytecode and warms the disk cache
        measure(kind, args.voice, pycache)
    for run in range(args.runs):
        # Interleaved, so both see the same machine load, and in alternating order (bare first,
        # then kiosk first), so neither is always the one started right after the other.
        for kind in sorted(runs, reverse=run % 2 == 1):
            runs[kind].append(measure(kind, args.voice, pycache))
    print(
        f"cold start, offscreen, voice {args.voice}, {args.runs} runs each, "
        "median ms since process start"
    )
    cols = (
        "first_frame",
        "interactive",
        "core_ready",
        "python_ready",
        "qt_imported",
        "ui_imported",
        "shell_shown",
        "kiosk_imported",
        "kiosk_started",
        "attached",
        "settled",
    )
    print("| program | " + " | ".join(c.replace("_", " ") for c in cols) + " |")
    print("|---|" + "---|" * len(cols))
    for kind, samples in runs.items():
        cells = []
        for mark in cols:
            values = [s[mark] for s in samples if mark in s]
            cells.append(f"{statistics.median(values):.0f}" if values else "-")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    bare = statistics.median(s["first_frame"] for s in runs["bare"])
    for mark, what, goal in (
        ("first_frame", "first frame (start screen shown)", True),
        ("interactive", "interactive (tiles and keypad work, painted)", True),
        ("core_ready", "core ready (devices open, recovery done; no goal)", False),
    ):
        ratio = statistics.median(s[mark] for s in runs["kiosk"]) / bare
        verdict = (": met" if ratio <= 1.5 else ": MISSED") if goal else ""
        print(
            f"ratio kiosk {what} / bare first frame: {ratio:.2f}x"
            + (f" (goal <= 1.5x){verdict}" if goal else "")
        )
    # CPU time is steadier than wall time on a shared machine: it leaves out the time this
    # process waited for a CPU. Before the first frame only the GUI thread runs.
    cpu = {kind: statistics.median(s["cpu_first_frame"] for s in runs[kind]) for kind in runs}
    print(
        f"CPU time until the first frame: kiosk {cpu['kiosk']:.0f} ms, bare {cpu['bare']:.0f} ms:"
        f" {cpu['kiosk'] / cpu['bare']:.2f}x"
    )
    print("all samples (ms), first frame / interactive / core ready:")
    for kind, samples in runs.items():
        cells = [
            f"{s['first_frame']:.0f}/{s['interactive']:.0f}/{s['core_ready']:.0f}"
            f" (CPU {s['cpu_first_frame']:.0f})"
            for s in samples
        ]
        print(f"  {kind}: " + ", ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
