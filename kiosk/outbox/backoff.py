"""Exponential backoff with jitter, honouring the server's Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    base_s: float = 1.0
    max_s: float = 300.0
    min_s: float = 0.5
    # After this many failed attempts an item also goes on the staff attention list (once).
    attention_after: int = 10

    @property
    def horizon_s(self) -> float:
        """No delay is ever longer than this; a later schedule means the clock went back."""
        return self.max_s * 1.1 + 1.0

    def delay_s(self, attempts: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait after the attempts-th failure (attempts counts from 1).

        Equal jitter: half the exponential step fixed, half random, so kiosks that lost the
        network together do not come back in lockstep. Retry-After is a floor, plus up to 10 %.
        """
        if retry_after is not None and retry_after > 0:
            return min(retry_after, self.max_s) * (1.0 + 0.1 * rng.random())
        step = min(self.max_s, self.base_s * 2.0 ** max(0, attempts - 1))
        return max(self.min_s, step / 2 + rng.random() * step / 2)
