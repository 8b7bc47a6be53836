"""The identify screen follows the start tile the resident touched: the bill's QR code or the
prepaid card is shown going where it goes, and the keypad works in every way."""

from __future__ import annotations

import pytest

from drivers.card.sim_cards import utility_test_card
from kiosk.session.state import Screen
from tests.ui.helpers import CHECKED_SHAPES, ShapeCheck, tap, text_of, type_digits, wait_screen


def identify(qtbot, window, tile: str):
    tap(qtbot, window, tile)
    wait_screen(qtbot, window, Screen.IDENTIFY)
    screen = window.screens[Screen.IDENTIFY]
    qtbot.waitUntil(lambda: screen.isVisible())
    return screen


@pytest.mark.parametrize(
    ("tile", "title", "picture"),
    [
        ("start_type", "Your account number", None),
        ("start_scan", "Scan the QR code on your bill", "scan_bill"),
        ("start_card", "Insert your prepaid card", "insert_card"),
    ],
)
def test_each_tile_shows_its_way_and_the_keypad_still_works(
    qtbot, kiosk, window, tile, title, picture
):
    kiosk.session.set_language("en")
    screen = identify(qtbot, window, tile)
    qtbot.waitUntil(lambda: screen.title.text() == title, timeout=5000)
    assert screen.pictogram.kind == picture
    assert screen.pictogram.drawn() is (picture is not None)  # room for it at 1920x1080
    also = "You can also scan" if picture is None else "Or type the account number"
    assert screen.hint.text().startswith(also)
    type_digits(qtbot, window, "account", "3300000001")
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.ACCOUNT)


def test_the_scan_way_takes_the_bills_code_and_the_card_way_the_card(qtbot, kiosk, window):
    identify(qtbot, window, "start_scan")
    kiosk.scanner.show("https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.START)
    identify(qtbot, window, "start_card")
    kiosk.card_reader.insert(utility_test_card())
    wait_screen(qtbot, window, Screen.ACCOUNT)
    assert "8600000000000003" in text_of(window, "account_card")


@pytest.mark.parametrize(("language", "senior", "size"), CHECKED_SHAPES)
def test_the_scan_and_card_ways_pass_the_checker(qtbot, kiosk, window, language, senior, size):
    check = ShapeCheck(qtbot, window, "identify", language, senior, size)
    for tile in ("start_scan", "start_card"):
        identify(qtbot, window, tile)
        type_digits(qtbot, window, "account", "33000")  # the keypad's display in use too
        check(tile)
        tap(qtbot, window, "back")
        wait_screen(qtbot, window, Screen.START)
        if kiosk.session.state.language != language:  # back at the start: the defaults again
            kiosk.session.set_language(language)
        if kiosk.session.state.senior is not senior:
            kiosk.session.toggle_senior()
    check.assert_clean()
