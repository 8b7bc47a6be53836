from __future__ import annotations

import io
import json

import pytest

from drivers.cash import ssp_events as ssp
from drivers.cash.diag import EXIT_FAULT, EXIT_NO_DEVICE, EXIT_OK, run_diag
from tests.emulators.cash.ccnet import CcnetEmulator
from tests.emulators.cash.essp import EsspEmulator
from tests.emulators.cash.id003 import Id003Emulator
from tests.emulators.cash.pty_device import PtyDevice

FAST = {"poll_interval_s": 0.01, "reply_timeout_s": 0.1, "retries": 5}


def _lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("protocol", "encrypted"),
    [("essp", False), ("essp", True), ("id003", False), ("ccnet", False)],
)
def test_diag_prints_identity_and_stacks_a_note(protocol: str, encrypted: bool) -> None:
    emus: dict[str, PtyDevice] = {
        "essp": EsspEmulator(encrypted=encrypted),
        "id003": Id003Emulator(),
        "ccnet": CcnetEmulator(),
    }
    emu = emus.pop(protocol)
    for other in emus.values():
        other.stop()
    with emu:
        emu.command(["insert", "4"])  # waits in the slot until the diag enables the acceptor
        out = io.StringIO()
        code = run_diag(protocol, emu.port, encrypted, 0.6, out, timing=FAST)
    lines = _lines(out)
    assert code == EXIT_OK
    assert lines[0]["type"] == "identity"
    assert lines[0]["channel_values_fen"] == [100, 500, 1000, 2000, 5000, 10000]
    kinds = [(line["kind"], line["value_fen"]) for line in lines if line["type"] == "event"]
    assert ("escrowed", 2000) in kinds
    assert ("stacked", 2000) in kinds
    assert lines[-1]["type"] == "summary"
    assert (lines[-1]["notes_stacked"], lines[-1]["stacked_fen"]) == (1, 2000)
    assert emu.stacked == [2000]


def test_diag_reports_a_missing_device() -> None:
    out = io.StringIO()
    assert run_diag("essp", "/nonexistent/ttyS9", False, 0.1, out, timing=FAST) == EXIT_NO_DEVICE
    assert _lines(out)[0]["code"] == "DEVICE_NOT_CONNECTED"


def test_diag_refuses_an_unknown_protocol() -> None:
    out = io.StringIO()
    assert run_diag("ict", "/dev/null", False, 0.1, out) == EXIT_NO_DEVICE
    assert _lines(out)[0]["code"] == "BAD_ARGUMENT"


class _DiesAfterEnable(EsspEmulator):
    def _execute(self, payload: bytes) -> bytes:
        reply = super()._execute(payload)
        if payload[:1] == bytes([ssp.ENABLE]):
            self.silent = True  # this reply still goes out; nothing after it
        return reply


def test_diag_is_non_zero_when_the_device_faults() -> None:
    with _DiesAfterEnable() as emu:
        out = io.StringIO()
        code = run_diag("essp", emu.port, False, 1.0, out, timing=FAST)
    lines = _lines(out)
    assert code == EXIT_FAULT
    assert [line["kind"] for line in lines if line["type"] == "event"][-1] == "fault"
    assert lines[-1]["faulted"] is True
