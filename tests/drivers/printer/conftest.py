from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.emulators.printer.server import PrinterEmulator


@pytest.fixture
def emu() -> Iterator[PrinterEmulator]:
    with PrinterEmulator() as emulator:
        yield emulator
