"""Waiting for something outside the test (a daemon, a device, an audio server) to happen."""

from __future__ import annotations

import threading
from collections.abc import Callable


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    """Whether `predicate` holds within `timeout` seconds, asked every `step` seconds."""
    waiter = threading.Event()
    for _ in range(max(1, int(timeout / step))):
        if predicate():
            return True
        waiter.wait(step)
    return predicate()
