"""Fault injection for tests and demos: latency, 503 before commit, dropped answer after commit."""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass
from typing import Any

from backend_sim.validate import Fields


@dataclass(frozen=True)
class FaultConfig:
    latency_ms: int = 0
    fail_before_commit_rate: float = 0.0
    drop_response_after_commit_rate: float = 0.0
    seed: int = 1


def _rate(fields: Fields, name: str) -> float:
    value = fields.body.get(name, 0.0)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        fields.fail(name, "must be a number from 0 to 1")
        return 0.0
    return float(value)


def parse_faults(body: dict[str, Any]) -> FaultConfig:
    fields = Fields(body)
    latency = fields.integer("latency_ms", 0, 60_000, optional=True) or 0
    fail = _rate(fields, "fail_before_commit_rate")
    drop = _rate(fields, "drop_response_after_commit_rate")
    seed = fields.integer("seed", -(2**62), 2**62, optional=True)
    fields.done()
    return FaultConfig(latency, fail, drop, 1 if seed is None else seed)


class Faults:
    """Seeded, thread-safe dice for the configured fault rates."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._config = FaultConfig()
        self._rng = random.Random(self._config.seed)

    def configure(self, config: FaultConfig) -> None:
        with self._lock:
            self._config = config
            self._rng = random.Random(config.seed)

    @property
    def config(self) -> FaultConfig:
        return self._config

    def as_dict(self) -> dict[str, Any]:
        return asdict(self._config)

    def latency_s(self) -> float:
        return self._config.latency_ms / 1000

    def fail_before_commit(self) -> bool:
        return self._roll(self._config.fail_before_commit_rate)

    def drop_after_commit(self) -> bool:
        return self._roll(self._config.drop_response_after_commit_rate)

    def _roll(self, rate: float) -> bool:
        if rate <= 0:
            return False
        with self._lock:
            return self._rng.random() < rate
