"""Prepaid card purchases against the real simulator, the card behind a fake reader slot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drivers.card.fake import FakeCardReader
from drivers.card.sim_cards import utility_test_card
from drivers.card.utility_card import UtilityCard
from kiosk.backend.bodies import payment_body
from kiosk.payments.prepaid import PrepaidCards, card_status
from kiosk.payments.recovery import recover

ACCOUNT = "3300000003"


@pytest.fixture
def slot():
    reader = FakeCardReader()
    reader.open()
    card = utility_test_card()
    reader.insert(card)
    yield reader, card
    reader.close()


@pytest.fixture
def prepaid(journal, client, clock):
    return PrepaidCards(journal, client, "K-330106-0001", clock)


def paid(client, amount: int, n: int = 1) -> str:
    body = payment_body(
        transaction_id=f"T-TEST-PREPAID-{n:04d}",
        account_no=ACCOUNT,
        amount_fen=amount,
        method="cash",
        occurred_at=datetime(2026, 11, 26, tzinfo=UTC),
        cash_notes={10000: amount // 10000},
    )
    return client.post_payment(body).payment_id


def inserted(reader):
    app = UtilityCard(reader.connect())
    app.select()
    return app, app.read_all()


def issued_count(client) -> int:
    return client.get_account(ACCOUNT).card.purchase_count


def test_purchase_is_written_read_back_and_confirmed(slot, prepaid, client, journal):
    reader, card = slot
    app, data = inserted(reader)
    status = card_status(data, issued_count(client))
    assert (status.purchase_count, status.blocked, status.rewrite_due) == (7, False, False)
    result = prepaid.purchase(app, status, 10000, paid(client, 10000), "T-TEST-PREPAID-0001")
    assert result.outcome == "written"
    assert card.purchase.hex() == "0000271000000008ca3335e0"  # the contract's test vector
    assert journal.get_transaction(result.purchase_id).state == "done"
    assert client.get_pending_card_purchases(ACCOUNT) == []
    assert issued_count(client) == 8


def test_purchase_still_on_the_card_blocks_the_next(slot, prepaid, client):
    reader, card = slot
    app, data = inserted(reader)
    prepaid.purchase(app, card_status(data, 7), 10000, paid(client, 10000), "T-1")
    app, data = inserted(reader)
    assert card_status(data, issued_count(client)).blocked  # the meter has not loaded it
    card.meter_load()
    app, data = inserted(reader)
    assert not card_status(data, issued_count(client)).blocked


@pytest.mark.parametrize("mid_command", [False, True])
def test_card_pulled_during_the_write_is_rewritten_for_free(
    slot, prepaid, client, journal, mid_command
):
    reader, card = slot
    app, data = inserted(reader)
    status = card_status(data, issued_count(client))
    reader.pull_after(0, mid_command=mid_command)  # the UPDATE BINARY is the next command
    result = prepaid.purchase(app, status, 10000, paid(client, 10000), "T-1")
    assert result.outcome == "pending_write"
    on_card = card.purchase[4:8]
    reader.remove()
    reader.insert(card)
    app, data = inserted(reader)
    status = card_status(data, issued_count(client))
    # Either the write never happened (re-write due) or it did and only the confirm is missing.
    assert status.rewrite_due == (on_card == (7).to_bytes(4, "big"))
    results = prepaid.rewrite(app, status)
    assert card.purchase.hex() == "0000271000000008ca3335e0"
    assert client.get_pending_card_purchases(ACCOUNT) == []
    assert journal.get_transaction(result.purchase_id).state == "done"
    assert all(r.outcome == "written" for r in results)


def test_purchase_interrupted_before_creation_is_created_at_recovery(
    prepaid, client, journal, waker
):
    txn = journal.create_transaction(
        kiosk_id="K-330106-0001",
        kind="card_purchase",
        account_no=ACCOUNT,
        amount_fen=10000,
        method=None,
        state="creating",
        detail={
            "card_serial": "8600000000000003",
            "card_count": 7,
            "payment_id": paid(client, 10000),
            "payment_txn": "T-1",
        },
    )
    recover(journal, waker, hooks=prepaid.recovery_hooks())
    assert journal.get_transaction(txn.id).state == "pending_write"
    assert [p.purchase_id for p in client.get_pending_card_purchases(ACCOUNT)] == [txn.id]
