"""The kiosk's own logging (powerpay.logging_setup) into a test's folder, undone afterwards so
the next test's root logger is as it found it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from powerpay.logging_setup import configure_logging


@contextmanager
def kiosk_logging(directory: Path, **options: Any) -> Iterator[Path]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    configure_logging(directory, stderr=False, **options)
    try:
        yield directory
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()
