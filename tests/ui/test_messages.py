"""The reasons banks and wallets give, in the resident's words: the code decides, the sender's
English text is never shown."""

from __future__ import annotations

import pytest

from ui.messages import Messages


@pytest.mark.parametrize(
    ("key", "reason", "shown"),
    [
        ("card_declined", "51: insufficient funds", "not enough money on the card"),
        ("card_declined", "insufficient funds", "not enough money on the card"),
        ("card_declined", "Incorrect PIN", "wrong PIN"),
        ("card_declined", "55: PIN wrong", "wrong PIN"),
        ("card_declined", "75: PIN tries exceeded", "too many wrong PINs"),
        ("card_declined", "43: stolen card, pick up", "please call your bank"),
        ("card_declined", "", "declined by the bank"),
        ("card_declined", "Z9: <script>weird</script>", "declined by the bank"),
        ("card_failed", "backend_unavailable", "the utility cannot be reached"),
        ("card_failed", "TIMEOUT", "the card could not be charged"),
        ("wallet_failed", "NOTENOUGH: insufficient funds", "not enough money in the wallet"),
        ("wallet_failed", "INVALID_AUTH_CODE", "the payment code is not valid"),
        ("wallet_failed", "SYSTEMERROR: try later", "declined by the wallet"),
    ],
)
def test_reasons_are_shown_in_the_kiosks_words(qapp, key, reason, shown):
    text = Messages().message(key, reason)
    assert shown in text and "Nothing was charged" in text
    words = reason.partition(":")[2] or reason
    if words and words not in shown:
        assert words.strip() not in text  # the sender's own text stays out
