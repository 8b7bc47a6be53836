"""`kiosk diag card` against the real pcscd + vpcd rig (and the fake reader for edge cases)."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable

import pytest

from drivers.card.diag import EXIT_NO_CARD, EXIT_NO_READER, EXIT_OK, run_diag
from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import (
    ATR_T1,
    TEST_PAN_APPROVED,
    EmvSimCard,
    SimCard,
    T0Behaviour,
    utility_test_card,
)
from tests.emulators.card.pcscd_fixture import READER_0, PcscdDaemon
from tests.emulators.card.vpcd_card import VpcdCard

Insert = Callable[[SimCard], VpcdCard]


def _run(reader: str | None, wait_s: float, **kw: object) -> tuple[int, dict[str, object], str]:
    out = io.StringIO()
    code = run_diag(reader, wait_s, out, **kw)  # type: ignore[arg-type]
    return code, json.loads(out.getvalue()), out.getvalue()


@pytest.mark.pcsc
def test_diag_utility_card(vcard: Insert) -> None:
    vcard(utility_test_card())
    code, report, _text = _run(READER_0, 5)
    assert code == EXIT_OK
    assert report["ok"] is True
    assert READER_0 in report["readers"]  # type: ignore[operator]
    assert report["atr"] == ATR_T1.hex().upper()
    assert report["type"] == "utility"
    utility = report["utility"]
    assert utility["account_no"] == "3300000003"  # type: ignore[index]
    assert utility["card_serial"] == "860000******0003"  # type: ignore[index]
    assert utility["purchase_blocked"] is False  # type: ignore[index]


@pytest.mark.pcsc
def test_diag_emv_card_is_masked(vcard: Insert) -> None:
    vcard(EmvSimCard(TEST_PAN_APPROVED, t0=T0Behaviour()))
    code, report, text = _run(None, 5)
    assert code == EXIT_OK
    assert report["type"] == "emv"
    assert report["protocol"] == "T=0"
    assert report["emv"]["pan"] == "621234*********4569"  # type: ignore[index]
    assert TEST_PAN_APPROVED not in text


@pytest.mark.pcsc
def test_diag_waits_for_the_card(rig: PcscdDaemon) -> None:
    vc = VpcdCard(utility_test_card(), port=rig.port)
    inserter = threading.Timer(0.3, vc.insert)
    inserter.start()
    try:
        code, report, _text = _run(READER_0, 10)
    finally:
        inserter.join()
        vc.remove()
    assert code == EXIT_OK
    assert report["type"] == "utility"


@pytest.mark.pcsc
def test_diag_no_card_and_no_reader(rig: PcscdDaemon) -> None:
    code, report, _text = _run(READER_0, 0.3)
    assert code == EXIT_NO_CARD
    assert "no card" in str(report["error"])
    code, report, _text = _run("Nonexistent Reader", 0.3)
    assert code == EXIT_NO_READER
    assert report["ok"] is False


def test_diag_unknown_card_on_fake_reader() -> None:
    class Mute(SimCard):
        def handle(self, cmd: object) -> tuple[bytes, int]:
            return b"", 0x6D00

    fake = FakeCardReader()
    fake.insert(Mute(b"\x3b\x00", None))
    code, report, _text = _run(None, 1, driver=fake)
    assert code == EXIT_OK
    assert report["type"] == "unknown"


def test_diag_unplugged_fake_reader() -> None:
    fake = FakeCardReader()
    fake.unplug()
    code, report, _text = _run(None, 0.1, driver=fake)
    assert code == EXIT_NO_READER
    assert report["error"] == "no card reader found"


@pytest.mark.pcsc
def test_diag_without_pcscd(rig: PcscdDaemon) -> None:
    rig.stop()
    code, report, _text = _run(None, 0.3)
    assert code == EXIT_NO_READER
    assert report["error_code"] == "PCSC_UNAVAILABLE"
    assert "pcscd" in str(report["error"])
