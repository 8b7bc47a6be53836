"""The screens a resident only glances at, while the utility answers slowly (the simulator's
latency fault over real HTTP): looking up, the bank authorizing, the payment posting, and the
kiosk out of service, in each checked shape."""

from __future__ import annotations

import httpx
import pytest

from drivers.card.sim_cards import TEST_PAN_APPROVED, EmvSimCard
from kiosk.session.state import Screen
from tests.ui.helpers import CHECKED_SHAPES, ShapeCheck, tap, type_digits, wait_screen

SLOW_MS = 1200  # long enough to check a screen that shows only a line of text


def slow_backend(kiosk, latency_ms: int) -> None:
    reply = httpx.post(f"{kiosk.simulator.url}/v1/sim/faults", json={"latency_ms": latency_ms})
    assert reply.status_code == 200, reply.text


@pytest.mark.parametrize(("language", "senior", "size"), CHECKED_SHAPES)
def test_busy_and_out_of_service_screens_pass_the_checker(
    qtbot, kiosk, window, language, senior, size
):
    check = ShapeCheck(qtbot, window, "busy", language, senior, size)
    session = kiosk.session
    slow_backend(kiosk, SLOW_MS)
    tap(qtbot, window, "start_type")
    type_digits(qtbot, window, "account", "3300000002")
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.LOOKUP)
    check("lookup")
    assert session.state.screen is Screen.LOOKUP, "moved on before the check: raise SLOW_MS"
    wait_screen(qtbot, window, Screen.ACCOUNT, timeout=20000)
    tap(qtbot, window, "other_amount")
    type_digits(qtbot, window, "amount", "50")
    tap(qtbot, window, "amount_key_ok")
    tap(qtbot, window, "method_bank_card")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.BANK_CARD_INSERT)
    kiosk.cards.pinpad.enter("123456")
    kiosk.card_reader.insert(EmvSimCard(TEST_PAN_APPROVED))
    wait_screen(qtbot, window, Screen.CARD_AUTH, timeout=10000)
    check("card_auth")
    assert session.state.screen is Screen.CARD_AUTH, "moved on before the check: raise SLOW_MS"
    wait_screen(qtbot, window, Screen.POSTING, timeout=20000)
    check("posting")
    assert session.state.screen is Screen.POSTING, "moved on before the check: raise SLOW_MS"
    wait_screen(qtbot, window, Screen.RESULT, timeout=30000)
    slow_backend(kiosk, 0)
    kiosk.card_reader.remove()
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    session.set_out_of_service(True)
    wait_screen(qtbot, window, Screen.OUT_OF_SERVICE)
    session.set_language(language)
    if session.state.senior is not senior:
        session.toggle_senior()
    qtbot.waitUntil(
        lambda: (session.state.language, session.state.senior) == (language, senior), timeout=5000
    )
    assert session.state.screen is Screen.OUT_OF_SERVICE
    check("out_of_service")
    check.assert_clean()
