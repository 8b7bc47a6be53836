"""Typed, signed HTTP client of the utility back end (API v1).

One httpx transport (HTTP/1.1 connection pool, keep-alive, thread-safe) carries every request;
the API has no cookies, auth flows or redirects, so the httpx.Client layer is skipped. Each
attempt is signed afresh (new timestamp and nonce) over the exact body bytes that are sent.
`send_stored` is the door the outbox forwarder uses to resend a journaled `(method, path, body
bytes, key)` unchanged; `send` encodes a body first, and the typed methods build on it and check
that a reply belongs to its request.
See errors.py for what each exception means for money.
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import httpx
from pydantic import ValidationError

from kiosk.backend import bodies as b
from kiosk.backend import calls
from kiosk.backend import models as m
from kiosk.backend import validate as v
from kiosk.backend.calls import Call
from kiosk.backend.errors import (
    BackendUnavailable,
    BadResponse,
    InvalidRequest,
    OutcomeUnknown,
    scrub,
)
from kiosk.backend.signing import new_nonce, sign_key
from kiosk.backend.wire import (
    MAX_REPLY_BYTES,
    MUTATING,
    Answer,
    ApiResponse,
    check_stored_body,
    encode_body,
    judge,
    retry_after,
)
from kiosk.clock import Clock, rfc3339

__all__ = ["ApiResponse", "Ping", "UtilityClient"]

ModelT = TypeVar("ModelT", bound=m.Reply)
USER_AGENT = "powerpay-kiosk"
MAX_CACHED_URLS = 256

# Raised before a single byte of the request left the kiosk: nothing can have happened.
_NOT_SENT: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
    httpx.LocalProtocolError,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ping:
    """A heartbeat's round trip: latency and the server clock's offset from ours (seconds)."""

    reply: m.HeartbeatReply
    latency_s: float
    clock_offset_s: float


class UtilityClient:
    """Signed client of one kiosk; share one instance between worker threads, close it once."""

    def __init__(
        self,
        base_url: str,
        kiosk_id: str,
        secret: str,
        *,
        clock: Clock,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        verify: bool | str = True,
        client_cert: tuple[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise InvalidRequest("base_url must start with http:// or https://")
        if not kiosk_id or not secret:
            raise InvalidRequest("a kiosk id and its secret are required")
        self._base = base_url.rstrip("/")
        self.kiosk_id = kiosk_id
        self._secret = secret
        self._key = secret.encode()
        self._clock = clock
        timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self._extensions: dict[str, Any] = {"timeout": timeout.as_dict()}
        # Requests go straight to the connection pool: no cookies, auth or redirects to run
        # (the API has none), which halves the client's CPU per request.
        self._transport = transport or httpx.HTTPTransport(
            verify=_tls_context(verify, client_cert) if base_url.startswith("https") else True,
            http1=True,
            http2=False,
            trust_env=False,
        )
        self._urls: dict[str, tuple[httpx.URL, str]] = {}
        self._urls_lock = threading.Lock()

    def __repr__(self) -> str:  # the secret stays out of every repr
        return f"UtilityClient({self._base!r}, kiosk_id={self.kiosk_id!r})"

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> UtilityClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ low level
    def send(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        *,
        expected_status: int | None = None,
    ) -> ApiResponse:
        """Sign and send one request; a 200/201 JSON object comes back, anything else raises.

        `path` starts with /v1/ and includes the query string; POST and DELETE need a key.
        """
        method = _check_call(method, path, body is not None, idempotency_key)
        content = None if body is None else encode_body(body)
        return self._send(method, path, content, idempotency_key, expected_status)

    def send_stored(
        self, method: str, path: str, content: bytes | None, idempotency_key: str | None
    ) -> ApiResponse:
        """Send a journaled request with its stored body bytes, unchanged (the outbox's door).

        The bytes are checked as `send` checks a body (JSON object, int `*_fen`, no NaN) but not
        re-encoded, so a resend carries byte for byte what was stored before the first send.
        """
        method = _check_call(method, path, content is not None, idempotency_key)
        if content is not None:
            check_stored_body(content)
        return self._send(method, path, content, idempotency_key, None)

    def _send(
        self,
        method: str,
        path: str,
        content: bytes | None,
        idempotency_key: str | None,
        expected_status: int | None,
    ) -> ApiResponse:
        url, signed_path = self._url(path)
        payload = b"" if content is None else content
        timestamp = rfc3339(self._clock.now())
        nonce = new_nonce()
        headers = [
            ("Accept", "application/json"),
            ("User-Agent", USER_AGENT),
            ("X-Kiosk-Id", self.kiosk_id),
            ("X-Timestamp", timestamp),
            ("X-Nonce", nonce),
            ("X-Signature", sign_key(self._key, method, signed_path, timestamp, nonce, payload)),
        ]
        if content is not None:
            headers.append(("Content-Type", "application/json"))
        if idempotency_key is not None:
            headers.append(("Idempotency-Key", idempotency_key))
        request = httpx.Request(
            method, url, headers=headers, content=payload, extensions=self._extensions
        )

        started = self._clock.monotonic()
        raw, response = self._exchange(request, method, path, idempotency_key)
        # One line per exchange for the technicians' back-end log (no bodies: never card data).
        log.info(
            "%s %s -> %d (%.0f ms)",
            method,
            scrub(path),
            response.status_code,
            (self._clock.monotonic() - started) * 1000,
        )
        return judge(
            Answer(
                method=method,
                path=path,
                idempotency_key=idempotency_key,
                status=response.status_code,
                content_type=response.headers.get("Content-Type"),
                raw=raw,
                replayed=response.headers.get("Idempotent-Replayed", "").lower() == "true",
                retry_after=_retry_after(response),
                elapsed_s=self._clock.monotonic() - started,
            ),
            expected_status,
        )

    def _url(self, path: str) -> tuple[httpx.URL, str]:
        """The parsed URL of path and the path as it goes on the wire (what is signed).

        Parsed once per distinct path (a few hundred at most are kept)."""
        found = self._urls.get(path)
        if found is not None:
            return found
        try:
            url = httpx.URL(self._base + path)
        except httpx.InvalidURL:
            raise InvalidRequest("path is not a valid URL path") from None
        found = (url, url.raw_path.decode("ascii"))
        with self._urls_lock:
            if len(self._urls) >= MAX_CACHED_URLS:
                self._urls.clear()
            self._urls[path] = found
        return found

    def _exchange(
        self, request: httpx.Request, method: str, path: str, key: str | None
    ) -> tuple[bytes, httpx.Response]:
        """Send and read at most MAX_REPLY_BYTES; map transport failures to what they mean."""
        try:
            response = self._transport.handle_request(request)
        except _NOT_SENT as exc:
            raise BackendUnavailable(
                f"{method} {path}: not sent ({type(exc).__name__}); nothing happened"
            ) from exc
        except httpx.DecodingError:
            raise _undecodable(method, path, None) from None
        except httpx.HTTPError as exc:
            raise self._lost(exc, method, path, key) from exc
        response.request = request
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_REPLY_BYTES:
                    raise BadResponse(
                        f"{method} {path}: reply is larger than {MAX_REPLY_BYTES} bytes",
                        status=response.status_code,
                        may_have_committed=method in MUTATING,
                    )
                chunks.append(chunk)
        except httpx.DecodingError:
            raise _undecodable(method, path, response.status_code) from None
        except httpx.HTTPError as exc:
            raise self._lost(exc, method, path, key) from exc
        finally:
            response.close()
        return b"".join(chunks), response

    @staticmethod
    def _lost(exc: Exception, method: str, path: str, key: str | None) -> Exception:
        kind = type(exc).__name__
        if method in MUTATING:
            return OutcomeUnknown(
                f"no answer ({kind}); the server may have done it: retry with the same key",
                method=method,
                path=path,
                idempotency_key=key,
            )
        return BackendUnavailable(f"{method} {path}: no answer ({kind})")

    def send_call(self, call: Call) -> ApiResponse:
        return self.send(
            call.method,
            call.path,
            call.body,
            call.idempotency_key,
            expected_status=call.expected_status,
        )

    def _typed(self, call: Call, model: type[ModelT], **echo: str) -> ModelT:
        """Send, parse into `model`, and check the reply echoes this request's ids."""
        return parse(self.send_call(call), model, mutating=call.method in MUTATING, **echo)

    # ------------------------------------------------------------------ accounts (read)
    def get_account(self, account_no: str) -> m.Account:
        return self._typed(calls.account(account_no), m.Account, account_no=account_no)

    def get_bills(
        self, account_no: str, status: Literal["unpaid", "all"] = "unpaid", limit: int = 12
    ) -> list[m.Bill]:
        return self._typed(calls.bills(account_no, status, limit), m.BillList).bills

    def get_usage(self, account_no: str, months: int = 12) -> m.Usage:
        return self._typed(calls.usage(account_no, months), m.Usage)

    def get_payments(self, account_no: str, limit: int = 20) -> list[m.PaymentRecord]:
        return self._typed(calls.payments(account_no, limit), m.PaymentList).payments

    def get_pending_card_purchases(self, account_no: str) -> list[m.CardPurchase]:
        call = calls.pending_card_purchases(account_no)
        return self._typed(call, m.CardPurchaseList).purchases

    # ------------------------------------------------------------------ money
    def post_payment(self, body: b.PaymentBody) -> m.PaymentResult:
        call = calls.post_payment(body)
        result = self._typed(call, m.PaymentResult, transaction_id=body["transaction_id"])
        check_allocation(result, body["amount_fen"])
        return result

    def create_mobile_charge(self, body: b.MobileChargeBody) -> m.MobileCharge:
        call = calls.create_mobile_charge(body)
        charge = self._typed(call, m.MobileCharge, charge_id=body["charge_id"])
        if charge.status not in ("SUCCESS", "USERPAYING", "FAILED"):
            raise BadResponse(f"a new charge cannot be {charge.status}", may_have_committed=True)
        return charge

    def get_mobile_charge(self, charge_id: str) -> m.MobileCharge:
        call = calls.get_mobile_charge(charge_id)
        return self._typed(call, m.MobileCharge, charge_id=charge_id)

    def reverse_mobile_charge(self, charge_id: str) -> m.MobileChargeReversal:
        call = calls.reverse_mobile_charge(charge_id)
        return self._typed(call, m.MobileChargeReversal, charge_id=charge_id)

    def create_mobile_order(self, body: b.MobileOrderBody) -> m.MobileOrderCreated:
        call = calls.create_mobile_order(body)
        return self._typed(call, m.MobileOrderCreated, order_id=body["order_id"])

    def get_mobile_order(self, order_id: str) -> m.MobileOrderState:
        return self._typed(calls.get_mobile_order(order_id), m.MobileOrderState, order_id=order_id)

    def close_mobile_order(self, order_id: str) -> m.MobileOrderState:
        call = calls.close_mobile_order(order_id)
        state = self._typed(call, m.MobileOrderState, order_id=order_id)
        if state.status == "NOTPAY":
            raise BadResponse("a closed order cannot still be NOTPAY", may_have_committed=True)
        return state

    def create_card_authorization(self, body: b.CardAuthorizationBody) -> m.CardAuthorization:
        """The full PAN is only in this request's body; the reply carries `masked_pan`."""
        call = calls.create_card_authorization(body)
        auth = self._typed(call, m.CardAuthorization, auth_id=body["auth_id"])
        pan = body["card"]["pan"]
        if auth.masked_pan[:6] != pan[:6] or auth.masked_pan[-4:] != pan[-4:]:
            raise BadResponse(
                "the authorization's masked_pan is for another card",
                status=201,
                may_have_committed=True,
            )
        return auth

    def reverse_card_authorization(self, auth_id: str) -> m.CardAuthorizationReversal:
        call = calls.reverse_card_authorization(auth_id)
        return self._typed(call, m.CardAuthorizationReversal, auth_id=auth_id)

    def create_card_purchase(self, body: b.CardPurchaseBody) -> m.CardPurchase:
        call = calls.create_card_purchase(body)
        purchase = self._typed(call, m.CardPurchase, purchase_id=body["purchase_id"])
        if purchase.status != "pending_write" or purchase.credit_fen != body["amount_fen"]:
            raise BadResponse(
                "a new card purchase must be pending_write for the amount paid",
                status=201,
                may_have_committed=True,
            )
        return purchase

    def confirm_card_purchase(
        self, purchase_id: str, card_purchase_count_after: int
    ) -> m.CardPurchaseConfirmed:
        call = calls.confirm_card_purchase(purchase_id, card_purchase_count_after)
        return self._typed(call, m.CardPurchaseConfirmed, purchase_id=purchase_id)

    def create_invoice(self, body: b.InvoiceBody) -> m.Invoice:
        """409 ALREADY_INVOICED raises ApiError whose `.invoice_no` is the existing invoice."""
        return self._typed(calls.create_invoice(body), m.Invoice)

    def create_mandate(self, body: b.MandateBody) -> m.AutopayMandate:
        call = calls.create_mandate(body)
        return self._typed(call, m.AutopayMandate, mandate_id=body["mandate_id"])

    def cancel_mandate(self, mandate_id: str) -> m.AutopayMandateCancelled:
        return self._typed(calls.cancel_mandate(mandate_id), m.AutopayMandateCancelled)

    # ------------------------------------------------------------------ kiosk operations
    def heartbeat(self, body: b.HeartbeatBody, idempotency_key: str) -> m.HeartbeatReply:
        return self.ping(body, idempotency_key).reply

    def ping(self, body: b.HeartbeatBody, idempotency_key: str) -> Ping:
        """Send a heartbeat and measure the round trip and the server clock's offset."""
        sent_at = self._clock.now()
        response = self.send_call(calls.heartbeat(self.kiosk_id, body, idempotency_key))
        reply = parse(response, m.HeartbeatReply, mutating=True)
        midpoint = sent_at.timestamp() + response.elapsed_s / 2
        offset = reply.server_time.timestamp() - midpoint
        return Ping(reply=reply, latency_s=response.elapsed_s, clock_offset_s=offset)

    def post_cash_collection(self, body: b.CashCollectionBody) -> m.CashCollectionResult:
        call = calls.post_cash_collection(self.kiosk_id, body)
        result = self._typed(call, m.CashCollectionResult, collection_id=body["collection_id"])
        if result.discrepancy_fen != body["counted_total_fen"] - body["expected_total_fen"]:
            raise BadResponse(
                "discrepancy_fen is not counted minus expected", status=201, may_have_committed=True
            )
        return result

    def post_settlement(self, body: b.SettlementBody) -> m.SettlementResult:
        call = calls.post_settlement(self.kiosk_id, body)
        return self._typed(call, m.SettlementResult, settlement_id=body["settlement_id"])


def parse(response: ApiResponse, model: type[ModelT], *, mutating: bool, **echo: str) -> ModelT:
    """Validate a reply into `model` and check echoed ids; BadResponse without input values."""
    problems = ""
    try:
        parsed = model.model_validate(response.body)
    except ValidationError as exc:  # its text quotes input values: keep only locations and kinds
        problems = (
            "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}"
                for err in exc.errors(include_input=False, include_url=False)[:5]
            )
            or "invalid"
        )
    if problems:  # raised outside the except block so the chain holds no input values
        raise BadResponse(
            f"HTTP {response.status} reply does not fit {model.__name__}: {problems}",
            status=response.status,
            may_have_committed=mutating,
        )
    for field, expected in echo.items():
        got = getattr(parsed, field)
        if got != expected:
            raise BadResponse(
                f"reply is for {field} {str(got)[:64]!r}, not {expected!r}",
                status=response.status,
                may_have_committed=mutating,
            )
    return parsed


def check_allocation(result: m.PaymentResult, amount_fen: int) -> None:
    """A posted payment is split exactly into late fees, bills and balance (no fen lost)."""
    if result.status != "posted":
        return
    split = result.late_fee_paid_fen + result.to_balance_fen
    split += sum(item.amount_fen for item in result.applied)
    if split != amount_fen:
        raise BadResponse(
            f"payment of {amount_fen} fen was allocated as {split} fen",
            status=201,
            may_have_committed=True,
        )


def _check_call(method: str, path: str, has_body: bool, idempotency_key: str | None) -> str:
    """The upper-cased method, or InvalidRequest before anything is sent."""
    method = method.upper()
    if method not in ("GET", "POST", "DELETE"):
        raise InvalidRequest(f"unsupported method {method[:10]!r}")
    if not path.startswith("/v1/") or len(path) > 2048 or not path.isascii():
        raise InvalidRequest("path must be an ASCII path under /v1/")
    if any(ch in path for ch in " #\r\n\t") or "/../" in path or path.endswith("/.."):
        raise InvalidRequest("path contains characters that cannot be sent as they are")
    if method in MUTATING:
        v.idempotency_key(idempotency_key or "")
    elif idempotency_key is not None or has_body:
        raise InvalidRequest("a GET has neither a body nor an Idempotency-Key")
    return method


def _undecodable(method: str, path: str, status: int | None) -> BadResponse:
    return BadResponse(
        f"{method} {path}: reply body cannot be decoded (content encoding)",
        status=status,
        may_have_committed=method in MUTATING,
    )


def _retry_after(response: httpx.Response) -> int | None:
    return retry_after(response.headers.get("Retry-After"))


def _tls_context(verify: bool | str, client_cert: tuple[str, str] | None) -> ssl.SSLContext:
    """TLS with an optional private CA bundle and the kiosk's client certificate (mutual TLS)."""
    if isinstance(verify, str):
        context = ssl.create_default_context(cafile=verify)
    else:
        context = ssl.create_default_context()
        if not verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
    if client_cert is not None:
        context.load_cert_chain(certfile=client_cert[0], keyfile=client_cert[1])
    return context
