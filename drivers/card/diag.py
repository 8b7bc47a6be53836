"""`kiosk diag card`: list readers, wait for a card, say what it is. Card data is masked.

Exit codes: 0 card read, 1 card could not be read, 2 no reader / PC/SC down, 3 no card in time.
"""

from __future__ import annotations

import json
import threading
from typing import Any, TextIO

from drivers.card.base import CardChannel, CardEvent, CardEventKind, CardReader
from drivers.card.emv import read_emv
from drivers.card.errors import CardAbsent, NotEmvCard, NotUtilityCard
from drivers.card.utility_card import UtilityCard, purchase_blocked
from drivers.errors import DeviceError
from kiosk.clock import Clock, SystemClock
from kiosk.masking import mask_pan

EXIT_OK, EXIT_CARD_ERROR, EXIT_NO_READER, EXIT_NO_CARD = 0, 1, 2, 3


def _describe(channel: CardChannel) -> dict[str, Any]:
    try:
        data = UtilityCard(channel).read_all()
    except NotUtilityCard:
        pass
    else:
        return {
            "type": "utility",
            "utility": {
                "account_no": data.customer.account_no,
                "meter_no": data.customer.meter_no,
                "card_serial": mask_pan(data.customer.card_serial),
                "purchase_amount_fen": data.purchase.amount_fen,
                "purchase_count": data.purchase.purchase_count,
                "loaded_count": data.writeback.loaded_count,
                "balance_fen": data.writeback.balance_fen,
                "purchase_blocked": purchase_blocked(data.purchase, data.writeback),
            },
        }
    try:
        card = read_emv(channel)
    except NotEmvCard:
        return {"type": "unknown"}
    return {
        "type": "emv",
        "emv": {
            "pan": card.masked_pan,
            "expiry": card.expiry,
            "pan_sequence": card.pan_sequence,
            "aid": card.aid,
        },
    }


def _connect(
    driver: CardReader, reader: str | None, wait_s: float, clock: Clock
) -> CardChannel | None:
    inserted = threading.Event()

    def on_event(event: CardEvent) -> None:
        if event.kind == CardEventKind.CARD_INSERTED and reader in (None, event.reader):
            inserted.set()

    driver.set_listener(on_event)
    driver.open()
    deadline = clock.monotonic() + wait_s
    while True:
        inserted.clear()
        try:
            return driver.connect(reader)
        except CardAbsent:
            remaining = deadline - clock.monotonic()
            if remaining <= 0:
                return None
            inserted.wait(min(remaining, 0.5))


def run_diag(
    reader: str | None,
    wait_s: float,
    out: TextIO,
    *,
    driver: CardReader | None = None,
    clock: Clock | None = None,
) -> int:
    """Print one JSON object describing readers and the card; return the exit code."""
    if driver is None:
        from drivers.card.pcsc import PcscCardReader

        driver = PcscCardReader()
    report: dict[str, Any] = {"reader": reader}
    code = EXIT_OK
    try:
        report["readers"] = driver.readers()
        if not report["readers"] or (reader is not None and reader not in report["readers"]):
            report["error"] = f"reader {reader!r} not found" if reader else "no card reader found"
            code = EXIT_NO_READER
        else:
            channel = _connect(driver, reader, wait_s, clock or SystemClock())
            if channel is None:
                report["error"] = f"no card inserted within {wait_s:g} s"
                code = EXIT_NO_CARD
            else:
                try:
                    report["reader"] = getattr(channel, "reader", reader)
                    atr = getattr(channel, "atr", None)
                    report["atr"] = atr.hex().upper() if isinstance(atr, bytes) else None
                    report["protocol"] = getattr(channel, "protocol", None)
                    report.update(_describe(channel))
                finally:
                    channel.close()
    except DeviceError as exc:
        report["error"] = str(exc)
        report["error_code"] = exc.code
        code = EXIT_NO_READER if exc.code in ("PCSC_UNAVAILABLE", "READER_UNAVAILABLE") else 1
    finally:
        driver.close()
    report["ok"] = code == EXIT_OK
    out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return code
