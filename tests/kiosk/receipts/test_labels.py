from __future__ import annotations

import pytest

from kiosk.receipts.labels import LABELS, label, wallet_name


def test_every_language_has_every_label() -> None:
    keys = {lang: set(table) for lang, table in LABELS.items()}
    assert keys["zh"] == keys["en"]
    assert all(text.strip() for table in LABELS.values() for text in table.values())


def test_placeholders_match_across_languages() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key in LABELS["zh"]:
        assert fields(LABELS["zh"][key]) == fields(LABELS["en"][key]), key


def test_lookup() -> None:
    assert label("zh", "bill_line", period="2026-10") == "账期 2026-10"
    assert label("en", "title") == "Electricity Payment Receipt"
    assert wallet_name("zh", "alipay") == "支付宝"
    assert wallet_name("en", "some-new-wallet") == "some-new-wallet"
    with pytest.raises(KeyError, match="nope"):
        label("zh", "nope")
