"""E-invoices (数电票) for payments made at the kiosk: what the resident typed, checked, and sent.

Why the outbox and not a direct call: an invoice request is created together with its outbox item
in ONE journal write (request_id = Idempotency-Key = the transaction id), before the first send.
The forwarder then sends it exactly like a payment: an unknown outcome (timeout, dropped answer,
5xx) is resent with the same key and body until the server decides, also after a crash or while
the network is down, and in order behind any payment of the same account still being posted. The
resident waits at most `wait_s` for the answer; if it has not come, the screen says the invoice
will follow (the download link reaches the e-mail/phone given) and nothing is lost.

The cost is that the outbox row holds the request body as it is sent, contact data included
(it must: a resend has to be byte-for-byte the same request). That is personal, not secret data
(no card data, code or PIN; the journal guard still checks it). The transaction's own detail,
which staff screens and exports show, keeps only masked forms: 张*明, z***@example.com,
138****5678. A refusal the resident saw on screen (INVALID_TAX_ID, ALREADY_INVOICED) has its
staff attention row resolved, because nobody needs to act on it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sqlalchemy.orm import Session

from kiosk.backend.bodies import invoice_body
from kiosk.backend.errors import InvalidRequest, scrub
from kiosk.clock import Clock
from kiosk.journal import Journal, SensitiveDataError, TransactionRecord, ops
from kiosk.masking import mask_name
from kiosk.outbox import ItemResult
from kiosk.payments.recovery import RecoveryHook, RecoveryReport
from kiosk.uscc import UsccStatus, check_uscc

log = logging.getLogger(__name__)

INVOICES_PATH = "/v1/invoices"
NAME_MAX = 100
EMAIL_MAX = 120  # the back end's limit (the RFC allows 254; nobody types that on a kiosk)
MAX_PAYMENTS = 20
# Refusals the resident is shown on screen: their staff attention rows are resolved.
SHOWN_TO_RESIDENT = frozenset({"INVALID_TAX_ID", "ALREADY_INVOICED"})

_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")

Kind = Literal["personal", "company"]
Status = Literal["issued", "already_invoiced", "failed", "unknown"]


@dataclass(frozen=True)
class Issue:
    """One problem with the typed data; `key` is stable (screens map it to a text)."""

    field: Literal["payments", "kind", "name", "tax_id", "email", "phone"]
    key: str
    warning: bool = False  # True: the resident may confirm and go on (bad USCC check character)
    detail: str = ""


@dataclass(frozen=True)
class InvoiceRequest:
    """What the resident asked for; `normalized()` before sending, `problems()` must be empty."""

    account_no: str
    payment_ids: tuple[str, ...]
    kind: Kind
    name: str
    tax_id: str | None = None
    email: str | None = None
    phone: str | None = None
    confirmed_bad_check: bool = False

    def normalized(self) -> InvoiceRequest:
        """Trim spaces, upper-case the tax id, drop blanks and phone separators."""
        tax = (self.tax_id or "").strip().upper() or None
        email = (self.email or "").strip() or None
        phone = re.sub(r"[\s-]", "", self.phone or "") or None
        if phone is not None and phone.startswith("+86"):
            phone = phone[3:]
        return InvoiceRequest(
            account_no=self.account_no.strip(),
            payment_ids=tuple(dict.fromkeys(p.strip() for p in self.payment_ids)),
            kind=self.kind,
            name=" ".join(self.name.split()) if _printable(self.name) else self.name.strip(),
            tax_id=tax,
            email=email,
            phone=phone,
            confirmed_bad_check=self.confirmed_bad_check,
        )

    def issues(self) -> list[Issue]:
        """Every problem, errors and warnings alike (call on the normalized request)."""
        found: list[Issue] = []
        if not self.payment_ids or len(self.payment_ids) > MAX_PAYMENTS:
            found.append(Issue("payments", "payments_required"))
        if self.kind not in ("personal", "company"):
            found.append(Issue("kind", "kind_invalid"))
        if not self.name:
            found.append(Issue("name", "name_required"))
        elif len(self.name) > NAME_MAX:
            found.append(Issue("name", "name_too_long", detail=f"at most {NAME_MAX} characters"))
        elif not _printable(self.name):
            found.append(Issue("name", "name_invalid_characters"))
        found.extend(self._tax_issues())
        if self.email is not None and (
            len(self.email) > EMAIL_MAX or not _EMAIL_RE.match(self.email)
        ):
            found.append(Issue("email", "email_invalid"))
        if self.phone is not None and not _PHONE_RE.match(self.phone):
            found.append(Issue("phone", "phone_invalid", detail="11 digits starting 13-19"))
        return found

    def _tax_issues(self) -> list[Issue]:
        if self.kind != "company":
            return [Issue("tax_id", "tax_id_not_for_personal")] if self.tax_id else []
        if not self.tax_id:
            return [Issue("tax_id", "tax_id_required")]
        result = check_uscc(self.tax_id)
        if result.status is UsccStatus.BAD_FORMAT:
            return [Issue("tax_id", "tax_id_bad_format", detail=result.reason)]
        if result.status is UsccStatus.BAD_CHECK:
            return [Issue("tax_id", "tax_id_bad_check", warning=True, detail=result.reason)]
        return []

    def problems(self) -> list[Issue]:
        """What stops sending: errors, and a bad check character the resident has not confirmed."""
        return [
            i
            for i in self.issues()
            if not (i.warning and i.key == "tax_id_bad_check" and self.confirmed_bad_check)
        ]

    def masked(self) -> dict[str, Any]:
        """The journal's view: contact data and a person's name masked."""
        return {
            "payment_ids": list(self.payment_ids),
            "buyer_kind": self.kind,
            "buyer_name": self.name if self.kind == "company" else mask_name(self.name),
            "tax_id": self.tax_id,
            "email": None if self.email is None else mask_email(self.email),
            "phone": None if self.phone is None else mask_phone(self.phone),
            "confirmed_bad_check": self.confirmed_bad_check,
        }


class InvoiceInputError(ValueError):
    """The request was not sent (nothing journaled): fix the listed issues first."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(", ".join(f"{i.field}: {i.key}" for i in issues))


@dataclass(frozen=True)
class InvoiceOutcome:
    status: Status
    request_id: str
    invoice_no: str | None = None
    download_url: str | None = None
    amount_fen: int | None = None
    reason: str | None = None  # the back end's code (INVALID_TAX_ID, ...) or "pending"
    detail: str = field(default="", compare=False)  # the back end's message, for staff


class InvoiceForwarder(Protocol):
    """The outbox forwarder (kiosk.outbox.Forwarder) as this service uses it."""

    def wake(self) -> None: ...

    def wait_result(self, txn_id: str, timeout_s: float) -> ItemResult | None: ...


class InvoiceService:
    """Journals, queues and reports invoice requests; call `request` from a worker thread."""

    def __init__(
        self,
        journal: Journal,
        forwarder: InvoiceForwarder,
        kiosk_id: str,
        clock: Clock,
        *,
        wait_s: float = 20.0,
    ) -> None:
        self._journal = journal
        self._forwarder = forwarder
        self._kiosk_id = kiosk_id
        self._clock = clock
        self._wait_s = wait_s

    def request(self, req: InvoiceRequest, wait_s: float | None = None) -> InvoiceOutcome:
        """Check, journal + queue (one write), send, and wait up to wait_s for the decision.

        Raises InvoiceInputError (nothing journaled) when `req.normalized().problems()`.
        """
        req = req.normalized()
        problems = req.problems()
        if problems:
            raise InvoiceInputError(problems)
        now = self._clock.now()

        def job(session: Session) -> str:
            txn = ops.create_transaction(
                session,
                now,
                kiosk_id=self._kiosk_id,
                kind="invoice_request",
                account_no=req.account_no,
                amount_fen=0,
                method=None,
                state="sending",
                detail=req.masked(),
            )
            body = invoice_body(
                request_id=txn.id,
                payment_ids=req.payment_ids,
                buyer_kind=req.kind,
                buyer_name=req.name,
                tax_id=req.tax_id,
                email=req.email,
                phone=req.phone,
            )
            ops.enqueue(
                session,
                now,
                txn_id=txn.id,
                method="POST",
                path=INVOICES_PATH,
                body=dict(body),
                key=txn.id,
                account_no=req.account_no,
            )
            return txn.id

        try:
            request_id = self._journal.write(job)
        except (SensitiveDataError, InvalidRequest) as exc:
            # e.g. a "name" that is really a card number: refused, nothing written
            raise InvoiceInputError([Issue("name", "refused", detail=scrub(str(exc)))]) from None
        log.info("invoice request %s queued for %d payment(s)", request_id, len(req.payment_ids))
        self._forwarder.wake()
        waited = self._wait_s if wait_s is None else wait_s
        return self._settle(request_id, self._forwarder.wait_result(request_id, waited), True)

    def outcome(self, request_id: str) -> InvoiceOutcome:
        """Where a request stands now (e.g. after an `unknown`): decided or still pending."""
        return self._settle(request_id, self._forwarder.wait_result(request_id, 0.0), False)

    def _settle(self, request_id: str, result: ItemResult | None, shown: bool) -> InvoiceOutcome:
        if result is None:
            return InvoiceOutcome("unknown", request_id, reason="pending")
        outcome = outcome_of(request_id, result)
        txn = self._journal.get_transaction(request_id)
        if txn is not None and "outcome" not in txn.detail:
            self._journal.set_state(
                request_id,
                txn.state,
                detail_update={
                    "outcome": outcome.status,
                    "invoice_no": outcome.invoice_no,
                    "invoice_amount_fen": outcome.amount_fen,
                    "reason": outcome.reason,
                },
            )
        if shown and outcome.reason in SHOWN_TO_RESIDENT:
            self._resolve_attention(request_id, outcome)
        return outcome

    def _resolve_attention(self, request_id: str, outcome: InvoiceOutcome) -> None:
        for item in self._journal.list_attention():
            if item.txn_id == request_id:
                note = f"shown to the resident: {outcome.reason} {outcome.invoice_no or ''}"
                self._journal.resolve_attention(item.id, "kiosk", note.strip())

    def recovery_hooks(
        self,
    ) -> dict[str, RecoveryHook]:
        """After a crash: a pending outbox item is resent unchanged by the forwarder."""

        def invoice(journal: Journal, txn: TransactionRecord, report: RecoveryReport) -> None:
            items = journal.outbox_for(txn.id)
            if items and items[-1].state == "pending":
                report.resent.append(txn.id)
                return
            if items:  # decided, but the transaction was not moved on: record it now
                self._settle(txn.id, self._forwarder.wait_result(txn.id, 0.0), False)
                report.finished.append(txn.id)
                return
            reason = f"invoice request {txn.id} in state {txn.state!r} has no outbox item"
            if all(a.reason != reason for a in journal.list_attention()):
                journal.add_attention(txn.id, reason)
            report.attention.append(txn.id)

        return {"invoice_request": invoice}


def outcome_of(request_id: str, result: ItemResult) -> InvoiceOutcome:
    """Read the forwarder's decided result: an invoice, an existing invoice, or a refusal."""
    body = result.response or {}
    if result.state == "sent":
        return InvoiceOutcome(
            "issued",
            request_id,
            invoice_no=_text(body.get("invoice_no")),
            download_url=_text(body.get("download_url")),
            amount_fen=_int(body.get("amount_fen")),
        )
    raw_error = body.get("error")
    error: dict[str, Any] = raw_error if isinstance(raw_error, dict) else {}
    code = _text(error.get("code")) or (result.error or "").split(":", 1)[0] or "REFUSED"
    message = _text(error.get("message")) or (result.error or "")
    if code == "ALREADY_INVOICED":
        existing = _text(error.get("invoice_no")) or _text(body.get("invoice_no"))
        return InvoiceOutcome(
            "already_invoiced", request_id, invoice_no=existing, reason=code, detail=message
        )
    return InvoiceOutcome("failed", request_id, reason=code, detail=message)


def mask_email(email: str) -> str:
    """zhang.san@example.com -> z***@example.com"""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678"""
    return phone[:3] + "*" * max(0, len(phone) - 7) + phone[-4:] if len(phone) > 7 else "***"


def _printable(text: str) -> bool:
    """No control or format characters (new lines, zero-width joiners, direction marks)."""
    return all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
