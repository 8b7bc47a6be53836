"""End to end: the `cash` demo scenario through the real UI with the real eSSP driver on a
wire-level emulator PTY posts exactly the notes the emulator stacked."""

from __future__ import annotations

from pathlib import Path

from kiosk.app import Kiosk
from kiosk.clock import OffsetClock
from tests.emulators.cash.essp import EsspEmulator
from tests.ui.conftest import kiosk_settings
from ui.app import build_window
from ui.demo import run_scenario, wait_for

CHANNEL = {100: 1, 500: 2, 1000: 3, 2000: 4, 5000: 5, 10000: 6}


class EmulatorHand:
    def __init__(self, device: EsspEmulator, kiosk: Kiosk) -> None:
        self.device = device
        self.kiosk = kiosk

    def insert(self, value_fen: int) -> None:
        before = len(self.device.stacked)
        self.device.command(["insert", str(CHANNEL[value_fen])])
        # A real hand waits for the note to be taken before pushing the next one.
        wait_for(lambda: len(self.device.stacked) > before, timeout_s=10, what="the stack")
        wait_for(
            lambda: (
                sum(self.kiosk.session.state.notes) >= sum(self.device.stacked)
                or self.kiosk.session.state.outcome is not None
            ),
            timeout_s=10,
            what="the credit on screen",
        )

    def stacked(self) -> list[int]:
        return list(self.device.stacked)


def test_cash_demo_with_the_essp_driver_posts_what_the_device_stacked(qtbot, tmp_path: Path):
    with EsspEmulator(encrypted=True) as device:
        settings = kiosk_settings(tmp_path)
        settings = settings.model_copy(
            update={
                "devices": settings.devices.model_copy(
                    update={
                        "cash": settings.devices.cash.model_copy(
                            update={"driver": "essp", "port": device.port, "encrypted": True}
                        )
                    }
                )
            }
        )
        kiosk = Kiosk.build(settings, clock=OffsetClock())
        kiosk.start()
        try:
            window = build_window(kiosk, simulation_panel=False)
            window.allow_close = True
            qtbot.addWidget(window)
            window.resize(1920, 1080)
            window.show()
            summary = run_scenario(
                kiosk,
                window,
                "cash",
                tmp_path / "out",
                account="1300000000008",  # ¥80.70 due: four notes
                hand=EmulatorHand(device, kiosk),
            )
        finally:
            kiosk.close()
    assert summary["posted"] is True
    assert summary["stacked_fen"] == device.stacked
    assert summary["journal_notes_fen"] == device.stacked
    assert summary["ledger_amount_fen"] == sum(device.stacked)
    assert summary["inserted_total_fen"] >= summary["amount_due_fen"]
