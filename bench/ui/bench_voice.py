"""The longest GUI-thread gap while the voice starts, with the real speech-dispatcher engine.

"before": QTextToSpeech("speechd") built on the GUI thread after the daemon probe, as
`MainWindow.start_voice` did until the engine moved to a helper process; "after": `Speaker`
(ui/speech.py), which starts ui/speech_host.py and returns. Each run is a fresh interpreter on the
offscreen platform with a window on screen and a 5 ms GUI-thread timer; reported per run: the
longest gap between beats from the call until 300 ms after the voice is ready, and the time until
it is ready.

The benchmark starts its own speech-dispatcher on a private socket (SPEECHD_ADDRESS) with ALSA's
null output (a machine without a sound card: the daemon's default output hangs it after the first
word) and stops it at the end. Run: .venv/bin/python bench/ui/bench_voice.py [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(mode: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTextToSpeech import QTextToSpeech
    from PySide6.QtWidgets import QApplication, QLabel

    from ui.speech import Speaker  # imported by the window before, as `attach` does
    from ui.speechd_probe import socket_path, speechd_state

    app = QApplication(sys.argv[:1])
    window = QLabel("PowerPay")
    window.resize(800, 600)
    window.show()
    beats: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start(5)
    marks: dict[str, float] = {}
    keep: list[object] = []

    def start() -> None:
        marks["call"] = time.monotonic()
        beats.append(marks["call"])
        if mode == "before":
            assert speechd_state(socket_path()) == "answers"
            keep.append(QTextToSpeech("speechd"))
            ready()
        else:
            speaker = Speaker("speechd")
            keep.append(speaker)
            speaker.available_changed.connect(lambda on: ready() if on else None)
        marks["returned"] = time.monotonic()

    def ready() -> None:
        marks["ready"] = time.monotonic()
        QTimer.singleShot(300, app.quit)

    QTimer.singleShot(300, start)  # the window painted and idle first
    QTimer.singleShot(30000, app.quit)  # bounded
    app.exec()
    span = [b for b in beats if b >= marks["call"]] + [time.monotonic()]
    gap = max(b - a for a, b in itertools.pairwise(span))
    print(
        json.dumps(
            {
                "longest_gap_ms": gap * 1000,
                "call_ms": (marks["returned"] - marks["call"]) * 1000,
                "ready_ms": (marks.get("ready", float("nan")) - marks["call"]) * 1000,
            }
        ),
        flush=True,
    )
    for item in keep:
        close = getattr(item, "close", None)
        if close is not None:
            close()


def start_daemon(base: Path) -> subprocess.Popen[bytes]:
    config = base / "conf"
    shutil.copytree("/etc/speech-dispatcher", config)
    conf = config / "speechd.conf"
    conf.write_text(conf.read_text() + '\nAudioOutputMethod "alsa"\n')
    home = base / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n")
    daemon = subprocess.Popen(
        [
            *("speech-dispatcher", "-s", "-c", "unix_socket", "-S", str(base / "speechd.sock")),
            *("-t", "0", "-C", str(config), "-L", str(base), "-l", "1"),
        ],
        env={**os.environ, "HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not (base / "speechd.sock").exists():
        if time.monotonic() > deadline:
            daemon.kill()
            raise RuntimeError("speech-dispatcher did not start")
        time.sleep(0.05)  # a benchmark, not a test: polling for the socket
    return daemon


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("before", "after"))
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    base = Path(tempfile.mkdtemp(prefix="bench-voice-"))
    daemon = start_daemon(base)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "SPEECHD_ADDRESS": f"unix_socket:{base / 'speechd.sock'}",
    }
    print(f"voice start with speech-dispatcher, offscreen, {args.runs} runs each")
    print("| mode | longest GUI gap ms | call returns ms | voice ready ms |")
    print("|---|---|---|---|")
    try:
        for mode in ("before", "after"):
            for _ in range(args.runs):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", mode],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    check=True,
                )
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(
                    f"| {mode} | {r['longest_gap_ms']:.0f} | {r['call_ms']:.0f} "
                    f"| {r['ready_ms']:.0f} |",
                    flush=True,
                )
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(5)
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
