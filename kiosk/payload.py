"""What a scanned QR payload is: a paper-bill code, a wallet payment code, or something refused.

Pure functions, no I/O: the scanner hands over decoded text, the session asks `classify()` before
doing anything with it. Payment codes are identified locally (the back end would answer
INVALID_AUTH_CODE anyway) so that nothing unrecognised ever leaves the kiosk. Refusals carry a
message key only, never the raw payload, so they are safe to log and show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import parse_qsl, urlsplit

from kiosk.masking import mask_code

MAX_PAYLOAD_CHARS = 512
BILL_URL_PREFIX = "https://e.utility.example/bill?"
BILL_HOST = "e.utility.example"
DEFAULT_ACCOUNT_LENGTHS = (10, 11, 12, 13)

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_BILL_ID = re.compile(r"B-(?P<acct>[0-9]+)-(?P<year>[0-9]{4})-(?P<month>[0-9]{2})", re.ASCII)
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*", re.ASCII)


class Wallet(StrEnum):
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"


class Refusal(StrEnum):
    """Message keys for refused payloads (the UI translates them)."""

    EMPTY = "scan.empty"
    TOO_LONG = "scan.too_long"
    CONTROL_CHARS = "scan.control_chars"
    NON_ASCII = "scan.non_ascii"
    OTHER_URL = "scan.other_url"
    BAD_BILL_URL = "scan.bad_bill_url"
    BAD_ACCOUNT = "scan.bad_account"
    BAD_BILL_ID = "scan.bad_bill_id"
    BAD_PAYMENT_CODE = "scan.bad_payment_code"
    UNRECOGNISED = "scan.unrecognised"


@dataclass(frozen=True)
class BillCode:
    """A paper bill's QR (account plus bill) or a bare account number (bill_id None)."""

    account_no: str
    bill_id: str | None = None


@dataclass(frozen=True)
class PaymentCode:
    """A resident's wallet payment code; repr and str show only the masked code."""

    wallet: Wallet
    code: str = field(repr=False)

    @property
    def masked(self) -> str:
        return mask_code(self.code)

    def __repr__(self) -> str:
        return f"PaymentCode(wallet={self.wallet.value!r}, code={self.masked!r})"

    def __str__(self) -> str:
        return f"{self.wallet.value} {self.masked}"


@dataclass(frozen=True)
class UnknownCode:
    """A refused payload; `reason` is a Refusal message key, the payload itself is not kept."""

    reason: Refusal


Classified = BillCode | PaymentCode | UnknownCode


def classify(
    payload: str, *, account_lengths: tuple[int, ...] = DEFAULT_ACCOUNT_LENGTHS
) -> Classified:
    """Identify a decoded payload strictly; anything not exactly a known form is refused."""
    if len(payload) > MAX_PAYLOAD_CHARS:
        return UnknownCode(Refusal.TOO_LONG)
    if not payload:
        return UnknownCode(Refusal.EMPTY)
    if not payload.isascii():
        return UnknownCode(Refusal.NON_ASCII)
    if not _PRINTABLE_ASCII.fullmatch(payload):
        return UnknownCode(Refusal.CONTROL_CHARS)
    if _DIGITS.fullmatch(payload):
        return _classify_digits(payload, account_lengths)
    if "://" in payload or payload.lower().startswith(("http:", "https:")):
        return _classify_url(payload, account_lengths)
    return UnknownCode(Refusal.UNRECOGNISED)


def payment_wallet(code: str) -> Wallet | None:
    """The wallet a digit string belongs to by length and prefix, or None."""
    if not _DIGITS.fullmatch(code):
        return None
    prefix = int(code[:2])
    if len(code) == 18 and 10 <= prefix <= 15:
        return Wallet.WECHAT
    if 16 <= len(code) <= 24 and 25 <= prefix <= 30:
        return Wallet.ALIPAY
    if len(code) == 19 and prefix == 62:
        return Wallet.UNIONPAY
    return None


def _classify_digits(digits: str, account_lengths: tuple[int, ...]) -> Classified:
    if len(digits) in account_lengths:
        return BillCode(account_no=digits)
    wallet = payment_wallet(digits)
    if wallet is not None:
        return PaymentCode(wallet=wallet, code=digits)
    if len(digits) < min(account_lengths, default=10):
        return UnknownCode(Refusal.BAD_ACCOUNT)
    return UnknownCode(Refusal.BAD_PAYMENT_CODE)


def _classify_url(url: str, account_lengths: tuple[int, ...]) -> Classified:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return UnknownCode(Refusal.OTHER_URL)
    if parts.hostname != BILL_HOST:
        return UnknownCode(Refusal.OTHER_URL)
    if (
        parts.scheme != "https"
        or parts.netloc != BILL_HOST
        or port is not None
        or parts.path != "/bill"
        or parts.fragment
    ):
        return UnknownCode(Refusal.BAD_BILL_URL)
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return UnknownCode(Refusal.BAD_BILL_URL)
    if [key for key, _ in pairs] != ["acct", "bill"]:
        return UnknownCode(Refusal.BAD_BILL_URL)
    account_no, bill_id = pairs[0][1], pairs[1][1]
    # Percent-escapes, '+' and friends decode to other text: only the exact printed form passes.
    if url != f"{BILL_URL_PREFIX}acct={account_no}&bill={bill_id}":
        return UnknownCode(Refusal.BAD_BILL_URL)
    if not _DIGITS.fullmatch(account_no) or len(account_no) not in account_lengths:
        return UnknownCode(Refusal.BAD_ACCOUNT)
    match = _BILL_ID.fullmatch(bill_id)
    if match is None or match["acct"] != account_no or not 1 <= int(match["month"]) <= 12:
        return UnknownCode(Refusal.BAD_BILL_ID)
    return BillCode(account_no=account_no, bill_id=bill_id)


def public_fields(result: Classified) -> dict[str, str | None]:
    """A classification as log/diagnostics fields: payment codes masked, refusals as keys."""
    if isinstance(result, PaymentCode):
        return {"kind": "payment", "wallet": result.wallet.value, "code": result.masked}
    if isinstance(result, BillCode):
        return {"kind": "bill", "account_no": result.account_no, "bill_id": result.bill_id}
    return {"kind": "unknown", "reason": result.reason.value}
