"""Scanner interface: decoded payloads arrive as events from the scanner's own thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ScanEvent:
    payload: str  # the decoded text, length-limited; never logged raw


ScanListener = Callable[[ScanEvent], None]


class Scanner(Protocol):
    def open(self) -> None: ...

    def close(self) -> None: ...

    def set_listener(self, listener: ScanListener) -> None: ...

    def status(self) -> dict[str, object]: ...
