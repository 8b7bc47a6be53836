"""The e-invoice step after a payment: personal or company, name, tax id, one contact, and the
request through the back end.

Why it checks before sending: the resident sees every problem at once on the form, and a USCC
that fails the GB 32100 check character is a warning the resident may confirm (an early code can
be legal), not a refusal. The request itself goes through `InvoiceService`, which journals and
queues it with its own idempotency key before the first send; it runs on the executor, so a tap
never waits for the network. A result arriving after the session timed out is dropped (the
invoice service has it journaled; nothing is lost).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.session.core import SessionCore
from kiosk.session.state import Screen

if TYPE_CHECKING:  # the service's module needs the journal: imported once the core runs
    from kiosk.invoices import InvoiceOutcome, InvoiceRequest, Issue, Kind

log = logging.getLogger(__name__)

FIELDS = ("name", "tax_id", "contact")
FIELD_MAX = {"name": 100, "tax_id": 20, "contact": 120}
KINDS: tuple[Kind, ...] = ("personal", "company")
# The back end's refusals the resident can fix on the form: (field, issue key).
FIXABLE = {"INVALID_TAX_ID": ("tax_id", "tax_id_rejected")}


class InvoiceFlow(SessionCore):
    def invoices_available(self) -> bool:
        """The result screen offers an e-invoice: a service exists and the payment is posted."""
        outcome = self.state.outcome
        return (
            self._invoices is not None
            and outcome is not None
            and outcome.posted
            and bool(outcome.payment_id)
            and self.state.account is not None
        )

    def invoice_start(self) -> None:
        """From the result screen: an empty form for a personal invoice."""
        self._touch()
        if self.state.screen is not Screen.RESULT or not self.invoices_available():
            return
        self._set(
            screen=Screen.INVOICE,
            invoice_kind="personal",
            invoice_fields=(),
            invoice_issues=(),
            invoice_phase="form",
            invoice_result=None,
            message=None,
            message_arg="",
        )

    def invoice_kind(self, kind: str) -> None:
        self._touch()
        if not self._on_form() or kind not in KINDS:
            return
        self._set(invoice_kind=kind, invoice_issues=(), message=None)

    def invoice_field(self, name: str, text: str) -> None:
        """The text typed into one field so far (the keyboard's committed text)."""
        self._touch()
        if not self._on_form() or name not in FIELDS:
            return
        fields = dict(self.state.invoice_fields)
        fields[name] = text[: FIELD_MAX[name]]
        issues = tuple(i for i in self.state.invoice_issues if i[0] != name)
        self._set(invoice_fields=tuple(fields.items()), invoice_issues=issues, message=None)

    def invoice_submit(self) -> None:
        """Check the form; a bad check character asks for confirmation, errors stay on the form."""
        self._touch()
        if not self._on_form():
            return
        request = self._invoice_request(confirmed=False)
        if request is None:
            return
        issues = request.issues()
        errors = [i for i in issues if not i.warning]
        if errors:
            self._set(invoice_issues=_shown(errors), message=None)
        elif issues:
            self._set(invoice_phase="confirm_check", invoice_issues=_shown(issues), message=None)
        else:
            self._send(request)

    def invoice_confirm_check(self) -> None:
        """The resident confirms a tax id whose check character fails: send it as typed."""
        self._touch()
        state = self.state
        if state.screen is not Screen.INVOICE or state.invoice_phase != "confirm_check":
            return
        request = self._invoice_request(confirmed=True)
        if request is not None:
            self._send(request)

    def invoice_back(self) -> None:
        """One step back: confirmation -> form -> payment result; a failure -> the form."""
        self._touch()
        state = self.state
        if state.screen is Screen.INVOICE and state.invoice_phase == "confirm_check":
            self._set(invoice_phase="form")
        elif state.screen is Screen.INVOICE and state.invoice_phase == "form":
            self._back_to_result()
        elif state.screen is Screen.INVOICE_RESULT:
            if state.invoice_result is not None and state.invoice_result.status == "failed":
                self._set(screen=Screen.INVOICE, invoice_phase="form", invoice_result=None)
            else:
                self._back_to_result()

    def invoice_done(self) -> None:
        """Back to the payment result (the resident finishes there)."""
        self._touch()
        if self.state.screen is Screen.INVOICE_RESULT:
            self._back_to_result()

    # -- inside -------------------------------------------------------------------------------
    def _timeout_s(self, screen: Screen, senior: bool) -> int | None:
        if screen is Screen.INVOICE and self.state.invoice_phase == "sending":
            return None  # the answer comes within the service's wait; never cut short
        return super()._timeout_s(screen, senior)

    def _on_form(self) -> bool:
        state = self.state
        return state.screen is Screen.INVOICE and state.invoice_phase == "form"

    def _back_to_result(self) -> None:
        self._set(
            screen=Screen.RESULT,
            invoice_kind=None,
            invoice_fields=(),
            invoice_issues=(),
            invoice_phase=None,
            invoice_result=None,
            message=None,
        )

    def _invoice_request(self, *, confirmed: bool) -> InvoiceRequest | None:
        state = self.state
        outcome, account = state.outcome, state.account
        if outcome is None or account is None or not outcome.payment_id:
            return None
        kind: Kind = "company" if state.invoice_kind == "company" else "personal"
        fields = dict(state.invoice_fields)
        contact = fields.get("contact", "").strip()
        email = contact if "@" in contact else None
        phone = contact if contact and email is None else None
        from kiosk.invoices import InvoiceRequest

        return InvoiceRequest(
            account_no=account.account_no,
            payment_ids=(outcome.payment_id,),
            kind=kind,
            name=fields.get("name", ""),
            tax_id=fields.get("tax_id") if kind == "company" else None,
            email=email,
            phone=phone,
            confirmed_bad_check=confirmed,
        ).normalized()

    def _send(self, request: InvoiceRequest) -> None:
        service = self._invoices
        if service is None:
            return
        with self._lock:
            generation = self._generation
        self._set(invoice_phase="sending", invoice_issues=(), message=None)

        def work() -> None:
            from kiosk.invoices import InvoiceInputError

            try:
                result: InvoiceOutcome = service.request(request)
            except InvoiceInputError as exc:
                self._if_current(
                    generation, invoice_phase="form", invoice_issues=_shown(exc.issues)
                )
                return
            except Exception:
                log.exception("invoice request failed")
                self._if_current(
                    generation, invoice_phase="form", message="invoice_error", message_arg=""
                )
                return
            log.info("invoice request %s: %s", result.request_id, result.status)
            fixable = FIXABLE.get(result.reason or "") if result.status == "failed" else None
            if fixable is not None:
                self._if_current(generation, invoice_phase="form", invoice_issues=(fixable,))
                return
            self._if_current(
                generation,
                screen=Screen.INVOICE_RESULT,
                invoice_phase=None,
                invoice_result=result,
            )

        self._executor.submit(work)


def _shown(issues: list[Issue]) -> tuple[tuple[str, str], ...]:
    """(form field, key): e-mail and phone problems belong to the one contact field."""
    return tuple(("contact" if i.field in ("email", "phone") else i.field, i.key) for i in issues)
