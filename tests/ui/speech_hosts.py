"""Speech hosts that misbehave, for tests/ui/test_speech_link.py; run as a script.

`slow SECONDS ENGINE`: the real host (ui/speech_host.py), after holding its start back, as
speech-dispatcher's engine does for 2-3 s. `deaf ENGINE`: says it is ready, then never answers
a command, like a host stuck inside a hung daemon. Both die with the test run (the window kills
them; the `deaf` one also ends on its own after a minute)."""

from __future__ import annotations

import json
import sys
import threading


def main(argv: list[str]) -> int:
    if argv[0] == "slow":
        threading.Event().wait(float(argv[1]))  # the engine being built
        from ui.speech_host import main as host

        return host(argv[2:])
    if argv[0] == "deaf":
        ready = {"event": "ready", "state": "Ready", "volume": 0.8, "locale": "en_US"}
        print(json.dumps(ready), flush=True)
        threading.Event().wait(60)  # reads nothing, answers nothing
        return 0
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
