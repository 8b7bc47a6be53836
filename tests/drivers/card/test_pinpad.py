"""FakePinPad: opaque enciphered blocks, cancel, scripted from another thread, timeout."""

from __future__ import annotations

import contextlib
import threading

import pytest

from drivers.card.pinpad import FakePinPad
from drivers.errors import DeviceTimeout


def test_block_is_opaque_and_fresh() -> None:
    pad = FakePinPad(["1234", "1234"])
    first = pad.request_pin("621234*********4569", 12345)
    second = pad.request_pin("621234*********4569", 12345)
    assert first is not None
    assert second is not None
    assert len(first) == 32
    assert int(first, 16) >= 0
    assert "1234" not in first
    assert first != second  # random fill: the same PIN never gives the same block
    assert pad.reveal_pin(first) == "1234"
    assert pad.requests == [("621234*********4569", 12345)] * 2


def test_another_pad_cannot_read_the_block() -> None:
    block = FakePinPad(["987654"]).request_pin("x", 1)
    assert block is not None
    other = FakePinPad()
    with contextlib.suppress(ValueError):  # wrong key: garbage, usually not even format 4
        assert other.reveal_pin(block) != "987654"


def test_cancel_returns_none() -> None:
    pad = FakePinPad([None, "0000"])
    assert pad.request_pin("x", 1) is None
    assert pad.request_pin("x", 1) is not None


def test_scripted_from_another_thread() -> None:
    pad = FakePinPad(timeout_s=5)
    results: list[str | None] = []
    worker = threading.Thread(target=lambda: results.append(pad.request_pin("x", 100)))
    worker.start()
    pad.enter("24680")
    worker.join(timeout=5)
    assert results
    assert results[0] is not None
    assert pad.reveal_pin(results[0]) == "24680"


def test_nobody_types() -> None:
    with pytest.raises(DeviceTimeout):
        FakePinPad(timeout_s=0.05).request_pin("x", 1)


@pytest.mark.parametrize("pin", ["123", "12a4", "1234567890123", ""])
def test_invalid_pins_are_refused(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        FakePinPad().enter(pin)
