"""Builds the configured banknote acceptor for the composition root (not opened yet)."""

from __future__ import annotations

from dataclasses import fields

from drivers.cash.base import BanknoteAcceptor
from drivers.cash.ccnet import CcnetAcceptor
from drivers.cash.essp import EsspAcceptor
from drivers.cash.id003 import Id003Acceptor
from drivers.cash.poller import Timing

PROTOCOLS = ("essp", "id003", "ccnet")
_TIMING_KEYS = frozenset(f.name for f in fields(Timing))


def open_acceptor(
    protocol: str,
    port: str,
    *,
    encrypted: bool = False,
    **timing: float,
) -> BanknoteAcceptor:
    """An acceptor for `protocol` on `port`; call open() on it. `timing` takes Timing's fields
    (poll_interval_s, reply_timeout_s, retries, escrow_hold_limit_s)."""
    unknown = set(timing) - _TIMING_KEYS
    if unknown:
        raise ValueError(f"unknown timing option(s): {', '.join(sorted(unknown))}")
    base = Timing()
    t = Timing(
        poll_interval_s=float(timing.get("poll_interval_s", base.poll_interval_s)),
        reply_timeout_s=float(timing.get("reply_timeout_s", base.reply_timeout_s)),
        retries=int(timing.get("retries", base.retries)),
        escrow_hold_limit_s=float(timing.get("escrow_hold_limit_s", base.escrow_hold_limit_s)),
    )
    if protocol == "essp":
        return EsspAcceptor(port, encrypted=encrypted, timing=t)
    if protocol in ("id003", "ccnet") and encrypted:
        raise ValueError(f"{protocol} has no encrypted mode")
    if protocol == "id003":
        return Id003Acceptor(port, timing=t)
    if protocol == "ccnet":
        return CcnetAcceptor(port, timing=t)
    raise ValueError(f"unknown acceptor protocol {protocol!r} (known: {', '.join(PROTOCOLS)})")
