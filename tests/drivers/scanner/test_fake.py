"""FakeScanner: events on its own worker thread, length limit, unplug on demand."""

from __future__ import annotations

import pytest

from drivers.errors import DeviceNotConnected
from drivers.scanner.base import Scanner
from drivers.scanner.fake import FakeScanner
from tests.drivers.scanner.helpers import Collector


def test_show_emits_on_worker_thread() -> None:
    fake = FakeScanner()
    scanner: Scanner = fake  # satisfies the interface
    events = Collector()
    scanner.set_listener(events)
    scanner.open()
    fake.show("3300000001")
    fake.show("134567890123450000")
    assert events.wait_for(2)
    assert events.payloads == ["3300000001", "134567890123450000"]
    assert events.threads == {"fake-scanner"}
    assert scanner.status()["events"] == 2
    assert scanner.status()["state"] == "running"
    scanner.close()
    assert scanner.status()["state"] == "closed"


def test_show_before_open_raises() -> None:
    with pytest.raises(DeviceNotConnected):
        FakeScanner().show("3300000001")


def test_too_long_dropped() -> None:
    fake = FakeScanner(max_payload_chars=10)
    events = Collector()
    fake.set_listener(events)
    fake.open()
    fake.show("12345678901")
    fake.show("1234567890")
    assert fake.wait_idle(10.0)
    assert events.payloads == ["1234567890"]
    assert fake.status()["too_long"] == 1
    fake.close()


def test_unplug_and_replug() -> None:
    fake = FakeScanner()
    fake.open()
    fake.unplug()
    assert fake.status()["state"] == "error"
    assert fake.status()["error"] == "DEVICE_NOT_CONNECTED"
    with pytest.raises(DeviceNotConnected):
        fake.show("3300000001")
    fake.replug()
    events = Collector()
    fake.set_listener(events)
    fake.show("3300000001")
    assert events.wait_for(1)
    fake.close()


def test_listener_error_does_not_stop_fake() -> None:
    fake = FakeScanner()
    calls: list[str] = []

    def flaky(event: object) -> None:
        calls.append(str(getattr(event, "payload", "")))
        raise RuntimeError("listener bug")

    fake.set_listener(flaky)
    fake.open()
    fake.show("a")
    fake.show("b")
    assert fake.wait_idle(10.0)
    assert calls == ["a", "b"]
    fake.close()


def test_close_delivers_pending_first() -> None:
    fake = FakeScanner()
    events = Collector()
    fake.set_listener(events)
    fake.open()
    for i in range(20):
        fake.show(f"code-{i}")
    fake.close()
    assert events.payloads == [f"code-{i}" for i in range(20)]
