"""Malformed replies and signing, over httpx.MockTransport (the real server cannot misbehave so)."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from backend_support import KIOSK_ID, SECRET, Recorder

from kiosk.backend import bodies
from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import BackendError, BadResponse, InvalidRequest
from kiosk.backend.signing import NONCE_RE, sign, verify
from kiosk.clock import ManualClock

PAN = "6212345678901234569"
WHEN = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def payment() -> bodies.PaymentBody:
    return bodies.payment_body(
        transaction_id="T-K-330106-0001-000123",
        account_no="3300000001",
        amount_fen=30000,
        method="cash",
        occurred_at=WHEN,
        cash_notes={10000: 3},
    )


def payment_result(**changes: Any) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "payment_id": "P-000456",
        "transaction_id": "T-K-330106-0001-000123",
        "receipt_no": "R-000456",
        "status": "posted",
        "applied": [
            {"bill_id": "B-3300000001-2026-09", "amount_fen": 5564},
            {"bill_id": "B-3300000001-2026-10", "amount_fen": 23076},
        ],
        "late_fee_paid_fen": 172,
        "to_balance_fen": 1188,
        "new_balance_fen": 1188,
        "new_amount_due_fen": 0,
    }
    reply.update(changes)
    return reply


def account(**changes: Any) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "account_no": "3300000001",
        "holder_name_masked": "张*明",
        "address_masked": "杭州市西湖区文三路***号",
        "category": "residential",
        "billing_mode": "postpaid",
        "status": "arrears",
        "balance_fen": 0,
        "arrears_fen": 28640,
        "late_fee_fen": 172,
        "amount_due_fen": 28812,
        "min_payment_fen": 100,
        "max_payment_fen": 5000000,
        "meter": {"meter_no": "000012345678", "kind": "conventional", "tou": False},
        "card": None,
        "autopay": {"enrolled": False, "bank_masked": None, "day_of_month": None},
        "some_future_field": {"ignored": True},
    }
    reply.update(changes)
    return reply


def test_valid_payment_is_parsed(mock_client: UtilityClient, recorder: Recorder) -> None:
    recorder.json(201, payment_result())
    result = mock_client.post_payment(payment())
    assert (result.payment_id, result.to_balance_fen, result.status) == ("P-000456", 1188, "posted")
    sent = recorder.requests[0]
    assert sent.headers["Idempotency-Key"] == "T-K-330106-0001-000123"
    assert json.loads(sent.content) == payment()


def test_valid_account_ignores_unknown_fields(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    recorder.json(200, account())
    acct = mock_client.get_account("3300000001")
    assert (acct.amount_due_fen, acct.meter.kind, acct.card) == (28812, "conventional", None)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (payment_result(transaction_id="T-K-330106-0001-000999"), "not 'T-K-330106-0001-000123'"),
        (payment_result(to_balance_fen=10**30), "to_balance_fen"),
        (payment_result(to_balance_fen=-1188), "to_balance_fen"),
        (payment_result(to_balance_fen=1188.0), "to_balance_fen"),
        (payment_result(to_balance_fen="1188"), "to_balance_fen"),
        (payment_result(to_balance_fen=True), "to_balance_fen"),
        (payment_result(to_balance_fen=1187), "allocated as 29999"),
        (payment_result(status="pending"), "status"),
        (payment_result(receipt_no="R" * 65), "receipt_no"),
        ({k: v for k, v in payment_result().items() if k != "payment_id"}, "payment_id"),
        (payment_result(applied=[{"bill_id": "B-1", "amount_fen": -5}]), "applied.0.amount_fen"),
        (payment_result(applied=None), "applied"),
    ],
)
def test_malformed_payment_result_is_bad_response(
    mock_client: UtilityClient, recorder: Recorder, reply: dict[str, Any], reason: str
) -> None:
    recorder.json(201, reply)
    with pytest.raises(BadResponse, match=reason) as caught:
        mock_client.post_payment(payment())
    assert caught.value.may_have_committed is True
    assert caught.value.status == 201


@pytest.mark.parametrize(
    ("status", "content", "content_type", "reason"),
    [
        (201, b'{"payment_id": "P-000456", "transaction_id": "T-K-33', "application/json", "JSON"),
        (201, b"<html>ok</html>", "text/html", "not application/json"),
        (200, json.dumps(payment_result()).encode(), "application/json", "200 where 201"),
        (201, b'{"to_balance_fen": 1e400}', "application/json", "reply does not fit"),
        (201, b"[" + json.dumps(payment_result()).encode() + b"]", "application/json", "object"),
        (201, b" " * (1 << 20) + b"{}", "application/json", "larger than"),
    ],
)
def test_unreadable_payment_reply_is_bad_response(
    mock_client: UtilityClient,
    recorder: Recorder,
    status: int,
    content: bytes,
    content_type: str,
    reason: str,
) -> None:
    recorder.raw(status, content, content_type)
    with pytest.raises(BadResponse, match=reason) as caught:
        mock_client.post_payment(payment())
    assert caught.value.may_have_committed is True


@pytest.mark.parametrize(
    "reply",
    [
        account(account_no="3300000002"),
        account(amount_due_fen=1),
        account(balance_fen=-1),
        account(category="industrial"),
        account(meter={"meter_no": "1", "kind": "conventional", "tou": "no"}),
        account(autopay={"enrolled": False, "bank_masked": PAN, "day_of_month": None}),
        {k: v for k, v in account().items() if k != "card"},
    ],
)
def test_malformed_account_is_bad_response_and_safe(
    mock_client: UtilityClient, recorder: Recorder, reply: dict[str, Any]
) -> None:
    recorder.json(200, reply)
    with pytest.raises(BadResponse) as caught:
        mock_client.get_account("3300000001")
    assert caught.value.may_have_committed is False
    assert PAN not in str(caught.value)


def card_auth() -> bodies.CardAuthorizationBody:
    return bodies.card_authorization_body(
        auth_id="A-K-330106-0001-000126",
        account_no="3300000001",
        amount_fen=30000,
        pan=PAN,
        expiry="2812",
        pan_sequence="01",
        aid="A000000333010101",
    )


def auth_reply(**changes: Any) -> dict[str, Any]:
    reply = {
        "auth_id": "A-K-330106-0001-000126",
        "status": "APPROVED",
        "approval_code": "123456",
        "decline_reason": None,
        "masked_pan": "621234*********4569",
    }
    reply.update(changes)
    return reply


def test_card_authorization_returns_masked_pan(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    recorder.json(201, auth_reply())
    auth = mock_client.create_card_authorization(card_auth())
    assert (auth.status, auth.masked_pan) == ("APPROVED", "621234*********4569")
    assert PAN not in repr(auth)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (auth_reply(masked_pan=PAN), "masked_pan"),
        (auth_reply(masked_pan="622222*********4569"), "another card"),
        (auth_reply(auth_id="A-K-330106-0001-000127"), "not 'A-K-330106-0001-000126'"),
        (auth_reply(decline_reason=f"card {PAN} declined" * 40), "decline_reason"),
    ],
)
def test_malformed_card_authorization_never_shows_the_pan(
    mock_client: UtilityClient, recorder: Recorder, reply: dict[str, Any], reason: str
) -> None:
    recorder.json(201, reply)
    with pytest.raises(BadResponse, match=reason) as caught:
        mock_client.create_card_authorization(card_auth())
    chained: BaseException | None = caught.value
    while chained is not None:  # nothing in the chain a log handler would print shows the PAN
        for text in (str(chained), repr(chained), repr(chained.args)):
            assert PAN not in text
        chained = chained.__cause__ or chained.__context__


@pytest.mark.parametrize(
    ("call", "reply"),
    [
        (
            lambda c: c.get_mobile_charge("C-K-330106-0001-000124"),
            {
                "charge_id": "C-OTHER-0001",
                "wallet": "wechat",
                "status": "SUCCESS",
                "fail_reason": None,
                "wallet_txn_id": "W1",
            },
        ),
        (
            lambda c: c.get_mobile_order("O-K-330106-0001-000125"),
            {"order_id": "O-OTHER-0001", "status": "NOTPAY", "wallet": None, "paid_at": None},
        ),
        (
            lambda c: c.reverse_mobile_charge("C-K-330106-0001-000124"),
            {"charge_id": "C-OTHER-0001", "status": "REVERSED", "recall": False},
        ),
        (
            lambda c: c.confirm_card_purchase("U-K-330106-0001-000127", 8),
            {"purchase_id": "U-OTHER-0001", "status": "written"},
        ),
    ],
)
def test_reply_for_another_id_is_bad_response(
    mock_client: UtilityClient, recorder: Recorder, call: Any, reply: dict[str, Any]
) -> None:
    recorder.json(200, reply)
    with pytest.raises(BadResponse, match="reply is for"):
        call(mock_client)


def test_close_that_leaves_order_unpaid_and_open_is_bad_response(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    recorder.json(
        200,
        {"order_id": "O-K-330106-0001-000125", "status": "NOTPAY", "wallet": None, "paid_at": None},
    )
    with pytest.raises(BadResponse, match="NOTPAY"):
        mock_client.close_mobile_order("O-K-330106-0001-000125")


@pytest.mark.parametrize("number", ["330000000", "33000000011234", "33000000O1", " 3300000001", ""])
def test_bad_account_number_sends_nothing(
    mock_client: UtilityClient, recorder: Recorder, number: str
) -> None:
    with pytest.raises(InvalidRequest, match="10 to 13 digits"):
        mock_client.get_bills(number)
    assert recorder.requests == []


def test_send_refuses_bad_requests_before_sending(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    with pytest.raises(InvalidRequest, match="Idempotency-Key"):
        mock_client.send("POST", "/v1/payments", {"a": 1})
    with pytest.raises(InvalidRequest, match="Idempotency-Key"):
        mock_client.send("POST", "/v1/payments", {"a": 1}, "short")
    with pytest.raises(InvalidRequest, match="/v1/"):
        mock_client.send("GET", "http://elsewhere/v1/x")
    with pytest.raises(InvalidRequest, match="neither"):
        mock_client.send("GET", "/v1/accounts/3300000001", {"a": 1})
    with pytest.raises(InvalidRequest, match="method"):
        mock_client.send("PATCH", "/v1/payments", {"a": 1}, "T-000000001")
    with pytest.raises(InvalidRequest, match="int number of fen"):
        mock_client.send("POST", "/v1/payments", {"amount_fen": 1.5}, "T-000000001")
    assert recorder.requests == []


# ------------------------------------------------------------------ signing
def test_contract_signing_vectors() -> None:
    canonical_get = "/v1/accounts/3300000001/bills?status=unpaid&limit=12"
    assert (
        sign(SECRET, "GET", canonical_get, "2026-11-26T08:30:00Z", "n-0123456789abcdef", b"")
        == "041f7d923b40033646e6cca476d5846bb9ae850cfdfaf65347dfb6a370841bd7"
    )
    body = bodies.mobile_order_body(
        order_id="O-K-330106-0001-000125", account_no="3300000001", amount_fen=30000
    )
    from kiosk.backend.wire import encode_body

    raw = encode_body(body)
    assert hashlib.sha256(raw).hexdigest() == (
        "a571cab1bae382697d8a8a17086e9b116f6011db80c6cc1db9a21f55315f813b"
    )
    assert (
        sign(SECRET, "POST", "/v1/mobile-orders", "2026-11-26T08:30:05Z", "n-fedcba9876543210", raw)
        == "5eaec05772ebc756778c1173b32b8d05b10611412f5bbe63af921a7eea088394"
    )


def test_requests_are_signed_over_what_is_sent(
    mock_client: UtilityClient, recorder: Recorder, clock: ManualClock
) -> None:
    clock.advance(1800)  # 08:30:00Z
    recorder.json(200, {"bills": []})
    assert mock_client.get_bills("3300000001") == []
    recorder.json(
        201,
        {
            "order_id": "O-K-330106-0001-000125",
            "code_url": "https://qr.utility.example/o/1",
            "expires_at": "2026-11-26T08:35:00Z",
            "status": "NOTPAY",
        },
    )
    body = bodies.mobile_order_body(
        order_id="O-K-330106-0001-000125", account_no="3300000001", amount_fen=30000
    )
    mock_client.create_mobile_order(body)
    get, post = recorder.requests
    assert get.url.raw_path == b"/v1/accounts/3300000001/bills?status=unpaid&limit=12"
    assert hashlib.sha256(post.content).hexdigest() == (
        "a571cab1bae382697d8a8a17086e9b116f6011db80c6cc1db9a21f55315f813b"
    )
    for request in (get, post):
        headers = request.headers
        assert headers["X-Kiosk-Id"] == KIOSK_ID
        assert headers["X-Timestamp"] == "2026-11-26T08:30:00Z"
        assert NONCE_RE.match(headers["X-Nonce"])
        assert verify(
            SECRET,
            headers["X-Signature"],
            request.method,
            request.url.raw_path.decode(),
            headers["X-Timestamp"],
            headers["X-Nonce"],
            request.content,
        )
    assert get.headers["X-Nonce"] != post.headers["X-Nonce"]
    assert "Idempotency-Key" not in get.headers
    assert post.headers["Idempotency-Key"] == "O-K-330106-0001-000125"


def test_resend_uses_a_fresh_nonce_and_identical_body(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    recorder.json(201, payment_result())
    body = payment()
    stored = json.loads(json.dumps(body))  # as the journal would keep it
    mock_client.post_payment(body)
    mock_client.send("POST", "/v1/payments", stored, body["transaction_id"])
    first, second = recorder.requests
    assert first.content == second.content
    assert first.headers["X-Nonce"] != second.headers["X-Nonce"]
    assert first.headers["X-Signature"] != second.headers["X-Signature"]


def test_path_segments_are_quoted_and_signed_as_sent(recorder: Recorder) -> None:
    transport = httpx.MockTransport(recorder)
    with UtilityClient(
        "http://backend.test/utility/",
        "K 330106/1",
        SECRET,
        clock=ManualClock(),
        transport=transport,
    ) as client:
        recorder.json(200, {"server_time": "2026-11-26T08:00:00Z", "commands": []})
        body = heartbeat()
        client.heartbeat(body, "HB-000000001")
    request = recorder.requests[0]
    assert request.url.raw_path == b"/utility/v1/kiosks/K%20330106%2F1/heartbeats"
    assert verify(
        SECRET,
        request.headers["X-Signature"],
        "POST",
        "/utility/v1/kiosks/K%20330106%2F1/heartbeats",
        request.headers["X-Timestamp"],
        request.headers["X-Nonce"],
        request.content,
    )


def heartbeat() -> bodies.HeartbeatBody:
    return bodies.heartbeat_body(
        sent_at=WHEN,
        software_version="0.1.0",
        mode="in_service",
        devices={
            "cash_acceptor": {"state": "ok"},
            "printer": {"state": "warning", "paper": "low", "detail": "paper low"},
            "card_reader": {"state": "ok"},
            "scanner": {"state": "absent"},
        },
        outbox_depth=0,
        oldest_unsent_at=None,
        cashbox_notes=37,
        cashbox_total_fen=270000,
    )


def test_ping_measures_latency_and_clock_offset(recorder: Recorder) -> None:
    clock = ManualClock(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))

    def slow(request: httpx.Request) -> httpx.Response:
        clock.advance(0.4)  # the round trip takes 0.4 s on the kiosk's clock
        return httpx.Response(
            200,
            json={
                "server_time": "2026-11-26T08:00:10Z",
                "commands": [{"command_id": "CMD-1", "kind": "upload_logs"}],
            },
        )

    recorder.reply = slow
    with UtilityClient(
        "http://backend.test",
        KIOSK_ID,
        SECRET,
        clock=clock,
        transport=httpx.MockTransport(recorder),
    ) as client:
        result = client.ping(heartbeat(), "HB-000000002")
    assert result.latency_s == pytest.approx(0.4)
    assert result.clock_offset_s == pytest.approx(9.8)
    assert result.reply.commands[0].kind == "upload_logs"


def test_secret_never_shows(mock_client: UtilityClient, recorder: Recorder) -> None:
    recorder.json(401, {"error": {"code": "BAD_SIGNATURE", "message": "no", "retryable": False}})
    assert SECRET not in repr(mock_client)
    with pytest.raises(BackendError) as caught:
        mock_client.get_account("3300000001")
    assert SECRET not in f"{caught.value} {caught.value!r} {vars(caught.value)}"
    assert SECRET not in str(copy.copy(recorder.requests[0].headers))


def test_undecodable_content_encoding_is_bad_response(
    mock_client: UtilityClient, recorder: Recorder
) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    recorder.reply = lambda request: httpx.Response(201, content=b"not gzip", headers=headers)
    with pytest.raises(BadResponse, match="cannot be decoded") as caught:
        mock_client.post_payment(payment())
    assert caught.value.may_have_committed is True
